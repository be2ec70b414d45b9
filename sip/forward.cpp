#include "sip/forward.hpp"

#include "sip/error.hpp"
#include "sip/name_addr.hpp"
#include "sip/via.hpp"

#include <boost/container/small_vector.hpp>

#include <algorithm>
#include <array>
#include <charconv>

namespace cpm::sip {

namespace {

/// The few edits of one splice: each replaces text[begin, end) (an
/// insertion when begin == end) with the concatenation of its parts.
class splicer {
public:
    explicit splicer(std::string_view text) noexcept : text_(text) {}

    void replace(std::string_view range, std::string_view a, std::string_view b = {}, std::string_view c = {})
    {
        auto const begin = offset(range.data());
        edits_.push_back({begin, begin + range.size(), {a, b, c}});
    }
    void insert(char const* at, std::string_view a, std::string_view b = {}, std::string_view c = {})
    {
        edits_.push_back({offset(at), offset(at), {a, b, c}});
    }

    /// Copies the untouched ranges and the edits, in text order. Edits
    /// at the same place keep the order they were made in.
    void write(std::string& out)
    {
        std::stable_sort(edits_.begin(), edits_.end(), [](edit const& x, edit const& y) { return x.begin < y.begin; });
        std::size_t grow = text_.size();
        for (auto const& e : edits_)
            for (auto const part : e.parts)
                grow += part.size();
        out.reserve(out.size() + grow);
        std::size_t pos = 0;
        for (auto const& e : edits_) {
            out.append(text_.substr(pos, e.begin - pos));
            for (auto const part : e.parts)
                out.append(part);
            pos = e.end;
        }
        out.append(text_.substr(pos));
    }

private:
    struct edit {
        std::size_t begin;
        std::size_t end;
        std::array<std::string_view, 3> parts;
    };

    std::size_t offset(char const* p) const noexcept { return static_cast<std::size_t>(p - text_.data()); }

    std::string_view text_;
    boost::container::small_vector<edit, 8> edits_;
};

/// Rebases a value parser's error onto the message text, naming the field.
abnf::parse_error field_error(message const& m, header_field const& h, abnf::parse_error const& e)
{
    std::string_view const name = canonical_name(h.id);
    std::string text = e.message;
    if (text.compare(0, name.size(), name) != 0)
        text = std::string(name) + ": " + text;
    return abnf::make_parse_error(m.text(), h.value.data() + e.offset, e.code, std::move(text));
}

/// Removes the first value of the list field @p h (Via, Route): the whole
/// line when it holds one value, else the value and its COMMA. @p parse is
/// the element parser (parse_via, parse_name_addr). Returns whether other
/// values remain in the field.
template <class Parse>
abnf::result<bool> remove_first_value(splicer& s, message const& m, header_field const& h, Parse parse)
{
    std::size_t used = 0;
    auto const first = parse(h.value, &used);
    if (!first)
        return field_error(m, h, first.error());
    if (used >= h.value.size()) {
        s.replace(h.line, {});
        return false;
    }
    s.replace(h.value.substr(0, used), {});
    return true;
}

/// Where a new top Via (and a Record-Route when there is none) goes: the
/// first Via line, else the first header line, else the empty line.
char const* top_of_headers(message const& m) noexcept
{
    if (auto const* via = m.find(header_id::via))
        return via->line.data();
    if (!m.headers().empty())
        return m.headers().front().line.data();
    return m.body().data() - 2;
}

} // namespace

abnf::result<void> forward_request(message const& request, request_edits const& edits, std::string& out)
{
    splicer s(request.text());
    // 16.6 step 2: Request-URI.
    if (!edits.request_uri.empty())
        s.replace(request.request_uri(), edits.request_uri);
    // 16.6 step 3: Max-Forwards, decremented in place (its spacing kept),
    // or added with the value RFC 3261 recommends.
    std::array<char, 10> digits{};
    if (auto const mf = request.max_forwards()) {
        auto const* field = request.find(header_id::max_forwards);
        if (*mf == 0)
            return abnf::make_parse_error(request.text(), field->value.data(), errc::too_many_hops,
                                          "Max-Forwards: 0, answer 483 (Too Many Hops) instead of forwarding");
        auto const r = std::to_chars(digits.data(), digits.data() + digits.size(), *mf - 1);
        s.replace(field->value, std::string_view(digits.data(), static_cast<std::size_t>(r.ptr - digits.data())));
    } else {
        s.insert(request.body().data() - 2, "Max-Forwards: 70\r\n");
    }
    // 16.4: the top Route names this proxy.
    if (edits.strip_top_route) {
        if (auto const* route = request.find(header_id::route)) {
            auto const removed = remove_first_value(
                s, request, *route, [](std::string_view v, std::size_t* used) { return parse_name_addr(v, used); });
            if (!removed)
                return removed.error();
        }
    }
    // RFC 3325 5, RFC 3323 5: fields the proxy withholds.
    if (!edits.remove.empty())
        for (auto const& h : request.headers())
            if (std::find(edits.remove.begin(), edits.remove.end(), h.id) != edits.remove.end())
                s.replace(h.line, {});
    // 16.4: the Route value a strict router's fix-up took.
    if (!edits.cut.empty())
        s.replace(edits.cut, {});
    // 16.6 step 5: after the last field, before the empty line.
    if (!edits.extra_headers.empty())
        s.insert(request.body().data() - 2, edits.extra_headers);
    char const* const top = top_of_headers(request);
    // 16.6 step 4: before any existing Record-Route value.
    if (!edits.record_route.empty()) {
        auto const* rr = request.find(header_id::record_route);
        s.insert(rr != nullptr ? rr->line.data() : top, "Record-Route: ", edits.record_route, "\r\n");
    }
    // 16.6 step 8: before the existing Via values.
    if (!edits.via.empty())
        s.insert(top, "Via: ", edits.via, "\r\n");
    s.write(out);
    return {};
}

abnf::result<void> forward_response(message const& response, std::string& out)
{
    return forward_response(response, response_edits{}, out);
}

abnf::result<void> forward_response(message const& response, response_edits const& edits, std::string& out)
{
    splicer s(response.text());
    auto const* via = response.find(header_id::via);
    if (via == nullptr)
        return abnf::make_parse_error(response.text(), response.text().data(), errc::no_via_left,
                                      "Via: none in the response, nothing to forward it to (RFC 3261 16.7)");
    auto const rest = remove_first_value(s, response, *via, parse_via);
    if (!rest)
        return rest.error();
    if (!*rest && response.count(header_id::via) == 1)
        return abnf::make_parse_error(response.text(), via->value.data(), errc::no_via_left,
                                      "Via: no value left after removing the top one; the response is for this "
                                      "element (RFC 3261 16.7 step 3)");
    if (!edits.extra_headers.empty())
        s.insert(response.body().data() - 2, edits.extra_headers);
    s.write(out);
    return {};
}

} // namespace cpm::sip
