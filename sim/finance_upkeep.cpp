#include "sim/finance_upkeep.hpp"

#include "sim/affordable.hpp"

#include <algorithm>

#include "sim/ownership.hpp"
#include "sim/parallel.hpp"
#include "sim/transactions.hpp"
#include "sim/valuation.hpp"

namespace housim {

namespace {

// Per-chunk sums, combined in chunk order.
struct UpkeepSums {
    double income = 0;
    double contributions = 0;
    double consumption = 0;
    double informal_rent = 0;
    double deposit_interest = 0;
    double member_balances = 0;
    double withdrawals = 0;
};

constexpr int kArrearsForNpl = 3;
constexpr int kArrearsForForeclosure = 9;

void household_upkeep(World& w, int32_t h, UpkeepSums& sums) {
    Households& hh = w.hh;
    const BehaviourParams& b = w.scenario.behaviour;
    const ExogenousParams& e = w.levers().exogenous;
    const double income = hh.income_month[h];
    hh.savings[h] += income;
    sums.income += income;

    if (hh.has(h, hh_flag::pf_member) && !hh.has(h, hh_flag::unemployed)) {
        const double c = w.scenario.city.provident_contribution_share * income;
        hh.pf_balance[h] += c;
        sums.contributions += c;
        if (hh.pf_months[h] < 60000) hh.pf_months[h] += 1;
    }
    // Provident balances earn interest as a claim on the centre (no cash moves).
    hh.pf_balance[h] *= 1.0 + e.provident_deposit_rate_annual / 12.0;
    const double interest = std::max(0.0, hh.savings[h]) * e.deposit_rate_annual / 12.0;
    hh.savings[h] += interest;
    sums.deposit_interest += interest;

    // Withdrawals (contributions in, withdrawals out, MODEL.md §3): the whole balance at
    // retirement; towards this month's mortgage payment (提取还贷); towards rent for a
    // tenant, up to the yearly cap per earner (seed 000 §12, 001 §2).
    const ProvidentCredit& pf = w.levers().policy.provident;
    const double due = hh.debt_payment_month[h];
    const auto tenure = static_cast<Tenure>(hh.tenure[h]);
    double withdrawal = 0;
    if (hh.age[h] >= 60) {
        withdrawal = hh.pf_balance[h];
    } else if (due > 0 && pf.repayment_withdrawal) {
        withdrawal = std::min(hh.pf_balance[h], due);
    } else if (tenure == Tenure::renter) {
        const double cap =
            pf.rent_withdrawal_cap_yuan_per_year / 12.0 * std::min(2, int{hh.size[h]});
        withdrawal = std::min({hh.pf_balance[h], rent_due(w, hh.home[h]), cap});
    }
    hh.pf_balance[h] -= withdrawal;
    hh.savings[h] += withdrawal;
    sums.withdrawals += withdrawal;
    sums.member_balances += hh.pf_balance[h];

    // Housing costs come first: mortgage, then rent or an informal housing cost.
    double housing = 0;
    const bool can_pay = hh.savings[h] >= due;
    hh.set(h, hh_flag::in_arrears, due > 0 && !can_pay);
    if (due > 0 && can_pay) {
        hh.savings[h] -= due;
        housing += due;
    }
    hh.set(h, hh_flag::paid_rent, false);
    if (tenure == Tenure::renter) {
        const double rent = rent_due(w, hh.home[h]);
        if (hh.savings[h] >= rent) {
            hh.savings[h] -= rent;
            housing += rent;
            hh.set(h, hh_flag::paid_rent, true);
        }
    } else if (tenure == Tenure::other) {
        const double cost = std::min(std::max(0.0, hh.savings[h]), b.informal_rent_share * income);
        hh.savings[h] -= cost;
        housing += cost;
        sums.informal_rent += cost;
    }
    const double wanted =
        std::max(b.subsistence_month_yuan, b.consumption_share * std::max(0.0, income - housing));
    const double spent = std::clamp(wanted, 0.0, std::max(0.0, hh.savings[h]));
    hh.savings[h] -= spent;
    sums.consumption += spent;
}

// Rents reach landlords; tenants who could not pay leave (sequential: landlords are in
// other chunks).
void settle_rents(World& w) {
    Households& hh = w.hh;
    for (int32_t h = 0; h < hh.capacity(); ++h) {
        if (!hh.active[h] || hh.tenure[h] != static_cast<uint8_t>(Tenure::renter)) continue;
        const int32_t d = hh.home[h];
        if (!hh.has(h, hh_flag::paid_rent)) {
            move_out(w, h);
            continue;
        }
        const double rent = rent_due(w, d);
        const auto owner = static_cast<OwnerKind>(w.dw.owner_kind[d]);
        if (owner == OwnerKind::household) {
            hh.savings[w.dw.owner[d]] += rent;
        } else if (owner == OwnerKind::government) {
            // The SOE's rental stock pays property tax on its rents (seed 001 §8).
            const double tax = w.levers().policy.tax.rental_property_tax_rate * rent;
            w.soe.cash_yuan += rent - tax;
            w.gov.cash_yuan += tax;
        } else {
            w.ledger.add(Flow::departures, -rent);  // an estate's rent leaves with the estate
        }
    }
}

// Amortises each loan whose borrower paid; counts arrears; forecloses long arrears.
void service_loans(World& w) {
    Mortgages& mg = w.mg;
    for (int32_t m = 0; m < mg.capacity(); ++m) {
        if (!mg.active[m]) continue;
        const int32_t h = mg.borrower[m];
        if (h < 0) continue;  // an estate's loan waits for the sale
        if (w.hh.has(h, hh_flag::in_arrears)) {
            mg.arrears_months[m] = static_cast<uint8_t>(std::min(255, mg.arrears_months[m] + 1));
            const int32_t d = mg.dwelling[m];
            if (mg.arrears_months[m] >= kArrearsForForeclosure && w.dw.completed(d) &&
                w.dw.ask_yuan[d] <= 0) {
                // Forced sale below value; the borrower stays until it sells.
                list_for_resale(w, d, 0.9 * market_value(w, d));
                w.month.foreclosures += 1;
            }
            continue;
        }
        mg.arrears_months[m] = 0;
        const double payment = mg.payment_month[m];
        const double interest = mg.balance_yuan[m] * mg.rate_annual[m] / 12.0;
        mg.balance_yuan[m] = std::max(0.0, mg.balance_yuan[m] - (payment - interest));
        mg.months_left[m] -= 1;
        if (static_cast<Lender>(mg.lender[m]) == Lender::provident) {
            w.pf.cash_yuan += payment;
        } else {
            w.bank.cash_yuan += payment;
        }
        if (mg.months_left[m] <= 0 || mg.balance_yuan[m] < 1.0) {
            // The last rounding cent is forgiven (recorded as a loss of at most 1 yuan).
            if (static_cast<Lender>(mg.lender[m]) == Lender::provident) {
                w.pf.losses_yuan += mg.balance_yuan[m];
            } else {
                w.bank.losses_yuan += mg.balance_yuan[m];
            }
            mg.balance_yuan[m] = 0;
            close_loan(w, m);
        }
    }
}

}  // namespace

bool npl(const Mortgages& mg, int32_t m) {
    return mg.arrears_months[m] >= kArrearsForNpl;
}

void run_finance_upkeep(World& w) {
    const int32_t n = w.hh.capacity();
    std::vector<UpkeepSums> chunks(static_cast<size_t>(chunk_count(n)));
    for_chunks(n, [&](int32_t c, int32_t begin, int32_t end) {
        UpkeepSums& s = chunks[static_cast<size_t>(c)];
        for (int32_t h = begin; h < end; ++h) {
            if (w.hh.active[h]) household_upkeep(w, h, s);
        }
    });
    UpkeepSums total;
    for (const UpkeepSums& s : chunks) {
        total.income += s.income;
        total.contributions += s.contributions;
        total.consumption += s.consumption;
        total.informal_rent += s.informal_rent;
        total.deposit_interest += s.deposit_interest;
        total.member_balances += s.member_balances;
        total.withdrawals += s.withdrawals;
    }
    w.ledger.add(Flow::income, total.income);
    w.ledger.add(Flow::provident_contribution, total.contributions);
    w.ledger.add(Flow::consumption, -total.consumption);
    w.ledger.add(Flow::informal_rent, -total.informal_rent);
    w.pf.cash_yuan += total.contributions - total.withdrawals;
    w.bank.cash_yuan -= total.deposit_interest;
    w.pf.member_balances_yuan = total.member_balances;
    settle_rents(w);
    service_loans(w);
}

}  // namespace housim
