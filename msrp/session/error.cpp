#include "msrp/session/error.hpp"

#include <string>

namespace cpm::msrp {

namespace {
class category final : public boost::system::error_category {
public:
    char const* name() const noexcept override { return "cpm.msrp.session"; }
    std::string message(int ev) const override
    {
        switch (static_cast<session_errc>(ev)) {
        case session_errc::transaction_timeout: return "transaction timed out";
        case session_errc::rejected: return "request rejected by the peer";
        case session_errc::failure_reported: return "failure reported by the peer";
        case session_errc::aborted: return "message aborted";
        case session_errc::queue_full: return "queue full";
        case session_errc::sink_failed: return "body sink failed";
        case session_errc::source_failed: return "body source failed";
        case session_errc::too_fragmented: return "too many disjoint byte ranges";
        case session_errc::stalled: return "message reassembly stalled";
        case session_errc::unknown_message: return "unknown message";
        case session_errc::connection_closed: return "connection closed";
        case session_errc::bad_path: return "malformed MSRP path";
        }
        return "unknown MSRP session error";
    }
};
} // namespace

boost::system::error_category const& session_category() noexcept
{
    static category const c;
    return c;
}

} // namespace cpm::msrp
