#include "cpim/builder.hpp"

#include "cpim/detail/chars.hpp"
#include "cpim/error.hpp"
#include "cpim/escape.hpp"

namespace cpm::cpim {

namespace {

/// True when @p text can be written as 1*( Token SP ): words of
/// TOKENCHARs separated by single spaces.
bool is_token_words(std::string_view text)
{
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t const n = detail::scan_token(text.substr(pos));
        if (n == 0)
            return false;
        pos += n;
        if (pos == text.size())
            return true;
        if (text[pos] != ' ')
            return false;
        ++pos;
    }
    return false; // empty, or a trailing space
}

} // namespace

void builder::fail(std::string sentence)
{
    if (!error_)
        error_ = std::move(sentence);
}

builder& builder::address_header(std::string_view name, std::string_view uri, std::string_view display_name)
{
    if (!is_absolute_uri(uri)) {
        fail("CPIM builder: " + std::string(name) + " URI must be an absolute URI");
        return *this;
    }
    headers_ += name;
    headers_ += ": ";
    if (!display_name.empty()) {
        if (is_token_words(display_name)) {
            headers_ += display_name;
            headers_ += ' ';
        } else {
            headers_ += '"';
            if (!append_escaped(headers_, display_name, escape_context::string))
                fail("CPIM builder: " + std::string(name) + " display name is not UTF-8");
            headers_ += '"';
        }
    }
    headers_ += '<';
    headers_ += uri;
    headers_ += ">\r\n";
    return *this;
}

builder& builder::from(std::string_view uri, std::string_view display_name)
{
    return address_header("From", uri, display_name);
}

builder& builder::to(std::string_view uri, std::string_view display_name)
{
    return address_header("To", uri, display_name);
}

builder& builder::cc(std::string_view uri, std::string_view display_name)
{
    return address_header("cc", uri, display_name);
}

builder& builder::date_time(cpim::date_time const& dt)
{
    headers_ += "DateTime: ";
    append_date_time(headers_, dt);
    headers_ += "\r\n";
    return *this;
}

builder& builder::subject(std::string_view text, std::string_view lang)
{
    headers_ += "Subject:";
    if (!lang.empty()) {
        if (!is_language_tag(lang))
            fail("CPIM builder: Subject lang must be a language tag (RFC 3066)");
        headers_ += ";lang=";
        headers_ += lang;
    }
    headers_ += ' ';
    if (!append_escaped(headers_, text, escape_context::header_value))
        fail("CPIM builder: Subject is not UTF-8");
    headers_ += "\r\n";
    return *this;
}

builder& builder::ns(std::string_view prefix, std::string_view uri)
{
    if (!is_absolute_uri(uri))
        fail("CPIM builder: NS URI must be an absolute URI");
    headers_ += "NS: ";
    if (!prefix.empty()) {
        headers_ += prefix;
        headers_ += ' ';
    }
    headers_ += '<';
    headers_ += uri;
    headers_ += ">\r\n";
    return *this;
}

builder& builder::require(std::string_view header_name)
{
    headers_ += "Require: ";
    headers_ += header_name;
    headers_ += "\r\n";
    return *this;
}

builder& builder::header(std::string_view name, std::string_view value)
{
    headers_ += name;
    headers_ += ": ";
    if (!append_escaped(headers_, value, escape_context::header_value))
        fail("CPIM builder: " + std::string(name) + " value is not UTF-8");
    headers_ += "\r\n";
    return *this;
}

builder& builder::mime_header(std::string_view name, std::string_view value)
{
    // A MIME value has no escape mechanism: controls cannot be carried.
    for (char c : value)
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) {
            fail("CPIM builder: " + std::string(name) + " value holds a control character");
            break;
        }
    mime_ += name;
    mime_ += ": ";
    mime_ += value;
    mime_ += "\r\n";
    return *this;
}

builder& builder::body(std::string_view content)
{
    body_ = content;
    return *this;
}

sip::abnf::result<message> builder::build(parse_options const& options) const
{
    if (error_)
        return sip::abnf::parse_error{make_error_code(errc::bad_header_value), 0, 1, 1, *error_};
    std::string text;
    text.reserve(headers_.size() + mime_.size() + body_.size() + 4);
    text += headers_;
    text += "\r\n";
    text += mime_;
    text += "\r\n";
    text += body_;
    return message::parse(sip::abnf::text_buffer(text), options);
}

} // namespace cpm::cpim
