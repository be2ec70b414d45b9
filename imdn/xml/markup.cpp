// The XML reader's lexical checks and the markup it checks then skips:
// XML Chars and UTF-8, references, the XML declaration, comments,
// processing instructions, CDATA sections and the Misc of prolog and epilog.

#include "imdn/xml/detail/parser.hpp"

#include <string>

namespace cpm::imdn::xml {

using namespace detail;

// One UTF-8 sequence at p (>= 0x80) that must be a Char; advances p.
bool parser::check_utf8(char const*& p, char const* stop)
{
    char32_t cp = 0;
    int const len = decode_utf8(p, stop, cp);
    if (len == 0)
        return fail(p, errc::bad_character, "malformed UTF-8 sequence");
    if (!is_char(cp))
        return fail(p, errc::bad_character, "character U+" + std::to_string(static_cast<unsigned>(cp)) +
                                                 " (decimal) is not allowed in XML");
    p += len;
    return true;
}

// XML 1.0 [2]: every character of [from, to) is a Char.
bool parser::check_chars(char const* from, char const* to)
{
    for (char const* p = from; p < to;) {
        if (has(*p, ch_plain)) {
            ++p;
        } else if (static_cast<unsigned char>(*p) >= 0x80) {
            if (!check_utf8(p, to))
                return false;
        } else {
            return fail(p, errc::bad_character,
                        "control character " + std::to_string(static_cast<unsigned char>(*p)) + " is not allowed");
        }
    }
    return true;
}

// XML 1.0 [67] Reference at amp, with WFC Legal Character and Entity Declared.
bool parser::check_reference(char const* amp, char const*& next)
{
    auto const r = read_reference(amp, end_);
    switch (r.kind) {
    case reference_kind::ok:
        next = r.next;
        return true;
    case reference_kind::not_a_char:
        return fail(amp, errc::bad_reference, "character reference to a character not allowed in XML");
    case reference_kind::undefined_entity:
        return fail(amp, errc::undefined_entity,
                    "undefined entity &" + quoted(r.name) + "; (no DTD: only lt, gt, amp, apos and quot)");
    case reference_kind::malformed: break;
    }
    return fail(amp, errc::bad_reference, "'&' must start a reference such as &amp; or &#38;");
}

// XML 1.0 [23] XMLDecl at the very start: version, encoding (UTF-8 only), standalone.
bool parser::xml_declaration()
{
    p_ += 5; // "<?xml"
    auto const eq = [&] {
        skip_space();
        if (p_ == end_ || *p_ != '=')
            return false;
        ++p_;
        skip_space();
        return true;
    };
    auto const literal = [&](std::string_view& out) {
        if (p_ == end_ || (*p_ != '"' && *p_ != '\''))
            return false;
        char const q = *p_++;
        char const* const v = p_;
        while (p_ < end_ && *p_ != q)
            ++p_;
        if (p_ == end_)
            return false;
        out = view(v, p_++);
        return true;
    };
    auto const pseudo = [&](std::string_view attr, std::string_view& value) {
        char const* const before = p_;
        skip_space();
        if (p_ == before || !at(attr)) {
            p_ = before;
            return false;
        }
        p_ += attr.size();
        if (!eq() || !literal(value)) {
            p_ = before;
            return false;
        }
        return true;
    };
    std::string_view version;
    if (!pseudo("version", version))
        return fail(p_, errc::bad_xml_declaration, "XML declaration: version=\"1.x\" must come first");
    // [26] VersionNum ::= '1.' [0-9]+
    bool ok = version.size() >= 3 && version.substr(0, 2) == "1.";
    for (std::size_t i = 2; ok && i < version.size(); ++i)
        ok = version[i] >= '0' && version[i] <= '9';
    if (!ok)
        return fail(version.data(), errc::bad_xml_declaration, "XML declaration: version must be 1.x");
    std::string_view encoding;
    if (pseudo("encoding", encoding)) {
        // [81] EncName; this reader reads UTF-8 only (US-ASCII is a subset).
        auto const iequals = [](std::string_view a, std::string_view b) {
            if (a.size() != b.size())
                return false;
            for (std::size_t i = 0; i < a.size(); ++i)
                if ((a[i] | 0x20) != (b[i] | 0x20))
                    return false;
            return true;
        };
        if (!iequals(encoding, "UTF-8") && !iequals(encoding, "US-ASCII"))
            return fail(encoding.data(), errc::unsupported_encoding,
                        "encoding \"" + quoted(encoding) + "\" is not supported (UTF-8 only)");
    }
    std::string_view standalone;
    if (pseudo("standalone", standalone) && standalone != "yes" && standalone != "no")
        return fail(standalone.data(), errc::bad_xml_declaration, "XML declaration: standalone must be yes or no");
    skip_space();
    if (!at("?>"))
        return fail(p_, p_ == end_ ? errc::incomplete : errc::bad_xml_declaration,
                    "XML declaration: expected '?>' after version, encoding and standalone");
    p_ += 2;
    return true;
}

// XML 1.0 [15] Comment at "<!--": no "--" inside, no "--->" end.
bool parser::comment()
{
    char const* const start = p_;
    char const* const body = p_ + 4;
    std::string_view const rest = view(body, end_);
    auto const dashes = rest.find("--");
    if (dashes == std::string_view::npos)
        return fail(start, errc::incomplete, "comment not closed by '-->'");
    if (dashes + 2 >= rest.size() || rest[dashes + 2] != '>')
        return fail(body + dashes, errc::bad_comment, "'--' is not allowed inside a comment");
    if (!check_chars(body, body + dashes))
        return false;
    p_ = body + dashes + 3;
    return true;
}

// XML 1.0 [16] PI: a target that is a Name other than [Xx][Mm][Ll], then S and data.
bool parser::processing_instruction()
{
    char const* const start = p_;
    p_ += 2;
    std::string_view target;
    if (!scan_name(target, "a processing instruction target"))
        return false;
    if (target.size() == 3 && (target[0] | 0x20) == 'x' && (target[1] | 0x20) == 'm' && (target[2] | 0x20) == 'l')
        return fail(start, errc::bad_processing_instruction,
                    "the XML declaration is only allowed at the very start of the document");
    // Namespaces in XML 1.0 section 7: no colon in a PI target.
    if (target.find(':') != std::string_view::npos)
        return fail(target.data(), errc::bad_processing_instruction,
                    "processing instruction target " + quoted(target) + " contains ':'");
    auto const close = view(p_, end_).find("?>");
    if (close == std::string_view::npos)
        return fail(start, errc::incomplete, "processing instruction <?" + quoted(target) + " not closed by '?>'");
    if (close != 0 && !has(*p_, ch_space))
        return fail(p_, errc::bad_processing_instruction, "processing instruction: expected white space after the target");
    if (!check_chars(p_, p_ + close))
        return false;
    p_ += close + 2;
    return true;
}

// XML 1.0 [18] CDSect at "<![CDATA[".
bool parser::cdata()
{
    char const* const start = p_;
    char const* const body = p_ + 9;
    auto const close = view(body, end_).find("]]>");
    if (close == std::string_view::npos)
        return fail(start, errc::incomplete, "CDATA section not closed by ']]>'");
    if (!check_chars(body, body + close))
        return false;
    p_ = body + close + 3;
    return true;
}

// XML 1.0 [27] Misc* (prolog or epilog): white space, comments, PIs.
bool parser::misc(bool after_root)
{
    for (;;) {
        skip_space();
        if (p_ == end_ || *p_ != '<')
            return true;
        if (at("<!--")) {
            if (!comment())
                return false;
        } else if (at("<?")) {
            if (!processing_instruction())
                return false;
        } else if (at("<![CDATA[")) {
            return fail(p_, errc::content_outside_root, "CDATA section outside the root element");
        } else if (at("<!DOCTYPE")) {
            return fail(p_, errc::doctype_not_allowed,
                        after_root ? "<!DOCTYPE after the root element"
                                   : "<!DOCTYPE is not accepted (no DTDs, no entity declarations, no external "
                                     "entities)");
        } else {
            return true;
        }
    }
}


} // namespace cpm::imdn::xml
