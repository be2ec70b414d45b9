// Fuzz target: cpm::msrp::parse_message (one whole message read from a
// text), the typed header decoders, the serializer and the framer on the
// same bytes.
//
// Properties checked on every input:
// - parsing never crashes, hangs or reads outside the input; an error
//   points inside the input, has a code and a sentence naming the element;
// - a parsed message starts the input, its views lie inside it (the shared
//   checks of msrp_checks.hpp, which also decode every known header), its
//   body sits between the head and the end-line of its own transaction;
// - parse(serialize(parse(x))) == parse(x): the head, the body and the flag
//   survive a round trip through the serializer, which never refuses a body
//   the parser delimited;
// - the framer fed the same bytes reports the same head, body and flag for
//   the first message.

#include "msrp/framer.hpp"
#include "msrp/message.hpp"
#include "msrp/serialize.hpp"
#include "msrp_checks.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace {

using cpm::fuzz::msrp_checks::require;
namespace msrp = cpm::msrp;

void check_framer(std::string_view input, msrp::message_view const& m)
{
    msrp::framer f;
    std::span<char const> rest(input.data(), input.size());
    std::string body;
    bool head = false;
    while (true) {
        auto const r = f.feed(rest);
        require(r.consumed <= rest.size(), "feed() consumes at most what it was given");
        rest = rest.subspan(r.consumed);
        require(r.event != msrp::frame_event::need_more, "the framer finds the end the parser found");
        require(r.event != msrp::frame_event::error && r.event != msrp::frame_event::bad_message,
                "the framer accepts what the parser accepts");
        if (r.event == msrp::frame_event::head) {
            auto const& h = f.current_head();
            require(h.transaction_id == m.head.transaction_id && h.fields.size() == m.head.fields.size() &&
                        h.has_body == m.head.has_body && h.size == m.head.size,
                    "the framer's head is the parser's");
            head = true;
        }
        if (r.event == msrp::frame_event::body)
            body.append(f.body().data(), f.body().size());
        if (r.event == msrp::frame_event::end)
            break;
    }
    require(head, "the framer reports the head");
    require(body == m.body, "the framer's body is the parser's");
    require(f.flag() == m.flag, "the framer's flag is the parser's");
    require(static_cast<std::size_t>(rest.data() - input.data()) == m.text.size(),
            "the framer ends where the parser ends");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string_view const input(reinterpret_cast<char const*>(data), size);
    auto m = msrp::parse_message(input);
    if (!m) {
        cpm::fuzz::msrp_checks::check_error(m.error(), size);
        return 0;
    }
    require(m->text.data() == input.data() && m->text.size() <= size, "a message starts the input");
    cpm::fuzz::msrp_checks::check_head(input, m->head);
    cpm::fuzz::msrp_checks::check_view(m->text, m->body, "body");
    require(m->body.data() == input.data() + m->head.size, "the body follows the head");

    std::string wire;
    auto const out = msrp::to_outgoing(m->head);
    require(msrp::serialize(out, m->head.has_body ? std::optional<std::string_view>(m->body) : std::nullopt, m->flag,
                            wire),
            "the serializer takes a body the parser delimited");
    auto again = msrp::parse_message(wire);
    require(again.has_value(), "a serialized message parses");
    require(again->text.size() == wire.size(), "a serialized message is one message");
    require(msrp::to_outgoing(again->head) == out, "the head survives a round trip");
    require(again->body == m->body && again->flag == m->flag, "body and flag survive a round trip");

    check_framer(input, *m);
    return 0;
}
