// bench-sip-parse: our SIP hot-path parser against libosip2 and sofia-sip,
// in the same run, on a corpus of realistic CPM traffic (bench/corpus/*.sip).
//
//   bench-sip-parse [--reps N] [--min-ms MS] [--per-file] [CORPUS_DIR]
//
// Every parser parses every corpus message in turn; one repetition repeats
// that until at least MS milliseconds of timed work; the reported figure is
// the median over N repetitions. Rows:
//   memchr-scan    finds every LF with memchr: the floor for any parser
//   cpm-hot        message::parse from a text_buffer built outside the timed
//                  loop (parse + destruction of the message are timed)
//   cpm-hot+copy   the same with the text_buffer copy inside the timed loop,
//                  like the peers, which both copy the input
//   cpm-full       cpm-hot, then sip::decode(message, field) of every header
//                  field: the complete typed view cpm-inspect shows, each
//                  value read once (the hot headers' values are reused;
//                  sofia-sip also decodes every header it knows, once)
//   osip2          osip_message_init + osip_message_parse + osip_message_free
//   sofia-sip      msg_make(sip_default_mclass()) + msg_destroy
// A ratio line "ratio A/B x" is A's throughput over B's: above 1, A is faster.
// Heap allocations per parse are counted for ours through a replaced global
// operator new (the peers allocate with malloc and are not counted).

#include "timing.hpp"

#include "sip/decode.hpp"
#include "sip/message.hpp"

#include <osipparser2/osip_parser.h>
#include <sofia-sip/msg.h>
#include <sofia-sip/sip_header.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <vector>

// --- allocation counting ----------------------------------------------------
// Replacing the two basic forms is enough: libstdc++'s array and nothrow
// forms call them, and its default deletes call free().

namespace {
thread_local std::size_t allocations = 0;
} // namespace

void* operator new(std::size_t size)
{
    ++allocations;
    if (void* p = std::malloc(size == 0 ? 1 : size))
        return p;
    throw std::bad_alloc();
}

void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

namespace fs = std::filesystem;
using cpm::sip::message;
using cpm::sip::abnf::text_buffer;

using cpm::bench::sample;

/// Keeps results observable so the optimiser cannot drop the work.
volatile std::size_t sink;

/// One contender. prepare() runs outside the timed region before each batch;
/// run() parses every message of the batch once and returns how many
/// parsed successfully.
struct contender {
    std::string name;
    std::function<void(std::vector<sample const*> const&, std::size_t copies)> prepare;
    std::function<std::size_t(std::vector<sample const*> const&, std::size_t copies)> run;
};

std::size_t scan_lines(std::string_view text)
{
    std::size_t lines = 0;
    char const* p = text.data();
    char const* const end = p + text.size();
    while (auto const* lf = static_cast<char const*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) {
        ++lines;
        p = lf + 1;
    }
    return lines;
}

/// Decodes every header field of @p m; false if one fails.
bool decodes_every_header(message const& m)
{
    for (auto const& h : m.headers())
        if (!cpm::sip::decode(m, h))
            return false;
    return true;
}

bool cpm_parses(std::string_view text)
{
    auto m = message::parse(text_buffer(text));
    if (m)
        sink = m->headers().size();
    return m.has_value();
}

bool osip_parses(std::string_view text)
{
    osip_message_t* m = nullptr;
    if (osip_message_init(&m) != 0)
        return false;
    bool const ok = osip_message_parse(m, text.data(), text.size()) == 0;
    osip_message_free(m);
    return ok;
}

bool sofia_parses(std::string_view text)
{
    msg_t* m = msg_make(sip_default_mclass(), 0, text.data(), static_cast<ssize_t>(text.size()));
    if (m == nullptr)
        return false;
    bool const ok = msg_has_error(m) == 0;
    msg_destroy(m);
    return ok;
}

/// A contender that parses text_buffers built outside the timed region,
/// then hands each message to @p use, which says whether it is good.
contender from_prebuilt_buffers(std::string name, bool (*use)(message const&))
{
    auto buffers = std::make_shared<std::vector<text_buffer>>();
    return {std::move(name),
            [buffers](std::vector<sample const*> const& msgs, std::size_t copies) {
                buffers->clear();
                for (std::size_t c = 0; c < copies; ++c)
                    for (auto const* s : msgs)
                        buffers->emplace_back(s->text);
            },
            [buffers, use](std::vector<sample const*> const&, std::size_t) {
                std::size_t ok = 0;
                for (auto& b : *buffers) {
                    auto m = message::parse(std::move(b));
                    if (m && use(*m))
                        ++ok;
                }
                return ok;
            }};
}

std::vector<contender> make_contenders()
{
    auto const nothing = [](std::vector<sample const*> const&, std::size_t) {};
    // Each peer is timed by running its one-message function over the batch.
    auto const each = [](bool (*parse)(std::string_view)) {
        return [parse](std::vector<sample const*> const& msgs, std::size_t copies) {
            std::size_t ok = 0;
            for (std::size_t c = 0; c < copies; ++c)
                for (auto const* s : msgs)
                    ok += parse(s->text) ? 1 : 0;
            return ok;
        };
    };

    std::vector<contender> all;
    all.push_back({"memchr-scan", nothing, [](std::vector<sample const*> const& msgs, std::size_t copies) {
                       std::size_t lines = 0;
                       for (std::size_t c = 0; c < copies; ++c)
                           for (auto const* s : msgs)
                               lines += scan_lines(s->text);
                       sink = lines;
                       return copies * msgs.size();
                   }});
    all.push_back(from_prebuilt_buffers("cpm-hot", [](message const& m) {
        sink = m.headers().size();
        return true;
    }));
    all.push_back({"cpm-hot+copy", nothing, each(cpm_parses)});
    all.push_back(from_prebuilt_buffers("cpm-full", decodes_every_header));
    all.push_back({"osip2", nothing, each(osip_parses)});
    all.push_back({"sofia-sip", nothing, each(sofia_parses)});
    return all;
}

struct figure {
    double ns_per_message = 0;
    double messages_per_second() const { return 1e9 / ns_per_message; }
};

/// ns/message of one repetition: batches until at least @p min_ns of timed work.
double repetition(contender const& c, std::vector<sample const*> const& msgs, double min_ns)
{
    // Batches small enough that prepared buffers stay in cache.
    std::size_t const copies = std::max<std::size_t>(1, 64 / msgs.size());
    return cpm::bench::repetition(
        "bench-sip-parse", c.name, "message", min_ns, [&] { c.prepare(msgs, copies); },
        [&] { return cpm::bench::batch_count{copies * msgs.size(), c.run(msgs, copies)}; });
}

/// Median ns/message of each contender over @p reps repetitions, the
/// contenders taking turns within each repetition (bench/timing.hpp).
std::vector<figure> measure(std::vector<contender> const& contenders, std::vector<sample const*> const& msgs,
                            int reps, double min_ns)
{
    std::vector<figure> figures;
    for (double ns : cpm::bench::interleaved_medians(contenders.size(), reps, [&](std::size_t i) {
             return repetition(contenders[i], msgs, min_ns);
         }))
        figures.push_back({ns});
    return figures;
}

/// Every parser must accept every message, or the comparison is void.
bool validate(std::vector<sample> const& corpus)
{
    bool ok = true;
    for (auto const& s : corpus) {
        auto m = message::parse(text_buffer(s.text));
        if (!m) {
            std::fprintf(stderr, "cpm rejects %s: %u:%u: %s\n", s.name.c_str(), m.error().line, m.error().column,
                         m.error().message.c_str());
            ok = false;
        } else if (m->defects() != cpm::sip::defect::none) {
            std::fprintf(stderr, "cpm finds defects in %s\n", s.name.c_str());
            ok = false;
        } else {
            for (auto const& h : m->headers()) {
                if (auto v = cpm::sip::decode(h.id, h.value); !v) {
                    std::fprintf(stderr, "cpm cannot decode %s of %s: %s\n", std::string(h.name).c_str(),
                                 s.name.c_str(), v.error().message.c_str());
                    ok = false;
                }
            }
        }
        if (!osip_parses(s.text)) {
            std::fprintf(stderr, "osip2 rejects %s\n", s.name.c_str());
            ok = false;
        }
        if (!sofia_parses(s.text)) {
            std::fprintf(stderr, "sofia-sip rejects %s\n", s.name.c_str());
            ok = false;
        }
    }
    return ok;
}

/// Heap allocations per message of the cpm contenders.
struct allocation_counts {
    double hot = 0;       ///< parse from a prebuilt buffer
    double with_copy = 0; ///< parse including the text_buffer copy
    double full = 0;      ///< parse from a prebuilt buffer and decode every header
};

allocation_counts count_allocations(std::vector<sample> const& corpus)
{
    auto const per_message = [&](auto&& parse_one) {
        std::size_t const before = allocations;
        for (auto const& s : corpus)
            parse_one(s);
        return static_cast<double>(allocations - before) / static_cast<double>(corpus.size());
    };
    // The buffers are built before counting.
    auto const prebuilt = [&](bool (*use)(message const&)) {
        std::vector<text_buffer> buffers;
        for (auto const& s : corpus)
            buffers.emplace_back(s.text);
        std::size_t i = 0;
        return per_message([&](sample const&) { sink = use(*message::parse(std::move(buffers[i++]))); });
    };
    allocation_counts counts;
    counts.hot = prebuilt([](message const& m) { return !m.headers().empty(); });
    counts.with_copy = per_message([](sample const& s) { sink = cpm_parses(s.text); });
    counts.full = prebuilt(decodes_every_header);
    return counts;
}

void print_row(std::string const& name, figure f)
{
    std::printf("%-14s %12.0f msg/s %10.1f ns/msg\n", name.c_str(), f.messages_per_second(), f.ns_per_message);
}

int usage()
{
    std::fprintf(stderr, "usage: bench-sip-parse [--reps N] [--min-ms MS] [--per-file] [CORPUS_DIR]\n");
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    int reps = 7;
    double min_ms = 100;
    bool per_file = false;
    fs::path dir = CPM_BENCH_CORPUS_DIR;
    for (int i = 1; i < argc; ++i) {
        std::string_view const arg = argv[i];
        if (arg == "--reps" && i + 1 < argc)
            reps = std::max(1, std::atoi(argv[++i]));
        else if (arg == "--min-ms" && i + 1 < argc)
            min_ms = std::atof(argv[++i]);
        else if (arg == "--per-file")
            per_file = true;
        else if (!arg.empty() && arg[0] != '-')
            dir = arg;
        else
            return usage();
    }

    auto const corpus = cpm::bench::load_corpus(dir, ".sip");
    if (corpus.empty()) {
        std::fprintf(stderr, "bench-sip-parse: no .sip files in %s\n", dir.c_str());
        return 1;
    }
    parser_init();
    if (!validate(corpus))
        return 1;

    std::vector<sample const*> all;
    std::size_t bytes = 0;
    for (auto const& s : corpus) {
        all.push_back(&s);
        bytes += s.text.size();
    }
    std::printf("bench-sip-parse: %zu messages, %zu bytes (mean %zu), median of %d repetitions of >= %.0f ms\n",
                corpus.size(), bytes, bytes / corpus.size(), reps, min_ms);

    auto const contenders = make_contenders();
    auto const figures = measure(contenders, all, reps, min_ms * 1e6);
    for (std::size_t i = 0; i < contenders.size(); ++i)
        print_row(contenders[i].name, figures[i]);

    auto const find = [&](std::string_view name) {
        for (std::size_t i = 0; i < contenders.size(); ++i)
            if (contenders[i].name == name)
                return figures[i];
        std::abort();
    };
    for (auto const* ours : {"cpm-hot", "cpm-hot+copy", "cpm-full"})
        for (auto const* peer : {"sofia-sip", "osip2", "memchr-scan"})
            std::printf("ratio %s/%s %.2f\n", ours, peer,
                        find(peer).ns_per_message / find(ours).ns_per_message);

    auto const counts = count_allocations(corpus);
    std::printf("allocations/message cpm-hot %.2f, cpm-hot+copy %.2f, cpm-full %.2f\n", counts.hot,
                counts.with_copy, counts.full);

    if (per_file) {
        std::printf("\nper message, ns/msg:\n%-32s", "");
        for (auto const& c : contenders)
            std::printf(" %13s", c.name.c_str());
        std::printf("\n");
        for (auto const& s : corpus) {
            std::printf("%-26s %5zu", s.name.c_str(), s.text.size());
            for (auto const& f : measure(contenders, {&s}, reps, min_ms * 1e6 / 4))
                std::printf(" %13.1f", f.ns_per_message);
            std::printf("\n");
        }
    }
    return 0;
}
