#pragma once
/// @file
/// Where received bodies go and where sent bodies come from. A session
/// never holds a whole message: incoming chunks are written into a
/// body_sink at their Byte-Range offsets (RFC 4975 5.1: chunks may arrive
/// out of order, and again), outgoing chunks are read from a body_source
/// one chunk at a time.

#include <boost/system/error_code.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

namespace cpm::msrp {

/// Receives the body of one incoming message.
class body_sink {
public:
    virtual ~body_sink() = default;
    /// Stores @p bytes at the 0-based @p offset of the message body. The
    /// same offsets may be written twice (duplicate chunks) with the same
    /// bytes. An error fails the message (413 to the sender).
    virtual boost::system::error_code write(std::uint64_t offset, std::span<char const> bytes) = 0;
    /// Every byte of [0, @p size) has been written.
    virtual boost::system::error_code finish(std::uint64_t size) = 0;
    /// The message failed or was aborted; what was written may be dropped.
    virtual void abort() noexcept {}
};

/// Keeps the body in memory, up to a fixed bound.
class memory_sink final : public body_sink {
public:
    /// Refuses (session_errc::sink_failed) bytes beyond @p limit.
    explicit memory_sink(std::size_t limit) : limit_(limit) {}
    boost::system::error_code write(std::uint64_t offset, std::span<char const> bytes) override;
    boost::system::error_code finish(std::uint64_t size) override;
    void abort() noexcept override { data_.clear(); }
    /// The body received so far (complete after finish()).
    std::string const& data() const noexcept { return data_; }

private:
    std::size_t limit_;
    std::string data_;
};

/// Discards the body and only counts it: benchmarks, and messages a user
/// does not want.
class null_sink final : public body_sink {
public:
    boost::system::error_code write(std::uint64_t offset, std::span<char const> bytes) override;
    boost::system::error_code finish(std::uint64_t size) override;
    /// One past the highest byte offset written.
    std::uint64_t extent() const noexcept { return extent_; }
    /// Size given to finish(), 0 before.
    std::uint64_t size() const noexcept { return size_; }

private:
    std::uint64_t extent_ = 0;
    std::uint64_t size_ = 0;
};

/// Writes the body to a file with positional writes (POSIX pwrite), so
/// out-of-order chunks land in place and memory stays constant.
class file_sink final : public body_sink {
public:
    /// Creates or truncates @p path (mode 0600).
    static boost::system::error_code open(std::string const& path, std::unique_ptr<file_sink>& out);
    ~file_sink() override;
    file_sink(file_sink const&) = delete;
    file_sink& operator=(file_sink const&) = delete;
    boost::system::error_code write(std::uint64_t offset, std::span<char const> bytes) override;
    /// Truncates the file to @p size and closes it.
    boost::system::error_code finish(std::uint64_t size) override;
    /// Closes and removes the file.
    void abort() noexcept override;

private:
    file_sink(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
    int fd_;
    std::string path_;
};

/// One read from a body_source.
struct source_chunk {
    std::span<char const> bytes; ///< valid until the next read
    bool last = false;           ///< no byte follows these
};

/// Supplies the body of one outgoing message, a chunk at a time.
class body_source {
public:
    virtual ~body_source() = default;
    /// Body size when known up front (Byte-Range total), else nullopt ("*").
    virtual std::optional<std::uint64_t> size() const noexcept = 0;
    /// The next at most @p max bytes (at least 1 unless the body ended).
    virtual boost::system::error_code read(std::size_t max, source_chunk& out) = 0;
};

/// A body held in memory.
class memory_source final : public body_source {
public:
    explicit memory_source(std::string body) : body_(std::move(body)) {}
    std::optional<std::uint64_t> size() const noexcept override { return body_.size(); }
    boost::system::error_code read(std::size_t max, source_chunk& out) override;

private:
    std::string body_;
    std::size_t at_ = 0;
};

/// A synthetic body of @p size bytes repeating a fixed 64 KiB pattern of
/// letters (no CR, so it never holds an end-line): load for benchmarks and
/// tests, with no memory per byte.
class pattern_source final : public body_source {
public:
    /// @p known_size false: size() says nullopt (Byte-Range total "*").
    explicit pattern_source(std::uint64_t size, bool known_size = true) : size_(size), known_(known_size) {}
    std::optional<std::uint64_t> size() const noexcept override
    {
        return known_ ? std::optional<std::uint64_t>(size_) : std::nullopt;
    }
    boost::system::error_code read(std::size_t max, source_chunk& out) override;
    /// The byte at @p offset of any pattern_source body.
    static char byte_at(std::uint64_t offset) noexcept;

private:
    std::uint64_t size_;
    bool known_;
    std::uint64_t at_ = 0;
};

} // namespace cpm::msrp
