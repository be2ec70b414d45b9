#pragma once
// Private to the XML reader: the parser's state and the helpers its
// translation units share (parser.cpp: names, tags, content and the
// document; markup.cpp: characters, references and the markup that is
// checked then skipped; namespaces.cpp: Namespaces in XML 1.0).

#include "imdn/xml/detail/chars.hpp"
#include "imdn/xml/document.hpp"
#include "imdn/xml/error.hpp"

#include <boost/container/small_vector.hpp>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace cpm::imdn::xml {

namespace detail {

/// A prefix in scope and the namespace name it is bound to.
struct binding {
    std::string_view prefix;
    std::string_view name;
};

/// An element whose end tag has not been seen yet.
struct open_element {
    open_element(index e, std::uint32_t mark, std::string_view ns) noexcept
        : element(e), bindings_mark(mark), default_ns(ns)
    {
    }
    index element;
    index last_child = none;
    std::uint32_t bindings_mark; ///< size of the binding stack before its declarations
    std::string_view default_ns; ///< the default namespace in its scope ("" for none)
};

inline bool same(char const* a, char const* b, std::size_t n) noexcept
{
    // Names are short: eight bytes at a time beats a call to memcmp.
    for (; n >= 8; a += 8, b += 8, n -= 8) {
        std::uint64_t x, y;
        std::memcpy(&x, a, 8);
        std::memcpy(&y, b, 8);
        if (x != y)
            return false;
    }
    for (std::size_t i = 0; i < n; ++i)
        if (a[i] != b[i])
            return false;
    return true;
}

inline bool equal(std::string_view a, std::string_view b) noexcept
{
    return a.size() == b.size() && same(a.data(), b.data(), a.size());
}

/// Namespaces in XML 1.0 [7] QName, for a Name: at most one ':', neither
/// first nor last, and the local part starting with a NameStartChar. Sets
/// @p prefix_size (0: unprefixed).
inline bool qname(std::string_view name, std::uint32_t& prefix_size) noexcept
{
    std::size_t colon = 0;
    std::size_t colons = 0;
    for (std::size_t i = 0; i < name.size(); ++i)
        if (name[i] == ':') {
            colon = i;
            ++colons;
        }
    prefix_size = static_cast<std::uint32_t>(colon);
    if (colons == 0)
        return true;
    if (colons > 1 || colon == 0 || colon + 1 == name.size())
        return false;
    char const* const local = name.data() + colon + 1;
    if (static_cast<unsigned char>(*local) < 0x80)
        return has(*local, ch_name_start);
    char32_t cp = 0;
    return decode_utf8(local, name.data() + name.size(), cp) != 0 && is_name_start(cp);
}

inline std::string quoted(std::string_view s)
{
    // Error sentences quote names taken from the input: cap their length.
    constexpr std::size_t max = 60;
    return s.size() <= max ? std::string(s) : std::string(s.substr(0, max)) + "...";
}

} // namespace detail

/// Builds one document; friend of document.
class parser {
public:
    parser(std::string_view text, limits const& lim, document& doc)
        : doc_(doc), lim_(lim), begin_(text.data()), p_(text.data()), end_(text.data() + text.size())
    {
    }

    bool run();
    sip::abnf::parse_error take_error() { return std::move(error_); }

private:
    document& doc_;
    limits const& lim_;
    char const* const begin_;
    char const* p_;
    char const* const end_;
    boost::container::small_vector<detail::open_element, 16> open_;
    boost::container::small_vector<detail::binding, 8> bindings_;
    sip::abnf::parse_error error_;

    std::uint32_t offset(char const* at) const noexcept { return static_cast<std::uint32_t>(at - begin_); }
    std::string_view view(char const* from, char const* to) const noexcept
    {
        return {from, static_cast<std::size_t>(to - from)};
    }

    bool fail(char const* at, errc code, std::string sentence)
    {
        error_ = sip::abnf::make_parse_error(view(begin_, end_), at, code, "XML: " + std::move(sentence));
        return false;
    }

    bool at(std::string_view s) const noexcept
    {
        return static_cast<std::size_t>(end_ - p_) >= s.size() && detail::same(p_, s.data(), s.size());
    }
    void skip_space() noexcept { p_ = detail::skip(p_, end_, detail::ch_space); }

    bool check_utf8(char const*& p, char const* stop);
    bool check_chars(char const* from, char const* to);
    bool scan_name(std::string_view& name, char const* what);
    bool scan_qname(std::string_view& name, std::uint32_t& prefix_size, char const* what);
    bool check_reference(char const* amp, char const*& next);

    bool xml_declaration();
    bool misc(bool after_root);
    bool comment();
    bool processing_instruction();
    bool cdata();
    bool content();
    bool start_tag();
    bool end_tag();
    bool attribute_value(attribute& a);
    bool declare(attribute const& a, std::string_view& default_ns);
    bool resolve(element& e, std::string_view default_ns);
    bool lookup(std::string_view prefix, std::string_view& name) const noexcept;
};

} // namespace cpm::imdn::xml
