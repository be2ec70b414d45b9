#include "sip/abnf/parse_error.hpp"

#include <boost/throw_exception.hpp>

#include <stdexcept>

namespace cpm::sip::abnf {

position locate(std::string_view text, std::size_t offset) noexcept
{
    if (offset > text.size())
        offset = text.size();
    position pos;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++pos.line;
            line_start = i + 1;
        }
    }
    pos.column = static_cast<std::uint32_t>(offset - line_start + 1);
    return pos;
}

parse_error make_parse_error(std::string_view text, char const* at,
                             boost::system::error_code code, std::string message)
{
    std::size_t offset = 0;
    if (at >= text.data() && at <= text.data() + text.size())
        offset = static_cast<std::size_t>(at - text.data());
    auto const pos = locate(text, offset);
    return parse_error{code, offset, pos.line, pos.column, std::move(message)};
}

void throw_exception_from_error(parse_error const& e, boost::source_location const& loc)
{
    boost::throw_exception(std::invalid_argument(e.message), loc);
}

} // namespace cpm::sip::abnf
