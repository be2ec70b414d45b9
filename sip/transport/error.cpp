#include "sip/transport/error.hpp"

#include <string>

namespace cpm::sip::transport {

namespace {

class category final : public boost::system::error_category {
public:
    char const* name() const noexcept override { return "cpm.sip.transport"; }

    std::string message(int value) const override
    {
        switch (static_cast<errc>(value)) {
        case errc::connection_limit: return "connection limit reached";
        case errc::message_too_large: return "message larger than the size limit";
        case errc::buffer_limit: return "too many unsent bytes on the connection";
        case errc::idle_timeout: return "connection idle for too long";
        case errc::message_timeout: return "message not completed in time";
        case errc::connect_timeout: return "connection set-up timed out";
        case errc::connection_closed: return "connection closed";
        case errc::framing_error: return "stream could not be framed";
        case errc::no_listener: return "no UDP socket for the target's address family";
        case errc::no_tls_context: return "no TLS context configured";
        case errc::unsupported_transport: return "transport not supported";
        case errc::host_not_found: return "host not found";
        }
        return "unknown transport error";
    }
};

} // namespace

boost::system::error_category const& transport_category() noexcept
{
    static category const instance;
    return instance;
}

} // namespace cpm::sip::transport
