#include "sip/transport/inbound.hpp"

#include "sip/abnf/char_class.hpp"
#include "sip/builder.hpp"
#include "sip/cseq.hpp"
#include "sip/header_id.hpp"
#include "sip/name_addr.hpp"
#include "sip/transport/resolver.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <functional>
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

// The 400 (with a Warning saying what was wrong) for a framed stream
// request that did not parse, or an empty string when the bytes were a
// response or lack one of the fields a response must copy (8.2.6.2).
std::string bad_request(std::string_view text, abnf::parse_error const& error, std::string_view agent)
{
    std::vector<raw_field> fields;
    std::string_view const start_line = split_fields(text, fields);
    if (start_line.starts_with("SIP/"))
        return {}; // RFC 3261 18.1.2: a malformed response is discarded.

    std::vector<std::string_view> vias;
    std::string_view from, to, call_id, cseq;
    for (auto const& f : fields) {
        switch (f.id) {
        case header_id::via: vias.push_back(f.value); break;
        case header_id::from: if (from.empty()) from = f.value; break;
        case header_id::to: if (to.empty()) to = f.value; break;
        case header_id::call_id: if (call_id.empty()) call_id = f.value; break;
        case header_id::cseq: if (cseq.empty()) cseq = f.value; break;
        default: break;
        }
    }
    // The answer must reach the sender and match its transaction
    // (17.1.3): a readable top Via, To, Call-ID and CSeq.
    if (vias.empty() || from.empty() || call_id.empty() || !parse_via(vias.front()) || !parse_cseq(cseq))
        return {};
    auto const to_addr = parse_name_addr(to);
    if (!to_addr)
        return {};

    std::string out;
    message_builder b(out);
    b.status_line(400, "Bad Request");
    for (auto via : vias)
        b.header(header_id::via, via);
    b.header(header_id::from, from);
    if (to_addr->tag.empty())
        b.tagged(header_id::to, to, stateless_tag(call_id, from, cseq));
    else
        b.header(header_id::to, to);
    b.header(header_id::call_id, call_id);
    b.header(header_id::cseq, cseq);
    // RFC 3261 20.43: 399 Miscellaneous warning, saying what was wrong.
    b.warning(agent, error.message);
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

std::variant<sip::message, rejected> prepare(abnf::text_buffer text, peer const& from, bool datagram,
                                             sip::limits const& limits, std::string_view warning_agent)
{
    // parse() consumes the buffer and a failed parse drops it, yet the 400
    // of a malformed stream request copies fields out of those bytes: a
    // stream message is kept as a copy until it parsed.
    abnf::text_buffer keep;
    if (!datagram)
        keep = text.clone();
    auto parsed = sip::message::parse(std::move(text), {.limits = limits, .datagram = datagram});
    if (!parsed) {
        rejected r{parsed.error(), {}};
        if (!datagram)
            r.response = bad_request(keep.view(), r.error, warning_agent);
        return r;
    }
    auto stamped = stamp_via(std::move(*parsed), from, limits);
    if (!stamped)
        return rejected{stamped.error(), {}};
    return std::move(*stamped);
}

} // namespace cpm::sip::transport
