#include "sdp/msrp_media.hpp"

#include "sdp/error.hpp"

#include <string>

namespace cpm::sdp {

namespace {

/// Rebases an error at an offset into @p value onto @p text and names the line.
abnf::parse_error rebase(std::string_view text, attribute const& a, std::string_view value, abnf::parse_error e)
{
    std::string message = "SDP line " + std::to_string(a.line) + ": a=" + e.message;
    bool const inside = !text.empty() && value.data() >= text.data() &&
                        value.data() + value.size() <= text.data() + text.size();
    if (!inside)
        return abnf::parse_error{e.code, e.offset, e.line, e.column, std::move(message)};
    return abnf::make_parse_error(text, value.data() + e.offset, e.code, std::move(message));
}

abnf::parse_error attribute_error(std::string_view text, attribute const& a, std::string_view sentence)
{
    // Points at the value, or at the name of an attribute without one.
    abnf::parse_error e{make_error_code(errc::bad_attribute_value), 0, 1, 1, std::string(sentence)};
    return rebase(text, a, a.has_value ? a.value : a.name, std::move(e));
}

/// Runs @p parse on the value of @p a; stores the result or gives the error.
template <class T, class Parse>
std::optional<abnf::parse_error> decode(std::string_view text, attribute const& a, T& out, Parse parse)
{
    if (!a.has_value)
        return attribute_error(text, a, std::string(a.name) + ": expected a value after ':'");
    auto r = parse(a.value);
    if (!r)
        return rebase(text, a, a.value, r.error());
    out = std::move(*r);
    return std::nullopt;
}

} // namespace

bool is_msrp(media_description const& m) noexcept
{
    return m.media == "message" && (m.proto == "TCP/MSRP" || m.proto == "TCP/TLS/MSRP");
}

abnf::result<msrp_media> decode_msrp(session_description const& d, media_description const& m,
                                     std::string_view text)
{
    msrp_media out;
    // RFC 8866 6.7: a session-level direction is the default of every media.
    for (auto const& a : d.attributes)
        if (auto dir = direction_from_name(a.name))
            out.direction = *dir;
    attribute const* dir_seen = nullptr;
    auto file = [&]() -> sdp::file_transfer& {
        if (!out.file)
            out.file.emplace();
        return *out.file;
    };
    for (auto const& a : m.attributes) {
        std::optional<abnf::parse_error> e;
        bool const property = direction_from_name(a.name) || a.name == "msrp-cema";
        if (property && a.has_value)
            return attribute_error(text, a, std::string(a.name) + ": a property attribute takes no value");
        if (auto dir = direction_from_name(a.name)) {
            if (dir_seen != nullptr)
                return attribute_error(text, a, std::string(a.name) + ": a second direction attribute");
            dir_seen = &a;
            out.direction = *dir;
        } else if (a.name == "path") {
            e = decode(text, a, out.path, parse_path);
        } else if (a.name == "accept-types") {
            e = decode(text, a, out.accept_types, [](std::string_view v) { return parse_accept_types(v); });
        } else if (a.name == "accept-wrapped-types") {
            e = decode(text, a, out.accept_wrapped_types,
                       [](std::string_view v) { return parse_accept_types(v, "accept-wrapped-types"); });
        } else if (a.name == "max-size") {
            e = decode(text, a, out.max_size, parse_max_size);
        } else if (a.name == "setup") {
            e = decode(text, a, out.setup, parse_setup);
        } else if (a.name == "connection") {
            e = decode(text, a, out.connection, parse_connection_value);
        } else if (a.name == "msrp-cema") {
            out.cema = true;
        } else if (a.name == "file-selector") {
            // RFC 5547 6: file-selector may come without ':' and selectors.
            auto r = parse_file_selector(a.value);
            if (!r)
                return rebase(text, a, a.value, r.error());
            file().selector = *r;
        } else if (a.name == "file-transfer-id") {
            e = decode(text, a, file().transfer_id,
                       [](std::string_view v) { return parse_file_token(v, "file-transfer-id"); });
        } else if (a.name == "file-disposition") {
            e = decode(text, a, file().disposition,
                       [](std::string_view v) { return parse_file_token(v, "file-disposition"); });
        } else if (a.name == "file-date") {
            e = decode(text, a, file().date, parse_file_date);
        } else if (a.name == "file-icon") {
            e = decode(text, a, file().icon, parse_file_icon);
        } else if (a.name == "file-range") {
            e = decode(text, a, file().range, parse_file_range);
        }
        if (e)
            return *e;
    }
    // RFC 4975 section 8: path and accept-types are mandatory on a live MSRP line.
    if (m.port != 0) {
        for (std::string_view const required : {"path", "accept-types"}) {
            if (m.find(required) != nullptr)
                continue;
            std::string message = "SDP line " + std::to_string(m.line) + ": m=message needs a=" +
                                  std::string(required) + " (RFC 4975 section 8)";
            char const* const at = m.media.data() - 2;
            bool const inside = !text.empty() && at >= text.data() && at < text.data() + text.size();
            if (!inside)
                return abnf::parse_error{make_error_code(errc::missing_line), 0, 1, 1, std::move(message)};
            return abnf::make_parse_error(text, at, errc::missing_line, std::move(message));
        }
    }
    return out;
}

} // namespace cpm::sdp
