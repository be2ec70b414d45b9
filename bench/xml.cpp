// bench-xml: our XML reader (imdn/xml) against expat and pugixml, in the
// same run, on IMDN and conference-info documents (bench/corpus/xml/*.xml).
//
//   bench-xml [--reps N] [--min-ms MS] [--per-file] [CORPUS_DIR]
//
// Every parser parses every document of a group in turn; one repetition
// repeats that until at least MS milliseconds of timed work; the figure is
// the median over N repetitions, per group (files named imdn-* and
// conference-info-*) and over all. Rows:
//   memchr-scan     finds every '<' with memchr: a floor for any parser
//   cpm-xml         document::parse over the text (views into it; namespace
//                   resolution and every well-formedness check included),
//                   then destruction
//   cpm-xml+decode  the same, then text() of every element without children
//                   and value() of every attribute: everything decoded, like
//                   a DOM that stores decoded strings
//   expat           XML_ParserCreateNS (namespace processing on) with start,
//                   end and character-data handlers, XML_Parse, XML_ParserFree
//   expat-reuse     one parser, XML_ParserReset before each document,
//                   instead of created and freed each time
//   pugixml         xml_document::load_buffer (parse_default: references and
//                   line ends decoded into its own copy; no namespace
//                   processing, which pugixml does not do), then destruction
// and, in its group only, the full decode into the typed model:
//   cpm-imdn        imdn::parse_notification (RFC 5438 document checked,
//                   every field decoded)
//   cpm-conference  docs::conference_document::parse (RFC 4575 schema
//                   checked, every element and attribute decoded into the
//                   model), then destruction
// A ratio line "ratio A/B x" is A's throughput over B's: above 1, A is faster.

#include "timing.hpp"

#include "cpm/docs/conference_info.hpp"
#include "imdn/notification.hpp"
#include "imdn/xml/document.hpp"

#include <expat.h>
#include <pugixml.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;
using cpm::bench::sample;
using cpm::imdn::xml::document;

/// Keeps results observable so the optimiser cannot drop the work.
volatile std::size_t sink;

struct contender {
    std::string name;
    bool (*parse)(std::string_view);
};

bool memchr_scan(std::string_view text)
{
    std::size_t n = 0;
    char const* p = text.data();
    char const* const end = p + text.size();
    while (auto const* lt = static_cast<char const*>(std::memchr(p, '<', static_cast<std::size_t>(end - p)))) {
        ++n;
        p = lt + 1;
    }
    sink = n;
    return n != 0;
}

bool cpm_parse(std::string_view text)
{
    auto doc = document::parse(text);
    if (doc)
        sink = doc->elements().size();
    return doc.has_value();
}

bool cpm_parse_decode(std::string_view text)
{
    auto doc = document::parse(text);
    if (!doc)
        return false;
    std::size_t bytes = 0;
    for (auto const& e : doc->elements()) {
        if (e.first_child == cpm::imdn::xml::none)
            bytes += doc->text(e).view().size();
        for (auto const& a : doc->attributes(e))
            bytes += document::value(a).view().size();
    }
    sink = bytes;
    return true;
}

struct expat_counts {
    std::size_t elements = 0;
    std::size_t text = 0;
};

/// Handlers and one document through @p p (fresh or reset).
bool expat_run(XML_Parser p, std::string_view text)
{
    // A fixed hash salt: otherwise expat reads entropy (a system call) for
    // every document, which would time the kernel rather than the parser.
    XML_SetHashSalt(p, 0x5eed);
    expat_counts counts;
    XML_SetUserData(p, &counts);
    XML_SetElementHandler(
        p, [](void* d, XML_Char const*, XML_Char const**) { ++static_cast<expat_counts*>(d)->elements; },
        [](void*, XML_Char const*) {});
    XML_SetCharacterDataHandler(p, [](void* d, XML_Char const*, int len) {
        static_cast<expat_counts*>(d)->text += static_cast<std::size_t>(len);
    });
    bool const ok = XML_Parse(p, text.data(), static_cast<int>(text.size()), 1) == XML_STATUS_OK;
    sink = counts.elements + counts.text;
    return ok;
}

bool expat_parse(std::string_view text)
{
    XML_Parser p = XML_ParserCreateNS(nullptr, ' ');
    if (p == nullptr)
        return false;
    bool const ok = expat_run(p, text);
    XML_ParserFree(p);
    return ok;
}

bool expat_reuse_parse(std::string_view text)
{
    // One parser for the whole run (freed at exit), reset before each document.
    static XML_Parser const p = XML_ParserCreateNS(nullptr, ' ');
    if (p == nullptr || XML_ParserReset(p, nullptr) != XML_TRUE)
        return false;
    return expat_run(p, text);
}

bool imdn_parse(std::string_view text)
{
    auto n = cpm::imdn::parse_notification(text);
    if (n)
        sink = n->message_id.view().size();
    return n.has_value();
}

bool conference_parse(std::string_view text)
{
    auto c = cpm::docs::conference_document::parse(text);
    if (c)
        sink = c->info().users ? c->info().users->entries.size() : 0;
    return c.has_value();
}

bool pugixml_parse(std::string_view text)
{
    pugi::xml_document doc;
    auto const r = doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
    sink = static_cast<std::size_t>(r.offset);
    return static_cast<bool>(r);
}

std::vector<contender> const contenders{
    {"memchr-scan", memchr_scan}, {"cpm-xml", cpm_parse}, {"cpm-xml+decode", cpm_parse_decode},
    {"expat", expat_parse},       {"expat-reuse", expat_reuse_parse}, {"pugixml", pugixml_parse},
};

/// The typed decoders, each for its group of documents only.
contender const imdn_contender{"cpm-imdn", imdn_parse};
contender const conference_contender{"cpm-conference", conference_parse};

/// Median ns/document of each of @p group over @p docs (bench/timing.hpp:
/// contenders take turns within a repetition so a change in machine load
/// affects them alike).
std::vector<double> measure(std::vector<contender> const& group, std::vector<sample const*> const& docs, int reps,
                            double min_ns)
{
    return cpm::bench::interleaved_medians(group.size(), reps, [&](std::size_t i) {
        auto const& c = group[i];
        return cpm::bench::repetition(
            "bench-xml", c.name, "document", min_ns, [] {},
            [&] {
                std::size_t ok = 0;
                for (int round = 0; round < 16; ++round)
                    for (auto const* s : docs)
                        ok += c.parse(s->text) ? 1 : 0;
                return cpm::bench::batch_count{16 * docs.size(), ok};
            });
    });
}

/// Every parser of @p group must accept every document of @p docs, or the
/// comparison is void.
bool validate(std::vector<contender> const& group, std::vector<sample const*> const& docs)
{
    bool ok = true;
    for (auto const* s : docs) {
        if (auto d = document::parse(s->text); !d) {
            std::fprintf(stderr, "cpm-xml rejects %s: %u:%u: %s\n", s->name.c_str(), d.error().line,
                         d.error().column, d.error().message.c_str());
            ok = false;
        }
        for (auto const& c : group)
            if (!c.parse(s->text)) {
                std::fprintf(stderr, "%s rejects %s\n", c.name.c_str(), s->name.c_str());
                ok = false;
            }
    }
    return ok;
}

void report(char const* name, std::vector<contender> const& group, std::vector<sample const*> const& docs, int reps,
            double min_ns)
{
    std::size_t bytes = 0;
    for (auto const* s : docs)
        bytes += s->text.size();
    std::printf("\n%s: %zu documents, mean %zu bytes\n", name, docs.size(), bytes / docs.size());
    auto const ns = measure(group, docs, reps, min_ns);
    for (std::size_t i = 0; i < group.size(); ++i)
        std::printf("  %-15s %10.1f ns/doc %8.1f MB/s\n", group[i].name.c_str(), ns[i],
                    static_cast<double>(bytes) / static_cast<double>(docs.size()) / ns[i] * 1e3);
    auto const find = [&](std::string_view contender) {
        for (std::size_t i = 0; i < group.size(); ++i)
            if (group[i].name == contender)
                return ns[i];
        std::abort();
    };
    std::vector<std::string> ours{"cpm-xml", "cpm-xml+decode"};
    if (group.size() > contenders.size())
        ours.push_back(group.back().name);
    for (auto const& mine : ours)
        for (auto const* peer : {"expat", "expat-reuse", "pugixml"})
            std::printf("ratio %s/%s %.2f\n", mine.c_str(), peer, find(peer) / find(mine));
}

int usage()
{
    std::fprintf(stderr, "usage: bench-xml [--reps N] [--min-ms MS] [--per-file] [CORPUS_DIR]\n");
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    int reps = 7;
    double min_ms = 100;
    bool per_file = false;
    fs::path dir = CPM_BENCH_CORPUS_DIR "/xml";
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
    auto const corpus = cpm::bench::load_corpus(dir, ".xml");
    if (corpus.empty()) {
        std::fprintf(stderr, "bench-xml: no .xml files in %s\n", dir.c_str());
        return 1;
    }
    std::vector<sample const*> all, imdn, conference;
    for (auto const& s : corpus) {
        all.push_back(&s);
        if (s.name.starts_with("imdn"))
            imdn.push_back(&s);
        else if (s.name.starts_with("conference-info"))
            conference.push_back(&s);
    }
    auto with = [](contender const& typed) {
        auto group = contenders;
        group.push_back(typed);
        return group;
    };
    auto const imdn_group = with(imdn_contender);
    auto const conference_group = with(conference_contender);
    if (!validate(contenders, all) || !validate(imdn_group, imdn) || !validate(conference_group, conference))
        return 1;
    std::printf("bench-xml: %s (expat %s, pugixml %d), median of %d repetitions of >= %.0f ms\n", dir.c_str(),
                XML_ExpatVersion(), PUGIXML_VERSION, reps, min_ms);
    if (!imdn.empty())
        report("imdn", imdn_group, imdn, reps, min_ms * 1e6);
    if (!conference.empty())
        report("conference-info", conference_group, conference, reps, min_ms * 1e6);
    report("all", contenders, all, reps, min_ms * 1e6);

    if (per_file) {
        std::printf("\nper document, ns/doc:\n%-34s", "");
        for (auto const& c : contenders)
            std::printf(" %15s", c.name.c_str());
        std::printf("\n");
        for (auto const& s : corpus) {
            std::printf("%-28s %5zu", s.name.c_str(), s.text.size());
            for (double ns : measure(contenders, {&s}, reps, min_ms * 1e6 / 4))
                std::printf(" %15.1f", ns);
            std::printf("\n");
        }
    }
    return 0;
}
