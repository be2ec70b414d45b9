#pragma once
// Shared by the peer benchmarks (bench-sip-parse, bench-xml): the corpus
// loader and the interleaved-median timing. One repetition of a contender
// times batches until a minimum of timed work; the contenders take turns
// within each repetition, so a change in machine load affects them alike
// and the ratios stay meaningful; the figure is the median repetition.

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace cpm::bench {

/// One corpus file.
struct sample {
    std::string name; ///< the file name, without directory
    std::string text;
};

/// Every file of @p dir whose extension is @p extension (".sip", ".xml"),
/// sorted by name.
inline std::vector<sample> load_corpus(std::filesystem::path const& dir, std::string_view extension)
{
    std::vector<sample> corpus;
    for (auto const& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() != extension)
            continue;
        std::ifstream in(entry.path(), std::ios::binary);
        corpus.push_back({entry.path().filename().string(),
                          std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>())});
    }
    std::sort(corpus.begin(), corpus.end(), [](auto const& a, auto const& b) { return a.name < b.name; });
    return corpus;
}

/// What one timed batch did: how many items it was given, how many parsed.
struct batch_count {
    std::size_t expected = 0;
    std::size_t ok = 0;
};

/// ns per item of one repetition: prepare() (untimed) then run() (timed,
/// returning a batch_count), again until at least @p min_ns of timed work.
/// A batch where an item fails ends the program with
/// "TOOL: CONTENDER rejected a ITEM during timing": the comparison is void.
template <class Prepare, class Run>
double repetition(char const* tool, std::string const& contender, char const* item, double min_ns, Prepare&& prepare,
                  Run&& run)
{
    using clock_type = std::chrono::steady_clock;
    double timed = 0;
    std::size_t parsed = 0;
    do {
        prepare();
        auto const t0 = clock_type::now();
        batch_count const count = run();
        auto const t1 = clock_type::now();
        if (count.ok != count.expected) {
            std::fprintf(stderr, "%s: %s rejected a %s during timing\n", tool, contender.c_str(), item);
            std::exit(1);
        }
        timed += std::chrono::duration<double, std::nano>(t1 - t0).count();
        parsed += count.ok;
    } while (timed < min_ns);
    return timed / static_cast<double>(parsed);
}

/// The median of @p reps repetitions of each of @p contenders, after one
/// warm-up round that is not recorded; one_repetition(i) times contender i
/// once and returns its ns per item.
template <class OneRepetition>
std::vector<double> interleaved_medians(std::size_t contenders, int reps, OneRepetition&& one_repetition)
{
    std::vector<std::vector<double>> samples(contenders);
    for (int r = -1; r < reps; ++r) // r == -1: warm-up
        for (std::size_t i = 0; i < contenders; ++i) {
            double const ns = one_repetition(i);
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

} // namespace cpm::bench
