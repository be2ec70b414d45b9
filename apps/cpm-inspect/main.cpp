// cpm-inspect <sip> FILE...: prints each decoded message as JSON and exits 0,
// or prints "error: FILE:LINE:COL: sentence" to stderr and exits 1.

#include "json_print.hpp"
#include "sip_json.hpp"

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view usage = "usage: cpm-inspect sip FILE... ('-' reads standard input)\n";

bool read_input(std::string const& name, std::string& out)
{
    if (name == "-") {
        out.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
        return true;
    }
    std::ifstream in(name, std::ios::binary);
    if (!in)
        return false;
    out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::cerr << usage;
        return 2;
    }
    std::string_view const kind = argv[1];
    if (kind != "sip") {
        std::cerr << "error: unknown kind '" << kind << "'\n" << usage;
        return 2;
    }
    int status = 0;
    for (int i = 2; i < argc; ++i) {
        std::string const name = argv[i];
        std::string text;
        if (!read_input(name, text)) {
            std::cerr << "error: " << name << ": cannot read file\n";
            status = 1;
            continue;
        }
        auto result = cpm::inspect::inspect_sip(cpm::sip::abnf::text_buffer(text));
        if (!result) {
            auto const& e = result.error();
            std::cerr << "error: " << name << ':' << e.line << ':' << e.column << ": " << e.message << '\n';
            status = 1;
            continue;
        }
        boost::json::object doc;
        doc["file"] = name;
        doc["sip"] = std::move(*result);
        cpm::inspect::print_json(std::cout, doc);
        std::cout << '\n';
    }
    return status;
}
