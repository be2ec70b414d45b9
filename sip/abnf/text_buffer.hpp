#pragma once
/// @file
/// Owned, heap-stable text that parsed views point into.

#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>

namespace cpm::sip::abnf {

/// An owned byte buffer whose data pointer survives moves (unlike std::string,
/// whose small-string optimisation relocates short contents). Every parsed
/// message is a set of string_views into one of these.
class text_buffer {
public:
    text_buffer() = default;

    /// Copies @p text into a new heap block.
    explicit text_buffer(std::string_view text)
        : data_(text.empty() ? nullptr : new char[text.size()]), size_(text.size())
    {
        if (size_ != 0)
            std::memcpy(data_.get(), text.data(), size_);
    }

    /// Takes ownership of @p size bytes at @p data (allocated with new[]).
    text_buffer(std::unique_ptr<char[]> data, std::size_t size) noexcept
        : data_(std::move(data)), size_(size) {}

    text_buffer(text_buffer&&) noexcept = default;
    text_buffer& operator=(text_buffer&&) noexcept = default;
    text_buffer(text_buffer const&) = delete;
    text_buffer& operator=(text_buffer const&) = delete;

    char const* data() const noexcept { return data_.get(); }
    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    std::string_view view() const noexcept { return {data_.get(), size_}; }

    /// Deep copy, for the rare caller that needs two owners.
    text_buffer clone() const { return text_buffer(view()); }

private:
    std::unique_ptr<char[]> data_;
    std::size_t size_ = 0;
};

} // namespace cpm::sip::abnf
