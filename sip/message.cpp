#include "sip/message.hpp"

#include "sip/abnf/char_class.hpp"
#include "sip/abnf/scan.hpp"
#include "sip/error.hpp"
#include "sip/grammar/parse_into.hpp"

#include <cstring>
#include <string>

namespace cpm::sip {

namespace {

// SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT (case-insensitive, RFC 3261 7.1)
bool is_version_syntax(std::string_view v) noexcept
{
    if (v.size() < 7 || !abnf::iequals(v.substr(0, 4), "SIP/"))
        return false;
    auto const dot = v.find('.', 4);
    if (dot == std::string_view::npos)
        return false;
    auto const digits = [](std::string_view s) {
        if (s.empty()) return false;
        for (char c : s)
            if (!abnf::is_digit(c)) return false;
        return true;
    };
    return digits(v.substr(4, dot - 4)) && digits(v.substr(dot + 1));
}

/// Reason-Phrase / header value text: no control characters except HTAB.
bool is_text(std::string_view s) noexcept
{
    for (char c : s) {
        auto const u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

} // namespace

/// The single-pass parser; a friend of message so it can fill the fields.
class message_parser {
public:
    message_parser(message& m, parse_options const& o) : m_(m), opt_(o) {}

    abnf::result<void> run()
    {
        std::string_view const all = m_.buffer_.view();
        begin_ = all.data();
        end_ = begin_ + all.size();
        if (all.size() > opt_.limits.max_message_size)
            return fail(begin_ + opt_.limits.max_message_size, errc::message_size_limit,
                        "message exceeds " + std::to_string(opt_.limits.max_message_size) + " bytes");
        char const* p = begin_;
        // RFC 3261 7.5: CRLFs before the start line are ignored.
        while (end_ - p >= 2 && p[0] == '\r' && p[1] == '\n')
            p += 2;
        if (p == end_)
            return fail(p, errc::empty_message, "empty message");
        auto r = start_line(p);
        if (!r) return r;
        r = header_lines(p);
        if (!r) return r;
        r = decode_hot();
        if (!r) return r;
        return frame_body(message_start_, p);
    }

private:
    abnf::parse_error error(char const* at, boost::system::error_code code, std::string text) const
    {
        return abnf::make_parse_error({begin_, static_cast<std::size_t>(end_ - begin_)}, at, code, std::move(text));
    }
    abnf::result<void> fail(char const* at, errc code, std::string text) const
    {
        return error(at, code, std::move(text));
    }

    char const* find_crlf(char const* p) const noexcept
    {
        while (true) {
            auto const* cr = static_cast<char const*>(std::memchr(p, '\r', static_cast<std::size_t>(end_ - p)));
            if (cr == nullptr || cr + 1 >= end_)
                return nullptr;
            if (cr[1] == '\n')
                return cr;
            p = cr + 1;
        }
    }

    abnf::result<void> start_line(char const*& p)
    {
        message_start_ = p;
        char const* const eol = find_crlf(p);
        if (eol == nullptr)
            return fail(p, errc::incomplete, "start line is not terminated by CRLF");
        if (static_cast<std::size_t>(eol - p) > opt_.limits.max_line_length)
            return fail(p, errc::line_length_limit, "start line exceeds the line length limit");
        std::string_view const line(p, static_cast<std::size_t>(eol - p));
        m_.start_line_ = line;
        auto const sp1 = line.find(' ');
        if (sp1 == std::string_view::npos || sp1 == 0)
            return fail(p, errc::bad_start_line, "start line: expected '<method> <Request-URI> SIP/2.0' or 'SIP/2.0 <code> <reason>'");
        std::string_view const first = line.substr(0, sp1);
        if (abnf::iequals(first.substr(0, 4), "SIP/")) {
            auto r = status_line(line, sp1);
            if (!r) return r;
        } else {
            auto r = request_line(line, sp1);
            if (!r) return r;
        }
        p = eol + 2;
        return {};
    }

    abnf::result<void> status_line(std::string_view line, std::size_t sp1)
    {
        // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
        m_.version_ = line.substr(0, sp1);
        if (!is_version_syntax(m_.version_))
            return fail(line.data(), errc::bad_version, "status line: malformed SIP-Version");
        if (!abnf::iequals(m_.version_, "SIP/2.0"))
            m_.defects_ |= defect::unsupported_version;
        auto const code = line.substr(sp1 + 1, 3);
        bool const three_digits = code.size() == 3 && abnf::is_digit(code[0]) && abnf::is_digit(code[1]) && abnf::is_digit(code[2]);
        if (!three_digits || (line.size() > sp1 + 4 && line[sp1 + 4] != ' '))
            return fail(line.data() + sp1 + 1, errc::bad_status_code, "status line: Status-Code must be three digits");
        m_.status_code_ = static_cast<unsigned>((code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0'));
        if (m_.status_code_ < 100 || m_.status_code_ > 699)
            return fail(line.data() + sp1 + 1, errc::bad_status_code, "status line: Status-Code must be 100-699");
        if (line.size() <= sp1 + 4)
            return fail(line.data() + line.size(), errc::bad_start_line, "status line: expected SP before Reason-Phrase");
        m_.reason_ = line.substr(sp1 + 5);
        if (!is_text(m_.reason_))
            return fail(m_.reason_.data(), errc::bad_reason_phrase, "status line: control character in Reason-Phrase");
        return {};
    }

    abnf::result<void> request_line(std::string_view line, std::size_t sp1)
    {
        // Request-Line = Method SP Request-URI SP SIP-Version
        m_.method_text_ = line.substr(0, sp1);
        for (std::size_t i = 0; i < sp1; ++i)
            if (!abnf::is_token_char(line[i]))
                return fail(line.data() + i, errc::bad_method, "request line: Method must be a token");
        auto const sp2 = line.find(' ', sp1 + 1);
        if (sp2 == std::string_view::npos)
            return fail(line.data() + line.size(), errc::bad_start_line, "request line: expected SP SIP-Version after Request-URI");
        m_.request_uri_ = line.substr(sp1 + 1, sp2 - sp1 - 1);
        m_.version_ = line.substr(sp2 + 1);
        if (m_.request_uri_.empty())
            return fail(line.data() + sp1 + 1, errc::bad_request_uri, "request line: empty Request-URI");
        if (m_.version_ != "SIP/2.0") { // the exact spelling needs no further checks
            for (std::size_t i = 0; i < m_.version_.size(); ++i)
                if (m_.version_[i] == ' ' || m_.version_[i] == '\t')
                    return fail(m_.version_.data() + i, errc::bad_request_uri,
                                "request line: whitespace inside the Request-URI or after SIP-Version");
            if (!is_version_syntax(m_.version_))
                return fail(m_.version_.data(), errc::bad_version, "request line: malformed SIP-Version");
            if (!abnf::iequals(m_.version_, "SIP/2.0"))
                m_.defects_ |= defect::unsupported_version;
        }
        // Request-URI = SIP-URI / SIPS-URI / absoluteURI: at least "scheme:".
        auto const colon = m_.request_uri_.find(':');
        auto const scheme = m_.request_uri_.substr(0, colon);
        bool scheme_ok = colon != std::string_view::npos && colon > 0 && abnf::is_alpha(scheme[0]);
        for (char c : scheme)
            scheme_ok = scheme_ok && (abnf::is(c, abnf::cc_alphanum) || c == '+' || c == '-' || c == '.');
        if (!scheme_ok)
            return fail(m_.request_uri_.data(), errc::bad_request_uri, "request line: Request-URI must start with a scheme");
        if (classify_scheme(scheme) == uri_kind::absolute)
            m_.defects_ |= defect::unsupported_uri_scheme;
        // A malformed URI, or one carrying headers (RFC 3261 19.1.1 forbids
        // them in a Request-URI), still leaves a message the UAS answers 400.
        // Parsed in place: the message keeps it.
        uri& parsed = m_.parsed_request_uri_;
        if (!grammar::parse_uri_into(m_.request_uri_, parsed) || (parsed.is_sip_or_sips() && !parsed.sip.headers.empty())) {
            parsed = uri{};
            m_.defects_ |= defect::bad_request_uri;
        }
        m_.method_ = method_from_text(m_.method_text_);
        return {};
    }

    abnf::result<void> header_lines(char const*& p)
    {
        while (true) {
            if (end_ - p < 2)
                return fail(p, errc::incomplete, "headers are not terminated by an empty line");
            if (p[0] == '\r' && p[1] == '\n') {
                p += 2;
                return {};
            }
            if (m_.headers_.size() >= opt_.limits.max_header_count)
                return fail(p, errc::header_count_limit,
                            "more than " + std::to_string(opt_.limits.max_header_count) + " header fields");
            // Filled in place: a header_field built aside and copied in would
            // be stored in 8-byte pieces and reloaded in 16-byte ones, which
            // stalls store forwarding on every header (the message is
            // discarded on error, so a half-filled last entry is harmless).
            header_field& h = m_.headers_.emplace_back();
            char const* const line_start = p;
            // A name the table knows is a valid token, so when the text up
            // to the first ':' is one (the common case) no byte-wise token
            // check is needed; anything else takes the checking scan.
            char const* q = abnf::find_any<':'>(p, end_);
            h.name = std::string_view(p, static_cast<std::size_t>(q - p));
            h.id = q == end_ ? header_id::unknown : lookup_header(h.name);
            if (h.id == header_id::unknown) {
                q = p;
                while (q < end_ && abnf::is_token_char(*q))
                    ++q;
                h.name = std::string_view(p, static_cast<std::size_t>(q - p));
                if (h.name.empty())
                    return fail(p, errc::bad_header_name, (abnf::is_wsp(*p) ? "header line starts with whitespace (fold without a field)" : "expected a header name"));
                // HCOLON = *( SP / HTAB ) ":" SWS
                while (q < end_ && abnf::is_wsp(*q))
                    ++q;
                if (q == end_ || *q != ':')
                    return fail(q, errc::bad_header_name, "header '" + std::string(h.name) + "': expected ':' after the name");
                h.id = lookup_header(h.name);
            }
            ++q;
            // The value runs to a CRLF not followed by WSP (a fold continues it).
            // A bare CR or LF inside it is refused: an LF-tolerant peer would
            // read it as a header boundary (header injection through a proxy).
            char const* eol = nullptr;
            char const* scan = q;
            while (true) {
                eol = abnf::find_cr_or_lf(scan, end_);
                if (eol != end_ && *eol == '\n')
                    return fail(eol, errc::bad_header_line, "header '" + std::string(h.name) + "': bare LF in the value");
                if (end_ - eol < 2 || eol[1] != '\n') {
                    if (eol == end_ || std::memchr(eol, '\n', static_cast<std::size_t>(end_ - eol)) == nullptr)
                        return fail(line_start, errc::incomplete, "header '" + std::string(h.name) + "' is not terminated by CRLF");
                    return fail(eol, errc::bad_header_line, "header '" + std::string(h.name) + "': bare CR in the value");
                }
                if (eol + 2 < end_ && abnf::is_wsp(eol[2])) {
                    scan = eol + 2;
                    continue;
                }
                break;
            }
            if (static_cast<std::size_t>(eol - line_start) > opt_.limits.max_line_length)
                return fail(line_start, errc::line_length_limit,
                            "header '" + std::string(h.name) + "' exceeds the line length limit");
            // Trim SWS around the value (leading SWS may include a fold).
            char const* vb = q;
            char const* ve = eol;
            while (vb < ve && (abnf::is_wsp(*vb) || *vb == '\r' || *vb == '\n'))
                ++vb;
            while (ve > vb && (abnf::is_wsp(ve[-1]) || ve[-1] == '\r' || ve[-1] == '\n'))
                --ve;
            h.value = std::string_view(vb, static_cast<std::size_t>(ve - vb));
            h.line = std::string_view(line_start, static_cast<std::size_t>(eol + 2 - line_start));
            p = eol + 2;
        }
    }

    // Prefixes a value parser's error with the header name and rebases it.
    abnf::parse_error header_error(header_field const& h, abnf::parse_error const& e) const
    {
        std::string text = e.message;
        std::string_view const name = h.id == header_id::unknown ? h.name : canonical_name(h.id);
        if (text.compare(0, name.size(), name) != 0)
            text = std::string(name) + ": " + text;
        return error(h.value.data() + e.offset, e.code, std::move(text));
    }

    // The hot values are parsed straight into the message (on an error
    // the message is discarded with whatever was half written).
    abnf::result<void> decode_hot()
    {
        bool seen_via = false, seen_from = false, seen_to = false, seen_call_id = false,
             seen_cseq = false, seen_mf = false, seen_cl = false, seen_ct = false;
        auto once = [this](bool& seen) {
            if (seen)
                m_.defects_ |= defect::duplicate_header;
            bool const first = !seen;
            seen = true;
            return first;
        };
        for (auto const& h : m_.headers_) {
            switch (h.id) {
            case header_id::via:
                if (!seen_via) {
                    seen_via = true;
                    std::size_t used = 0;
                    if (auto r = grammar::parse_via_into(h.value, &used, m_.top_via_); !r)
                        return header_error(h, r.error());
                }
                break;
            case header_id::from:
            case header_id::to: {
                bool const is_from = h.id == header_id::from;
                if (!once(is_from ? seen_from : seen_to))
                    break;
                if (auto r = grammar::parse_name_addr_into(h.value, nullptr, nullptr, is_from ? m_.from_ : m_.to_); !r)
                    return header_error(h, r.error());
                break;
            }
            case header_id::call_id:
                if (once(seen_call_id)) {
                    auto id = parse_call_id(h.value);
                    if (!id) return header_error(h, id.error());
                    m_.call_id_ = *id;
                }
                break;
            case header_id::cseq:
                if (once(seen_cseq)) {
                    auto c = parse_cseq(h.value);
                    if (!c) return header_error(h, c.error());
                    m_.cseq_ = *c;
                }
                break;
            case header_id::max_forwards:
                if (once(seen_mf)) {
                    auto n = parse_uint32(h.value, "Max-Forwards");
                    if (!n) return header_error(h, n.error());
                    m_.max_forwards_ = *n;
                }
                break;
            case header_id::content_length:
                if (once(seen_cl)) {
                    auto n = parse_uint32(h.value, "Content-Length");
                    if (!n) return header_error(h, n.error());
                    m_.content_length_ = *n;
                }
                break;
            case header_id::content_type:
                if (once(seen_ct)) {
                    if (auto r = grammar::parse_media_type_into(h.value, nullptr, m_.content_type_.emplace()); !r)
                        return header_error(h, r.error());
                }
                break;
            default:
                break;
            }
        }
        if (!seen_via || !seen_from || !seen_to || !seen_call_id || !seen_cseq)
            m_.defects_ |= defect::missing_header;
        if (m_.is_request() && seen_cseq && m_.cseq_.method_text != m_.method_text_)
            m_.defects_ |= defect::cseq_method_mismatch;
        return {};
    }

    abnf::result<void> frame_body(char const* start, char const* body)
    {
        std::size_t const available = static_cast<std::size_t>(end_ - body);
        std::size_t length = available;
        if (m_.content_length_) {
            if (*m_.content_length_ > available) {
                if (!opt_.datagram)
                    return fail(end_, errc::incomplete, "body is shorter than Content-Length");
                m_.defects_ |= defect::content_length_mismatch;
            } else {
                length = *m_.content_length_;
            }
        } else if (!opt_.datagram) {
            return fail(body, errc::missing_header, "Content-Length is required on stream transports");
        }
        m_.body_ = std::string_view(body, length);
        m_.text_ = std::string_view(start, static_cast<std::size_t>(body + length - start));
        return {};
    }

    message& m_;
    parse_options const& opt_;
    char const* begin_ = nullptr;
    char const* end_ = nullptr;
    char const* message_start_ = nullptr;
};

abnf::result<message> message::parse(abnf::text_buffer buffer, parse_options const& options)
{
    // Parsed in place (one named result, so NRVO): a message holds its
    // header index inline, and moving it into a result would copy that.
    abnf::result<message> out(boost::system::in_place_value, parse_key{}, std::move(buffer));
    message& m = *out;
    message_parser parser(m, options);
    if (auto r = parser.run(); !r)
        out = abnf::result<message>(r.error());
    return out;
}

header_field const* message::find(header_id id) const noexcept
{
    for (auto const& h : headers_)
        if (h.id == id)
            return &h;
    return nullptr;
}

header_field const* message::find(std::string_view name) const noexcept
{
    header_id const id = lookup_header(name);
    if (id != header_id::unknown)
        return find(id);
    for (auto const& h : headers_)
        if (h.id == header_id::unknown && abnf::iequals(h.name, name))
            return &h;
    return nullptr;
}

std::size_t message::count(header_id id) const noexcept
{
    std::size_t n = 0;
    for (auto const& h : headers_)
        n += h.id == id ? 1 : 0;
    return n;
}

} // namespace cpm::sip
