#define BOOST_TEST_MODULE sip_uri
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "sip/error.hpp"
#include "sip/uri.hpp"

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

using namespace cpm::sip;
namespace bdata = boost::unit_test::data;
using cpm::sip::abnf::host_kind;

namespace {

constexpr int no_port = -1;

// One SIP or SIPS URI and what each part must decode to.
struct sip_case {
    std::string_view text;
    uri_kind kind;
    bool has_userinfo;
    std::string_view user;
    bool has_password;
    std::string_view password;
    std::string_view host;
    host_kind host_type;
    int port;
    std::string_view params;  // raw, from the first ';'
    std::string_view headers; // raw, after '?'
};

std::ostream& operator<<(std::ostream& os, sip_case const& c) { return os << c.text; }

sip_case const sip_cases[] = {
    // RFC 3261 19.1.3
    {"sip:alice@atlanta.com", uri_kind::sip, true, "alice", false, "", "atlanta.com", host_kind::hostname, no_port, "", ""},
    {"sip:alice:secretword@atlanta.com;transport=tcp", uri_kind::sip, true, "alice", true, "secretword",
     "atlanta.com", host_kind::hostname, no_port, ";transport=tcp", ""},
    {"sips:alice@atlanta.com?subject=project%20x&priority=urgent", uri_kind::sips, true, "alice", false, "",
     "atlanta.com", host_kind::hostname, no_port, "", "subject=project%20x&priority=urgent"},
    {"sip:+1-212-555-1212:1234@gateway.com;user=phone", uri_kind::sip, true, "+1-212-555-1212", true, "1234",
     "gateway.com", host_kind::hostname, no_port, ";user=phone", ""},
    {"sips:1212@gateway.com", uri_kind::sips, true, "1212", false, "", "gateway.com", host_kind::hostname, no_port, "", ""},
    {"sip:alice@192.0.2.4", uri_kind::sip, true, "alice", false, "", "192.0.2.4", host_kind::ipv4, no_port, "", ""},
    {"sip:atlanta.com;method=REGISTER?to=alice%40atlanta.com", uri_kind::sip, false, "", false, "", "atlanta.com",
     host_kind::hostname, no_port, ";method=REGISTER", "to=alice%40atlanta.com"},
    {"sip:alice;day=tuesday@atlanta.com", uri_kind::sip, true, "alice;day=tuesday", false, "", "atlanta.com",
     host_kind::hostname, no_port, "", ""},
    // RFC 5118 4.1, 4.3, 4.4, 4.9, 4.10
    {"sip:[2001:db8::10]", uri_kind::sip, false, "", false, "", "[2001:db8::10]", host_kind::ipv6, no_port, "", ""},
    {"sip:[2001:db8::10]:5070", uri_kind::sip, false, "", false, "", "[2001:db8::10]", host_kind::ipv6, 5070, "", ""},
    // 4.3: well-formed; the "port" is the last group of the address.
    {"sip:[2001:db8::10:5070]", uri_kind::sip, false, "", false, "", "[2001:db8::10:5070]", host_kind::ipv6, no_port, "", ""},
    {"sip:caller@[2001:db8::1]", uri_kind::sip, true, "caller", false, "", "[2001:db8::1]", host_kind::ipv6, no_port, "", ""},
    {"sip:user@[::ffff:192.0.2.151]:5061", uri_kind::sip, true, "user", false, "", "[::ffff:192.0.2.151]",
     host_kind::ipv6, 5061, "", ""},
    {"sip:[2001:db8::192.0.2.1]", uri_kind::sip, false, "", false, "", "[2001:db8::192.0.2.1]", host_kind::ipv6, no_port, "", ""},
    // 4.10: RFC 3261's ABNF bug (":::" before an IPv4 tail) must be tolerated.
    {"sip:user@[2001:db8:::192.0.2.1]", uri_kind::sip, true, "user", false, "", "[2001:db8:::192.0.2.1]",
     host_kind::ipv6, no_port, "", ""},
    {"sips:[::1];transport=tls", uri_kind::sips, false, "", false, "", "[::1]", host_kind::ipv6, no_port, ";transport=tls", ""},
    // RFC 4475 3.1.1.1 (wsinv), 3.1.1.3 (esc01), 3.1.1.5 (escnull), 3.1.1.10 (semiuri)
    {"sip:sips%3Auser%40example.com@example.net", uri_kind::sip, true, "sips%3Auser%40example.com", false, "",
     "example.net", host_kind::hostname, no_port, "", ""},
    {"sip:null-%00-null@example.com", uri_kind::sip, true, "null-%00-null", false, "", "example.com",
     host_kind::hostname, no_port, "", ""},
    {"sip:user;par=u%40example.net@example.com", uri_kind::sip, true, "user;par=u%40example.net", false, "",
     "example.com", host_kind::hostname, no_port, "", ""},
    {"sip:vivekg@chair-dnrc.example.com;unknownparam", uri_kind::sip, true, "vivekg", false, "",
     "chair-dnrc.example.com", host_kind::hostname, no_port, ";unknownparam", ""},
    {"sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31", uri_kind::sip, true, "cal%6Cer", false, "",
     "host5.example.net", host_kind::hostname, no_port, ";%6C%72;n%61me=v%61lue%25%34%31", ""},
    // Scheme and host are case-insensitive; everything is kept as written.
    {"SIP:ALICE@AtLanTa.CoM;Transport=udp", uri_kind::sip, true, "ALICE", false, "", "AtLanTa.CoM",
     host_kind::hostname, no_port, ";Transport=udp", ""},
    {"sip:alice:@atlanta.com", uri_kind::sip, true, "alice", true, "", "atlanta.com", host_kind::hostname, no_port, "", ""},
    {"sip:example.com.:65535", uri_kind::sip, false, "", false, "", "example.com.", host_kind::hostname, 65535, "", ""},
    {"sip:a-b.c--d.e9@x1.example:0", uri_kind::sip, true, "a-b.c--d.e9", false, "", "x1.example", host_kind::hostname, 0, "", ""},
    {"sip:user@host;maddr=[2001:db8::1];ttl=255;lr?h=", uri_kind::sip, true, "user", false, "", "host",
     host_kind::hostname, no_port, ";maddr=[2001:db8::1];ttl=255;lr", "h="},
    {"sip:$&=+,;?/:$&=+,@h", uri_kind::sip, true, "$&=+,;?/", true, "$&=+,", "h", host_kind::hostname, no_port, "", ""},
};

} // namespace

BOOST_DATA_TEST_CASE(sip_uris_decode_into_their_parts, bdata::make(sip_cases), c)
{
    auto const u = parse_uri(c.text);
    BOOST_TEST_REQUIRE(u.has_value(), c.text << ": " << (u ? "" : u.error().message));
    BOOST_TEST((u->kind == c.kind));
    BOOST_TEST(u->is_sip_or_sips());
    BOOST_TEST(u->raw == c.text);
    BOOST_TEST(u->sip.has_userinfo == c.has_userinfo);
    BOOST_TEST(u->sip.user == c.user);
    BOOST_TEST(u->sip.has_password == c.has_password);
    BOOST_TEST(u->sip.password == c.password);
    BOOST_TEST(u->sip.host == c.host);
    BOOST_TEST((u->sip.host_type == c.host_type));
    BOOST_TEST(u->sip.port.has_value() == (c.port != no_port));
    if (u->sip.port)
        BOOST_TEST(int{*u->sip.port} == c.port);
    BOOST_TEST(u->sip.params.raw() == c.params);
    BOOST_TEST(u->sip.headers.raw() == c.headers);
    // Zero-copy: the views point into the input.
    if (!c.host.empty())
        BOOST_TEST((u->sip.host.data() >= c.text.data() && u->sip.host.data() < c.text.data() + c.text.size()));
}

BOOST_AUTO_TEST_CASE(well_known_uri_parameters)
{
    auto const u = parse_uri("sip:bob@biloxi.com;transport=TCP;user=ip;method=INVITE;maddr=239.255.255.1;ttl=15;lr"
                             ";gr=urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6;x=1");
    BOOST_TEST_REQUIRE(u.has_value(), (u ? "" : u.error().message));
    BOOST_TEST(u->sip.transport == "TCP");
    BOOST_TEST(u->sip.user_param == "ip");
    BOOST_TEST(!u->sip.user_is_phone());
    BOOST_TEST(u->sip.method == "INVITE");
    BOOST_TEST(u->sip.maddr == "239.255.255.1");
    BOOST_TEST_REQUIRE(u->sip.ttl.has_value());
    BOOST_TEST(int{*u->sip.ttl} == 15);
    BOOST_TEST(u->sip.lr);
    BOOST_TEST(u->sip.has_gr);
    BOOST_TEST(u->sip.gr == "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6");

    auto const plain = parse_uri("sip:bob@biloxi.com;x=1");
    BOOST_TEST_REQUIRE(plain.has_value());
    BOOST_TEST(plain->sip.transport.empty());
    BOOST_TEST(!plain->sip.ttl.has_value());
    BOOST_TEST(!plain->sip.lr);
    BOOST_TEST(!plain->sip.has_gr);

    // RFC 5627: a GRUU may carry ;gr without a value.
    auto const gruu = parse_uri("sip:alice@example.com;gr");
    BOOST_TEST_REQUIRE(gruu.has_value());
    BOOST_TEST(gruu->sip.has_gr);
    BOOST_TEST(gruu->sip.gr.empty());

    // RFC 4475 wsinv: ";%6C%72" is ";lr" (19.1.4: escaped unreserved == plain).
    auto const escaped = parse_uri("sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31");
    BOOST_TEST_REQUIRE(escaped.has_value());
    BOOST_TEST(escaped->sip.lr);

    auto const phone = parse_uri("sip:+1-212-555-1212:1234@gateway.com;USER=Phone");
    BOOST_TEST_REQUIRE(phone.has_value());
    BOOST_TEST(phone->sip.user_is_phone());
}

BOOST_AUTO_TEST_CASE(escapes_are_decoded_on_request)
{
    auto const u = parse_uri("sip:sips%3Auser%40example.com:p%40ss%2c@example.net?Sub%6Aect=project%20x");
    BOOST_TEST_REQUIRE(u.has_value(), (u ? "" : u.error().message));
    BOOST_TEST(u->sip.user == "sips%3Auser%40example.com");
    BOOST_TEST(u->sip.user_text() == "sips:user@example.com");
    BOOST_TEST(u->sip.password_text() == "p@ss,");
    auto const h = *u->sip.headers.begin();
    BOOST_TEST(h.name_text() == "Subject");
    BOOST_TEST(h.value_text() == "project x");

    auto const null = parse_uri("sip:null-%00-null@example.com");
    BOOST_TEST_REQUIRE(null.has_value());
    BOOST_TEST(null->sip.user_text() == std::string("null-\0-null", 11));
}

BOOST_AUTO_TEST_CASE(parameters_iterate_in_order)
{
    auto const u = parse_uri("sip:h;a=1;b;c=%41;maddr=[::1]");
    BOOST_TEST_REQUIRE(u.has_value(), (u ? "" : u.error().message));
    std::vector<std::string> seen;
    for (auto const& p : u->sip.params)
        seen.push_back(std::string(p.name) + (p.has_value ? "=" + std::string(p.value) : ""));
    BOOST_TEST(seen == (std::vector<std::string>{"a=1", "b", "c=%41", "maddr=[::1]"}), boost::test_tools::per_element());
    BOOST_TEST(u->sip.params.value_of("C") == "%41");
    BOOST_TEST(u->sip.maddr == "[::1]");
}

BOOST_AUTO_TEST_CASE(headers_iterate_without_copies)
{
    std::string_view const text = "sip:alice@atlanta.com?subject=project%20x&priority=urgent&empty=&to=a%40b";
    auto const u = parse_uri(text);
    BOOST_TEST_REQUIRE(u.has_value(), (u ? "" : u.error().message));
    auto const& hs = u->sip.headers;
    BOOST_TEST(hs.size() == 4u);
    std::vector<std::string> seen;
    for (auto const& h : hs)
        seen.push_back(std::string(h.name) + "|" + std::string(h.value));
    BOOST_TEST(seen == (std::vector<std::string>{"subject|project%20x", "priority|urgent", "empty|", "to|a%40b"}),
               boost::test_tools::per_element());
    BOOST_TEST_REQUIRE(hs.find("PRIORITY").has_value());
    BOOST_TEST(hs.find("PRIORITY")->value == "urgent");
    BOOST_TEST(!hs.find("route").has_value());
    BOOST_TEST((hs.begin()->value.data() == text.data() + text.find("project")));
    BOOST_TEST(parse_uri("sip:h")->sip.headers.empty());
    BOOST_TEST(parse_uri("sip:h")->sip.headers.size() == 0u);
}

namespace {

struct tel_case {
    std::string_view text;
    bool global;
    std::string_view number;
    std::string_view digits;
    std::string_view phone_context;
    std::string_view extension;
    std::string_view isub;
};

std::ostream& operator<<(std::ostream& os, tel_case const& c) { return os << c.text; }

tel_case const tel_cases[] = {
    // RFC 3966 section 3 and 6
    {"tel:+1-201-555-0123", true, "+1-201-555-0123", "+12015550123", "", "", ""},
    {"tel:7042;phone-context=example.com", false, "7042", "7042", "example.com", "", ""},
    {"tel:863-1234;phone-context=+1-914-555", false, "863-1234", "8631234", "+1-914-555", "", ""},
    {"tel:+1(201)555.0123;ext=22-1", true, "+1(201)555.0123", "+12015550123", "", "22-1", ""},
    {"tel:+358-555-1234567;postd=pp22", true, "+358-555-1234567", "+3585551234567", "", "", ""},
    {"tel:+358-555-1234567;isub=1411;postd=pp22", true, "+358-555-1234567", "+3585551234567", "", "", "1411"},
    {"tel:*21#;phone-context=example.com", false, "*21#", "*21#", "example.com", "", ""},
    {"tel:ABCdef;Phone-Context=+1", false, "ABCdef", "ABCdef", "+1", "", ""},
    {"TEL:+1234;isub=a/b?c@d=e,f:g", true, "+1234", "+1234", "", "", "a/b?c@d=e,f:g"},
    {"tel:+-1-", true, "+-1-", "+1", "", "", ""},
};

} // namespace

BOOST_DATA_TEST_CASE(tel_uris_decode_into_their_parts, bdata::make(tel_cases), c)
{
    auto const u = parse_uri(c.text);
    BOOST_TEST_REQUIRE(u.has_value(), c.text << ": " << (u ? "" : u.error().message));
    BOOST_TEST((u->kind == uri_kind::tel));
    BOOST_TEST(u->tel.global == c.global);
    BOOST_TEST(u->tel.number == c.number);
    BOOST_TEST(u->tel.number_digits() == c.digits);
    BOOST_TEST(u->tel.phone_context == c.phone_context);
    BOOST_TEST(u->tel.extension == c.extension);
    BOOST_TEST(u->tel.isub == c.isub);
}

BOOST_AUTO_TEST_CASE(tel_parameters_iterate_including_isub)
{
    auto const u = parse_uri("tel:+1234;isub=a?b;ext=5;x-y=z%20");
    BOOST_TEST_REQUIRE(u.has_value(), (u ? "" : u.error().message));
    std::vector<std::string> seen;
    for (auto const& p : u->tel.params)
        seen.push_back(std::string(p.name) + "=" + std::string(p.value));
    BOOST_TEST(seen == (std::vector<std::string>{"isub=a?b", "ext=5", "x-y=z%20"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(user_phone_reads_as_a_telephone_subscriber)
{
    // RFC 3261 19.1.6: the whole telephone-subscriber goes in the userinfo.
    auto const u = parse_uri("sip:+358-555-1234567;postd=pp22;isub=1411@foo.com;user=phone");
    BOOST_TEST_REQUIRE(u.has_value(), (u ? "" : u.error().message));
    BOOST_TEST(u->sip.user == "+358-555-1234567;postd=pp22;isub=1411");
    BOOST_TEST(u->sip.user_is_phone());
    auto const user = u->sip.user_text();
    auto const tel = parse_telephone_subscriber(user);
    BOOST_TEST_REQUIRE(tel.has_value(), (tel ? "" : tel.error().message));
    BOOST_TEST(tel->global);
    BOOST_TEST(tel->number == "+358-555-1234567");
    BOOST_TEST(tel->isub == "1411");
    BOOST_TEST(tel->params.value_of("postd") == "pp22");

    auto const bad = parse_telephone_subscriber("5551234");
    BOOST_TEST_REQUIRE(!bad.has_value());
    BOOST_TEST(bad.error().message == "telephone-subscriber: local number requires phone-context");
    BOOST_TEST(bad.error().offset == 0u);
}

namespace {

struct absolute_case {
    std::string_view text;
    std::string_view scheme;
    std::string_view rest;
};

std::ostream& operator<<(std::ostream& os, absolute_case const& c) { return os << c.text; }

absolute_case const absolute_cases[] = {
    {"im:alice@example.com", "im", "alice@example.com"},
    {"pres:alice@example.com", "pres", "alice@example.com"},
    {"urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6", "urn", "uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"},
    {"mailto:alice@example.com?subject=hi%20there", "mailto", "alice@example.com?subject=hi%20there"},
    {"http://www.example.com/path/to;p=1/x?q=1&r", "http", "//www.example.com/path/to;p=1/x?q=1&r"},
    {"http://[2001:db8::1]:8080/", "http", "//[2001:db8::1]:8080/"},
    {"file:///etc/hosts", "file", "///etc/hosts"},
    {"cid:foo4*foo1@bar.net", "cid", "foo4*foo1@bar.net"},
    // RFC 4475 3.1.1.? novelsc and 3.3.? unksm: valid URIs of unknown schemes
    {"soap.beep://192.0.2.103:3002", "soap.beep", "//192.0.2.103:3002"},
    {"nobodyKnowsThisScheme:totallyopaquecontent", "nobodyKnowsThisScheme", "totallyopaquecontent"},
    {"isbn:2983792873", "isbn", "2983792873"},
};

} // namespace

BOOST_DATA_TEST_CASE(other_schemes_are_absolute_uris, bdata::make(absolute_cases), c)
{
    auto const u = parse_uri(c.text);
    BOOST_TEST_REQUIRE(u.has_value(), c.text << ": " << (u ? "" : u.error().message));
    BOOST_TEST((u->kind == uri_kind::absolute));
    BOOST_TEST(u->scheme == c.scheme);
    BOOST_TEST(u->rest == c.rest);
}

BOOST_AUTO_TEST_CASE(scheme_classification)
{
    BOOST_TEST((classify_scheme("SiP") == uri_kind::sip));
    BOOST_TEST((classify_scheme("sips") == uri_kind::sips));
    BOOST_TEST((classify_scheme("TEL") == uri_kind::tel));
    BOOST_TEST((classify_scheme("im") == uri_kind::absolute));
    BOOST_TEST((classify_scheme("sipx") == uri_kind::absolute));
}

namespace {

struct error_case {
    std::string_view text;
    std::size_t offset;
    std::string_view message;
};

std::ostream& operator<<(std::ostream& os, error_case const& c) { return os << c.text; }

error_case const error_cases[] = {
    {"", 0, "URI: empty"},
    {"1sip:x", 0, "URI: must start with a scheme"},
    {"<sip:user@example.com>", 0, "URI: must start with a scheme"}, // RFC 4475 ltgtruri
    {"sip", 3, "URI: expected ':' after the scheme"},
    {"sip user@example.com", 3, "URI: expected ':' after the scheme"},
    // SIP-URI
    {"sip:", 4, "SIP-URI: expected host"},
    {"sip:alice@", 10, "SIP-URI: expected host after '@'"},
    {"sips:alice@;lr", 11, "SIPS-URI: expected host after '@'"},
    {"sip:@atlanta.com", 4, "SIP-URI: empty user before '@'"},
    {"sip:al ice@atlanta.com", 6, "SIP-URI: invalid character in user"},
    {"sip:al%4@atlanta.com", 6, "SIP-URI: malformed %-escape in user"},
    {"sip:al[1]@atlanta.com", 6, "SIP-URI: invalid character in user"},
    {"sip:alice:pa ss@h", 12, "SIP-URI: invalid character in password"},
    {"sip:alice:pa:ss@h", 12, "SIP-URI: invalid character in password"},
    {"sip:alice@atlanta.com:70000", 22, "SIP-URI: port out of range"},
    {"sip:alice@atlanta.com:", 22, "SIP-URI: expected port after ':'"},
    {"sip:alice@atlanta.com:50a", 24, "SIP-URI: invalid character in port"},
    {"sip:exa_mple.com", 7, "SIP-URI: invalid character in host"},
    {"sip:alice@256.0.0.1", 10, "SIP-URI: invalid host"},
    {"sip:alice@-example.com", 10, "SIP-URI: invalid host"},
    {"sip:alice@ex%61mple.com", 12, "SIP-URI: invalid character in host"}, // 19.1.2: no escapes in host
    {"sip:a@b@c", 7, "SIP-URI: invalid character in host"},
    // RFC 5118 4.2 and 4.10, and broken references
    {"sip:2001:db8::10", 4, "SIP-URI: invalid host"},
    {"sip:user@2001:db8::10", 9, "SIP-URI: invalid host"},
    {"sip:[2001:db8::10", 4, "SIP-URI: IPv6 reference without closing ']'"},
    {"sip:[2001:db8::10]5070", 18, "SIP-URI: invalid character in host"},
    {"sip:[2001:db8:::10]", 4, "SIP-URI: invalid IPv6 address in host"},
    {"sip:[2001:db8:::10]:5060", 4, "SIP-URI: invalid IPv6 address in host"},
    {"sip:[::ffff:192.0.2.256]", 4, "SIP-URI: invalid IPv6 address in host"},
    {"sip:[1:2:3:4:5:6:7:8:9]", 4, "SIP-URI: invalid IPv6 address in host"},
    {"sip:[]", 4, "SIP-URI: invalid IPv6 address in host"},
    // uri-parameters
    {"sip:user@example.com; lr", 20, "SIP-URI: invalid character in uri-parameter"}, // RFC 4475 lwsruri
    {"sip:h;a=b c", 9, "SIP-URI: invalid character in uri-parameter"},
    {"sip:h;;a", 5, "SIP-URI: invalid character in uri-parameter"},
    {"sip:h;a=", 7, "SIP-URI: invalid character in uri-parameter"},
    {"sip:h;a=b%g0", 9, "SIP-URI: malformed %-escape in uri-parameter"},
    {"sip:h;transport", 6, "SIP-URI: transport parameter needs a value"},
    {"sip:h;transport=a/b", 16, "SIP-URI: transport must be a token"},
    {"sip:h;ttl=256", 10, "SIP-URI: ttl must be 0-255"},
    {"sip:h;ttl=0001", 10, "SIP-URI: ttl must be 0-255"},
    {"sip:h;maddr=exa_mple", 12, "SIP-URI: maddr must be a host"},
    {"sip:h;method=INV(ITE", 13, "SIP-URI: method must be a token"},
    // headers
    {"sip:alice@atlanta.com?", 22, "SIP-URI: expected hname=hvalue after '?'"},
    {"sip:alice@atlanta.com?subject", 22, "SIP-URI: expected hname=hvalue after '?'"},
    {"sip:alice@atlanta.com?a=b&", 25, "SIP-URI: invalid character in header"},
    {"sip:alice@atlanta.com?a=b c", 25, "SIP-URI: invalid character in header"},
    {"sip:alice@atlanta.com?a=b?c=d=e", 27, "SIP-URI: invalid character in header"},
    // tel
    {"tel:", 4, "tel URI: expected a global (+...) or local phone number"},
    {"tel:-.()", 4, "tel URI: expected a global (+...) or local phone number"},
    {"tel:+", 4, "tel URI: global number needs at least one digit"},
    {"tel:+-()", 4, "tel URI: global number needs at least one digit"},
    {"tel:7042", 4, "tel URI: local number requires phone-context"},
    {"tel:7042;ext=1", 4, "tel URI: local number requires phone-context"},
    {"tel:+12 34", 7, "tel URI: invalid character in phone number"},
    {"tel:+1234x", 9, "tel URI: invalid character in phone number"},
    {"tel:+1234;=x", 9, "tel URI: invalid character in parameter"},
    {"tel:+1234;a_b=1", 11, "tel URI: invalid character in parameter"},
    {"tel:+1234;ext", 10, "tel URI: ext needs a value"},
    {"tel:+1;a=1;a=2", 11, "tel URI: parameter a appears more than once"},
    {"tel:1;phone-context=a.example;PHONE-CONTEXT=b.example", 30, "tel URI: parameter PHONE-CONTEXT appears more than once"},
    {"tel:+1234;ext=12a", 14, "tel URI: ext must be phone digits"},
    {"tel:+1234;isub=[1]", 15, "tel URI: isub must be made of uric characters"},
    {"tel:+1234;foo=a@b", 15, "tel URI: invalid character in parameter value"},
    {"tel:1234;phone-context=exa_mple", 23, "tel URI: phone-context must be a domain name or a global number"},
    {"tel:1234;phone-context=+", 23, "tel URI: phone-context must be a domain name or a global number"},
    // absoluteURI
    {"foo:", 4, "URI: nothing after the scheme"},
    {"im:alice <x>", 8, "URI: invalid character in absoluteURI"},
    {"http://exa mple", 10, "URI: invalid character in absoluteURI"},
    {"foo:%zz", 4, "URI: malformed %-escape in absoluteURI"},
    {"foo:bar#frag", 7, "URI: invalid character in absoluteURI"},
    {"foo:/a/b c", 8, "URI: invalid character in absoluteURI"},
};

} // namespace

BOOST_DATA_TEST_CASE(malformed_uris_name_the_element_and_offset, bdata::make(error_cases), c)
{
    auto const u = parse_uri(c.text);
    BOOST_TEST_REQUIRE(!u.has_value(), c.text << " parsed");
    BOOST_TEST(u.error().message == c.message);
    BOOST_TEST(u.error().offset == c.offset);
    BOOST_TEST(u.error().column == c.offset + 1);
    BOOST_TEST((u.error().code == errc::bad_uri));
}

namespace {

struct pair_case {
    std::string_view a;
    std::string_view b;
};

std::ostream& operator<<(std::ostream& os, pair_case const& c) { return os << c.a << " vs " << c.b; }

pair_case const equivalent_pairs[] = {
    // RFC 3261 19.1.4
    {"sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp"},
    {"sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5"},
    {"sip:carol@chicago.com", "sip:carol@chicago.com;security=on"},
    {"sip:carol@chicago.com;newparam=5", "sip:carol@chicago.com;security=on"},
    {"sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
     "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com"},
    {"sip:alice@atlanta.com?subject=project%20x&priority=urgent", "sip:alice@atlanta.com?priority=urgent&subject=project%20x"},
    {"sip:carol@chicago.com", "sip:carol@chicago.com;security=off"},
    // RFC 5954 section 4: IP literals compare by address
    {"sip:bob@[::ffff:192.0.2.128]", "sip:bob@[::ffff:c000:280]"},
    {"sip:bob@[2001:db8::9:1]", "sip:bob@[2001:db8::9:01]"},
    {"sip:bob@[0:0:0:0:0:FFFF:129.144.52.38]", "sip:bob@[::FFFF:129.144.52.38]"},
    {"sip:[2001:db8:0:0:0:0:0:10]:5070", "sip:[2001:DB8::10]:5070"},
    {"sip:h;maddr=[2001:db8::1]", "sip:h;maddr=[2001:DB8:0::1]"},
    // escapes of unreserved characters, anywhere
    {"sip:alice:%70ass@h", "sip:alice:pass@h"},
    {"sip:h;%6C%72", "sip:h;LR"},
    {"sip:h;x=%41b", "sip:h;X=ab"},
    {"sip:h?subject=a%62c", "sip:h?Subject=abc"},
    {"sip:h?t=sip:a%40b", "sip:h?To=sip:a%40b"}, // compact form
    {"sips:alice@example.com", "SIPS:alice@EXAMPLE.com"},
    {"sip:[::1]", "sip:[0::1]"},
    {"sip:user@[2001:db8:::192.0.2.1]", "sip:user@[2001:db8::c000:201]"},
    // RFC 3966 section 4 and RFC 3261 19.1.6
    {"tel:+358-555-1234567;postd=pp22", "tel:+358-555-1234567;POSTD=PP22"},
    {"tel:+358-555-1234567;postd=pp22;isub=1411", "tel:+358-555-1234567;isub=1411;postd=pp22"},
    {"tel:+1-201-555-0123", "tel:+1(201)5550123"},
    {"tel:863-1234;phone-context=+1-914-555", "tel:8631234;phone-context=+1914555"},
    {"tel:7042;phone-context=EXAMPLE.com", "tel:7042;phone-context=example.com"},
    {"tel:ABC;phone-context=example.com", "tel:abc;PHONE-CONTEXT=example.com"},
    {"tel:+1234;ext=1-2", "tel:+1234;EXT=12"},
    {"TEL:+1234;x=%41", "tel:+1234;x=a"},
    // other schemes
    {"im:alice@example.com", "IM:alice@example.com"},
    {"urn:x:%61", "urn:x:a"},
};

pair_case const different_pairs[] = {
    // RFC 3261 19.1.4
    {"SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP"},
    {"sip:bob@biloxi.com", "sip:bob@biloxi.com:5060"},
    {"sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp"},
    {"sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp"},
    {"sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting"},
    {"sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4"},
    {"sip:carol@chicago.com;security=on", "sip:carol@chicago.com;security=off"},
    // RFC 3261 19.1.6: userinfo stays case- and order-sensitive
    {"sip:+358-555-1234567;postd=pp22@foo.com;user=phone", "sip:+358-555-1234567;POSTD=PP22@foo.com;user=phone"},
    {"sip:+358-555-1234567;postd=pp22;isub=1411@foo.com;user=phone",
     "sip:+358-555-1234567;isub=1411;postd=pp22@foo.com;user=phone"},
    // the rest of 19.1.4
    {"sip:alice@atlanta.com", "sips:alice@atlanta.com"},
    {"sip:atlanta.com", "sip:alice@atlanta.com"},
    {"sip:alice@atlanta.com", "sip:alice:pw@atlanta.com"},
    {"sip:alice:@atlanta.com", "sip:alice@atlanta.com"},
    {"sip:alice:pw@atlanta.com", "sip:alice:PW@atlanta.com"},
    {"sip:alice@h;user=phone", "sip:alice@h"},
    {"sip:alice@h;user=ip", "sip:alice@h"},
    {"sip:alice@h;ttl=1", "sip:alice@h"},
    {"sip:alice@h;method=INVITE", "sip:alice@h"},
    {"sip:alice@h;maddr=192.0.2.1", "sip:alice@h"},
    {"sip:alice@h;maddr=192.0.2.1", "sip:alice@h;maddr=192.0.2.2"},
    {"sip:alice@h;transport=tcp", "sip:alice@h;transport=udp"},
    {"sip:a%3Bb@h", "sip:a;b@h"}, // an escaped reserved character is not the character
    {"sip:h;lr", "sip:h;lr=on"},
    {"sip:h:5060", "sip:h:5061"},
    {"sip:h?a=1", "sip:h?a=1&a=1"},
    {"sip:h?a=1", "sip:h?b=1"},
    {"sip:h?subject=X", "sip:h?subject=x"},
    {"sip:[2001:db8::10]", "sip:[2001:db8::11]"},
    {"sip:[::ffff:192.0.2.1]", "sip:192.0.2.1"},
    // tel
    {"tel:+1234", "tel:1234;phone-context=+1"},
    {"tel:+1234", "tel:+12345"},
    {"tel:+1234;ext=1", "tel:+1234"},
    {"tel:+1234", "tel:+1234;ext=1"},
    {"tel:+1234;ext=1", "tel:+1234;ext=2"},
    {"tel:7042;phone-context=example.com", "tel:7042;phone-context=example.net"},
    {"tel:7042;phone-context=ex.ample.com", "tel:7042;phone-context=exa.mple.com"},
    {"tel:7042;phone-context=+1", "tel:7042;phone-context=example.com"},
    {"tel:+358-555-1234567;postd=pp22", "sip:+358-555-1234567;postd=pp22@foo.com;user=phone"},
    // other schemes
    {"im:alice@example.com", "im:Alice@example.com"},
    {"im:alice@example.com", "pres:alice@example.com"},
    {"urn:x:%3B", "urn:x:;"},
};

} // namespace

BOOST_DATA_TEST_CASE(equivalent_uris, bdata::make(equivalent_pairs), c)
{
    auto const a = parse_uri(c.a);
    auto const b = parse_uri(c.b);
    BOOST_TEST_REQUIRE(a.has_value(), c.a << ": " << (a ? "" : a.error().message));
    BOOST_TEST_REQUIRE(b.has_value(), c.b << ": " << (b ? "" : b.error().message));
    BOOST_TEST(equivalent(*a, *b));
    BOOST_TEST(equivalent(*b, *a));
    BOOST_TEST(equivalent(*a, *a));
}

BOOST_DATA_TEST_CASE(different_uris, bdata::make(different_pairs), c)
{
    auto const a = parse_uri(c.a);
    auto const b = parse_uri(c.b);
    BOOST_TEST_REQUIRE(a.has_value(), c.a << ": " << (a ? "" : a.error().message));
    BOOST_TEST_REQUIRE(b.has_value(), c.b << ": " << (b ? "" : b.error().message));
    BOOST_TEST(!equivalent(*a, *b));
    BOOST_TEST(!equivalent(*b, *a));
    BOOST_TEST(equivalent(*b, *b));
}
