#include "sip_json.hpp"

#include "json_text.hpp"
#include "sip_json_parts.hpp"

#include "sip/abnf/char_class.hpp"
#include "sip/error.hpp"
#include "sip/message.hpp"
#include "sip/multipart.hpp"

#include <optional>
#include <span>
#include <string>
#include <utility>

namespace cpm::inspect {

using namespace cpm::sip;

namespace {

/// Multipart bodies nest (RFC 2046 5.1.1); past this depth a body is an
/// error rather than a deeper recursion.
constexpr int max_multipart_depth = 16;

/// Rebases @p e, an error at an offset into @p at_text (a view into
/// @p whole), onto @p whole, naming @p element in front of the sentence
/// unless it already does.
abnf::parse_error rebase(std::string_view whole, std::string_view at_text, std::string_view element,
                         abnf::parse_error e)
{
    if (!element.empty() && e.message.compare(0, element.size(), element) != 0)
        e.message = std::string(element) + ": " + e.message;
    return abnf::make_parse_error(whole, at_text.data() + e.offset, e.code, std::move(e.message));
}

/// The canonical name of a known header, else the name as written.
std::string_view shown_name(header_field const& h) noexcept
{
    return h.id == header_id::unknown ? h.name : canonical_name(h.id);
}

/// Every header field of a message or body part, each decoded by its id.
abnf::result<json::array> headers_json(std::string_view whole, std::span<header_field const> fields)
{
    json::array out;
    for (auto const& h : fields) {
        json::object o;
        std::string_view const name = shown_name(h);
        o["name"] = text(name);
        if (h.name != name) o["wire_name"] = text(h.name);
        o["value"] = text(h.value);
        auto d = header_json(h.id, h.value);
        if (!d)
            return rebase(whole, h.value, name, d.error());
        if (!d->is_null())
            o["decoded"] = std::move(*d);
        out.push_back(std::move(o));
    }
    return out;
}

/// @p body as text (or base64), or, when @p type is multipart, as its
/// parts (headers decoded, nested multiparts split in turn; the preamble
/// and epilogue, which RFC 2046 5.1.1 says to ignore, are not shown).
abnf::result<json::object> body_json(std::string_view whole, std::string_view body, media_type const* type,
                                     int depth)
{
    if (type == nullptr || !abnf::iequals(type->type, "multipart"))
        return octets_json(body);
    auto boundary = multipart_boundary(*type);
    if (!boundary)
        return rebase(whole, type->raw, "Content-Type", boundary.error());
    if (depth == max_multipart_depth)
        return abnf::make_parse_error(whole, body.data(), make_error_code(errc::bad_multipart),
                                      "multipart: nested more than " + std::to_string(max_multipart_depth) +
                                          " levels deep");
    auto parts = parse_multipart(body, *boundary);
    if (!parts)
        return rebase(whole, body, "", parts.error());
    json::array parts_out;
    for (auto const& part : *parts) {
        json::object pj;
        auto headers = headers_json(whole, part.headers);
        if (!headers)
            return headers.error();
        pj["headers"] = std::move(*headers);
        // headers_json() validated the part's Content-Type already.
        std::optional<media_type> part_type;
        if (header_field const* ct = part.find("Content-Type"))
            if (auto t = parse_media_type(ct->value))
                part_type = *t;
        auto part_body = body_json(whole, part.body, part_type ? &*part_type : nullptr, depth + 1);
        if (!part_body)
            return part_body.error();
        pj["body"] = std::move(*part_body);
        parts_out.push_back(std::move(pj));
    }
    json::object multipart;
    multipart["boundary"] = text(*boundary);
    multipart["parts"] = std::move(parts_out);
    json::object out;
    out["length"] = body.size();
    out["multipart"] = std::move(multipart);
    return out;
}

json::array defects_json(defect set)
{
    json::array out;
    for (std::uint32_t bit = 1; bit != 0; bit <<= 1) {
        auto const d = static_cast<defect>(bit);
        if (has(set, d)) {
            json::object o;
            o["status"] = status_for(d);
            o["warning"] = text(describe(d));
            out.push_back(std::move(o));
        }
    }
    return out;
}

/// The Request-URI parsed. A malformed one is a defect of the message
/// (400, defect::bad_request_uri), not a parse failure, so its sentence is
/// shown here and the message is still inspected.
json::object request_uri_json(std::string_view uri_text)
{
    auto parsed = parse_uri(uri_text);
    if (parsed)
        return uri_json(*parsed);
    json::object o;
    o["raw"] = text(uri_text);
    o["error"] = text(parsed.error().message);
    return o;
}

} // namespace

abnf::result<json::value> inspect_sip(abnf::text_buffer buffer)
{
    auto parsed = message::parse(std::move(buffer));
    if (!parsed)
        return parsed.error();
    message const& m = *parsed;
    std::string_view const whole = m.buffer().view();
    json::object out;
    if (m.is_request()) {
        out["kind"] = "request";
        out["method"] = text(m.method_text());
        out["request_uri"] = request_uri_json(m.request_uri());
    } else {
        out["kind"] = "response";
        out["status_code"] = m.status_code();
        out["reason"] = text(m.reason());
    }
    out["version"] = text(m.version());
    auto headers = headers_json(whole, m.headers());
    if (!headers)
        return headers.error();
    out["headers"] = std::move(*headers);
    out["defects"] = defects_json(m.defects());
    auto const& type = m.content_type();
    auto body = body_json(whole, m.body(), type ? &*type : nullptr, 0);
    if (!body)
        return body.error();
    out["body"] = std::move(*body);
    return json::value(std::move(out));
}

} // namespace cpm::inspect
