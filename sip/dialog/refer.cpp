#include "sip/dialog/refer.hpp"

#include <vector>

namespace cpm::sip::dialog {

std::uint32_t build_refer(dialog_state& d, std::string& out, refer_options const& options)
{
    std::string const refer_to = "<" + std::string(options.refer_to) + ">";
    std::string referred_by;
    if (!options.referred_by.empty())
        referred_by = options.referred_by.find('<') != std::string_view::npos
                          ? std::string(options.referred_by)
                          : "<" + std::string(options.referred_by) + ">";
    // RFC 3515 2.4.1: exactly one Refer-To; RFC 3892: Referred-By beside it.
    std::vector<extra_header> headers;
    headers.reserve(options.request.headers.size() + 2);
    headers.emplace_back("Refer-To", refer_to);
    if (!referred_by.empty())
        headers.emplace_back("Referred-By", referred_by);
    headers.insert(headers.end(), options.request.headers.begin(), options.request.headers.end());
    request_options request = options.request;
    request.headers = headers;
    return build_request(d, method::refer, out, request);
}

std::string refer_event_value(std::uint32_t refer_cseq)
{
    return "refer;id=" + std::to_string(refer_cseq);
}

std::string refer_progress_body(unsigned status, std::string_view reason)
{
    std::string s = "SIP/2.0 " + std::to_string(status);
    s.append(1, ' ').append(reason).append("\r\n");
    return s;
}

} // namespace cpm::sip::dialog
