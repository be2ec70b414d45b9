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

/// xs:unsignedInt (XML Schema part 2, 3.3.22): digits of a 32-bit value
/// (a leading '+' and leading zeros allowed, as the lexical space says).
inline std::optional<std::uint32_t> parse_unsigned_int(std::string_view s) noexcept
{
    s = trim(s);
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    while (s.size() > 1 && s.front() == '0')
        s.remove_prefix(1);
    if (s.empty() || s.size() > 10)
        return std::nullopt;
    std::uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            return std::nullopt;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (v > 0xffffffffu)
        return std::nullopt;
    return static_cast<std::uint32_t>(v);
}

/// The common checks of a schema walk over one document; @p what prefixes
/// every sentence ("conference-info: ...").
class schema_reader {
public:
    schema_reader(imdn::xml::document const& doc, std::string_view what) noexcept : doc_(doc), what_(what) {}

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

private:
    imdn::xml::document const& doc_;
    std::string_view what_;
};

} // namespace cpm::docs::detail
