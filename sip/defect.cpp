#include "sip/defect.hpp"

namespace cpm::sip {

unsigned status_for(defect d) noexcept
{
    switch (d) {
    case defect::unsupported_version: return 505;    // RFC 3261 21.5.20
    case defect::unsupported_uri_scheme: return 416; // RFC 3261 8.2.2.1
    default: return 400;
    }
}

std::string_view describe(defect d) noexcept
{
    switch (d) {
    case defect::none: return "";
    case defect::unsupported_version: return "SIP version not supported";
    case defect::unsupported_uri_scheme: return "Request-URI scheme not supported";
    case defect::cseq_method_mismatch: return "CSeq method does not match the request method";
    case defect::content_length_mismatch: return "Content-Length is larger than the body";
    case defect::missing_header: return "missing mandatory header (Via, From, To, Call-ID or CSeq)";
    case defect::duplicate_header: return "a single-valued header appears more than once";
    case defect::bad_request_uri: return "malformed Request-URI";
    }
    return "";
}

} // namespace cpm::sip
