// cpm-inspect KIND FILE...: prints each decoded file as JSON and exits 0,
// or prints "error: FILE:LINE:COL: sentence" to stderr and exits 1.
// A kind is one row of the table below and one <kind>_json.{hpp,cpp} pair.

#include "conference_info_json.hpp"
#include "cpim_json.hpp"
#include "imdn_json.hpp"
#include "json_print.hpp"
#include "resource_lists_json.hpp"
#include "msrp_json.hpp"
#include "reginfo_json.hpp"
#include "sdp_json.hpp"
#include "sip_json.hpp"

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>

#include <array>

namespace {

using inspector = cpm::sip::abnf::result<boost::json::value> (*)(cpm::sip::abnf::text_buffer);

struct kind_entry {
    std::string_view name;
    inspector inspect;
};

constexpr std::array kinds{
    kind_entry{"sip", cpm::inspect::inspect_sip},
    kind_entry{"msrp", cpm::inspect::inspect_msrp},
    kind_entry{"cpim", cpm::inspect::inspect_cpim},
    kind_entry{"resource-lists", cpm::inspect::inspect_resource_lists},
    kind_entry{"conference-info", cpm::inspect::inspect_conference_info},
    kind_entry{"reginfo", cpm::inspect::inspect_reginfo},
    kind_entry{"imdn", cpm::inspect::inspect_imdn},
    kind_entry{"sdp", cpm::inspect::inspect_sdp},
};

constexpr std::string_view usage = "usage: cpm-inspect KIND FILE... ('-' reads standard input)\n";

inspector find_kind(std::string_view name)
{
    for (auto const& k : kinds)
        if (k.name == name)
            return k.inspect;
    return nullptr;
}

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
    inspector const inspect = find_kind(kind);
    if (inspect == nullptr) {
        std::cerr << "error: unknown kind '" << kind << "' (kinds:";
        for (auto const& k : kinds)
            std::cerr << ' ' << k.name;
        std::cerr << ")\n" << usage;
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
        auto result = inspect(cpm::sip::abnf::text_buffer(text));
        if (!result) {
            auto const& e = result.error();
            std::cerr << "error: " << name << ':' << e.line << ':' << e.column << ": " << e.message << '\n';
            status = 1;
            continue;
        }
        boost::json::object doc;
        doc["file"] = name;
        doc[kind] = std::move(*result);
        cpm::inspect::print_json(std::cout, doc);
        std::cout << '\n';
    }
    return status;
}
