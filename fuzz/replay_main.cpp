// Feeds every file of the given files or directories to
// LLVMFuzzerTestOneInput, so builds without libFuzzer (GCC, plain or
// sanitized) replay a fuzz corpus as an ordinary ctest. Exits 1 when nothing
// was replayed: an empty corpus would otherwise pass silently.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

bool replay(fs::path const& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "replay: cannot read %s\n", file.c_str());
        return false;
    }
    std::vector<char> const bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    // An exact-size heap copy, so AddressSanitizer flags a read one past the end.
    auto const copy = std::make_unique<std::uint8_t[]>(bytes.size());
    std::copy(bytes.begin(), bytes.end(), copy.get());
    LLVMFuzzerTestOneInput(copy.get(), bytes.size());
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<fs::path> files;
    for (int i = 1; i < argc; ++i) {
        fs::path const arg(argv[i]);
        if (fs::is_directory(arg)) {
            for (auto const& entry : fs::recursive_directory_iterator(arg))
                if (entry.is_regular_file())
                    files.push_back(entry.path());
        } else {
            files.push_back(arg);
        }
    }
    // Sorted, so a failure names the same input on every run.
    std::sort(files.begin(), files.end());
    std::size_t replayed = 0;
    for (auto const& file : files) {
        std::fprintf(stderr, "replay: %s\n", file.c_str());
        if (!replay(file))
            return 1;
        ++replayed;
    }
    std::printf("replayed %zu inputs\n", replayed);
    return replayed == 0 ? 1 : 0;
}
