// Fuzz target: cpm::docs::conference_document::parse (RFC 4575
// conference-info), the builder and the conference_tracker on arbitrary
// bytes.
//
// Properties checked on every input:
// - parsing never crashes, hangs or reads outside the input; an error
//   points inside the input and says something;
// - every view of the model that was not decoded lies inside the input;
// - build(parse(x)) parses and decodes to the same model, and building
//   again gives the same text;
// - a tracker fed the document never crashes: a versioned notification
//   applies to a fresh tracker unless it is partial (resync), the same
//   one again is stale, and the merged state owns all of its text and
//   builds; partial notifications are also merged onto a fixed full state.

#include "cpm/docs/conference_info.hpp"
#include "cpm/docs/conference_info_builder.hpp"
#include "cpm/docs/conference_tracker.hpp"
#include "require.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

namespace {

using namespace cpm::docs;

using cpm::fuzz::require;

/// Calls @p f on every text of a model.
template <class F>
struct texts {
    F f;
    void operator()(text_value const& v) { f(v); }
    template <class T>
    void operator()(std::optional<T> const& o)
    {
        if (o)
            (*this)(*o);
    }
    template <class T>
    void operator()(std::vector<T> const& v)
    {
        for (auto const& x : v)
            (*this)(x);
    }
    void operator()(execution const& x) { (*this)(x.when), (*this)(x.reason), (*this)(x.by); }
    void operator()(uri_entry const& e) { (*this)(e.uri), (*this)(e.display_text), (*this)(e.purpose), (*this)(e.modified); }
    void operator()(uri_list const& l) { (*this)(l.entries); }
    void operator()(available_medium const& m) { (*this)(m.label), (*this)(m.display_text), (*this)(m.type); }
    void operator()(available_media const& m) { (*this)(m.entries); }
    void operator()(conference_description const& d)
    {
        (*this)(d.display_text), (*this)(d.subject), (*this)(d.free_text), (*this)(d.keywords);
        (*this)(d.conf_uris), (*this)(d.service_uris), (*this)(d.media);
    }
    void operator()(host_info const& h) { (*this)(h.display_text), (*this)(h.web_page), (*this)(h.uris); }
    void operator()(conference_state const&) {}
    void operator()(endpoint_media const& m)
    {
        (*this)(m.id), (*this)(m.display_text), (*this)(m.type), (*this)(m.label), (*this)(m.src_id);
    }
    void operator()(sip_dialog_id const& d)
    {
        (*this)(d.display_text), (*this)(d.call_id), (*this)(d.from_tag), (*this)(d.to_tag);
    }
    void operator()(endpoint const& ep)
    {
        (*this)(ep.entity), (*this)(ep.display_text), (*this)(ep.referred), (*this)(ep.joining_info);
        (*this)(ep.disconnection_info), (*this)(ep.media), (*this)(ep.call_info);
    }
    void operator()(user const& u)
    {
        (*this)(u.entity), (*this)(u.display_text), (*this)(u.associated_aors), (*this)(u.roles);
        (*this)(u.languages), (*this)(u.cascaded_focus), (*this)(u.endpoints);
    }
    void operator()(user_list const& l) { (*this)(l.entries); }
    void operator()(sidebar_list const& l) { (*this)(l.entries); }
    void operator()(conference_info const& c)
    {
        (*this)(c.entity), (*this)(c.description), (*this)(c.host), (*this)(c.conference);
        (*this)(c.users), (*this)(c.sidebars_by_ref), (*this)(c.sidebars_by_val);
    }
};

template <class F>
void each_text(conference_info const& c, F f)
{
    texts<F>{f}(c);
}

/// A fixed full state (version 1) for partial notifications to merge onto.
constexpr std::string_view base =
    "<conference-info xmlns=\"urn:ietf:params:xml:ns:conference-info\" entity=\"sip:c@x\" version=\"1\">"
    "<conference-description><conf-uris><entry><uri>sip:c@x</uri></entry></conf-uris></conference-description>"
    "<users><user entity=\"sip:a@x\"><endpoint entity=\"sip:a1@x\"><media id=\"1\"/></endpoint></user>"
    "<user entity=\"sip:b@x\"/></users></conference-info>";

void check_tracker(conference_tracker const& t)
{
    each_text(t.state(), [](text_value const& v) { require(v.view().empty() || v.decoded(), "state owns its text"); });
    auto rebuilt = build(t.state());
    require(rebuilt.has_value(), "the merged state builds");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string_view const input(reinterpret_cast<char const*>(data), size);
    auto doc = conference_document::parse(input);
    if (!doc) {
        require(doc.error().offset <= size, "error offset inside the input");
        require(!doc.error().message.empty(), "error says something");
        return 0;
    }
    auto const& info = doc->info();
    each_text(info, [&](text_value const& v) {
        std::string_view const s = v.view();
        if (s.empty() || v.decoded())
            return;
        require(s.data() >= input.data() && s.data() + s.size() <= input.data() + input.size(), "view inside input");
    });

    auto built = build(info);
    if (!built) {
        std::fprintf(stderr, "build failed: %s\n", built.error().message.c_str());
        require(false, "the parsed model builds");
    }
    require(built->info() == info, "build(parse(x)) decodes to parse(x)");
    auto again = build(built->info());
    require(again.has_value() && again->document().text() == built->document().text(), "build is idempotent");

    conference_tracker fresh;
    auto r = fresh.apply(info);
    if (!info.version) {
        require(!r.has_value(), "no version: refused");
    } else if (r) {
        require(*r == (info.state == element_state::partial ? apply_outcome::resync : apply_outcome::applied),
                "a fresh tracker takes full state and asks for it on partial state");
        auto twice = fresh.apply(info);
        if (*r == apply_outcome::applied)
            require(twice.has_value() && *twice == apply_outcome::stale, "the same version again is stale");
        check_tracker(fresh);
    }

    conference_tracker merged;
    auto b = conference_document::parse(base);
    require(b.has_value() && merged.apply(b->info()).has_value(), "the base state applies");
    if (info.version && *info.version == 2 && info.state == element_state::partial) {
        auto m = merged.apply(info);
        if (m) {
            require(*m == apply_outcome::applied, "version 2 after version 1 applies");
            require(*merged.version() == 2u, "the version moves on");
        } else {
            require(*merged.version() == 1u, "a refused notification changes nothing");
        }
    }
    check_tracker(merged);
    return 0;
}
