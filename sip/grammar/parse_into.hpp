#pragma once
// Private: the hot-path value parsers into objects the caller owns.
// message::parse decodes the hot headers straight into the message, and the
// public parse_*() functions build their result in place, so a decoded
// value (a uri is 344 bytes) is never copied out of nested results.

#include "sip/abnf/params.hpp"
#include "sip/abnf/parse_error.hpp"
#include "sip/media_type.hpp"
#include "sip/name_addr.hpp"
#include "sip/uri.hpp"
#include "sip/via.hpp"

#include <cstddef>
#include <string_view>
#include <utility>

namespace cpm::sip::grammar {

// Each parses like its public counterpart into @p out, which must be
// default-built; on error @p out holds a partial parse the caller discards.
abnf::result<void> parse_uri_into(std::string_view text, uri& out);
abnf::result<void> parse_via_into(std::string_view value, std::size_t* consumed, via& out);
abnf::result<void> parse_name_addr_into(std::string_view value, std::size_t* consumed, abnf::param_visitor* visitor,
                                        name_addr& out);
abnf::result<void> parse_media_type_into(std::string_view value, std::size_t* consumed, media_type& out);

/// A result<T> built in place by @p parse_into(T&) (one named result, so
/// NRVO: nothing is copied on the way out).
template <class T, class ParseInto>
abnf::result<T> built_in_place(ParseInto&& parse_into)
{
    abnf::result<T> out(boost::system::in_place_value);
    if (auto r = parse_into(*out); !r)
        out = abnf::result<T>(std::move(r).error());
    return out;
}

} // namespace cpm::sip::grammar
