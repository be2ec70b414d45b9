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
// A ratio line "ratio A/B x" is A's throughput over B's: above 1, A is faster.

#include "imdn/xml/document.hpp"

#include <expat.h>
#include <pugixml.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;
using cpm::imdn::xml::document;
using clock_type = std::chrono::steady_clock;

struct sample {
    std::string name;
    std::string text;
};

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

/// ns/document of one repetition: rounds over @p docs until @p min_ns of timed work.
double repetition(contender const& c, std::vector<sample const*> const& docs, double min_ns)
{
    double timed = 0;
    std::size_t parsed = 0;
    do {
        auto const t0 = clock_type::now();
        std::size_t ok = 0;
        for (int round = 0; round < 16; ++round)
            for (auto const* s : docs)
                ok += c.parse(s->text) ? 1 : 0;
        auto const t1 = clock_type::now();
        if (ok != 16 * docs.size()) {
            std::fprintf(stderr, "bench-xml: %s rejected a document during timing\n", c.name.c_str());
            std::exit(1);
        }
        timed += std::chrono::duration<double, std::nano>(t1 - t0).count();
        parsed += ok;
    } while (timed < min_ns);
    return timed / static_cast<double>(parsed);
}

/// Median ns/document of each contender; contenders take turns within a
/// repetition so a change in machine load affects them alike.
std::vector<double> measure(std::vector<sample const*> const& docs, int reps, double min_ns)
{
    std::vector<std::vector<double>> samples(contenders.size());
    for (int r = -1; r < reps; ++r) // r == -1: warm-up
        for (std::size_t i = 0; i < contenders.size(); ++i) {
            double const ns = repetition(contenders[i], docs, min_ns);
            if (r >= 0)
                samples[i].push_back(ns);
        }
    std::vector<double> medians;
    for (auto& v : samples) {
        std::sort(v.begin(), v.end());
        medians.push_back(v[v.size() / 2]);
    }
    return medians;
}

std::vector<sample> load_corpus(fs::path const& dir)
{
    std::vector<sample> corpus;
    for (auto const& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".xml")
            continue;
        std::ifstream in(entry.path(), std::ios::binary);
        corpus.push_back({entry.path().filename().string(),
                          std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>())});
    }
    std::sort(corpus.begin(), corpus.end(), [](auto const& a, auto const& b) { return a.name < b.name; });
    return corpus;
}

/// Every parser must accept every document, or the comparison is void.
bool validate(std::vector<sample> const& corpus)
{
    bool ok = true;
    for (auto const& s : corpus) {
        if (auto d = document::parse(s.text); !d) {
            std::fprintf(stderr, "cpm-xml rejects %s: %u:%u: %s\n", s.name.c_str(), d.error().line, d.error().column,
                         d.error().message.c_str());
            ok = false;
        }
        for (auto const& c : contenders)
            if (!c.parse(s.text)) {
                std::fprintf(stderr, "%s rejects %s\n", c.name.c_str(), s.name.c_str());
                ok = false;
            }
    }
    return ok;
}

void report(char const* group, std::vector<sample const*> const& docs, int reps, double min_ns)
{
    std::size_t bytes = 0;
    for (auto const* s : docs)
        bytes += s->text.size();
    std::printf("\n%s: %zu documents, mean %zu bytes\n", group, docs.size(), bytes / docs.size());
    auto const ns = measure(docs, reps, min_ns);
    for (std::size_t i = 0; i < contenders.size(); ++i)
        std::printf("  %-15s %10.1f ns/doc %8.1f MB/s\n", contenders[i].name.c_str(), ns[i],
                    static_cast<double>(bytes) / static_cast<double>(docs.size()) / ns[i] * 1e3);
    auto const find = [&](std::string_view name) {
        for (std::size_t i = 0; i < contenders.size(); ++i)
            if (contenders[i].name == name)
                return ns[i];
        std::abort();
    };
    for (auto const* ours : {"cpm-xml", "cpm-xml+decode"})
        for (auto const* peer : {"expat", "expat-reuse", "pugixml"})
            std::printf("ratio %s/%s %.2f\n", ours, peer, find(peer) / find(ours));
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
    auto const corpus = load_corpus(dir);
    if (corpus.empty()) {
        std::fprintf(stderr, "bench-xml: no .xml files in %s\n", dir.c_str());
        return 1;
    }
    if (!validate(corpus))
        return 1;

    std::vector<sample const*> all, imdn, conference;
    for (auto const& s : corpus) {
        all.push_back(&s);
        if (s.name.starts_with("imdn"))
            imdn.push_back(&s);
        else if (s.name.starts_with("conference-info"))
            conference.push_back(&s);
    }
    std::printf("bench-xml: %s (expat %s, pugixml %d), median of %d repetitions of >= %.0f ms\n", dir.c_str(),
                XML_ExpatVersion(), PUGIXML_VERSION, reps, min_ms);
    if (!imdn.empty())
        report("imdn", imdn, reps, min_ms * 1e6);
    if (!conference.empty())
        report("conference-info", conference, reps, min_ms * 1e6);
    report("all", all, reps, min_ms * 1e6);

    if (per_file) {
        std::printf("\nper document, ns/doc:\n%-34s", "");
        for (auto const& c : contenders)
            std::printf(" %15s", c.name.c_str());
        std::printf("\n");
        for (auto const& s : corpus) {
            std::printf("%-28s %5zu", s.name.c_str(), s.text.size());
            for (double ns : measure({&s}, reps, min_ms * 1e6 / 4))
                std::printf(" %15.1f", ns);
            std::printf("\n");
        }
    }
    return 0;
}
