#include "sip/header_id.hpp"

#include "sip/abnf/char_class.hpp"

#include <array>
#include <cstdint>
#include <cstring>

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
    {"P-Associated-URI", 0}, {"P-Called-Party-ID", 0}, {"Feature-Caps", 0}, {"SIP-ETag", 0},
    {"SIP-If-Match", 0}, {"Flow-Timer", 0}, {"Refer-Sub", 0},
}};

// Open-addressing table keyed by (length, first and last letter, lower
// case): a lookup hashes three bytes and verifies one candidate name, so
// the hot path never walks a list of names.
constexpr std::size_t slots = 256;

constexpr std::size_t slot_of(std::size_t len, char first, char last) noexcept
{
    auto const f = static_cast<std::size_t>(static_cast<unsigned char>(first) | 0x20);
    auto const l = static_cast<std::size_t>(static_cast<unsigned char>(last) | 0x20);
    return (len * 10 + f * 61 + l * 15) % slots;
}

struct name_index {
    std::array<header_id, slots> slot{};
    std::array<header_id, 26> compact{};
};

constexpr name_index make_index()
{
    name_index idx{};
    for (std::size_t i = 1; i < table.size(); ++i) {
        auto const name = table[i].name;
        std::size_t s = slot_of(name.size(), name.front(), name.back());
        while (idx.slot[s] != header_id::unknown)
            s = (s + 1) % slots;
        idx.slot[s] = static_cast<header_id>(i);
        if (table[i].compact != 0)
            idx.compact[static_cast<std::size_t>(table[i].compact - 'a')] = static_cast<header_id>(i);
    }
    return idx;
}

constexpr name_index index = make_index();

static_assert([] {
    for (auto const& h : table)
        for (char c : h.name)
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-'))
                return false;
    return table.size() < slots / 2;
}(), "same_name() relies on names of letters and '-' in a sparse table");

// Per name, 0x20 under each letter and 0 under each '-'. OR-ed into both
// sides it lower-cases letters only, so an input byte matches a letter in
// either case and a '-' exactly (a plain OR with 0x20 would let CR pass
// for '-': lookup_header() also sees untrusted text that is not a token).
constexpr std::size_t longest_name = 32;
constexpr auto case_masks = [] {
    std::array<std::array<char, longest_name>, table.size()> m{};
    for (std::size_t i = 0; i < table.size(); ++i)
        for (std::size_t j = 0; j < table[i].name.size(); ++j)
            m[i][j] = table[i].name[j] == '-' ? 0 : 0x20;
    return m;
}();
static_assert([] {
    for (auto const& h : table)
        if (h.name.size() > longest_name)
            return false;
    return true;
}(), "case_masks holds names up to longest_name bytes");

template <class Word>
bool same_word(char const* a, char const* b, char const* mask) noexcept
{
    Word x = 0, y = 0, m = 0;
    std::memcpy(&x, a, sizeof x);
    std::memcpy(&y, b, sizeof y);
    std::memcpy(&m, mask, sizeof m);
    return (x | m) == (y | m);
}

// @p name (of the same length) against the table's name of @p id, a word
// at a time; the last word overlaps the previous one instead of finishing
// byte by byte.
bool same_name(header_id id, std::string_view name) noexcept
{
    auto const i = static_cast<std::size_t>(id);
    std::size_t const n = name.size();
    char const* a = table[i].name.data();
    char const* m = case_masks[i].data();
    char const* b = name.data();
    if (n >= 8) {
        for (std::size_t k = 0; k + 8 < n; k += 8)
            if (!same_word<std::uint64_t>(a + k, b + k, m + k))
                return false;
        return same_word<std::uint64_t>(a + n - 8, b + n - 8, m + n - 8);
    }
    if (n >= 4)
        return same_word<std::uint32_t>(a, b, m) && same_word<std::uint32_t>(a + n - 4, b + n - 4, m + n - 4);
    for (std::size_t k = 0; k < n; ++k)
        if ((a[k] | m[k]) != (b[k] | m[k]))
            return false;
    return true;
}

} // namespace

header_id lookup_header(std::string_view name) noexcept
{
    if (name.size() == 1) {
        char const c = abnf::to_lower(name[0]);
        return (c >= 'a' && c <= 'z') ? index.compact[static_cast<std::size_t>(c - 'a')] : header_id::unknown;
    }
    if (name.empty())
        return header_id::unknown;
    for (std::size_t s = slot_of(name.size(), name.front(), name.back());; s = (s + 1) % slots) {
        header_id const id = index.slot[s];
        if (id == header_id::unknown)
            return id;
        if (table[static_cast<std::size_t>(id)].name.size() == name.size() && same_name(id, name))
            return id;
    }
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
