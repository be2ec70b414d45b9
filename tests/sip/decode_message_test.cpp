#define BOOST_TEST_MODULE sip_decode_message
#include <boost/test/unit_test.hpp>

#include "sip/decode.hpp"
#include "sip/message.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

// decode(message, field) reuses the values message::parse() decoded; these
// tests check it answers exactly what decode(id, value) answers.

using namespace cpm::sip;

namespace {

message parse_text(std::string_view text)
{
    auto m = message::parse(abnf::text_buffer(text));
    BOOST_REQUIRE_MESSAGE(m, (m ? std::string() : m.error().message));
    return std::move(*m);
}

// Same alternative, and the same text behind the parts the hot path keeps.
void check_same(typed_value const& a, typed_value const& b)
{
    BOOST_REQUIRE_EQUAL(a.index(), b.index());
    std::visit(
        [&](auto const& x) {
            using T = std::decay_t<decltype(x)>;
            auto const& y = std::get<T>(b);
            if constexpr (std::is_same_v<T, via_list>) {
                BOOST_REQUIRE_EQUAL(x.size(), y.size());
                for (std::size_t i = 0; i < x.size(); ++i) {
                    BOOST_TEST((x[i].raw.data() == y[i].raw.data()));
                    BOOST_TEST(x[i].raw.size() == y[i].raw.size());
                    BOOST_TEST(x[i].branch == y[i].branch);
                    BOOST_TEST(x[i].host == y[i].host);
                    BOOST_TEST(x[i].params.raw() == y[i].params.raw());
                }
            } else if constexpr (std::is_same_v<T, name_addr>) {
                BOOST_TEST((x.raw.data() == y.raw.data()));
                BOOST_TEST(x.raw == y.raw);
                BOOST_TEST(x.uri == y.uri);
                BOOST_TEST(x.tag == y.tag);
                BOOST_TEST(x.display_name == y.display_name);
                BOOST_TEST(x.params.raw() == y.params.raw());
            } else if constexpr (std::is_same_v<T, cseq>) {
                BOOST_TEST(x.number == y.number);
                BOOST_TEST(x.method_text == y.method_text);
            } else if constexpr (std::is_same_v<T, media_type>) {
                BOOST_TEST(x.raw == y.raw);
                BOOST_TEST(x.type == y.type);
                BOOST_TEST(x.subtype == y.subtype);
                BOOST_TEST(x.params.raw() == y.params.raw());
            } else if constexpr (std::is_same_v<T, std::string_view>) {
                BOOST_TEST((x.data() == y.data()));
                BOOST_TEST(x == y);
            } else if constexpr (std::is_same_v<T, std::uint32_t>) {
                BOOST_TEST(x == y);
            }
        },
        a);
}

void check_message(message const& m)
{
    for (auto const& h : m.headers()) {
        BOOST_TEST_CONTEXT(h.name << ": " << h.value)
        {
            auto const reused = decode(m, h);
            auto const fresh = decode(h.id, h.value);
            BOOST_REQUIRE_EQUAL(reused.has_value(), fresh.has_value());
            if (fresh)
                check_same(*reused, *fresh);
            else {
                BOOST_TEST(reused.error().message == fresh.error().message);
                BOOST_TEST(reused.error().offset == fresh.error().offset);
            }
        }
    }
}

std::string read_file(std::filesystem::path const& p)
{
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

constexpr std::string_view two_vias = "SIP/2.0 200 OK\r\n"
                                      "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/TCP b.example.com:5070;branch=z9hG4bK2;received=192.0.2.1\r\n"
                                      "Via: SIP/2.0/UDP c.example.com;branch=z9hG4bK3\r\n"
                                      "From: <sip:alice@example.com>;tag=a\r\n"
                                      "To: Bob <sip:bob@example.com>;tag=b\r\n"
                                      "Call-ID: 1@x\r\n"
                                      "CSeq: 1 MESSAGE\r\n"
                                      "Max-Forwards: 70\r\n"
                                      "Content-Type: text/plain;charset=UTF-8\r\n"
                                      "Content-Length: 0\r\n\r\n";

} // namespace

BOOST_AUTO_TEST_CASE(hot_headers_are_reused_with_the_same_values)
{
    auto const m = parse_text(two_vias);
    check_message(m);
    auto const v = decode(m, *m.find(header_id::via));
    BOOST_REQUIRE(v);
    auto const& vias = std::get<via_list>(*v);
    BOOST_REQUIRE_EQUAL(vias.size(), 2u);
    BOOST_TEST(vias[0].branch == "z9hG4bK1");
    BOOST_TEST(vias[1].branch == "z9hG4bK2");
    BOOST_TEST(vias[1].received == "192.0.2.1");
    // The second Via field was not decoded by parse(): decoded afresh.
    auto const second = decode(m, m.headers()[1]);
    BOOST_REQUIRE(second);
    BOOST_TEST(std::get<via_list>(*second).front().branch == "z9hG4bK3");
}

BOOST_AUTO_TEST_CASE(errors_after_the_top_via_parm_are_the_same)
{
    // parse() reads only the topmost via-parm; the rest of the field is
    // checked when decoded, with the same sentence and offset either way.
    for (std::string_view tail : {",", ", SIP/2.0/UDP", ",, SIP/2.0/UDP d.example.com"}) {
        std::string text(two_vias);
        auto const at = text.find(", SIP/2.0/TCP");
        text.replace(at, text.find("\r\n", at) - at, tail);
        auto const m = parse_text(text);
        auto const& via = *m.find(header_id::via);
        auto const reused = decode(m, via);
        auto const fresh = decode(via.id, via.value);
        BOOST_TEST_CONTEXT(tail)
        {
            BOOST_REQUIRE(!fresh);
            BOOST_REQUIRE(!reused);
            BOOST_TEST(reused.error().message == fresh.error().message);
            BOOST_TEST(reused.error().offset == fresh.error().offset);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_field_copied_out_of_the_message_is_decoded_afresh)
{
    auto const m = parse_text(two_vias);
    header_field const copy = *m.find(header_id::from);
    auto const r = decode(m, copy);
    BOOST_REQUIRE(r);
    BOOST_TEST(std::get<name_addr>(*r).tag == "a");
}

BOOST_AUTO_TEST_CASE(every_header_of_the_bench_corpus_and_rfc4475_valid_messages)
{
    std::size_t messages = 0;
    for (auto const& dir : {std::filesystem::path(CPM_TEST_DATA_DIR) / ".." / ".." / "bench" / "corpus",
                            std::filesystem::path(CPM_TEST_DATA_DIR) / "sip" / "rfc4475"}) {
        for (auto const& entry : std::filesystem::directory_iterator(dir)) {
            if (entry.path().extension() != ".sip")
                continue;
            auto m = message::parse(abnf::text_buffer(read_file(entry.path())));
            if (!m)
                continue; // the RFC 4475 messages the parser refuses
            BOOST_TEST_CONTEXT(entry.path().filename().string()) { check_message(*m); }
            ++messages;
        }
    }
    BOOST_TEST(messages >= 30u);
}
