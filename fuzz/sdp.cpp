// Fuzz target: cpm::sdp::parse (RFC 8866) and the MSRP layer on top of it
// (decode_msrp, answer_msrp, the media line builder) on arbitrary bytes.
//
// Properties checked on every input:
// - parsing never crashes, hangs or reads outside the input; an error
//   points inside the input and says something;
// - every view of a parsed description lies inside the input (and is read
//   byte by byte, so AddressSanitizer sees a stray view);
// - serialize(parse(x)) parses again to the same structure, and serializing
//   that gives the same bytes (the canonical form is a fixed point);
// - for each MSRP media line that decodes: its views lie inside the input,
//   the line rebuilt from the decoded values (msrp_media_line) decodes to the
//   same values, and the answer to it under a fixed policy is either a
//   rejection or a line that parses and decodes.

#include "sdp/build.hpp"
#include "sdp/serialize.hpp"
#include "require.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using namespace cpm::sdp;

using cpm::fuzz::require;

/// Views inside one buffer, each byte read.
struct view_checker {
    std::string_view buffer;
    unsigned sum = 0;

    void operator()(std::string_view v)
    {
        if (v.empty())
            return;
        require(v.data() >= buffer.data() && v.data() + v.size() <= buffer.data() + buffer.size(),
                "a view lies inside the input");
        for (char c : v)
            sum += static_cast<unsigned char>(c);
    }
    void operator()(connection const& c) { (*this)(c.nettype), (*this)(c.addrtype), (*this)(c.address); }
    void operator()(attribute const& a) { (*this)(a.name), (*this)(a.value); }
    void operator()(media_range const& r) { (*this)(r.type), (*this)(r.subtype); }
    template <class T>
    void operator()(std::vector<T> const& items)
    {
        for (auto const& i : items)
            (*this)(i);
    }
    void operator()(session_description const& d)
    {
        auto const& o = d.origin;
        for (auto const v : {o.username, o.session_id, o.session_version, o.nettype, o.addrtype, o.address, d.name,
                             d.information, d.uri})
            (*this)(v);
        (*this)(d.emails);
        (*this)(d.phones);
        if (d.connection)
            (*this)(*d.connection);
        for (auto const& b : d.bandwidths)
            (*this)(b.type);
        for (auto const& t : d.times) {
            for (auto const& r : t.repeats) {
                (*this)(r.interval), (*this)(r.duration);
                (*this)(r.offsets);
            }
            for (auto const& z : t.zones)
                (*this)(z.time), (*this)(z.offset);
        }
        if (d.key)
            (*this)(d.key->method), (*this)(d.key->value);
        (*this)(d.attributes);
        for (auto const& m : d.media) {
            (*this)(m.media), (*this)(m.proto), (*this)(m.information);
            (*this)(m.formats);
            (*this)(m.connections);
            for (auto const& b : m.bandwidths)
                (*this)(b.type);
            if (m.key)
                (*this)(m.key->method), (*this)(m.key->value);
            (*this)(m.attributes);
        }
    }
    void operator()(msrp_media const& m)
    {
        (*this)(m.path);
        (*this)(m.accept_types);
        (*this)(m.accept_wrapped_types);
        if (!m.file)
            return;
        auto const& f = *m.file;
        if (f.selector) {
            auto const& s = *f.selector;
            for (auto const v : {s.name, s.type, s.subtype, s.type_params, s.hash_algorithm, s.hash_value})
                (*this)(v);
            (void)s.decoded_name();
        }
        (*this)(f.transfer_id), (*this)(f.disposition), (*this)(f.icon);
        if (f.date)
            (*this)(f.date->creation), (*this)(f.date->modification), (*this)(f.date->read);
    }
};

session_description minimal_session()
{
    session_description d;
    d.origin = {"-", "1", "1", "IN", "IP4", "a.example"};
    d.name = "-";
    d.connection = connection{"IN", "IP4", "a.example", {}, {}};
    d.times.emplace_back();
    return d;
}

/// The single media line of @p m in a minimal session, parsed and decoded.
abnf::result<msrp_media> rebuild_and_decode(media_description const& m, std::string& text)
{
    session_description d = minimal_session();
    d.media.push_back(m);
    text = to_string(d);
    auto const again = parse(text);
    require(again.has_value(), "a built MSRP line parses");
    require(again->media.size() == 1, "a built MSRP line is one media description");
    return decode_msrp(*again, again->media[0], text);
}

void check_msrp(session_description const& d, media_description const& m, std::string_view input)
{
    auto const decoded = decode_msrp(d, m, input);
    if (!decoded) {
        require(decoded.error().offset <= input.size() && !decoded.error().message.empty(),
                "an attribute error points inside the input");
        return;
    }
    view_checker{input}(*decoded);
    if (m.port != 0) {
        text_store store;
        std::string text;
        auto const back = rebuild_and_decode(msrp_media_line(*decoded, m.port, m.proto, store), text);
        require(back.has_value(), "a line built from decoded values decodes");
        require(*back == *decoded, "a line built from decoded values decodes to them");
    }
    msrp_answer_policy policy;
    policy.path = {"msrp://b.example:2855/s;tcp"};
    policy.accept_types = {{"message", "cpim"}, {"text", "*"}};
    policy.accept_wrapped_types = {{"*", "*"}};
    policy.max_size = 1024;
    policy.cema = true;
    auto const answer = answer_msrp(m, *decoded, policy);
    if (!answer.accepted())
        return;
    text_store store;
    std::string text;
    auto const line = answer_media_line(m, answer, 2855, store);
    require(rebuild_and_decode(line, text).has_value(), "an answer line decodes");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string_view const input(reinterpret_cast<char const*>(data), size);
    auto const d = parse(input);
    if (!d) {
        auto const& e = d.error();
        require(e.offset <= input.size() && !e.message.empty() && e.line >= 1 && e.column >= 1,
                "a parse error points inside the input and says something");
        return 0;
    }
    view_checker{input}(*d);

    std::string const text = to_string(*d);
    auto const again = parse(text);
    require(again.has_value(), "serialize(parse(x)) parses");
    require(*again == *d, "serialize(parse(x)) parses to the same structure");
    require(to_string(*again) == text, "the canonical form is a fixed point");

    for (auto const& m : d->media)
        if (is_msrp(m))
            check_msrp(*d, m, input);
    return 0;
}
