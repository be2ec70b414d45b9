// cpm-client: a CPM client (OMA CPM Conversation Functions section 7) on
// the command line. Subcommands register, send and listen for scripts;
// without one, an interactive mode. Exit codes: 0 success, 1 failure
// (a non-2xx answer, no answer, a timeout), 2 a bad command line.
#include "options.hpp"
#include "session.hpp"

#include <cstdio>

int main(int argc, char** argv)
{
    using namespace cpm::apps::client;
    auto parsed = parse_options(argc, argv);
    if (auto const* why = std::get_if<std::string>(&parsed)) {
        if (!why->empty())
            std::fprintf(stderr, "cpm-client: %s\n", why->c_str());
        std::fputs(usage(), stderr);
        return why->empty() ? 0 : 2;
    }
    session s(std::get<options>(std::move(parsed)));
    if (!s.open())
        return 1;
    return s.run();
}
