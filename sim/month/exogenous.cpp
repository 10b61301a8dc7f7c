#include "sim/month/exogenous.hpp"

#include <cmath>

#include "sim/markets/ownership.hpp"
#include "sim/markets/transactions.hpp"
#include "sim/markets/valuation.hpp"
#include "sim/month/programmes.hpp"

namespace housim {

namespace {

// Urban renewal takes homes at least 20 years old.
bool demolishable(const World& w, int32_t d) {
    return w.dw.completed(d) && w.dw.owner_kind[d] == static_cast<uint8_t>(OwnerKind::household) &&
           w.dw.build_month[d] <= w.t - 240 && w.dw.ask_yuan[d] <= 0;
}

}  // namespace

void demolish(World& w, int32_t d) {
    const int32_t owner = w.dw.owner[d];
    const double compensation =
        w.levers().exogenous.demolition_compensation_ratio * market_value(w, d);
    // Cash compensation, or a housing voucher (房票) worth more, for a share of owners
    // (seed 001 §6); loans on the home are repaid in cash either way.
    const Renewal& r = w.levers().policy.renewal;
    RngStream s =
        w.rng.stream(static_cast<uint32_t>(d), static_cast<uint32_t>(w.t), RngPurpose::voucher);
    double owed = 0;
    for (int32_t m = w.dw.mortgage[d]; m != -1; m = w.mg.next_on_dwelling[m]) {
        owed += w.mg.balance_yuan[m];
    }
    const bool voucher = s.uniform() < r.voucher_share && compensation > owed;
    const double cash = voucher ? owed : compensation;
    w.gov.cash_yuan -= cash;
    w.month.demolition_compensation_yuan += cash;
    w.hh.savings[owner] += repay_loans_on(w, d, cash, owner);
    if (voucher) issue_voucher(w, owner, (compensation - owed) * (1.0 + r.voucher_premium));
    w.hp.history[owner] |= loan_history::displaced;
    const int32_t occupant = w.dw.occupant[d];
    if (occupant >= 0) move_out(w, occupant);
    clear_title(w, d);
    w.dw.use[d] = static_cast<uint8_t>(DwellingUse::demolished);
    if (occupant == owner) {
        // The displaced owner moves to another empty home it owns, or looks to buy one.
        for (int32_t o = w.hh.first_owned[owner]; o != -1; o = w.dw.next_owned[o]) {
            if (w.dw.completed(o) && w.dw.occupant[o] == -1) {
                move_in(w, owner, o);
                break;
            }
        }
        if (w.hh.home[owner] < 0) {
            w.hh.set(owner, hh_flag::wants_to_buy, true);
            w.hh.last_sale_month[owner] = static_cast<int16_t>(w.t);
        }
    }
    w.month.demolitions_units += 1;
}

void update_exogenous(World& w) {
    const ExogenousParams& e = w.levers().exogenous;
    w.market.income_base_month *= std::pow(1.0 + e.income_growth_annual, 1.0 / 12.0);
    w.market.construction_cost_per_m2 *=
        std::pow(1.0 + e.construction_cost_growth_annual, 1.0 / 12.0);

    RngStream s = w.rng.stream(0, static_cast<uint32_t>(w.t), RngPurpose::demolition);
    const double expected = e.demolitions_per_year / 12.0 / w.scale;
    const auto count = static_cast<int>(expected + s.uniform());
    const auto n = static_cast<uint32_t>(w.dw.count());
    for (int k = 0; k < count; ++k) {
        for (int tries = 0; tries < 32; ++tries) {
            const auto d = static_cast<int32_t>(s.uniform_index(n));
            if (demolishable(w, d)) {
                demolish(w, d);
                break;
            }
        }
    }
}

}  // namespace housim
