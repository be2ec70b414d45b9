#pragma once
/// @file
/// Dialog identifiers (RFC 3261 12): Call-ID, local tag, remote tag, from
/// the point of view of the UA that holds the dialog.

#include "sip/message.hpp"

#include <boost/container_hash/hash.hpp>

#include <string>
#include <string_view>

namespace cpm::sip::dialog {

/// A dialog id as views (into a message, or into a dialog_id).
struct dialog_id_view {
    std::string_view call_id;    ///< compared byte for byte (20.8)
    std::string_view local_tag;  ///< compared byte for byte (19.3)
    std::string_view remote_tag;

    friend bool operator==(dialog_id_view const&, dialog_id_view const&) = default;
};

/// An owned dialog id, as a dialog keeps it.
struct dialog_id {
    std::string call_id;
    std::string local_tag;
    std::string remote_tag;

    dialog_id_view view() const noexcept { return {call_id, local_tag, remote_tag}; }
    friend bool operator==(dialog_id const&, dialog_id const&) = default;
};

/// 12.2.2: a request a UA receives: local tag = To tag, remote tag = From tag.
inline dialog_id_view id_of_received_request(sip::message const& request) noexcept
{
    return {request.call_id(), request.to().tag, request.from().tag};
}

/// 12.1.2, 12.2.1.2: a response a UAC receives (or a request it sends):
/// local tag = From tag, remote tag = To tag.
inline dialog_id_view id_of_received_response(sip::message const& response) noexcept
{
    return {response.call_id(), response.from().tag, response.to().tag};
}

/// Hashes dialog_id_view and dialog_id alike (a table keyed by dialog_id
/// can be searched with views through a transparent hash).
struct dialog_id_hash {
    using is_transparent = void;
    std::size_t operator()(dialog_id_view const& id) const noexcept
    {
        std::size_t seed = 0;
        boost::hash_combine(seed, std::hash<std::string_view>{}(id.call_id));
        boost::hash_combine(seed, std::hash<std::string_view>{}(id.local_tag));
        boost::hash_combine(seed, std::hash<std::string_view>{}(id.remote_tag));
        return seed;
    }
    std::size_t operator()(dialog_id const& id) const noexcept { return (*this)(id.view()); }
};

} // namespace cpm::sip::dialog
