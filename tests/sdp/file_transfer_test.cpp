// RFC 5547 file-transfer attributes.
#define BOOST_TEST_MODULE sdp_file_transfer
#include <boost/test/unit_test.hpp>

#include "sdp/file_transfer.hpp"

using namespace cpm::sdp;

BOOST_AUTO_TEST_CASE(file_selector_all_selectors)
{
    // RFC 5547 section 9.1 example, plus a type parameter and an escape.
    std::string_view const v = "name:\"My cool%20picture.jpg\" type:image/jpeg;charset=\"x\" size:32349 "
                               "hash:sha-1:72:24:5F:E8:65:3D:DA:F3:71:36:2F:86:D4:71:91:3E:E4:A2:CE:2E";
    auto const s = parse_file_selector(v);
    BOOST_REQUIRE(s);
    BOOST_TEST(s->name == "My cool%20picture.jpg");
    BOOST_TEST(s->decoded_name().value() == "My cool picture.jpg");
    BOOST_TEST(s->type == "image");
    BOOST_TEST(s->subtype == "jpeg");
    BOOST_TEST(s->type_params == ";charset=\"x\"");
    BOOST_TEST(s->size.value() == 32349u);
    BOOST_TEST(s->hash_algorithm == "sha-1");
    BOOST_TEST(s->hash_value == "72:24:5F:E8:65:3D:DA:F3:71:36:2F:86:D4:71:91:3E:E4:A2:CE:2E");
    BOOST_TEST((s->name.data() == v.data() + 6));
}

BOOST_AUTO_TEST_CASE(file_selector_partial_and_empty)
{
    auto const s = parse_file_selector("size:10");
    BOOST_REQUIRE(s);
    BOOST_TEST(s->name.empty());
    BOOST_TEST(!s->decoded_name());
    BOOST_TEST(s->size.value() == 10u);
    auto const e = parse_file_selector("");
    BOOST_REQUIRE(e);
    BOOST_TEST((*e == file_selector{}));
}

BOOST_AUTO_TEST_CASE(file_selector_errors)
{
    struct row {
        std::string_view value;
        std::size_t offset;
        std::string_view message;
    };
    row const rows[] = {
        {"name:plain.txt", 5, "file-selector: name: expected a quoted, %-encoded file name"},
        {"name:\"a%2\"", 5, "file-selector: name: expected a quoted, %-encoded file name"},
        {"name:\"\"", 5, "file-selector: name: expected a quoted, %-encoded file name"},
        {"type:image", 10, "file-selector: type: expected <type>/<subtype>"},
        {"type:image/png;q=1", 17, "file-selector: type: parameters are ;attribute=\"value\""},
        {"size:big", 5, "file-selector: size: expected a number of octets"},
        {"hash:sha-1:7", 11, "file-selector: hash: the value is hex bytes separated by ':'"},
        {"hash:sha-1", 10, "file-selector: hash: expected <algorithm>:<hex bytes>"},
        {"color:red", 0, "file-selector: expected name:, type:, size: or hash:"},
        {"size:1 size:2", 7, "file-selector: size given twice"},
        {"size:1  name:\"a\"", 7, "file-selector: expected name:, type:, size: or hash:"},
        {"size:1x", 6, "file-selector: selectors are separated by one space"},
    };
    for (auto const& r : rows) {
        BOOST_TEST_CONTEXT(r.value)
        {
            auto const e = parse_file_selector(r.value);
            BOOST_REQUIRE(!e);
            BOOST_TEST(e.error().offset == r.offset);
            BOOST_TEST(e.error().message == r.message);
        }
    }
}

BOOST_AUTO_TEST_CASE(file_date_range_icon_tokens)
{
    auto const d = parse_file_date("creation:\"Mon, 15 May 2006 15:01:31 +0300\" read:\"Tue, 16 May 2006 10:00:00 +0300\"");
    BOOST_REQUIRE(d);
    BOOST_TEST(d->creation == "Mon, 15 May 2006 15:01:31 +0300");
    BOOST_TEST(d->modification.empty());
    BOOST_TEST(d->read == "Tue, 16 May 2006 10:00:00 +0300");
    BOOST_TEST(parse_file_date("creation:\"x\" creation:\"y\"").error().message == "file-date: a date is given twice");
    BOOST_TEST(parse_file_date("born:\"x\"").error().message == "file-date: expected creation:, modification: or read:");
    BOOST_TEST(parse_file_date("read:\"x").error().message == "file-date: expected a quoted date-time");

    auto const r = parse_file_range("1-32349");
    BOOST_REQUIRE(r);
    BOOST_TEST(r->start == 1u);
    BOOST_TEST(r->stop.value() == 32349u);
    auto const open = parse_file_range("1024-*");
    BOOST_REQUIRE(open);
    BOOST_TEST(open->start == 1024u);
    BOOST_TEST(!open->stop);
    BOOST_TEST(parse_file_range("0-10").error().message == "file-range: expected <start>-<stop> or <start>-*");
    BOOST_TEST(parse_file_range("10-5").error().message == "file-range: the stop offset is before the start offset");
    BOOST_TEST(parse_file_range("1-5x").error().message == "file-range: unexpected text after the range");

    BOOST_TEST(parse_file_icon("cid:id2@alicepc.example.com").value() == "cid:id2@alicepc.example.com");
    BOOST_TEST(parse_file_icon("http://x").error().message == "file-icon: expected a cid: URL");
    BOOST_TEST(parse_file_token("vBnG916bdberum2fFEABR1FR3ExZMUrd", "file-transfer-id").value() ==
               "vBnG916bdberum2fFEABR1FR3ExZMUrd");
    BOOST_TEST(parse_file_token("a b", "file-disposition").error().message == "file-disposition: expected a token");
}
