// Building the city at the first simulated month from the scenario's initial conditions
// (city.* keys). Each step draws from its own purpose-tagged streams.
#pragma once

#include <cstdint>

#include "sim/world.hpp"

namespace housim {

// Households' demographics, income, savings and provident accounts.
void init_households(World& w);
// Developers, their projects at every stage (the initial new-home inventory) and land bank.
// Presold units are left with their developer; init_housing_stock gives them buyers.
void init_inventory(World& w);
// The existing housing stock, owners, tenants, presale buyers and mortgages.
void init_housing_stock(World& w);

// Draws the programme eligibility of household h (talent class, military family, a home
// elsewhere, new-citizen status) from its own stream; arrivals are new citizens.
void draw_eligibility(World& w, int32_t h, bool arrival);

// Draws a new household into slot h (formation or arrival): head's age in [age_lo, age_hi].
void draw_new_household(World& w, int32_t h, RngStream& s, int age_lo, int age_hi,
                        double income_z_mean);

}  // namespace housim
