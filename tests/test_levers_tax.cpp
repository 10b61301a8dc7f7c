// Property tax on rents (seed 001 §8): rental firms pay it, and the 4% rate for large firms
// raises their net rent.
#include <gtest/gtest.h>

#include <string>

#include "sim/markets/valuation.hpp"
#include "sim/month/finance_upkeep.hpp"
#include "tests/lever_fixture.hpp"

namespace housim {
namespace {

Scenario taxed_city(const char* rate, const char* min_homes) {
    return test::small_city({{"policy.tax.rental_property_tax_rate", rate},
                             {"policy.tax.rental_firm_min_homes", min_homes}});
}

// A household landlord counted as a firm keeps the rent net of the tax; at 4% instead of
// 12% it keeps 8% of its rents more. Others keep the whole rent.
TEST(RentalTax, FirmLandlordsPayTheRateOnTheirRents) {
    const Scenario s_hi = taxed_city("0.12", "1");
    const Scenario s_lo = taxed_city("0.04", "1");
    const Scenario s_off = taxed_city("0.12", "0");
    World hi(s_hi, 0);
    World lo(s_lo, 0);
    World off(s_off, 0);
    // A household landlord with a tenant who can pay, and the rents due to it.
    int32_t landlord = -1;
    for (int32_t d = 0; d < hi.dw.count() && landlord < 0; ++d) {
        const int32_t h = hi.dw.occupant[d];
        if (h >= 0 && hi.hh.tenure[h] == static_cast<uint8_t>(Tenure::renter) &&
            static_cast<OwnerKind>(hi.dw.owner_kind[d]) == OwnerKind::household) {
            landlord = hi.dw.owner[d];
        }
    }
    ASSERT_GE(landlord, 0);
    double rents = 0;
    for (World* w : {&hi, &lo, &off}) {
        for (int32_t d = 0; d < w->dw.count(); ++d) {
            const int32_t h = w->dw.occupant[d];
            if (h < 0 || w->hh.tenure[h] != static_cast<uint8_t>(Tenure::renter)) continue;
            w->hh.savings[h] = 1e7;  // every tenant pays
            if (w == &hi && w->dw.owner[d] == landlord &&
                static_cast<OwnerKind>(w->dw.owner_kind[d]) == OwnerKind::household) {
                rents += market_rent(*w, d);
            }
        }
        w->t = 0;
        run_finance_upkeep(*w);
    }
    ASSERT_GT(rents, 0);
    // The landlord's own upkeep is the same in the three cities; only its net rent differs.
    const double tolerance = 1e-6 * rents;  // rounding of the rents' sums
    EXPECT_NEAR(lo.hh.savings[landlord] - hi.hh.savings[landlord], 0.08 * rents, tolerance);
    EXPECT_NEAR(off.hh.savings[landlord] - hi.hh.savings[landlord], 0.12 * rents, tolerance);
    EXPECT_GT(hi.month.rental_property_tax_yuan, off.month.rental_property_tax_yuan);
}

}  // namespace
}  // namespace housim
