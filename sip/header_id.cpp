#include "sip/header_id.hpp"

#include "sip/abnf/char_class.hpp"

#include <array>

namespace cpm::sip {

namespace {

struct header_info {
    std::string_view name;
    char compact;
};

// Indexed by header_id; order must follow the enum.
constexpr std::array<header_info, static_cast<std::size_t>(header_id::count_)> table{{
    {"", 0},
    {"Via", 'v'}, {"From", 'f'}, {"To", 't'}, {"Call-ID", 'i'}, {"CSeq", 0},
    {"Max-Forwards", 0}, {"Content-Length", 'l'}, {"Content-Type", 'c'},
    {"Contact", 'm'}, {"Route", 0}, {"Record-Route", 0}, {"Path", 0}, {"Service-Route", 0},
    {"Expires", 0}, {"Min-Expires", 0}, {"Session-Expires", 'x'}, {"Min-SE", 0},
    {"Supported", 'k'}, {"Require", 0}, {"Proxy-Require", 0}, {"Unsupported", 0},
    {"Allow", 0}, {"Accept", 0}, {"Accept-Encoding", 0}, {"Accept-Language", 0},
    {"Accept-Contact", 'a'}, {"Reject-Contact", 'j'}, {"Request-Disposition", 'd'},
    {"Event", 'o'}, {"Allow-Events", 'u'}, {"Subscription-State", 0},
    {"Privacy", 0}, {"P-Asserted-Identity", 0}, {"P-Preferred-Identity", 0},
    {"P-Asserted-Service", 0}, {"P-Preferred-Service", 0},
    {"Referred-By", 'b'}, {"Refer-To", 'r'}, {"Reply-To", 0}, {"User-Agent", 0},
    {"Server", 0}, {"Warning", 0}, {"Error-Info", 0}, {"Retry-After", 0}, {"Date", 0},
    {"Content-Disposition", 0}, {"Content-Encoding", 'e'}, {"Content-Language", 0},
    {"MIME-Version", 0}, {"WWW-Authenticate", 0}, {"Proxy-Authenticate", 0},
    {"Authorization", 0}, {"Proxy-Authorization", 0}, {"Authentication-Info", 0},
    {"Timestamp", 0}, {"Subject", 's'}, {"Organization", 0}, {"Priority", 0},
    {"Call-Info", 0}, {"Alert-Info", 0}, {"In-Reply-To", 0}, {"RSeq", 0}, {"RAck", 0},
    {"Reason", 0}, {"Identity", 'y'}, {"Identity-Info", 'n'},
    {"Conversation-ID", 0}, {"Contribution-ID", 0}, {"InReplyTo-Contribution-ID", 0},
}};

// Ids bucketed by name length so a lookup compares only same-length names.
struct by_length {
    std::array<std::array<header_id, 8>, 32> ids{};
    std::array<std::uint8_t, 32> count{};
    std::array<header_id, 26> compact{};
};

constexpr by_length make_index()
{
    by_length idx{};
    for (std::size_t i = 1; i < table.size(); ++i) {
        auto const len = table[i].name.size();
        idx.ids[len][idx.count[len]++] = static_cast<header_id>(i);
        if (table[i].compact != 0)
            idx.compact[static_cast<std::size_t>(table[i].compact - 'a')] = static_cast<header_id>(i);
    }
    return idx;
}

constexpr by_length index = make_index();

static_assert([] {
    for (auto const& h : table)
        if (h.name.size() >= 32) return false;
    for (auto c : index.count)
        if (c > 8) return false;
    return true;
}(), "header name table exceeds the lookup buckets");

} // namespace

header_id lookup_header(std::string_view name) noexcept
{
    if (name.size() == 1) {
        char const c = abnf::to_lower(name[0]);
        return (c >= 'a' && c <= 'z') ? index.compact[static_cast<std::size_t>(c - 'a')] : header_id::unknown;
    }
    if (name.size() >= index.ids.size())
        return header_id::unknown;
    auto const& bucket = index.ids[name.size()];
    for (std::uint8_t i = 0; i < index.count[name.size()]; ++i)
        if (abnf::iequals(table[static_cast<std::size_t>(bucket[i])].name, name))
            return bucket[i];
    return header_id::unknown;
}

std::string_view canonical_name(header_id id) noexcept
{
    return table[static_cast<std::size_t>(id)].name;
}

char compact_form(header_id id) noexcept
{
    return table[static_cast<std::size_t>(id)].compact;
}

} // namespace cpm::sip
