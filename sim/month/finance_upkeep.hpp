// Phase 4 of the month (MODEL.md §4): income, provident contributions and interest,
// mortgage payments, arrears and foreclosure listings, rents, consumption.
#pragma once

#include <cstdint>

#include "agents/mortgages.hpp"
#include "sim/world.hpp"

namespace housim {

void run_finance_upkeep(World& w);

// A loan three or more months in arrears is non-performing.
inline constexpr int kArrearsForNpl = 3;
inline bool npl(const Mortgages& mg, int32_t m) {
    return mg.arrears_months[m] >= kArrearsForNpl;
}

}  // namespace housim
