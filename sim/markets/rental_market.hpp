// Phase 8, rental part (MODEL.md §4): households without a market dwelling rent empty
// homes owned by other households, at market rent (rent index x hedonic weight). Tenancies
// end when the tenant buys, leaves, cannot pay, or for other reasons at a hazard.
#pragma once

#include <vector>

#include "sim/month/decisions.hpp"
#include "sim/world.hpp"

namespace housim {

void end_tenancies(World& w, const std::vector<int32_t>& tenants);

// Matches rental seekers to empty homes; returns the number of new tenancies.
int clear_rental_market(World& w, std::vector<RentalOrder>& seekers);

}  // namespace housim
