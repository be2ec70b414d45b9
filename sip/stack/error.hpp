#pragma once
/// @file
/// Why the stack core refused a call of its transaction user.

#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>

#include <type_traits>

namespace cpm::sip::stack {

enum class errc {
    unparsable = 1,        ///< the bytes the TU gave are not one SIP message
    not_a_request,         ///< send_request() needs a request other than ACK (the core acknowledges 2xx itself, 13.2.2.4)
    not_a_response,        ///< respond() needs a response to the transaction's request
    unknown_transaction,   ///< no live transaction has this handle
    unknown_dialog,        ///< no dialog has this handle
    transaction_exists,    ///< a transaction with the same key (17.1.3: branch and method) is live
    transaction_limit,     ///< config::max_transactions reached
    dialog_limit,          ///< config::max_dialogs reached
    timer_limit,           ///< config::max_tu_timers reached
    request_pending,       ///< RFC 3261 14.1: a re-INVITE or UPDATE of this dialog is pending
    not_cancellable,       ///< 9.1: only an INVITE without a final response can be cancelled
    defective,             ///< the TU's message breaks a rule of RFC 3261 the parser recorded (defect.hpp)
};

boost::system::error_category const& stack_category() noexcept;

inline boost::system::error_code make_error_code(errc e) noexcept
{
    return {static_cast<int>(e), stack_category()};
}

template <class T>
using result = boost::system::result<T>;

} // namespace cpm::sip::stack

template <>
struct boost::system::is_error_code_enum<cpm::sip::stack::errc> : std::true_type {};
