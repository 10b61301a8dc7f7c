// Phase 8, rental part (MODEL.md §4): households without a market dwelling rent empty
// homes owned by other households, at market rent (rent index x hedonic weight). Tenancies
// end when the tenant buys, leaves, cannot pay, or for other reasons at a hazard.
#pragma once

#include <vector>

#include "sim/month/decisions.hpp"
#include "sim/world.hpp"

namespace housim {

// Share by which a landlord's asking rent is below market rent after `months_vacant` months
// offered without a tenant: it grows by vacant_rent_discount_month a month up to
// vacant_rent_discount_max_share, and is gone once the home is let (the counter resets).
double vacant_rent_discount(const BehaviourParams& b, int months_vacant);

// A lettable home's asking rent this month: market rent less its vacancy discount.
double asking_rent(const World& w, int32_t d);

// Factor on the rent index for a month with rental vacancy `vacancy` and growth
// `income_growth` of the reference income (MODEL.md §6): real rents rise when vacancy is
// below the natural rate and fall above it, by rent_adjust_speed per unit gap, at most
// rent_max_change_month a month (Rosen & Smith 1983); on top, rents follow incomes
// (rent_income_passthrough_share of their growth), so the natural rate is the steady state
// of a growing city too, rather than a rate below it that a pure gap rule would need to
// keep rents rising with incomes.
double rent_index_change(const BehaviourParams& b, double vacancy, double income_growth);

// Phase 9, rents: measures the month's rental vacancy and moves the rent index.
void update_rents(World& w);

void end_tenancies(World& w, const std::vector<int32_t>& tenants);

// Matches rental seekers to empty homes; returns the number of new tenancies.
int clear_rental_market(World& w, std::vector<RentalOrder>& seekers);

}  // namespace housim
