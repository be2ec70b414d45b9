// RFC 8866 section 5 and 9: the line splitter and the order of lines, over
// the per-type value grammars of grammar/fields.cpp.

#include "sdp/session.hpp"

#include "sdp/error.hpp"
#include "sdp/grammar/fields.hpp"

#include <string>

namespace cpm::sdp {

namespace {

struct line {
    char type;
    std::string_view value;
    std::uint32_t number; ///< 1-based
};

std::string line_prefix(std::uint32_t number)
{
    return "SDP line " + std::to_string(number) + ": ";
}

constexpr bool is_known_type(char c) noexcept
{
    return std::string_view("vosiuepcbtrzkam").find(c) != std::string_view::npos;
}

/// Walks the lines in the order RFC 8866 section 5 fixes.
class description_parser {
public:
    description_parser(std::string_view text, sdp::limits const& limits) : text_(text), limits_(limits) {}

    abnf::result<session_description> run()
    {
        if (text_.empty())
            return fail(text_.data(), errc::empty_description, "SDP: the description is empty");
        if (text_.size() > limits_.max_size)
            return fail(text_.data() + limits_.max_size, errc::size_limit,
                        "SDP: the description exceeds " + std::to_string(limits_.max_size) + " bytes");
        if (auto e = split())
            return *e;
        session_description d;
        if (auto e = session_part(d))
            return *e;
        if (auto e = check_connections(d))
            return *e;
        return d;
    }

private:
    using error = std::optional<abnf::parse_error>;

    abnf::parse_error fail(char const* at, errc code, std::string message) const
    {
        return abnf::make_parse_error(text_, at, code, std::move(message));
    }
    abnf::parse_error fail_line(line const& l, char const* at, errc code, std::string_view what) const
    {
        return fail(at, code, line_prefix(l.number) + std::string(what));
    }

    /// Cuts the text into lines: "<type>=<value>" ending in CRLF or LF.
    error split()
    {
        char const* p = text_.data();
        char const* const end = p + text_.size();
        std::uint32_t number = 0;
        while (p != end) {
            ++number;
            if (number > limits_.max_lines)
                return fail(p, errc::line_count_limit,
                            "SDP: more than " + std::to_string(limits_.max_lines) + " lines");
            char const* nl = p;
            while (nl != end && *nl != '\n')
                ++nl;
            if (nl == end)
                return fail(end, errc::bad_line, line_prefix(number) + "the line must end with CRLF");
            char const* stop = nl;
            if (stop != p && stop[-1] == '\r')
                --stop;
            std::string_view const content(p, static_cast<std::size_t>(stop - p));
            for (char const& c : content)
                if (c == '\0' || c == '\r')
                    return fail(&c, errc::bad_line, line_prefix(number) + "a line may not contain NUL or a bare CR");
            if (content.size() < 2 || content[1] != '=')
                return fail(p, errc::bad_line, line_prefix(number) + "expected <type>=<value>");
            if (!is_known_type(content[0]))
                return fail(p, errc::unknown_type,
                            line_prefix(number) + "unknown line type '" + content[0] + "=' (RFC 8866 section 5)");
            lines_.push_back({content[0], content.substr(2), number});
            p = nl + 1;
        }
        return std::nullopt;
    }

    line const* take(char type)
    {
        if (next_ < lines_.size() && lines_[next_].type == type)
            return &lines_[next_++];
        return nullptr;
    }

    /// The line a missing mandatory line should have been.
    abnf::parse_error missing(char type, std::string_view what) const
    {
        if (next_ < lines_.size()) {
            line const& l = lines_[next_];
            return fail_line(l, l.value.data() - 2, errc::missing_line,
                             std::string("expected ") + type + "= " + std::string(what) + ", found " + l.type + "=");
        }
        return fail(text_.data() + text_.size(), errc::missing_line,
                    line_prefix(static_cast<std::uint32_t>(lines_.size() + 1)) + "expected " + type + "= " +
                        std::string(what));
    }

    error check(line const& l, grammar::field_error e, errc code) const
    {
        if (!e)
            return std::nullopt;
        return fail_line(l, e.at, code, e.what);
    }

    error session_part(session_description& d)
    {
        line const* l = take('v');
        if (l == nullptr)
            return missing('v', "as the first line");
        if (auto e = check(*l, grammar::parse_version(l->value, d.version), errc::bad_version))
            return e;
        if ((l = take('o')) == nullptr)
            return missing('o', "after v=");
        if (auto e = check(*l, grammar::parse_origin(l->value, d.origin), errc::bad_origin))
            return e;
        if ((l = take('s')) == nullptr)
            return missing('s', "after o=");
        if (auto e = check(*l, grammar::parse_text(l->value, "s= the session name must not be empty"), errc::bad_text))
            return e;
        d.name = l->value;
        if ((l = take('i')) != nullptr) {
            if (auto e = check(*l, grammar::parse_text(l->value, "i= must not be empty"), errc::bad_text))
                return e;
            d.information = l->value;
        }
        if ((l = take('u')) != nullptr) {
            if (auto e = check(*l, grammar::parse_uri(l->value), errc::bad_uri))
                return e;
            d.uri = l->value;
        }
        while ((l = take('e')) != nullptr) {
            if (auto e = check(*l, grammar::parse_email(l->value), errc::bad_text))
                return e;
            d.emails.push_back(l->value);
        }
        while ((l = take('p')) != nullptr) {
            if (auto e = check(*l, grammar::parse_phone(l->value), errc::bad_text))
                return e;
            d.phones.push_back(l->value);
        }
        if ((l = take('c')) != nullptr) {
            d.connection.emplace();
            if (auto e = check(*l, grammar::parse_connection(l->value, *d.connection), errc::bad_connection))
                return e;
        }
        while ((l = take('b')) != nullptr) {
            if (auto e = check(*l, grammar::parse_bandwidth(l->value, d.bandwidths.emplace_back()), errc::bad_bandwidth))
                return e;
        }
        if (auto e = time_part(d))
            return e;
        if ((l = take('k')) != nullptr) {
            if (auto e = check(*l, grammar::parse_key(l->value, d.key.emplace()), errc::bad_key))
                return e;
        }
        if (auto e = attributes(d.attributes))
            return e;
        while (next_ < lines_.size() && lines_[next_].type == 'm') {
            if (d.media.size() == limits_.max_media)
                return fail_line(lines_[next_], lines_[next_].value.data() - 2, errc::media_count_limit,
                                 "more than " + std::to_string(limits_.max_media) + " media descriptions");
            if (auto e = media_part(d.media.emplace_back()))
                return e;
        }
        if (next_ < lines_.size()) {
            line const& bad = lines_[next_];
            std::string const order = d.media.empty()
                ? "session-level lines come in the order v o s i u e p c b t r z k a, then m="
                : "a media description's lines come in the order m i c b k a";
            return fail_line(bad, bad.value.data() - 2, errc::out_of_order,
                             std::string(1, bad.type) + "= is out of order (RFC 8866 section 5: " + order + ")");
        }
        return std::nullopt;
    }

    error time_part(session_description& d)
    {
        if (next_ >= lines_.size() || lines_[next_].type != 't')
            return missing('t', "(at least one time description)");
        while (line const* t = take('t')) {
            time_description& td = d.times.emplace_back();
            if (auto e = check(*t, grammar::parse_time(t->value, td), errc::bad_time))
                return e;
            while (line const* r = take('r')) {
                if (auto e = check(*r, grammar::parse_repeat(r->value, td.repeats.emplace_back()), errc::bad_repeat))
                    return e;
            }
            if (line const* z = take('z')) {
                // RFC 8866 5.11: z= modifies the r= lines before it; a z=
                // without one is a syntax error.
                if (td.repeats.empty())
                    return fail_line(*z, z->value.data() - 2, errc::out_of_order,
                                     "z= must follow an r= line (RFC 8866 section 5.11)");
                if (auto e = check(*z, grammar::parse_zone(z->value, td.zones), errc::bad_zone))
                    return e;
            }
        }
        return std::nullopt;
    }

    error attributes(std::vector<attribute>& out)
    {
        while (line const* a = take('a')) {
            attribute& attr = out.emplace_back();
            attr.line = a->number;
            if (auto e = check(*a, grammar::parse_attribute(a->value, attr), errc::bad_attribute))
                return e;
        }
        return std::nullopt;
    }

    error media_part(media_description& m)
    {
        line const* l = take('m');
        m.line = l->number;
        if (auto e = check(*l, grammar::parse_media(l->value, m), errc::bad_media))
            return e;
        if ((l = take('i')) != nullptr) {
            if (auto e = check(*l, grammar::parse_text(l->value, "i= must not be empty"), errc::bad_text))
                return e;
            m.information = l->value;
        }
        while ((l = take('c')) != nullptr) {
            if (auto e = check(*l, grammar::parse_connection(l->value, m.connections.emplace_back()), errc::bad_connection))
                return e;
        }
        while ((l = take('b')) != nullptr) {
            if (auto e = check(*l, grammar::parse_bandwidth(l->value, m.bandwidths.emplace_back()), errc::bad_bandwidth))
                return e;
        }
        if ((l = take('k')) != nullptr) {
            if (auto e = check(*l, grammar::parse_key(l->value, m.key.emplace()), errc::bad_key))
                return e;
        }
        return attributes(m.attributes);
    }

    /// RFC 8866 5.7: a c= line at session level or in every media description.
    error check_connections(session_description const& d) const
    {
        if (d.connection)
            return std::nullopt;
        for (auto const& m : d.media) {
            if (m.connections.empty()) {
                line const& l = lines_[m.line - 1];
                return fail_line(l, l.value.data() - 2, errc::missing_line,
                                 "m= has no c= line and there is no session-level c= (RFC 8866 section 5.7)");
            }
        }
        return std::nullopt;
    }

    std::string_view text_;
    sdp::limits const& limits_;
    std::vector<line> lines_;
    std::size_t next_ = 0;
};

template <class Attributes>
attribute const* find_in(Attributes const& attrs, std::string_view name) noexcept
{
    for (auto const& a : attrs)
        if (a.name == name)
            return &a;
    return nullptr;
}

} // namespace

attribute const* media_description::find(std::string_view name) const noexcept
{
    return find_in(attributes, name);
}

attribute const* session_description::find(std::string_view name) const noexcept
{
    return find_in(attributes, name);
}

abnf::result<session_description> parse(std::string_view text, sdp::limits const& limits)
{
    return description_parser(text, limits).run();
}

abnf::result<parsed_session> parsed_session::parse(abnf::text_buffer buffer, sdp::limits const& limits)
{
    auto d = sdp::parse(buffer.view(), limits);
    if (!d)
        return d.error();
    return parsed_session(std::move(buffer), std::move(*d));
}

} // namespace cpm::sdp
