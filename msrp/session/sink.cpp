#include "msrp/session/sink.hpp"

#include "msrp/session/error.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/types.h>
#include <unistd.h>

namespace cpm::msrp {

namespace {
boost::system::error_code last_system_error() noexcept
{
    return {errno, boost::system::system_category()};
}
} // namespace

boost::system::error_code memory_sink::write(std::uint64_t offset, std::span<char const> bytes)
{
    if (offset > limit_ || bytes.size() > limit_ - offset)
        return session_errc::sink_failed;
    auto const at = static_cast<std::size_t>(offset);
    if (data_.size() < at + bytes.size())
        data_.resize(at + bytes.size());
    std::copy(bytes.begin(), bytes.end(), data_.begin() + static_cast<std::ptrdiff_t>(at));
    return {};
}

boost::system::error_code memory_sink::finish(std::uint64_t size)
{
    if (size > limit_)
        return session_errc::sink_failed;
    data_.resize(static_cast<std::size_t>(size));
    return {};
}

boost::system::error_code null_sink::write(std::uint64_t offset, std::span<char const> bytes)
{
    extent_ = std::max(extent_, offset + bytes.size());
    return {};
}

boost::system::error_code null_sink::finish(std::uint64_t size)
{
    size_ = size;
    return {};
}

boost::system::error_code file_sink::open(std::string const& path, std::unique_ptr<file_sink>& out)
{
    int const fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return last_system_error();
    out.reset(new file_sink(fd, path));
    return {};
}

file_sink::~file_sink()
{
    if (fd_ >= 0)
        ::close(fd_);
}

boost::system::error_code file_sink::write(std::uint64_t offset, std::span<char const> bytes)
{
    if (fd_ < 0)
        return session_errc::sink_failed;
    while (!bytes.empty()) {
        ssize_t const n = ::pwrite(fd_, bytes.data(), bytes.size(), static_cast<off_t>(offset));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return last_system_error();
        }
        bytes = bytes.subspan(static_cast<std::size_t>(n));
        offset += static_cast<std::uint64_t>(n);
    }
    return {};
}

boost::system::error_code file_sink::finish(std::uint64_t size)
{
    if (fd_ < 0)
        return session_errc::sink_failed;
    boost::system::error_code ec;
    if (::ftruncate(fd_, static_cast<off_t>(size)) != 0)
        ec = last_system_error();
    if (::close(fd_) != 0 && !ec)
        ec = last_system_error();
    fd_ = -1;
    return ec;
}

void file_sink::abort() noexcept
{
    if (fd_ >= 0)
        ::close(fd_);
    fd_ = -1;
    ::unlink(path_.c_str());
}

boost::system::error_code memory_source::read(std::size_t max, source_chunk& out)
{
    std::size_t const n = std::min(max, body_.size() - at_);
    out.bytes = std::span<char const>(body_.data() + at_, n);
    at_ += n;
    out.last = at_ == body_.size();
    return {};
}

namespace {
constexpr std::size_t pattern_period = 64 * 1024;

// Two periods, so any window of up to one period is contiguous.
std::array<char, 2 * pattern_period> const& pattern() noexcept
{
    static auto const p = [] {
        std::array<char, 2 * pattern_period> a{};
        for (std::size_t i = 0; i < a.size(); ++i)
            a[i] = pattern_source::byte_at(i);
        return a;
    }();
    return p;
}
} // namespace

char pattern_source::byte_at(std::uint64_t offset) noexcept
{
    std::uint64_t const i = offset % pattern_period;
    return static_cast<char>('a' + (i * 7 + i / 26) % 26);
}

boost::system::error_code pattern_source::read(std::size_t max, source_chunk& out)
{
    std::size_t const n = static_cast<std::size_t>(std::min<std::uint64_t>({max, size_ - at_, pattern_period}));
    out.bytes = std::span<char const>(pattern().data() + at_ % pattern_period, n);
    at_ += n;
    out.last = at_ == size_;
    return {};
}

} // namespace cpm::msrp
