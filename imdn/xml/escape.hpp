#pragma once
/// @file
/// Writing XML: text and attribute values escaped so that the reader gives
/// back exactly the text written.

#include <string>
#include <string_view>

namespace cpm::imdn::xml {

/// Appends @p text as character data: '&', '<' and '>' as &amp; &lt; &gt;
/// (so "]]>" cannot appear) and CR as &#13; (which line-end normalisation
/// would otherwise turn into LF). Returns false, leaving @p out unchanged,
/// when @p text is not UTF-8 made of XML Chars (XML 1.0 [2]: no NUL, no
/// other C0 control but TAB, LF and CR), which no escape can carry.
bool append_text(std::string& out, std::string_view text);

/// Appends @p text as the inside of a "..." attribute value: like
/// append_text, plus '"' as &quot; and TAB, LF, CR as character references
/// (attribute-value normalisation would turn them into spaces).
bool append_attribute_value(std::string& out, std::string_view text);

} // namespace cpm::imdn::xml
