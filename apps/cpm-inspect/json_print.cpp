#include "json_print.hpp"

#include <boost/json/serialize.hpp>

#include <string>

namespace cpm::inspect {

void print_json(std::ostream& os, boost::json::value const& v, int indent)
{
    std::string const pad(static_cast<std::size_t>(indent + 2), ' ');
    std::string const close_pad(static_cast<std::size_t>(indent), ' ');
    if (auto const* obj = v.if_object(); obj != nullptr && !obj->empty()) {
        os << "{\n";
        bool first = true;
        for (auto const& [key, value] : *obj) {
            os << (first ? "" : ",\n") << pad << boost::json::serialize(boost::json::value(key)) << ": ";
            print_json(os, value, indent + 2);
            first = false;
        }
        os << '\n' << close_pad << '}';
    } else if (auto const* arr = v.if_array(); arr != nullptr && !arr->empty()) {
        os << "[\n";
        bool first = true;
        for (auto const& value : *arr) {
            os << (first ? "" : ",\n") << pad;
            print_json(os, value, indent + 2);
            first = false;
        }
        os << '\n' << close_pad << ']';
    } else {
        os << boost::json::serialize(v);
    }
}

} // namespace cpm::inspect
