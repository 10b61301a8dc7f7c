// Who may buy and borrow: non-local buyers (seed 004 §2(2), §3(2)) and the provident centre's
// count of homes within the district of the home bought (003 §3(2)).
#include <gtest/gtest.h>

#include "agents/credit.hpp"
#include "sim/markets/transactions.hpp"
#include "sim/month/decisions.hpp"
#include "tests/lever_fixture.hpp"

namespace housim {
namespace {

// A new citizen who arrived `months_ago` months before w.t, with money to buy outright.
int32_t new_citizen_tenant(World& w, int months_ago) {
    const int32_t h = test::find_household(w, [&](int32_t k) {
        return w.hh.homes_owned[k] == 0 && w.hp.has(k, eligibility::new_citizen);
    });
    if (h < 0) return h;
    w.hp.arrival_month[h] = static_cast<int16_t>(w.t - months_ago);
    return h;
}

// 004 §2(2): where local records are required, a new citizen without them (within
// city.nonlocal_months of arrival) may not buy, however rich; one with them may; and in a
// running city no non-local buyer ever places an order or buys.
TEST(NonLocalBuyers, WithoutLocalRecordsANewCitizenCannotBuy) {
    const Scenario s = test::small_city(
        {{"policy.limits.nonlocal_proof_required", "true"}, {"city.nonlocal_months", "24"}});
    World w(s, 0);
    const int32_t h = new_citizen_tenant(w, 3);
    ASSERT_GE(h, 0);
    test::make_first_time_buyer(w, h, 5e6, 20000);
    w.hp.set(h, eligibility::new_citizen, true);  // make_first_time_buyer cleared nothing here
    EXPECT_TRUE(nonlocal_buyer(w, h));
    EXPECT_TRUE(purchase_limited(w, h));
    const int32_t project = test::find_project(w, true);
    ASSERT_GE(project, 0);
    EXPECT_FALSE(buy_new_home(w, h, project, BuyerKind::first_time).done);
    // Two years on, the records exist.
    w.hp.arrival_month[h] = static_cast<int16_t>(w.t - 24);
    EXPECT_FALSE(nonlocal_buyer(w, h));
    EXPECT_TRUE(buy_new_home(w, h, project, BuyerKind::first_time).done);

    World city(s, 1);
    int orders = 0;
    int nonlocal_in_city = 0;
    for (city.t = 0; city.t < 12; ++city.t) {
        for (int32_t k = 0; k < city.hh.capacity(); ++k)
            nonlocal_in_city += city.hh.active[k] && nonlocal_buyer(city, k);
        for (const BuyerOrder& o : household_decisions(city).buyers) {
            ++orders;
            EXPECT_FALSE(nonlocal_buyer(city, o.h)) << "household " << o.h;
        }
        step_month(city, true);
    }
    EXPECT_GT(orders, 0);
    EXPECT_GT(nonlocal_in_city, 12 * 50) << "the small city has non-local households to bar";
}

// 004 §3(2): banks that do not lend to buyers from elsewhere leave them the cash they have;
// the same buyer with local records, or with the lever on, borrows.
TEST(NonLocalBuyers, BanksThatDoNotLendToThemLeaveThemCash) {
    Policy p;
    BuyerPosition b;
    b.own_funds = 200000;
    b.income_month = 15000;
    b.age = 30;
    b.nonlocal = true;
    p.commercial.nonlocal_loans = false;
    const CreditOffer refused = credit_offer(b, p, 0.036, true);
    EXPECT_EQ(refused.commercial_max, 0.0);
    EXPECT_NEAR(max_price(b, refused, 0.01), 200000 / 1.01, 1.0);
    p.commercial.nonlocal_loans = true;
    EXPECT_GT(credit_offer(b, p, 0.036, true).commercial_max, 1e6);
    b.nonlocal = false;
    p.commercial.nonlocal_loans = false;
    EXPECT_GT(credit_offer(b, p, 0.036, true).commercial_max, 1e6);

    // In a world: a non-local buyer who needs a loan cannot buy; once banks lend, it can.
    const Scenario off = test::small_city({{"policy.credit.commercial.nonlocal_loans", "false"}});
    World w(off, 0);
    const int32_t h = new_citizen_tenant(w, 3);
    ASSERT_GE(h, 0);
    const int32_t project = test::find_project(w, true);
    ASSERT_GE(project, 0);
    const Project& pr = w.projects[static_cast<size_t>(project)];
    const double price = pr.list_price_per_m2 * pr.unit_area_m2;
    test::make_first_time_buyer(w, h, 0.5 * price, 30000);
    w.hp.set(h, eligibility::new_citizen, true);
    ASSERT_TRUE(nonlocal_buyer(w, h));
    EXPECT_FALSE(buy_new_home(w, h, project, BuyerKind::first_time).done);
    const Scenario on = test::small_city();
    World v(on, 0);
    v.hp.arrival_month[h] = w.hp.arrival_month[h];
    test::make_first_time_buyer(v, h, 0.5 * price, 30000);
    v.hp.set(h, eligibility::new_citizen, true);
    const PurchaseResult bought = buy_new_home(v, h, project, BuyerKind::first_time);
    EXPECT_TRUE(bought.done);
    EXPECT_GT(bought.loans, 0.0);
}

// 003 §3(2): the provident centre counts the homes in the district of the home bought, so
// an owner whose one home is in another district borrows from it as a first-time buyer.
TEST(ProvidentDistrictCount, HomesInOtherDistrictsDoNotCount) {
    const Scenario s = test::small_city({{"policy.recognition.provident_district_homes", "true"}});
    World w(s, 0);
    ASSERT_GE(w.zones.size(), 2u);
    const int32_t h = test::find_household(
        w, [&](int32_t k) { return w.hh.homes_owned[k] == 1 && w.hh.age[k] < 45; });
    ASSERT_GE(h, 0);
    const int home_zone = w.dw.zone[w.hh.first_owned[h]];
    const int other_zone = home_zone == 0 ? 1 : 0;
    const PurchaseAids none;
    EXPECT_EQ(recognised_homes(w, h), 1);
    // The budget, with no district yet: the banks' count.
    EXPECT_EQ(buyer_position(w, h, BuyerKind::investor, none, 1).provident_homes_before, -1);
    EXPECT_EQ(buyer_position(w, h, BuyerKind::investor, none, 1, other_zone).provident_homes_before,
              0);
    EXPECT_EQ(buyer_position(w, h, BuyerKind::investor, none, 1, home_zone).provident_homes_before,
              1);
    // The first-home provident rate for the purchase in the other district.
    BuyerPosition b = buyer_position(w, h, BuyerKind::investor, none, 1, other_zone);
    b.provident_eligible = true;
    b.provident_balance = 100000;
    const Policy& p = w.levers().policy;
    const CreditOffer o = credit_offer(b, p, 0.036, true);
    EXPECT_DOUBLE_EQ(o.rate_provident, provident_rate_annual(p.provident, 0, o.term_provident));
    EXPECT_LT(o.rate_provident, provident_rate_annual(p.provident, 1, o.term_provident));
    // With the lever off the district is not read.
    const Scenario plain = test::small_city();
    const World q(plain, 0);
    EXPECT_EQ(buyer_position(q, h, BuyerKind::investor, none, 1, other_zone).provident_homes_before,
              -1);
}

}  // namespace
}  // namespace housim
