#include "msrp_checks.hpp"

#include "msrp/headers.hpp"


namespace cpm::fuzz::msrp_checks {

namespace {
// Keeps the byte reads of check_view from being optimised away.
volatile unsigned sink = 0;
} // namespace

void check_error(sip::abnf::parse_error const& e, std::size_t size)
{
    require(e.offset <= size, "error offset inside the input");
    require(e.line >= 1 && e.column >= 1, "error line and column are 1-based");
    require(!e.message.empty(), "error has a sentence");
    require(e.message.compare(0, 5, "MSRP ") == 0, "error sentence names an MSRP element");
    require(static_cast<bool>(e.code), "error has a code");
}

void check_view(std::string_view buffer, std::string_view view, char const* what)
{
    if (view.empty())
        return;
    require(view.data() >= buffer.data() && view.data() + view.size() <= buffer.data() + buffer.size(), what);
    unsigned sum = 0;
    for (char c : view)
        sum += static_cast<unsigned char>(c);
    sink = sink + sum;
}

void check_uri(std::string_view buffer, msrp::uri const& u)
{
    check_view(buffer, u.text, "uri text");
    check_view(u.text, u.scheme, "uri scheme");
    check_view(u.text, u.authority, "uri authority");
    if (u.userinfo)
        check_view(u.text, *u.userinfo, "uri userinfo");
    require(!u.host.empty(), "a uri has a host");
    check_view(u.text, u.host, "uri host");
    check_view(u.text, u.session_id, "uri session-id");
    require(!u.transport.empty(), "a uri has a transport");
    check_view(u.text, u.transport, "uri transport");
    for (auto const& p : u.params) {
        require(!p.name.empty(), "a uri parameter has a name");
        check_view(u.text, p.name, "uri param name");
        check_view(u.text, p.value, "uri param value");
        require(u.params.find(p.name).has_value(), "a uri parameter is found by its name");
    }
    require(msrp::equivalent(u, u), "equivalent(u, u)");
}

void check_head(std::string_view buffer, msrp::head const& h)
{
    check_view(buffer, h.text, "head text");
    check_view(buffer, h.transaction_id, "transaction id");
    check_view(buffer, h.method_text, "method");
    check_view(buffer, h.comment, "comment");
    require(h.fields.size() >= 2 && h.fields[0].id == msrp::header_id::to_path &&
                h.fields[1].id == msrp::header_id::from_path,
            "To-Path then From-Path");
    // status-code = 3DIGIT, "000" included: the request flag decides.
    require(h.is_request() ? h.status_code == 0 && !h.method_text.empty() : h.method_text.empty(),
            "a request has a method and no status, a response no method");
    for (auto const& f : h.fields) {
        check_view(buffer, f.name, "field name");
        check_view(buffer, f.value, "field value");
        check_view(buffer, f.line, "field line");
        require(f.id == msrp::header_from_name(f.name), "field id matches its name");
        if (f.id == msrp::header_id::to_path || f.id == msrp::header_id::from_path ||
            f.id == msrp::header_id::use_path) {
            auto p = msrp::parse_path(f.value, "MSRP path");
            if (f.id != msrp::header_id::use_path)
                require(p.has_value(), "parse_head checked the paths");
            if (p)
                for (auto const& u : *p)
                    check_uri(buffer, u);
            else
                check_error(p.error(), f.value.size());
        }
    }
    auto const all = msrp::validate(h);
    if (!all)
        check_error(all.error(), h.text.size());
    // Each decoder on its own field, so their views are walked too.
    for (auto const& f : h.fields) {
        switch (f.id) {
        case msrp::header_id::content_type:
            if (auto m = msrp::parse_content_type(f.value)) {
                check_view(f.value, m->type, "media type");
                for (auto const& p : m->params) {
                    check_view(f.value, p.value, "media param");
                    sink = sink + static_cast<unsigned>(p.unquoted().size());
                }
            }
            break;
        case msrp::header_id::www_authenticate:
        case msrp::header_id::authorization:
        case msrp::header_id::authentication_info: {
            auto d = f.id == msrp::header_id::www_authenticate ? msrp::parse_www_authenticate(f.value)
                   : f.id == msrp::header_id::authorization    ? msrp::parse_authorization(f.value)
                                                               : msrp::parse_authentication_info(f.value);
            if (d)
                for (auto const& p : d->params)
                    check_view(f.value, p.value, "digest param");
            break;
        }
        case msrp::header_id::byte_range:
            if (auto r = msrp::parse_byte_range(f.value)) {
                require(r->start >= 1, "byte ranges count from 1");
                require(!r->end || !r->total || *r->end <= *r->total, "range-end within the total");
            }
            break;
        default: break;
        }
    }
}

} // namespace cpm::fuzz::msrp_checks
