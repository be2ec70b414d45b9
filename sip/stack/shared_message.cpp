#include "sip/stack/shared_message.hpp"

#include <memory>

namespace cpm::sip::stack {

message_ptr share(sip::message const& m)
{
    auto copy = sip::message::parse(abnf::text_buffer(m.text()));
    if (!copy)
        return nullptr;
    return std::make_shared<sip::message const>(std::move(*copy));
}

std::optional<sip::message> parse_own(std::string_view bytes)
{
    auto m = sip::message::parse(abnf::text_buffer(bytes));
    if (!m)
        return std::nullopt;
    return std::move(*m);
}

} // namespace cpm::sip::stack
