// The programme holdings table (agents/household_programmes.hpp) against an ordered map of
// the same holdings: the same look-ups, the same walk in household order (including holdings
// created during a walk), places reused after drops, and the holder counts.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <vector>

#include "agents/household_programmes.hpp"

namespace housim {
namespace {

bool same(const ProgrammeHolding& a, const ProgrammeHolding& b) {
    return a.voucher_yuan == b.voucher_yuan && a.iit_rebate_yuan == b.iit_rebate_yuan &&
           a.talent_subsidy_yuan == b.talent_subsidy_yuan &&
           a.reserved_deposit_yuan == b.reserved_deposit_yuan &&
           a.reserved_project == b.reserved_project && a.voucher_month == b.voucher_month &&
           a.reserved_month == b.reserved_month;
}

TEST(HouseholdProgrammes, HoldingsBehaveAsAnOrderedMap) {
    constexpr int32_t kSlots = 500;
    HouseholdProgrammes hp;
    hp.resize(kSlots);
    std::map<int32_t, ProgrammeHolding> model;
    std::mt19937 gen(17);
    for (int step = 0; step < 20000; ++step) {
        const auto h = static_cast<int32_t>(gen() % kSlots);
        const double yuan = gen() % 3 == 0 ? 0.0 : 1000.0 * (1 + gen() % 50);
        switch (gen() % 6) {
            case 0:  // the setters create a holding unless they set zero on none
                hp.set_iit_rebate(h, yuan);
                if (yuan != 0 || model.count(h)) model[h].iit_rebate_yuan = yuan;
                break;
            case 1:
                hp.set_voucher(h, yuan, static_cast<int16_t>(step % 100));
                if (yuan != 0 || model.count(h)) {
                    model[h].voucher_yuan = yuan;
                    model[h].voucher_month = static_cast<int16_t>(step % 100);
                }
                break;
            case 2: {
                const auto project = static_cast<int32_t>(gen() % 7);
                hp.reserve(h, project, 3, yuan);
                model[h].reserved_project = project;
                model[h].reserved_month = 3;
                model[h].reserved_deposit_yuan = yuan;
                break;
            }
            case 3:
                hp.end_reservation(h);
                if (model.count(h)) {
                    model[h].reserved_project = -1;
                    model[h].reserved_deposit_yuan = 0;
                }
                break;
            case 4:  // a new household in the slot
                hp.clear(h);
                model.erase(h);
                break;
            default:  // the month's prune of empty holdings
                if (step % 50 == 0) {
                    hp.for_each_holding([&](int32_t k, ProgrammeHolding& e) {
                        if (e.empty()) hp.drop(k);
                    });
                    for (auto it = model.begin(); it != model.end();)
                        it = it->second.empty() ? model.erase(it) : std::next(it);
                }
        }
        ASSERT_TRUE(same(hp.holding(h), model.count(h) ? model[h] : ProgrammeHolding{}))
            << "step " << step << ", household " << h;
    }
    std::vector<int32_t> walked;
    hp.for_each_holding([&](int32_t h, ProgrammeHolding& e) {
        ASSERT_TRUE(model.count(h)) << "household " << h;
        EXPECT_TRUE(same(e, model[h])) << "household " << h;
        walked.push_back(h);
    });
    std::vector<int32_t> keys;
    int32_t vouchers = 0, reservations = 0;
    for (const auto& [h, e] : model) {
        keys.push_back(h);
        vouchers += e.voucher_yuan > 0;
        reservations += e.reserved_project >= 0;
    }
    EXPECT_EQ(walked, keys);
    EXPECT_EQ(hp.holding_count(), static_cast<int32_t>(model.size()));
    EXPECT_EQ(hp.voucher_holders, vouchers);
    EXPECT_EQ(hp.reservation_holders, reservations);
}

TEST(HouseholdProgrammes, AWalkVisitsHoldingsCreatedAheadOfItOnly) {
    HouseholdProgrammes hp;
    hp.resize(100);
    hp.set_voucher(10, 5000, 1);
    hp.set_voucher(50, 5000, 1);
    std::vector<int32_t> walked;
    hp.for_each_holding([&](int32_t h, ProgrammeHolding& e) {
        walked.push_back(h);
        if (h == 50) {
            // As a voucher passed on: to later households (visited) and earlier ones (not),
            // in other groups of sixteen places and in the walk's own (48 to 63).
            hp.set_voucher(70, e.voucher_yuan, e.voucher_month);
            hp.set_voucher(20, e.voucher_yuan, e.voucher_month);
            hp.set_voucher(55, e.voucher_yuan, e.voucher_month);
            hp.set_voucher(49, e.voucher_yuan, e.voucher_month);
            hp.clear_voucher(50);
            EXPECT_EQ(e.voucher_yuan, 0.0);  // still the same holding after others were made
        }
    });
    EXPECT_EQ(walked, (std::vector<int32_t>{10, 50, 55, 70}));
    EXPECT_EQ(hp.voucher_holders, 5);
    EXPECT_EQ(hp.holding_count(), 6);
}

}  // namespace
}  // namespace housim
