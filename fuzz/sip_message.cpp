// Fuzz target: cpm::sip::message::parse on arbitrary bytes, in datagram and
// in stream mode.
//
// Properties checked on every input:
// - parsing never crashes, hangs or reads outside the input;
// - an error points inside the input and says something;
// - a parsed message keeps every view inside its own buffer, also after the
//   message is moved, and the header index agrees with find()/count();
// - every header value decodes through sip::decode() (the typed on-access
//   grammars) with views inside the value, or fails naming its header;
// - round trip: parse(serialize(parse(x))) == parse(x), field by field
//   (start line, each header's id and value, the hot headers, the decoded
//   values, defects, body), and serialize() is a fixed point.
// The shared view checks (sip_checks.hpp) read each view byte by byte, so
// AddressSanitizer reports a view into freed or foreign memory even where
// the range check cannot see it.

#include "sip/builder.hpp"
#include "sip/decode.hpp"
#include "sip/message.hpp"
#include "sip_checks.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace {

using cpm::fuzz::require;
using cpm::sip::message;
using cpm::sip::abnf::text_buffer;

void same_uri(cpm::sip::uri const& a, cpm::sip::uri const& b)
{
    require(a.kind == b.kind && a.raw == b.raw && a.scheme == b.scheme && a.rest == b.rest,
            "round trip: Request-URI kind and text");
    require(a.sip.user == b.sip.user && a.sip.password == b.sip.password && a.sip.host == b.sip.host &&
                a.sip.port == b.sip.port && a.sip.params.raw() == b.sip.params.raw() &&
                a.sip.headers.raw() == b.sip.headers.raw(),
            "round trip: Request-URI SIP parts");
    require(a.tel.number == b.tel.number && a.tel.params.raw() == b.tel.params.raw(),
            "round trip: Request-URI tel parts");
    if (!a.raw.empty())
        require(cpm::sip::equivalent(a, b) && cpm::sip::equivalent(b, a), "round trip: Request-URIs are equivalent");
}

void same_name_addr(cpm::sip::name_addr const& a, cpm::sip::name_addr const& b)
{
    require(a.display_name == b.display_name && a.uri == b.uri && a.bracketed == b.bracketed &&
                a.params.raw() == b.params.raw() && a.tag == b.tag && a.raw == b.raw,
            "round trip: From/To");
}

void same_decoded(cpm::sip::header_field const& a, cpm::sip::header_field const& b)
{
    auto const x = cpm::sip::decode(a.id, a.value);
    auto const y = cpm::sip::decode(b.id, b.value);
    require(x.has_value() == y.has_value(), "round trip: header decodes the same");
    if (x)
        require(x->index() == y->index(), "round trip: header decodes to the same type");
    else
        require(x.error().offset == y.error().offset && x.error().message == y.error().message &&
                    x.error().code == y.error().code,
                "round trip: header fails to decode the same way");
}

/// Everything parse() decodes, compared field by field.
void same_message(message const& a, message const& b)
{
    require(a.is_request() == b.is_request() && a.method() == b.method() && a.method_text() == b.method_text() &&
                a.request_uri() == b.request_uri() && a.version() == b.version() &&
                a.status_code() == b.status_code() && a.reason() == b.reason() && a.start_line() == b.start_line(),
            "round trip: start line");
    same_uri(a.parsed_request_uri(), b.parsed_request_uri());

    require(a.headers().size() == b.headers().size(), "round trip: header count");
    for (std::size_t i = 0; i < a.headers().size(); ++i) {
        auto const& x = a.headers()[i];
        auto const& y = b.headers()[i];
        require(x.id == y.id, "round trip: header id");
        if (x.id == cpm::sip::header_id::unknown)
            require(x.name == y.name, "round trip: unknown header name");
        require(x.value == y.value, "round trip: header value");
        same_decoded(x, y);
    }

    auto const& v = a.top_via();
    auto const& w = b.top_via();
    require(v.protocol_name == w.protocol_name && v.protocol_version == w.protocol_version &&
                v.transport == w.transport && v.host == w.host && v.port == w.port &&
                v.params.raw() == w.params.raw() && v.branch == w.branch && v.received == w.received &&
                v.maddr == w.maddr && v.ttl == w.ttl && v.has_rport == w.has_rport && v.rport == w.rport &&
                v.raw == w.raw,
            "round trip: top Via");
    same_name_addr(a.from(), b.from());
    same_name_addr(a.to(), b.to());
    require(a.call_id() == b.call_id(), "round trip: Call-ID");
    require(a.cseq().number == b.cseq().number && a.cseq().method == b.cseq().method &&
                a.cseq().method_text == b.cseq().method_text,
            "round trip: CSeq");
    require(a.max_forwards() == b.max_forwards(), "round trip: Max-Forwards");
    require(a.content_length() == b.content_length(), "round trip: Content-Length");
    require(a.content_type().has_value() == b.content_type().has_value(), "round trip: Content-Type presence");
    if (auto const& ct = a.content_type()) {
        auto const& cu = *b.content_type();
        require(ct->type == cu.type && ct->subtype == cu.subtype && ct->params.raw() == cu.params.raw() &&
                    ct->raw == cu.raw,
                "round trip: Content-Type");
    }
    require(a.defects() == b.defects(), "round trip: defects");
    require(a.body() == b.body(), "round trip: body");
}

void check_round_trip(message const& first, cpm::sip::parse_options const& options)
{
    std::string once;
    cpm::sip::serialize(first, once);
    // Long header names make the canonical form longer than the input: the
    // size limits must not turn that growth into a different answer.
    auto relaxed = options;
    relaxed.limits.max_message_size = std::max(relaxed.limits.max_message_size, once.size());
    relaxed.limits.max_line_length = std::max(relaxed.limits.max_line_length, once.size());
    auto second = message::parse(text_buffer(once), relaxed);
    require(second.has_value(), "round trip: the serialized message parses");
    require(second->text() == once, "round trip: the serialized message is all message");
    same_message(first, *second);
    std::string twice;
    cpm::sip::serialize(*second, twice);
    require(twice == once, "round trip: serialize() is a fixed point");
}

void check_input(std::string_view input, cpm::sip::parse_options const& options)
{
    auto parsed = message::parse(text_buffer(input), options);
    if (!parsed) {
        cpm::fuzz::check_error(parsed.error(), input.size());
        return;
    }
    cpm::fuzz::check_message(*parsed);
    // The buffer is heap-stable: views stay valid in the moved-to message.
    message const moved = std::move(*parsed);
    cpm::fuzz::check_message(moved);
    check_round_trip(moved, options);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string_view const input(reinterpret_cast<char const*>(data), size);
    cpm::sip::parse_options options;
    options.datagram = true;
    check_input(input, options);
    options.datagram = false;
    check_input(input, options);
    return 0;
}
