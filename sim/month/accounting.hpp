// Phase 10 of the month (MODEL.md §4): stocks, digestion cycles (§8) and shares are
// measured and the month's series completed; --check verifies the identities of §10.
#pragma once

#include "sim/world.hpp"

namespace housim {

// All money inside the simulated city: households' deposits, developers' cash, escrow
// accounts, the bank's and the provident centre's cash, and the government's account.
double total_money(const World& w);

// Mean of new_sales_m2 over the trailing 12 simulated months (fewer at the start).
double trailing_sales_m2(const std::vector<double>& new_sales_m2);
inline double trailing_sales_m2(const History& h) {
    return trailing_sales_m2(h.new_sales_m2);
}

// Divides a stock by the trailing sales, +inf when nothing sold.
double cycle_months(double stock_m2, double sales_m2_per_month);

void record_month(World& w);

// Throws IdentityError naming the identity, month and replicate when one fails.
void check_identities(const World& w);

}  // namespace housim
