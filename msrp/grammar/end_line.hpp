#pragma once
// Private: recognising the end-line of a transaction
// (end-line = "-------" transact-id continuation-flag CRLF).

#include "msrp/message.hpp"

#include <optional>
#include <string_view>

namespace cpm::msrp::grammar {

/// The flag of @p line (without its CRLF) when it is exactly the end-line
/// of @p transaction_id.
constexpr std::optional<continuation> end_line_flag(std::string_view line, std::string_view transaction_id) noexcept
{
    if (line.size() != 7 + transaction_id.size() + 1 || line.substr(0, 7) != "-------" ||
        line.substr(7, transaction_id.size()) != transaction_id)
        return std::nullopt;
    char const f = line.back();
    if (f != '$' && f != '+' && f != '#')
        return std::nullopt;
    return static_cast<continuation>(f);
}

} // namespace cpm::msrp::grammar
