// Affordable housing (MODEL.md §7, seed 002; 001 §9, §15; 003 §4(1); 000 §9-10): the SOE
// acquires completed unsold homes within its funding line, below market and at most the
// replacement cost, up to 120 m2, at a set pace; it sells (配售) or lets (配租) them to the
// waiting list in a closed loop, buys back homes that owners leave or leave idle, takes the
// affordable quota of new projects, and buys old homes of trade-ins when asked to.
#pragma once

#include <cstdint>

#include "sim/world.hpp"

namespace housim {

// Most the SOE pays for dwelling d (seed 002 §2(5)): a share of market value and at most
// the replacement cost.
double soe_price_cap(const World& w, int32_t d);

// Rent of dwelling d: market rent, discounted for the SOE's affordable rental homes.
double rent_due(const World& w, int32_t d);
// The social rent of d were the SOE to let it: market rent x rent_share_of_market.
double rent_due_to_soe(const World& w, int32_t d);

// The SOE buys back closed-loop dwelling d from its owner (or the owner's estate).
void soe_buy_back(World& w, int32_t d);

// Whether the acquisition line still covers a purchase at `price`.
bool soe_can_fund(const World& w, double price);
// The SOE buys a trade-in's old home d at `price` for its affordable stock.
void soe_take_old_home(World& w, int32_t d, double price);

// Units of a new project's start handed over as the affordable quota.
int32_t quota_units(const World& w, const Parcel& parcel, int32_t units);

// Monthly: acquisitions, allocations to the waiting list, rents, buybacks of idle homes,
// relending interest.
void run_affordable_housing(World& w);

}  // namespace housim
