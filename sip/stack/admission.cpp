#include "sip/stack/admission.hpp"

#include "sip/builder.hpp"
#include "sip/token_list.hpp"

#include <algorithm>
#include <array>

namespace cpm::sip::stack {

namespace {

rejection make(unsigned status, std::string_view reason, std::string_view warning = {})
{
    return rejection{status, reason, std::string(warning), {}};
}

/// 8.2.2.3 (Require at a UAS), 16.3 step 5 (Proxy-Require at a proxy): the
/// option tags of the @p which fields that @p cfg does not support go into
/// a 420 (Bad Extension) with Unsupported; an error rejection when one is
/// malformed.
std::optional<rejection> check_option_tags(sip::message const& request, config const& cfg, header_id which,
                                           std::string_view name)
{
    std::string unknown;
    for (auto const& field : request.headers()) {
        if (field.id != which)
            continue;
        auto tags = parse_option_tags(field.value, name);
        if (!tags)
            return make(400, "Bad Request", tags.error().message);
        for (std::string_view tag : *tags) {
            if (std::find(cfg.supported.begin(), cfg.supported.end(), tag) != cfg.supported.end())
                continue;
            if (!unknown.empty())
                unknown.append(", ");
            unknown.append(tag);
        }
    }
    if (unknown.empty())
        return std::nullopt;
    rejection r = make(420, "Bad Extension");
    r.unsupported = std::move(unknown);
    return r;
}

} // namespace

std::optional<rejection> check_request(sip::message const& request, config const& cfg)
{
    defect const faults = request.defects();
    // RFC 3261 8.2 (RFC 4475 3.3): a version other than SIP/2.0 is answered
    // 505 before anything else of the request is looked at (21.5.20).
    if (has(faults, defect::unsupported_version))
        return make(505, "Version Not Supported", describe(defect::unsupported_version));
    // RFC 4475 3.3: the grammar holds but the message breaks a rule of
    // RFC 3261 (8.1.1: mandatory headers; 20: single-valued headers; 8.2:
    // CSeq method; 18.3: Content-Length; 19.1.1: Request-URI): 400 naming it.
    static constexpr std::array bad_request{defect::missing_header, defect::duplicate_header,
                                            defect::cseq_method_mismatch, defect::content_length_mismatch,
                                            defect::bad_request_uri};
    for (defect d : bad_request)
        if (has(faults, d))
            return make(status_for(d), "Bad Request", describe(d));
    // 8.2.2.1: a Request-URI scheme the UAS does not understand: 416.
    if (has(faults, defect::unsupported_uri_scheme))
        return make(416, "Unsupported URI Scheme", describe(defect::unsupported_uri_scheme));
    // 21.5.13: 513 (Message Too Large).
    if (request.text().size() > cfg.max_request_size)
        return make(513, "Message Too Large", "request larger than this element accepts");
    // 16.3 step 3: a proxy does not forward a request whose Max-Forwards is
    // 0 (OPTIONS it may answer itself, as the final recipient).
    if (cfg.forwards && request.max_forwards() == 0u && request.method() != method::options)
        return make(483, "Too Many Hops", "Max-Forwards is 0");
    // 8.2.2.3: Require and Proxy-Require are ignored in CANCEL and in ACK.
    if (request.method() == method::cancel || request.method() == method::ack)
        return std::nullopt;
    // 16.3 step 5: a proxy checks Proxy-Require; Require names what the UAS
    // must support (8.2.2.3, 20.32), which a proxy does not check. A UA
    // checks Require and ignores Proxy-Require, which only proxies read.
    if (cfg.forwards)
        return check_option_tags(request, cfg, header_id::proxy_require, "Proxy-Require");
    return check_option_tags(request, cfg, header_id::require, "Require");
}

void write_rejection(std::string& out, sip::message const& request, rejection const& r, std::string_view agent,
                     std::string_view to_tag)
{
    response_options options;
    options.to_tag = to_tag;
    auto b = make_response(out, request, r.status, r.reason, options);
    if (!r.warning.empty())
        b.warning(agent, r.warning);
    if (!r.unsupported.empty())
        b.header(header_id::unsupported, r.unsupported);
    b.finish();
}

} // namespace cpm::sip::stack
