// bench-registrations: the resident memory of the in-memory location
// service holding N registrations (issue 6: 100,000 in under 100 MiB).
//
//   bench-registrations [--count N]
//
// N users each register one typical CPM client binding through the
// registrar (a trusted peer, so no Digest round trip): a Contact with the
// CPM feature tags, +sip.instance and reg-id, Supported: gruu (so each gets
// a temp-gruu), from its own address. Printed: the VmRSS before and after,
// the difference per registration, and the REGISTERs handled per second.

#include "cpm/core/memory_location.hpp"
#include "cpm/core/registrar.hpp"
#include "cpm/core/users_file.hpp"
#include "sip/builder.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

namespace {

long vm_rss_kib()
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::strtol(line.c_str() + 6, nullptr, 10);
    return -1;
}

std::string register_text(std::size_t i)
{
    std::string const user = "user" + std::to_string(i);
    std::string const host = "10." + std::to_string(i / 65536 % 256) + "." + std::to_string(i / 256 % 256) + "." +
                             std::to_string(i % 256);
    char uuid[40];
    std::snprintf(uuid, sizeof uuid, "%08zx-7dec-11d0-a765-00a0c91e6bf6", i);
    std::string out;
    cpm::sip::message_builder b(out);
    b.request_line("REGISTER", "sip:example.com")
        .header(cpm::sip::header_id::via, "SIP/2.0/TCP " + host + ":5060;branch=z9hG4bK" + std::to_string(i))
        .header(cpm::sip::header_id::max_forwards, "70")
        .header(cpm::sip::header_id::to, "<sip:" + user + "@example.com>")
        .tagged(cpm::sip::header_id::from, "<sip:" + user + "@example.com>", "t" + std::to_string(i))
        .header(cpm::sip::header_id::call_id, std::to_string(i) + "-reg@" + host)
        .header(cpm::sip::header_id::cseq, "1 REGISTER")
        .header(cpm::sip::header_id::contact,
                "<sip:" + user + "@" + host + ":5060;transport=tcp>;+g.oma.sip-im;"
                "+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.msg\";"
                "+sip.instance=\"<urn:uuid:" + uuid + ">\";reg-id=1")
        .header(cpm::sip::header_id::supported, "gruu, path")
        .header(cpm::sip::header_id::require, "gruu")
        .header(cpm::sip::header_id::expires, "3600");
    b.finish();
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    std::size_t count = 100000;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--count") == 0 && i + 1 < argc) {
            count = std::strtoul(argv[++i], nullptr, 10);
        } else {
            std::fprintf(stderr, "usage: bench-registrations [--count N]\n");
            return 2;
        }
    }
    using namespace cpm::core;
    user_directory users("example.com");
    memory_location location;
    registrar_config config;
    config.domain = "example.com";
    config.secret = "bench-registrations secret, 32 b";
    registrar reg(config, location, users);
    cpm::sip::stack::peer from{"", 5060, cpm::sip::stack::transport_kind::tcp};
    auto const now = wall_clock::now();

    long const before = vm_rss_kib();
    auto const start = std::chrono::steady_clock::now();
    std::size_t ok = 0;
    for (std::size_t i = 0; i < count; ++i) {
        auto request = cpm::sip::message::parse(cpm::sip::abnf::text_buffer(register_text(i)));
        if (!request) {
            std::fprintf(stderr, "REGISTER %zu does not parse: %s\n", i, request.error().message.c_str());
            return 1;
        }
        from.address = "10." + std::to_string(i / 65536 % 256) + "." + std::to_string(i / 256 % 256) + "." +
                       std::to_string(i % 256);
        auto const response = reg.handle(*request, from, now, true);
        ok += response.compare(0, 11, "SIP/2.0 200") == 0;
    }
    double const seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    long const after = vm_rss_kib();

    std::printf("registrations %zu (200 OK: %zu), AORs %zu, bindings %zu\n", count, ok, location.aor_count(),
                location.binding_count());
    std::printf("VmRSS before %ld KiB, after %ld KiB, delta %ld KiB (%.1f MiB)\n", before, after, after - before,
                static_cast<double>(after - before) / 1024.0);
    std::printf("bytes per registration %.0f\n",
                count ? static_cast<double>(after - before) * 1024.0 / static_cast<double>(count) : 0.0);
    std::printf("REGISTERs handled per second %.0f\n", seconds > 0 ? static_cast<double>(count) / seconds : 0.0);
    return ok == count && location.binding_count() == count ? 0 : 1;
}
