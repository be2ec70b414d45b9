#pragma once
/// @file
/// Building media descriptions from typed MSRP values, for offers and
/// answers. Built descriptions hold views, so the text they need (joined
/// accept-types, numbers, ...) is kept in a text_store that must outlive them.

#include "sdp/offer_answer.hpp"

#include <deque>
#include <string>

namespace cpm::sdp {

/// Owns the strings a built description points into (a deque: adding a
/// string never moves the others).
class text_store {
public:
    /// Keeps @p s and returns a view of the kept copy.
    std::string_view keep(std::string s)
    {
        return texts_.emplace_back(std::move(s));
    }

private:
    std::deque<std::string> texts_;
};

/// "message/cpim text/*" from entries; "*" entries stay "*".
std::string format_accept_types(std::span<media_range const> types);
/// file-selector value with the selectors present, in the order name type size hash.
std::string format_file_selector(file_selector const& s);
/// file-date value with the dates present.
std::string format_file_date(file_date const& d);
/// "start-stop" or "start-*".
std::string format_file_range(file_range const& r);

/// m=message <port> <proto> * with @p media's attributes, in the order
/// direction (when not sendrecv), accept-types, accept-wrapped-types,
/// max-size, path, setup, connection, msrp-cema, then the RFC 5547 ones.
media_description msrp_media_line(msrp_media const& media, std::uint16_t port, std::string_view proto,
                                  text_store& store);

/// The answer's line for @p offer: a rejected stream keeps the offer's
/// proto and formats with port 0 and no attributes (RFC 3264 section 6);
/// an accepted one is msrp_media_line(answer.media, port, offer.proto).
media_description answer_media_line(media_description const& offer, msrp_answer const& answer, std::uint16_t port,
                                    text_store& store);

} // namespace cpm::sdp
