#include "cpim/error.hpp"

#include <string>

namespace cpm::cpim {

namespace {
class category final : public boost::system::error_category {
public:
    char const* name() const noexcept override { return "cpm.cpim"; }
    std::string message(int ev) const override
    {
        switch (static_cast<errc>(ev)) {
        case errc::bad_header_line: return "malformed CPIM header line";
        case errc::bad_header_name: return "malformed CPIM header name";
        case errc::bad_header_params: return "malformed CPIM header parameters";
        case errc::bad_header_value: return "malformed CPIM header value";
        case errc::bad_address: return "malformed CPIM address";
        case errc::bad_date_time: return "malformed CPIM DateTime";
        case errc::bad_namespace: return "malformed CPIM NS header";
        case errc::bad_require: return "malformed CPIM Require header";
        case errc::bad_mime_header: return "malformed encapsulated MIME header";
        case errc::bad_escape: return "malformed CPIM escape sequence";
        case errc::missing_separator: return "missing blank line";
        case errc::message_size_limit: return "CPIM message size limit exceeded";
        case errc::header_count_limit: return "CPIM header count limit exceeded";
        case errc::line_length_limit: return "CPIM header line length limit exceeded";
        }
        return "unknown CPIM error";
    }
};
} // namespace

boost::system::error_category const& cpim_category() noexcept
{
    static category const instance;
    return instance;
}

} // namespace cpm::cpim
