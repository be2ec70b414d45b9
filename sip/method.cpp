#include "sip/method.hpp"

#include <array>

namespace cpm::sip {

namespace {
constexpr std::array<std::string_view, 15> names{
    "", "INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS", "MESSAGE", "SUBSCRIBE",
    "NOTIFY", "REFER", "INFO", "UPDATE", "PRACK", "PUBLISH"};
} // namespace

method method_from_text(std::string_view text) noexcept
{
    for (std::size_t i = 1; i < names.size(); ++i)
        if (names[i] == text)
            return static_cast<method>(i);
    return method::extension;
}

std::string_view to_string(method m) noexcept
{
    return names[static_cast<std::size_t>(m)];
}

} // namespace cpm::sip
