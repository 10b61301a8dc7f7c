// Phase 5 of the month (MODEL.md §4): the government offers parcels within what the plan
// and the land rule allow (sim/policy_engine.hpp); developers bid sealed bids on the
// expected margin; the winner pays by the scenario's terms (seed 001 §12).
#pragma once

#include <cstdint>

#include "sim/world.hpp"

namespace housim {

// A developer's valuation of land in `zone`, yuan per m2 of floor area, before its
// private noise.
double land_value_per_m2(const World& w, uint8_t zone, uint8_t quality = 0);

void run_land_market(World& w);

}  // namespace housim
