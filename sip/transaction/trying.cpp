#include "sip/transaction/trying.hpp"

#include "sip/builder.hpp"

#include <boost/assert.hpp>

#include <string>

namespace cpm::sip::transaction {

sip::message make_trying(sip::message const& request)
{
    std::string text;
    // 8.2.6.2: a 100 (Trying) may omit the To tag; 8.2.6.1: make_response
    // copies the Timestamp.
    make_response(text, request, 100, "Trying").finish();
    // builder.hpp: parse a copy in a text_buffer, never the string itself.
    auto parsed = sip::message::parse(abnf::text_buffer(text));
    // The fields are copied from a request that parsed, so the response does.
    BOOST_ASSERT(parsed.has_value());
    return std::move(*parsed);
}

} // namespace cpm::sip::transaction
