// Phase 6 of the month (MODEL.md §4): developers start projects on land they hold,
// finance and advance construction, receive escrow releases, reach the presale condition,
// complete; a developer that cannot pay stalls, and a long stall is a default.
#pragma once

#include <cstdint>

#include "sim/world.hpp"

namespace housim {

// Construction cost per m2 of a project of this quality, from the ordinary cost per m2.
double construction_cost_per_m2(const World& w, double ordinary, uint8_t quality);

// Creates a project and its dwellings (owned by the developer, not yet built); cost_per_m2
// is the ordinary cost, raised for a high-quality project.
int32_t create_project(World& w, int32_t developer, int32_t parcel, uint8_t zone, uint8_t quality,
                       float unit_area_m2, int32_t units, double cost_per_m2, int start_month);

// Launch list price per m2 for a project in `zone`: the value of an equivalent new home at
// the current resale price level, with buyers' premium for a new home.
double launch_price_per_m2(const World& w, uint8_t zone, uint8_t quality);
// The list price a project launches at: comparables with a premium when the city's stock
// is thin (a discount when it is long).
double launch_list_price_per_m2(const World& w, uint8_t zone, uint8_t quality);

// Presale escrow (seed 001 §16, 003 §6(4), 004 §4(4)): the supervised amount is what the
// project still needs to complete; escrow above it is released to the developer, and
// construction bills are paid from escrow down to the retained share, which stays until
// completion. These give the escrow free for release and the floor bills may not touch.
double escrow_retained(const World& w, const Project& p);
double escrow_free(const World& w, const Project& p);

// Progress at which project p may presell: the general condition, or the stricter one for
// land sold after the date the sales rule names (1 = completed only).
double presale_threshold(const World& w, const Project& p);

void run_construction(World& w);

}  // namespace housim
