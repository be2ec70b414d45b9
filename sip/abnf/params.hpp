#pragma once
/// @file
/// Zero-copy views over parameter lists: ";name=value;flag" after a header
/// value (generic-param, with SWS around ';' and '=') or inside a URI
/// (uri-parameter, no whitespace, %-escapes).

#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

namespace cpm::sip::abnf {

/// One parameter as written on the wire.
struct param {
    std::string_view name;
    std::string_view value; ///< raw: may be a quoted-string or %-escaped
    bool has_value = false;

    bool is_quoted() const noexcept { return value.size() >= 2 && value.front() == '"'; }
    /// The value without quotes / quoted-pairs (copies).
    std::string unquoted_value() const;
};

enum class param_syntax : std::uint8_t {
    header, ///< RFC 3261 generic-param: SEMI token [EQUAL gen-value]
    uri,    ///< RFC 3261 uri-parameter: ";" pname ["=" pvalue]
    tel,    ///< RFC 3966 par: ";" 1*(alphanum / "-") ["=" value]; the value may hold
            ///< any uric but ';' (isdn-subaddress = ";isub=" 1*uric)
};

/// A validated parameter list. Construct it only through parse_params();
/// iteration re-scans the validated text and never allocates.
class param_list {
public:
    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = param;
        using difference_type = std::ptrdiff_t;
        using pointer = param const*;
        using reference = param const&;

        iterator() = default;
        reference operator*() const noexcept { return current_; }
        pointer operator->() const noexcept { return &current_; }
        iterator& operator++();
        iterator operator++(int) { auto t = *this; ++*this; return t; }
        friend bool operator==(iterator const& a, iterator const& b) noexcept { return a.pos_ == b.pos_; }

    private:
        friend class param_list;
        iterator(char const* pos, char const* end, param_syntax syntax) : pos_(pos), end_(end), syntax_(syntax) { ++*this; }
        char const* pos_ = nullptr;  // start of the next ";" (nullptr at end)
        char const* end_ = nullptr;
        param_syntax syntax_ = param_syntax::header;
        param current_{};
    };

    param_list() = default;

    iterator begin() const { return raw_.empty() ? end() : iterator(raw_.data(), raw_.data() + raw_.size(), syntax_); }
    iterator end() const { return iterator(); }
    bool empty() const noexcept { return raw_.empty(); }
    /// The list as written, starting at the first ';' (or SWS before it).
    std::string_view raw() const noexcept { return raw_; }

    /// First parameter named @p name (case-insensitive), if any.
    std::optional<param> find(std::string_view name) const;
    bool contains(std::string_view name) const { return find(name).has_value(); }
    /// Value of @p name, or empty when absent or valueless.
    std::string_view value_of(std::string_view name) const;

private:
    friend param_list make_param_list(std::string_view, param_syntax) noexcept;
    std::string_view raw_;
    param_syntax syntax_ = param_syntax::header;
};

/// Builds a list over text already validated by parse_params().
param_list make_param_list(std::string_view validated, param_syntax syntax) noexcept;

/// Receives each parameter while parse_params() validates it, so a caller
/// that wants a few well-known parameters needs no second pass.
class param_visitor {
public:
    virtual void on_param(param const& p) = 0;

protected:
    ~param_visitor() = default;
};

/// Validates the longest parameter list at the start of @p text. Returns
/// the number of bytes it covers (0 for an empty list); the caller decides
/// whether what follows is acceptable.
std::size_t parse_params(std::string_view text, param_syntax syntax,
                         param_visitor* visitor = nullptr) noexcept;

/// parse_params() calling @p f(param const&) for each parameter.
template <class F>
std::size_t parse_params_visit(std::string_view text, param_syntax syntax, F&& f)
{
    struct adapter final : param_visitor {
        explicit adapter(F& fn) : fn_(fn) {}
        void on_param(param const& p) override { fn_(p); }
        F& fn_;
    } visitor(f);
    return parse_params(text, syntax, &visitor);
}

} // namespace cpm::sip::abnf
