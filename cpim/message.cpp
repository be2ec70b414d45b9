#include "cpim/message.hpp"

#include "cpim/detail/chars.hpp"
#include "cpim/error.hpp"

#include "sip/abnf/char_class.hpp"

#include <algorithm>

namespace cpm::cpim {

using sip::abnf::make_parse_error;
using sip::abnf::parse_error;

class message_parser {
public:
    message_parser(message& m, parse_options const& options) : m_(m), text_(m.text_), options_(options) {}

    sip::abnf::result<void> run()
    {
        auto const& lim = options_.limits;
        if (text_.size() > lim.max_message_size)
            return fail(text_.data() + lim.max_message_size, errc::message_size_limit,
                        "CPIM: message exceeds " + std::to_string(lim.max_message_size) + " bytes");
        if (auto r = message_headers(); !r)
            return r;
        if (auto r = mime_headers(); !r)
            return r;
        m_.body_ = text_.substr(pos_);
        return {};
    }

private:
    parse_error fail(char const* at, errc code, std::string sentence) const
    {
        return make_parse_error(text_, at, code, std::move(sentence));
    }
    /// An error of a sub-parser, whose offset is relative to @p part.
    parse_error rebase(std::string_view part, parse_error const& e) const
    {
        return make_parse_error(text_, part.data() + e.offset, e.code, e.message);
    }

    /// The line at pos_ without its CRLF, advancing past it; nullopt (with
    /// error_ set) when it does not end in CRLF within the limits.
    std::optional<std::string_view> next_line(std::string_view missing_end)
    {
        std::size_t const lf = text_.find('\n', pos_);
        std::size_t const limit = options_.limits.max_line_length;
        if (lf == std::string_view::npos) {
            std::size_t const rest = text_.size() - pos_;
            error_ = rest > limit ? fail(text_.data() + pos_ + limit, errc::line_length_limit, too_long())
                                  : fail(text_.data() + text_.size(), errc::missing_separator, std::string(missing_end));
            return std::nullopt;
        }
        if (lf - pos_ > limit + 1) {
            error_ = fail(text_.data() + pos_ + limit, errc::line_length_limit, too_long());
            return std::nullopt;
        }
        // RFC 3862 3.6: every header ends in CRLF, the blank line too.
        if (lf == pos_ || text_[lf - 1] != '\r') {
            error_ = fail(text_.data() + lf, errc::bad_header_line, "CPIM header: line must end in CRLF");
            return std::nullopt;
        }
        std::string_view const line = text_.substr(pos_, lf - 1 - pos_);
        pos_ = lf + 1;
        return line;
    }

    std::string too_long() const
    {
        return "CPIM header: line longer than " + std::to_string(options_.limits.max_line_length) + " bytes";
    }

    /// The namespace of @p prefix for a header at this point (RFC 3862 3.4:
    /// the latest NS declaration before it; unprefixed names default to
    /// urn:ietf:params:cpim-headers:).
    std::string_view resolve(std::string_view prefix) const
    {
        auto const& ns = m_.namespaces_;
        auto const it = std::find_if(ns.rbegin(), ns.rend(), [&](namespace_decl const& d) { return d.prefix == prefix; });
        if (it != ns.rend())
            return it->uri;
        return prefix.empty() ? cpim_namespace : std::string_view{};
    }

    static header_kind kind_of(header const& h)
    {
        // The NS header is recognized unprefixed whatever the default
        // namespace is: it is what every other name is resolved through.
        if (h.prefix.empty() && h.local_name == "NS")
            return header_kind::ns;
        if (h.namespace_uri != cpim_namespace)
            return header_kind::other;
        // RFC 3862 3.1: header names are case-sensitive.
        std::string_view const n = h.local_name;
        if (n == "From") return header_kind::from;
        if (n == "To") return header_kind::to;
        if (n == "cc") return header_kind::cc;
        if (n == "DateTime") return header_kind::date_time;
        if (n == "Subject") return header_kind::subject;
        if (n == "NS") return header_kind::ns;
        if (n == "Require") return header_kind::require;
        return header_kind::other;
    }

    sip::abnf::result<void> decode(header const& h)
    {
        switch (h.kind) {
        case header_kind::from:
        case header_kind::to:
        case header_kind::cc: {
            auto a = parse_address(h.value, h.name, options_.values);
            if (!a)
                return rebase(h.value, a.error());
            if (h.kind == header_kind::from) {
                if (!m_.from_)
                    m_.from_ = *a;
            } else {
                (h.kind == header_kind::to ? m_.to_ : m_.cc_).push_back(*a);
            }
            return {};
        }
        case header_kind::date_time: {
            auto dt = parse_date_time(h.value);
            if (!dt)
                return rebase(h.value, dt.error());
            if (!m_.date_time_)
                m_.date_time_ = *dt;
            return {};
        }
        case header_kind::subject:
            m_.subjects_.push_back(subject{h.params.lang(), h.value});
            return {};
        case header_kind::ns: {
            auto d = parse_namespace(h.value);
            if (!d)
                return rebase(h.value, d.error());
            m_.namespaces_.push_back(*d);
            return {};
        }
        case header_kind::require: {
            auto names = parse_require(h.value);
            if (!names)
                return rebase(h.value, names.error());
            m_.required_.insert(m_.required_.end(), names->begin(), names->end());
            return {};
        }
        case header_kind::other:
            return {};
        }
        return {};
    }

    sip::abnf::result<void> message_headers()
    {
        while (true) {
            auto const line = next_line("CPIM: expected a blank line after the message headers");
            if (!line)
                return *error_;
            if (line->empty())
                return {};
            if (m_.headers_.size() == options_.limits.max_header_count)
                return fail(line->data(), errc::header_count_limit,
                            "CPIM headers: more than " + std::to_string(options_.limits.max_header_count) + " headers");
            auto h = header_parser::parse(*line);
            if (!h)
                return rebase(*line, h.error());
            h->namespace_uri = resolve(h->prefix);
            h->kind = kind_of(*h);
            if (auto r = decode(*h); !r)
                return r;
            m_.headers_.push_back(*h);
        }
    }

    /// RFC 5322 2.2: field-name = 1*ftext (%d33-57 / %d59-126), ":", then
    /// the body, which continues on lines that start with WSP (folding).
    sip::abnf::result<void> mime_headers()
    {
        if (pos_ == text_.size())
            return fail(text_.data() + pos_, errc::missing_separator,
                        "CPIM: expected the encapsulated MIME headers and a blank line");
        while (true) {
            auto line = next_line("CPIM: expected a blank line after the MIME headers");
            if (!line)
                return *error_;
            if (line->empty())
                return {};
            if (m_.mime_headers_.size() == options_.limits.max_mime_header_count)
                return fail(line->data(), errc::header_count_limit,
                            "CPIM MIME headers: more than " + std::to_string(options_.limits.max_mime_header_count) +
                                " headers");
            // Join continuation lines (CRLF then SP or HTAB) into the field.
            while (pos_ < text_.size() && sip::abnf::is_wsp(text_[pos_])) {
                auto const more = next_line("CPIM: expected a blank line after the MIME headers");
                if (!more)
                    return *error_;
                line = std::string_view(line->data(), static_cast<std::size_t>(more->data() + more->size() - line->data()));
                if (line->size() > options_.limits.max_line_length)
                    return fail(line->data() + options_.limits.max_line_length, errc::line_length_limit, too_long());
            }
            auto h = mime_field(*line);
            if (!h)
                return h.error();
            if (auto r = decode_mime(*h); !r)
                return r;
            m_.mime_headers_.push_back(*h);
        }
    }

    sip::abnf::result<mime_header> mime_field(std::string_view line) const
    {
        mime_header h;
        h.line = line;
        std::size_t n = 0;
        while (n < line.size() && line[n] > 32 && line[n] < 127 && line[n] != ':')
            ++n;
        if (n == 0)
            return fail(line.data(), errc::bad_mime_header, "CPIM MIME header: expected a header name");
        h.name = line.substr(0, n);
        auto who = [&h](std::string_view what) { return "CPIM " + std::string(h.name) + ": " + std::string(what); };
        if (n == line.size() || line[n] != ':')
            return fail(line.data() + n, errc::bad_mime_header, who("expected ':' after the header name"));
        std::size_t b = n + 1;
        std::size_t e = line.size();
        // Folds are CRLF WSP; anything else must be VCHAR, WSP or UTF-8.
        for (std::size_t i = b; i < e;) {
            char const c = line[i];
            if (c == '\r' && i + 2 < e && line[i + 1] == '\n' && sip::abnf::is_wsp(line[i + 2])) {
                i += 3;
                continue;
            }
            std::size_t const k = sip::abnf::is_wsp(c) ? 1 : detail::headerchar_length(line.data() + i, line.data() + e);
            if (k == 0)
                return fail(line.data() + i, errc::bad_mime_header, who("control character or bad UTF-8 in the value"));
            i += k;
        }
        auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
        while (b < e && is_space(line[b]))
            ++b;
        while (e > b && is_space(line[e - 1]))
            --e;
        h.value = line.substr(b, e - b);
        return h;
    }

    sip::abnf::result<void> decode_mime(mime_header const& h)
    {
        using sip::abnf::iequals;
        if (iequals(h.name, "Content-Type")) {
            if (m_.content_type_)
                return fail(h.line.data(), errc::bad_mime_header, "CPIM Content-Type: more than one");
            auto ct = parse_content_type(h.value);
            if (!ct)
                return rebase(h.value, ct.error());
            m_.content_type_ = *ct;
        } else if (iequals(h.name, "Content-ID")) {
            auto id = parse_content_id(h.value);
            if (!id)
                return rebase(h.value, id.error());
            if (m_.content_id_.empty())
                m_.content_id_ = *id;
        } else if (iequals(h.name, "Content-Disposition")) {
            auto cd = parse_content_disposition(h.value);
            if (!cd)
                return rebase(h.value, cd.error());
            if (!m_.content_disposition_)
                m_.content_disposition_ = *cd;
        }
        return {};
    }

    message& m_;
    std::string_view text_;
    parse_options const& options_;
    std::size_t pos_ = 0;
    std::optional<parse_error> error_;
};

sip::abnf::result<message> message::parse_text(message m, parse_options const& options)
{
    message_parser parser(m, options);
    if (auto r = parser.run(); !r)
        return r.error();
    return m;
}

sip::abnf::result<message> message::parse(sip::abnf::text_buffer buffer, parse_options const& options)
{
    message m;
    m.buffer_ = std::move(buffer);
    m.text_ = m.buffer_.view();
    return parse_text(std::move(m), options);
}

sip::abnf::result<message> message::parse_borrowed(std::string_view text, parse_options const& options)
{
    message m;
    m.text_ = text;
    return parse_text(std::move(m), options);
}

header const* message::find(std::string_view namespace_uri, std::string_view local_name) const noexcept
{
    for (auto const& h : headers_)
        if (h.is(namespace_uri, local_name))
            return &h;
    return nullptr;
}

std::vector<header const*> message::find_all(std::string_view namespace_uri, std::string_view local_name) const
{
    std::vector<header const*> out;
    for (auto const& h : headers_)
        if (h.is(namespace_uri, local_name))
            out.push_back(&h);
    return out;
}

std::size_t message::count(std::string_view namespace_uri, std::string_view local_name) const noexcept
{
    return static_cast<std::size_t>(std::count_if(headers_.begin(), headers_.end(), [&](header const& h) {
        return h.is(namespace_uri, local_name);
    }));
}

mime_header const* message::find_mime(std::string_view name) const noexcept
{
    for (auto const& h : mime_headers_)
        if (sip::abnf::iequals(h.name, name))
            return &h;
    return nullptr;
}

} // namespace cpm::cpim
