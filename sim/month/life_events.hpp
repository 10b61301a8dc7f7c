// Phase 3 of the month (MODEL.md §4): ageing, income (log-income AR(1) updated once a year
// in the household's own month), job loss and recovery, births, deaths, household formation
// from parents' homes, arrivals and departures.
#pragma once

#include "sim/month/screening.hpp"
#include "sim/world.hpp"

namespace housim {

void run_life_events(World& w, Screening screening = Screening::on);

// The share of households with log-income deviation `income_z` out of work when job loss
// and finding have run long at this month's hazards: loss / (loss + find) of its income
// bucket. The initial city draws unemployment from it, so a run starts near the steady rate.
double stationary_unemployment(const World& w, float income_z);

}  // namespace housim
