#include "sip/error.hpp"

#include <string>

namespace cpm::sip {

namespace {
class category final : public boost::system::error_category {
public:
    char const* name() const noexcept override { return "cpm.sip"; }
    std::string message(int ev) const override
    {
        switch (static_cast<errc>(ev)) {
        case errc::empty_message: return "empty message";
        case errc::bad_start_line: return "malformed start line";
        case errc::bad_method: return "malformed method";
        case errc::bad_request_uri: return "malformed Request-URI";
        case errc::bad_version: return "malformed SIP version";
        case errc::bad_status_code: return "malformed status code";
        case errc::bad_reason_phrase: return "malformed reason phrase";
        case errc::bad_header_name: return "malformed header name";
        case errc::bad_header_line: return "malformed header line";
        case errc::bad_header_value: return "malformed header value";
        case errc::missing_header: return "missing mandatory header";
        case errc::bad_content_length: return "bad Content-Length";
        case errc::bad_uri: return "malformed URI";
        case errc::bad_multipart: return "malformed multipart body";
        case errc::incomplete: return "incomplete message";
        case errc::message_size_limit: return "message size limit exceeded";
        case errc::header_count_limit: return "header count limit exceeded";
        case errc::line_length_limit: return "header line length limit exceeded";
        case errc::too_many_hops: return "Max-Forwards exhausted";
        case errc::no_via_left: return "no Via left to forward the response to";
        }
        return "unknown SIP error";
    }
};
} // namespace

boost::system::error_category const& sip_category() noexcept
{
    static category const instance;
    return instance;
}

} // namespace cpm::sip
