#include "sip/stack/error.hpp"

#include <string>

namespace cpm::sip::stack {

namespace {

class category final : public boost::system::error_category {
public:
    char const* name() const noexcept override { return "cpm.sip.stack"; }
    std::string message(int value) const override
    {
        switch (static_cast<errc>(value)) {
        case errc::unparsable: return "the bytes are not one SIP message";
        case errc::not_a_request: return "not a request the stack can send in a transaction";
        case errc::not_a_response: return "not a response to this transaction's request";
        case errc::unknown_transaction: return "no such transaction";
        case errc::unknown_dialog: return "no such dialog";
        case errc::transaction_exists: return "a transaction with this branch and method is live";
        case errc::transaction_limit: return "too many transactions";
        case errc::dialog_limit: return "too many dialogs";
        case errc::timer_limit: return "too many transaction user timers";
        case errc::request_pending: return "a re-INVITE or UPDATE of this dialog is pending";
        case errc::not_cancellable: return "the request cannot be cancelled";
        case errc::defective: return "the message breaks a rule of RFC 3261 (missing or repeated header, ...)";
        }
        return "unknown stack error";
    }
};

} // namespace

boost::system::error_category const& stack_category() noexcept
{
    static category const instance;
    return instance;
}

} // namespace cpm::sip::stack
