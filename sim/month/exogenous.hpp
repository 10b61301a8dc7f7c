// Phase 1 of the month (MODEL.md §4): paths from outside the city (income and cost growth;
// rates are read from the levers directly) and urban-renewal demolitions.
#pragma once

#include "sim/world.hpp"

namespace housim {

void update_exogenous(World& w);

// Demolishes dwelling d with cash compensation to its owner (the displaced owner then
// looks for a home).
void demolish(World& w, int32_t d);

}  // namespace housim
