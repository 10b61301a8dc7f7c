// Checks that involve more than one key (list lengths, sums, orderings). Single-key type
// and range checks happen while reading (sim/scenario_load.cpp).
#pragma once

#include <string>
#include <vector>

#include "sim/core/errors.hpp"
#include "sim/scenario/scenario.hpp"

namespace housim {

void validate_scenario(const Scenario& s, const std::string& file, std::vector<Diagnostic>& out);

}  // namespace housim
