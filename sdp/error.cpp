#include "sdp/error.hpp"

#include <string>

namespace cpm::sdp {

namespace {
class category final : public boost::system::error_category {
public:
    char const* name() const noexcept override { return "cpm.sdp"; }
    std::string message(int ev) const override
    {
        switch (static_cast<errc>(ev)) {
        case errc::empty_description: return "empty session description";
        case errc::bad_line: return "malformed SDP line";
        case errc::unknown_type: return "unknown SDP line type";
        case errc::out_of_order: return "SDP line out of order";
        case errc::missing_line: return "mandatory SDP line missing";
        case errc::bad_version: return "malformed v= line";
        case errc::bad_origin: return "malformed o= line";
        case errc::bad_text: return "malformed text line";
        case errc::bad_uri: return "malformed u= line";
        case errc::bad_connection: return "malformed c= line";
        case errc::bad_bandwidth: return "malformed b= line";
        case errc::bad_time: return "malformed t= line";
        case errc::bad_repeat: return "malformed r= line";
        case errc::bad_zone: return "malformed z= line";
        case errc::bad_key: return "malformed k= line";
        case errc::bad_attribute: return "malformed a= line";
        case errc::bad_media: return "malformed m= line";
        case errc::bad_attribute_value: return "malformed attribute value";
        case errc::size_limit: return "session description size limit exceeded";
        case errc::line_count_limit: return "SDP line count limit exceeded";
        case errc::media_count_limit: return "media description count limit exceeded";
        }
        return "unknown SDP error";
    }
};
} // namespace

boost::system::error_category const& sdp_category() noexcept
{
    static category const instance;
    return instance;
}

} // namespace cpm::sdp
