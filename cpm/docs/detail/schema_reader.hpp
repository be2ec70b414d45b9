#pragma once
/// @file
/// Private helpers shared by the readers of CPM's XML bodies: the XML
/// Schema simple types they use and the checks every element gets
/// (unqualified attributes among those the schema defines, element-only or
/// text-only content), each failure a parse_error naming the element.

#include "cpm/docs/error.hpp"

#include "imdn/xml/document.hpp"

#include "sip/abnf/parse_error.hpp"

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace cpm::docs::detail {

inline bool is_xml_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// XML Schema whiteSpace="collapse" for the single-token types.
inline std::string_view trim(std::string_view s) noexcept
{
    while (!s.empty() && is_xml_space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && is_xml_space(s.back()))
        s.remove_suffix(1);
    return s;
}

/// xs:boolean (XML Schema part 2, 3.2.2.1): true, false, 1, 0.
inline std::optional<bool> parse_boolean(std::string_view s) noexcept
{
    s = trim(s);
    if (s == "true" || s == "1") return true;
    if (s == "false" || s == "0") return false;
    return std::nullopt;
}

/// xs:unsignedLong (XML Schema part 2, 3.3.21): digits of a 64-bit value
/// (a leading '+' and leading zeros allowed, as the lexical space says).
inline std::optional<std::uint64_t> parse_unsigned_long(std::string_view s) noexcept
{
    s = trim(s);
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    while (s.size() > 1 && s.front() == '0')
        s.remove_prefix(1);
    if (s.empty() || s.size() > 20)
        return std::nullopt;
    std::uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            return std::nullopt;
        auto const digit = static_cast<std::uint64_t>(c - '0');
        if (v > (~std::uint64_t{0} - digit) / 10)
            return std::nullopt;
        v = v * 10 + digit;
    }
    return v;
}

/// xs:unsignedInt (XML Schema part 2, 3.3.22).
inline std::optional<std::uint32_t> parse_unsigned_int(std::string_view s) noexcept
{
    auto const v = parse_unsigned_long(s);
    if (!v || *v > 0xffffffffu)
        return std::nullopt;
    return static_cast<std::uint32_t>(*v);
}

/// The enumeration value spelled @p s, trying the @p count values from 0
/// through to_string, so each spelling is written once.
template <class E>
std::optional<E> from_string(std::string_view s, int count) noexcept
{
    for (int i = 0; i < count; ++i)
        if (to_string(static_cast<E>(i)) == s)
            return static_cast<E>(i);
    return std::nullopt;
}

/// One element of an xs:sequence; @c repeat for maxOccurs="unbounded".
struct slot {
    std::string_view name;
    bool repeat = false;
};

/// Whether a type ends in <xs:any namespace="##other">.
enum class extension : bool { no, yes };

/// The common checks of a schema walk over one document whose elements are
/// in namespace @p ns; @p what prefixes every sentence ("conference-info: ...").
class schema_reader {
public:
    schema_reader(imdn::xml::document const& doc, std::string_view what, std::string_view ns) noexcept
        : doc_(doc), what_(what), ns_(ns)
    {
    }

    imdn::xml::document const& doc() const noexcept { return doc_; }

    sip::abnf::parse_error fail(std::uint32_t offset, errc code, std::string_view sentence) const
    {
        std::string_view const text = doc_.text();
        return sip::abnf::make_parse_error(text, text.data() + offset, code,
                                           std::string(what_) + ": " + std::string(sentence));
    }

    /// Unqualified attributes of @p e must be among @p allowed; qualified
    /// ones are extensions (anyAttribute namespace="##other") and pass.
    sip::abnf::result<void> attributes(imdn::xml::element const& e,
                                       std::initializer_list<std::string_view> allowed) const
    {
        for (auto const& a : doc_.attributes(e)) {
            if (!a.ns.empty())
                continue;
            bool known = false;
            for (auto name : allowed)
                known = known || a.name == name;
            if (!known)
                return fail(a.offset, errc::unexpected_attribute,
                            "<" + std::string(e.local()) + "> has no attribute '" + std::string(a.name) + "'");
        }
        return {};
    }

    /// Element-only content: character data may only be white space.
    sip::abnf::result<void> no_text(imdn::xml::element const& e) const
    {
        if (blank_between_children(e))
            return {};
        // Comments, references or CDATA between the children: decode to see.
        if (!trim(doc_.text(e).view()).empty())
            return fail(e.begin, errc::unexpected_text,
                        "<" + std::string(e.local()) + "> may hold elements only, not text");
        return {};
    }

    /// Simple content: text and no child element.
    sip::abnf::result<void> text_only(imdn::xml::element const& e) const
    {
        if (e.first_child != imdn::xml::none)
            return fail(doc_.at(e.first_child).begin, errc::unexpected_element,
                        "<" + std::string(e.local()) + "> holds text only");
        return {};
    }

    /// Walks the children of @p e in the order of @p slots (an xs:sequence
    /// of optional elements), calling fn(slot index, child) for each;
    /// children of other namespaces are extensions, allowed after the known
    /// ones when the type has an extension point.
    template <class F>
    sip::abnf::result<void> sequence(imdn::xml::element const& e, std::initializer_list<slot> slots, extension ext,
                                     F&& fn) const
    {
        if (auto r = no_text(e); !r)
            return r;
        std::size_t next = 0; // one past the slot the last child filled
        bool extended = false;
        // The sentence is built only on failure: this loop runs per child.
        auto const where = [&] { return " in <" + std::string(e.local()) + ">"; };
        for (auto const& child : doc_.children(e)) {
            if (child.ns != ns_) {
                if (child.ns.empty() || ext == extension::no)
                    return fail(child.begin, errc::unexpected_element,
                                "<" + std::string(child.name) + "> is not allowed" + where());
                extended = true;
                continue;
            }
            std::size_t i = 0;
            for (auto const& s : slots) {
                if (s.name == child.local())
                    break;
                ++i;
            }
            if (i == slots.size())
                return fail(child.begin, errc::unexpected_element,
                            "<" + std::string(child.local()) + "> is not allowed" + where());
            if (extended || i + 1 < next || (i + 1 == next && !slots.begin()[i].repeat))
                return fail(child.begin, errc::unexpected_element,
                            "<" + std::string(child.local()) + "> is out of order or repeated" + where());
            next = i + 1;
            if (auto r = fn(i, child); !r)
                return r;
        }
        return {};
    }

    /// A simple-content element: no attribute of its own, no child element.
    sip::abnf::result<imdn::xml::text_value> string(imdn::xml::element const& e) const
    {
        if (auto r = attributes(e, {}); !r)
            return r.error();
        if (auto r = text_only(e); !r)
            return r.error();
        return doc_.text(e);
    }

    /// A single-token value (anyURI, enumerations, numbers): whiteSpace
    /// collapse, so surrounding spaces go.
    static imdn::xml::text_value token(imdn::xml::text_value v)
    {
        std::string_view const t = trim(v.view());
        if (t.size() == v.view().size())
            return v;
        return v.decoded() ? imdn::xml::text_value(std::string(t)) : imdn::xml::text_value(t);
    }

    sip::abnf::result<imdn::xml::text_value> token_of(imdn::xml::element const& e) const
    {
        auto v = string(e);
        if (!v)
            return v.error();
        return token(std::move(*v));
    }

    /// A required attribute, as a token.
    sip::abnf::result<imdn::xml::text_value> required_attribute(imdn::xml::element const& e,
                                                                std::string_view name) const
    {
        auto const* a = doc_.find_attribute(e, "", name);
        if (a == nullptr)
            return fail(e.begin, errc::missing_attribute,
                        "<" + std::string(e.local()) + "> needs a " + std::string(name) + " attribute");
        return token(imdn::xml::document::value(*a));
    }

    sip::abnf::parse_error missing(imdn::xml::element const& e, std::string_view child) const
    {
        return fail(e.begin, errc::missing_element,
                    "<" + std::string(e.local()) + "> needs a <" + std::string(child) + "> element");
    }

    /// Stores the value of @p r in @p into, or passes its error on.
    template <class T, class U>
    static sip::abnf::result<void> set(sip::abnf::result<T> r, U& into)
    {
        if (!r)
            return r.error();
        into = std::move(*r);
        return {};
    }

private:
    /// Whether the raw bytes of @p e outside its children are all XML white
    /// space: the usual indentation, checked without decoding (no copy).
    bool blank_between_children(imdn::xml::element const& e) const noexcept
    {
        char const* const base = doc_.text().data();
        char const* p = e.content.data();
        char const* const end = p + e.content.size();
        auto const blank = [](char const* from, char const* to) {
            for (; from < to; ++from)
                if (!is_xml_space(*from))
                    return false;
            return true;
        };
        for (auto const& c : doc_.children(e)) {
            if (!blank(p, base + c.begin))
                return false;
            p = base + c.end;
        }
        return blank(p, end);
    }

    imdn::xml::document const& doc_;
    std::string_view what_;
    std::string_view ns_;
};

} // namespace cpm::docs::detail
