#pragma once
/// @file
/// An SDP session description (RFC 8866) as views into its text, and the
/// parser. Every string_view points into the parsed input; nothing is
/// copied. Lines may end in CRLF or, as RFC 8866 section 5 asks parsers to
/// tolerate, in a bare LF; the serializer (serialize.hpp) always writes CRLF.

#include "sdp/limits.hpp"
#include "sip/abnf/parse_error.hpp"
#include "sip/abnf/text_buffer.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace cpm::sdp {

namespace abnf = cpm::sip::abnf;

/// o= username sess-id sess-version nettype addrtype unicast-address
struct origin {
    std::string_view username;
    std::string_view session_id;      ///< 1*DIGIT, may exceed 64 bits: kept as text
    std::string_view session_version; ///< 1*DIGIT
    std::string_view nettype;         ///< "IN"
    std::string_view addrtype;        ///< "IP4", "IP6"
    std::string_view address;
    bool operator==(origin const&) const = default;
};

/// c= nettype addrtype connection-address. A multicast address carries
/// "/ttl" (IP4 only) and "/numaddr", split off here.
struct connection {
    std::string_view nettype;
    std::string_view addrtype;
    std::string_view address;        ///< without "/ttl" or "/numaddr"
    std::optional<std::uint8_t> ttl; ///< IP4 multicast (RFC 8866 5.7)
    std::optional<std::uint32_t> address_count;
    bool operator==(connection const&) const = default;
};

/// b= bwtype ":" bandwidth
struct bandwidth {
    std::string_view type; ///< "AS", "CT", "TIAS", ...
    std::uint64_t value = 0;
    bool operator==(bandwidth const&) const = default;
};

/// r= repeat-interval SP typed-time 1*(SP typed-time); typed times keep
/// their unit letter ("7d", "1h", "25").
struct repeat_time {
    std::string_view interval;
    std::string_view duration;
    std::vector<std::string_view> offsets;
    bool operator==(repeat_time const&) const = default;
};

/// One "time SP ['-'] typed-time" pair of z=.
struct zone_adjustment {
    std::string_view time;
    std::string_view offset; ///< with its '-' when negative
    bool operator==(zone_adjustment const&) const = default;
};

/// t= start stop, its r= lines and the z= line that modifies them.
struct time_description {
    std::uint64_t start = 0; ///< NTP seconds (since 1900), 0 = unbounded
    std::uint64_t stop = 0;
    std::vector<repeat_time> repeats;
    std::vector<zone_adjustment> zones; ///< empty when there is no z= line
    bool operator==(time_description const&) const = default;
};

/// k= key-type (obsolete, RFC 8866 5.12, still parsed).
struct key {
    std::string_view method; ///< "prompt", "clear", "base64", "uri"
    std::string_view value;  ///< empty for "prompt"
    bool operator==(key const&) const = default;
};

/// a= attribute-name [":" attribute-value]
struct attribute {
    std::string_view name;
    std::string_view value; ///< empty for a property attribute
    bool has_value = false;
    std::uint32_t line = 0; ///< 1-based line in the description (0 when built)
    bool operator==(attribute const& o) const noexcept
    {
        return name == o.name && value == o.value && has_value == o.has_value;
    }
};

/// A media description: m= and the i= c= b= k= a= lines under it.
struct media_description {
    std::string_view media; ///< "message", "audio", ...
    std::uint16_t port = 0;
    std::optional<std::uint32_t> port_count; ///< m=<media> <port>/<count>
    std::string_view proto;                  ///< "TCP/MSRP", "TCP/TLS/MSRP", "RTP/AVP"
    std::vector<std::string_view> formats;   ///< at least one ("*" for MSRP)
    std::string_view information;            ///< i=, empty when absent
    std::vector<connection> connections;
    std::vector<bandwidth> bandwidths;
    std::optional<sdp::key> key;
    std::vector<attribute> attributes;
    std::uint32_t line = 0; ///< line of the m= line (0 when built)

    /// The first attribute named @p name (compared byte for byte), or null.
    attribute const* find(std::string_view name) const noexcept;
    bool operator==(media_description const& o) const noexcept
    {
        return media == o.media && port == o.port && port_count == o.port_count && proto == o.proto &&
               formats == o.formats && information == o.information && connections == o.connections &&
               bandwidths == o.bandwidths && key == o.key && attributes == o.attributes;
    }
};

/// A whole session description in RFC 8866 section 5 order.
struct session_description {
    std::uint32_t version = 0; ///< v=, always 0
    sdp::origin origin;
    std::string_view name;        ///< s=
    std::string_view information; ///< i=, empty when absent
    std::string_view uri;         ///< u=, empty when absent
    std::vector<std::string_view> emails;
    std::vector<std::string_view> phones;
    std::optional<sdp::connection> connection;
    std::vector<bandwidth> bandwidths;
    std::vector<time_description> times; ///< at least one
    std::optional<sdp::key> key;
    std::vector<attribute> attributes;
    std::vector<media_description> media;

    /// The first session-level attribute named @p name, or null.
    attribute const* find(std::string_view name) const noexcept;
    bool operator==(session_description const&) const = default;
};

/// Parses @p text (views point into it). Errors carry line:column and a
/// sentence naming the line: "SDP line 5: m= expected <media> <port> <proto> <fmt>".
abnf::result<session_description> parse(std::string_view text, sdp::limits const& limits = {});

/// A description together with the buffer its views point into.
class parsed_session {
public:
    /// Parses @p buffer and keeps it; moving the result keeps the views valid.
    static abnf::result<parsed_session> parse(abnf::text_buffer buffer, sdp::limits const& limits = {});

    session_description const& description() const noexcept { return description_; }
    abnf::text_buffer const& buffer() const noexcept { return buffer_; }

private:
    parsed_session(abnf::text_buffer buffer, session_description d) noexcept
        : buffer_(std::move(buffer)), description_(std::move(d)) {}
    abnf::text_buffer buffer_;
    session_description description_;
};

} // namespace cpm::sdp
