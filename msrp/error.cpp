#include "msrp/error.hpp"

#include <string>

namespace cpm::msrp {

namespace {
class category final : public boost::system::error_category {
public:
    char const* name() const noexcept override { return "cpm.msrp"; }
    std::string message(int ev) const override
    {
        switch (static_cast<errc>(ev)) {
        case errc::bad_start_line: return "malformed start line";
        case errc::bad_transaction_id: return "malformed transaction id";
        case errc::bad_method: return "malformed method";
        case errc::bad_status_code: return "malformed status code";
        case errc::bad_header_line: return "malformed header line";
        case errc::bad_header_name: return "malformed header name";
        case errc::bad_header_value: return "malformed header value";
        case errc::missing_header: return "missing mandatory header";
        case errc::bad_uri: return "malformed MSRP URI";
        case errc::bad_end_line: return "malformed end-line";
        case errc::incomplete: return "incomplete message";
        case errc::header_size_limit: return "header block size limit exceeded";
        case errc::header_count_limit: return "header count limit exceeded";
        }
        return "unknown MSRP error";
    }
};
} // namespace

boost::system::error_category const& msrp_category() noexcept
{
    static category const c;
    return c;
}

} // namespace cpm::msrp
