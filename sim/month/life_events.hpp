// Phase 3 of the month (MODEL.md §4): ageing, income (log-income AR(1) updated once a year
// in the household's own month), job loss and recovery, births, deaths, household formation
// from parents' homes, arrivals and departures.
#pragma once

#include "sim/month/screening.hpp"
#include "sim/world.hpp"

namespace housim {

void run_life_events(World& w, Screening screening = Screening::on);

}  // namespace housim
