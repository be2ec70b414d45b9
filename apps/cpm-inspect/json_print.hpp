#pragma once
// Indented JSON output (Boost.JSON 1.81 only serializes on one line).

#include <boost/json/value.hpp>

#include <ostream>

namespace cpm::inspect {

void print_json(std::ostream& os, boost::json::value const& v, int indent = 0);

} // namespace cpm::inspect
