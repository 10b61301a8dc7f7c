// Phase 6 of the month (MODEL.md §4): developers start projects on land they hold,
// finance and advance construction, receive escrow releases, reach the presale condition,
// complete; a developer that cannot pay stalls, and a long stall is a default.
#pragma once

#include <cstdint>

#include "sim/world.hpp"

namespace housim {

// Creates a project and its dwellings (owned by the developer, not yet built).
int32_t create_project(World& w, int32_t developer, int32_t parcel, uint8_t zone, uint8_t quality,
                       float unit_area_m2, int32_t units, double cost_per_m2, int start_month);

// Launch list price per m2 for a project in `zone`: the value of an equivalent new home at
// the current resale price level, with buyers' premium for a new home.
double launch_price_per_m2(const World& w, uint8_t zone, uint8_t quality);

// Escrow the supervisor lets a project's developer draw at its progress (seed 001 §16).
double escrow_releasable(const World& w, const Project& p);

void run_construction(World& w);

}  // namespace housim
