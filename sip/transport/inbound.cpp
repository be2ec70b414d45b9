#include "sip/transport/inbound.hpp"

#include "sip/abnf/char_class.hpp"
#include "sip/builder.hpp"
#include "sip/cseq.hpp"
#include "sip/error.hpp"
#include "sip/header_id.hpp"
#include "sip/name_addr.hpp"
#include "sip/transport/resolver.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <functional>
#include <optional>
#include <vector>

namespace cpm::sip::transport {

namespace {

// A byte range of the received text to leave out of the stamped copy.
struct cut {
    std::size_t begin = 0;
    std::size_t end = 0;
};

// The range of one parameter ";name[=value]" inside @p text, from its ';'
// (SWS before it included: RFC 3261 25.1 SEMI = SWS ";" SWS) to the end
// of its value.
cut param_range(std::string_view text, abnf::param const& p)
{
    auto const name_at = static_cast<std::size_t>(p.name.data() - text.data());
    std::size_t begin = name_at;
    while (begin > 0 && text[begin - 1] != ';')
        --begin;
    if (begin > 0)
        --begin;
    while (begin > 0 && (text[begin - 1] == ' ' || text[begin - 1] == '\t'))
        --begin;
    std::string_view const last = p.has_value ? p.value : p.name;
    auto const end = static_cast<std::size_t>(last.data() + last.size() - text.data());
    return {begin, end};
}

// One header field of a section that did not parse: name and raw value.
struct raw_field {
    header_id id = header_id::unknown;
    std::string_view value;
};

// Splits the header section of a framed message into fields (continuation
// lines stay in their field's value, RFC 3261 7.3.1). Returns the start
// line; stops at the empty line.
std::string_view split_fields(std::string_view text, std::vector<raw_field>& fields)
{
    // Moves @p at past the line starting there; returns where it ends.
    auto skip_line = [&](std::size_t& at) {
        std::size_t const end = std::min(text.find("\r\n", at), text.size());
        at = std::min(end + 2, text.size());
        return end;
    };
    std::size_t at = 0;
    std::string_view const start_line = text.substr(0, skip_line(at));
    while (at < text.size()) {
        std::size_t const field_start = at;
        std::size_t field_end = skip_line(at);
        if (field_end == field_start)
            break;
        // Continuation lines (starting with SP or HT) belong to this field.
        while (at < text.size() && (text[at] == ' ' || text[at] == '\t'))
            field_end = skip_line(at);
        std::string_view const line = text.substr(field_start, field_end - field_start);
        std::size_t const colon = line.find(':');
        if (colon == std::string_view::npos)
            continue;
        std::string_view name = line.substr(0, colon);
        while (!name.empty() && (name.back() == ' ' || name.back() == '\t'))
            name.remove_suffix(1);
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
            value.remove_prefix(1);
        fields.push_back({lookup_header(name), value});
    }
    return start_line;
}

// RFC 3261 8.2.7: a stateless answer needs a To tag that is the same for
// every retransmission of the request: a hash of what identifies it.
std::string stateless_tag(std::string_view call_id, std::string_view from, std::string_view cseq)
{
    std::size_t const h = std::hash<std::string_view>{}(call_id) ^ std::hash<std::string_view>{}(from) * 31
                          ^ std::hash<std::string_view>{}(cseq) * 131;
    std::array<char, 17> digits{};
    auto const [end, ec] = std::to_chars(digits.data(), digits.data() + digits.size(), h, 16);
    return std::string(digits.data(), end);
}

// The longest error sentence quoted in a Warning: the answer's size must
// not depend on anything but the request (max_answer_overhead).
constexpr std::size_t max_warning_text = 128;

// The top Via's sent-protocol and sent-by, and whether it asks for rport
// (RFC 3581), read even when its parameters do not parse (RFC 4475
// badinv01: "SIP/2.0/UDP 192.0.2.15;;,;,,"): enough to route an answer.
std::optional<sip::via> read_top_via(std::string_view value)
{
    if (auto whole = parse_via(value))
        return *whole;
    std::size_t const params = std::min(value.find_first_of(";,"), value.size());
    std::string_view head = value.substr(0, params);
    while (!head.empty() && (abnf::is_wsp(head.back()) || head.back() == '\r' || head.back() == '\n'))
        head.remove_suffix(1);
    auto top = parse_via(head);
    if (!top)
        return std::nullopt;
    // The first via-parm's parameters, up to the next one (a comma).
    std::string_view rest = value.substr(params);
    rest = rest.substr(0, rest.find(','));
    while (!rest.empty()) {
        rest.remove_prefix(1); // the ';'
        std::string_view p = rest.substr(0, rest.find(';'));
        rest.remove_prefix(p.size());
        p = p.substr(0, p.find('='));
        auto const first = p.find_first_not_of(" \t\r\n");
        auto const last = p.find_last_not_of(" \t\r\n");
        if (first != std::string_view::npos && abnf::iequals(p.substr(first, last - first + 1), "rport"))
            top->has_rport = true;
    }
    return *top;
}

// What an answer to a request that did not parse copies (RFC 3261
// 8.2.6.2), as received: each field's raw value.
struct raw_request {
    std::vector<std::string_view> vias;
    std::string_view from, to, call_id, cseq;
    sip::via top; // the top Via, read for routing
};

// Reads @p text (a whole message, or the head of one a limit cut short)
// as a request to answer; nothing when it is a response (RFC 3261 18.1.2:
// discarded), an ACK (never answered, 17.1.1.3), has no readable top Via,
// or (@p whole) lacks one of From, To, Call-ID, CSeq.
std::optional<raw_request> read_raw_request(std::string_view text, bool whole)
{
    // A head cut by a limit ends inside a line: only whole lines count.
    std::size_t const last = text.rfind("\r\n");
    text = text.substr(0, last == std::string_view::npos ? 0 : last + 2);
    std::vector<raw_field> fields;
    std::string_view const start_line = split_fields(text, fields);
    // Request-Line = Method SP ...: a method token, never "SIP/2.0 ...".
    std::string_view const method = start_line.substr(0, start_line.find(' '));
    if (method.empty() || method.size() == start_line.size() || !abnf::all_of(method, abnf::cc_token)
        || method == "ACK")
        return std::nullopt;

    raw_request r;
    for (auto const& f : fields) {
        switch (f.id) {
        case header_id::via: r.vias.push_back(f.value); break;
        case header_id::from: if (r.from.empty()) r.from = f.value; break;
        case header_id::to: if (r.to.empty()) r.to = f.value; break;
        case header_id::call_id: if (r.call_id.empty()) r.call_id = f.value; break;
        case header_id::cseq: if (r.cseq.empty()) r.cseq = f.value; break;
        default: break;
        }
    }
    // The answer must reach the sender and match its transaction
    // (17.1.3): a readable top Via, and From, To, Call-ID, CSeq to copy.
    if (r.vias.empty() || (whole && (r.from.empty() || r.to.empty() || r.call_id.empty() || r.cseq.empty())))
        return std::nullopt;
    auto top = read_top_via(r.vias.front());
    if (!top)
        return std::nullopt;
    r.top = *top;
    return r;
}

// The answer to @p r with a Warning quoting @p error (RFC 3261 20.43: 399
// Miscellaneous warning). Each field is copied as received (8.2.6.2), when
// present; To gets a tag (8.2.6.2, stateless: 8.2.7) only when it parses
// without one, so that appending ";tag=" cannot change what it means.
std::string answer(raw_request const& r, unsigned code, std::string_view reason, abnf::parse_error const& error,
                   std::string_view agent)
{
    std::string out;
    message_builder b(out);
    b.status_line(code, reason);
    for (auto via : r.vias)
        b.header(header_id::via, via);
    if (!r.from.empty())
        b.header(header_id::from, r.from);
    if (auto const to = parse_name_addr(r.to); to && to->tag.empty())
        b.tagged(header_id::to, r.to, stateless_tag(r.call_id, r.from, r.cseq));
    else if (!r.to.empty())
        b.header(header_id::to, r.to);
    if (!r.call_id.empty())
        b.header(header_id::call_id, r.call_id);
    if (!r.cseq.empty())
        b.header(header_id::cseq, r.cseq);
    b.warning(agent, std::string_view(error.message).substr(0, max_warning_text));
    b.finish();
    return out;
}

} // namespace

abnf::result<sip::message> stamp_via(sip::message request, peer const& from, sip::limits const& limits)
{
    sip::via const& via = request.top_via();
    if (!request.is_request() || via.host.empty())
        return request;
    // RFC 3261 18.2.1: "If the host portion of the "sent-by" field contains
    // a domain name, or if it contains an IP address that differs from the
    // packet source address, the server MUST add a "received" parameter".
    // RFC 3581 4: with rport, "received" is added even when identical.
    auto const sent_by = parse_ip_literal(via.host);
    bool const differs = !sent_by || *sent_by != from.address;
    if (!differs && !via.has_rport)
        return request;

    std::string_view const text = request.text();
    std::vector<cut> cuts;
    for (auto const& p : via.params)
        if (abnf::iequals(p.name, "received") || abnf::iequals(p.name, "rport"))
            cuts.push_back(param_range(text, p));
    std::sort(cuts.begin(), cuts.end(), [](cut a, cut b) { return a.begin < b.begin; });

    // RFC 3261 20.42: via-received = "received" EQUAL (IPv4address /
    // IPv6address): an IPv6 address goes without brackets.
    std::string added = ";received=" + from.address.to_string();
    if (via.has_rport) {
        // RFC 3581 4: "the server MUST set the value of the parameter to
        // the source port of the request".
        added += ";rport=";
        added += std::to_string(from.port);
    }

    auto const via_end = static_cast<std::size_t>(via.raw.data() + via.raw.size() - text.data());
    std::size_t removed = 0;
    for (auto const& c : cuts)
        removed += c.end - c.begin;
    std::size_t const size = text.size() - removed + added.size();
    auto bytes = std::make_unique<char[]>(size);
    char* out = bytes.get();
    std::size_t at = 0;
    for (auto const& c : cuts) {
        out = std::copy(text.data() + at, text.data() + c.begin, out);
        at = c.end;
    }
    out = std::copy(text.data() + at, text.data() + via_end, out);
    out = std::copy(added.begin(), added.end(), out);
    std::copy(text.data() + via_end, text.data() + text.size(), out);

    // The stamp may push a message at the size limit past it by the few
    // bytes added; the limit applies to what the peer sent.
    sip::parse_options options{.limits = limits, .datagram = true};
    options.limits.max_message_size += added.size();
    return sip::message::parse(abnf::text_buffer(std::move(bytes), size), options);
}

bool sent_by_matches(sip::via const& top_via, std::span<sent_by const> ours) noexcept
{
    return std::any_of(ours.begin(), ours.end(), [&](sent_by const& s) {
        return abnf::iequals(s.host, top_via.host) && (!s.port || top_via.port == s.port);
    });
}

std::variant<sip::message, rejected> prepare_datagram(std::string_view bytes, peer const& from,
                                                      sip::limits const& limits, std::string_view warning_agent)
{
    auto parsed = sip::message::parse(abnf::text_buffer(bytes), {.limits = limits, .datagram = true});
    if (parsed) {
        auto stamped = stamp_via(std::move(*parsed), from, limits);
        if (!stamped)
            return rejected{stamped.error(), {}, {}};
        return std::move(*stamped);
    }
    rejected r{parsed.error(), {}, {}};
    auto const request = read_raw_request(bytes, true);
    if (!request)
        return r;
    // prepare_datagram()'s rule: the source address, at the rport (RFC
    // 3581 4) or sent-by port (RFC 3261 18.2.2); maddr and names ignored.
    std::uint16_t const port = request->top.has_rport ? from.port
                                                      : request->top.port.value_or(default_port(transport_kind::udp));
    if (port == 0)
        return r;
    r.reply_to = peer{from.address, port, transport_kind::udp};
    r.response = answer(*request, 400, "Bad Request", r.error, warning_agent);
    return r;
}

std::variant<sip::message, rejected> prepare_stream(abnf::text_buffer text, peer const& from,
                                                    sip::limits const& limits, std::string_view warning_agent)
{
    // parse() consumes the buffer and a failed parse drops it, yet the 400
    // of a malformed request copies fields out of those bytes: the message
    // is kept as a copy until it parsed.
    abnf::text_buffer const keep = text.clone();
    auto parsed = sip::message::parse(std::move(text), {.limits = limits, .datagram = false});
    if (!parsed) {
        rejected r{parsed.error(), {}, from};
        if (auto const request = read_raw_request(keep.view(), true))
            r.response = answer(*request, 400, "Bad Request", r.error, warning_agent);
        return r;
    }
    auto stamped = stamp_via(std::move(*parsed), from, limits);
    if (!stamped)
        return rejected{stamped.error(), {}, from};
    return std::move(*stamped);
}

std::string answer_unframed(std::string_view seen, abnf::parse_error const& error, std::string_view warning_agent)
{
    // The stream is closing: the answer says why even when the limit cut
    // the head before From, To, Call-ID or CSeq (copied when they came).
    auto const request = read_raw_request(seen, false);
    if (!request)
        return {};
    // RFC 3261 21.5.13: "513 Message Too Large: The server was unable to
    // process the request since the message length exceeded its
    // capabilities" (18.3: a message too large to process).
    bool const too_large = error.code == make_error_code(sip::errc::message_size_limit)
                           || error.code == make_error_code(sip::errc::line_length_limit)
                           || error.code == make_error_code(sip::errc::header_count_limit);
    return too_large ? answer(*request, 513, "Message Too Large", error, warning_agent)
                     : answer(*request, 400, "Bad Request", error, warning_agent);
}

} // namespace cpm::sip::transport
