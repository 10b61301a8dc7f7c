#include "sim/month/programmes.hpp"

#include <algorithm>
#include <iterator>
#include <vector>

#include "agents/credit.hpp"
#include "sim/markets/transactions.hpp"

namespace housim {

namespace {

const Policy& policy_of(const World& w) {
    return w.levers().policy;
}

void pay_subsidy(World& w, int32_t h, double amount) {
    w.gov.cash_yuan -= amount;
    w.hh.savings[h] += amount;
    w.month.subsidies_yuan += amount;
}

void rental_subsidies(World& w) {
    const Subsidy& s = policy_of(w).subsidy;
    if (s.rental_yuan_per_month <= 0) return;
    const double ceiling = s.rental_income_ceiling_share * w.market.mean_income_month;
    for (int32_t h = 0; h < w.hh.extent(); ++h) {
        if (w.hh.active[h] && w.hh.tenure[h] == static_cast<uint8_t>(Tenure::renter) &&
            w.hh.income_month[h] < ceiling) {
            pay_subsidy(w, h, s.rental_yuan_per_month);
        }
    }
}

// Owners without a mortgage withdraw for renovation and spend it (003 §3(2)).
void renovation_withdrawals(World& w) {
    if (!policy_of(w).provident.renovation_withdrawal) return;
    const BehaviourParams& b = w.scenario.behaviour;
    for (int32_t h = 0; h < w.hh.extent(); ++h) {
        if (!w.hh.active[h] || w.hh.pf_balance[h] <= 0 ||
            w.hh.tenure[h] != static_cast<uint8_t>(Tenure::owner) ||
            w.hh.debt_payment_month[h] > 0) {
            continue;
        }
        RngStream s = w.rng.stream(static_cast<uint32_t>(h), static_cast<uint32_t>(w.t),
                                   RngPurpose::programmes);
        if (s.uniform() >= b.renovation_hazard_month) continue;
        const double amount = std::min(w.hh.pf_balance[h], b.renovation_withdrawal_yuan);
        w.hh.pf_balance[h] -= amount;
        w.pf.cash_yuan -= amount;
        w.ledger.add(Flow::consumption, -amount);
    }
}

// 商转公 (001 §2): the provident centre repays the bank and takes over the loan at its rate,
// for members whose commercial loan predates the cutoff and fits under the cap.
void convert_commercial_loans(World& w) {
    const Policy& p = policy_of(w);
    if (!p.provident.commercial_to_provident) return;
    const int cutoff = p.provident.commercial_to_provident_loans_before - w.scenario.run.start +
                       w.scenario.run.burn_in_months;
    std::vector<int32_t> candidates;
    for (int32_t m = 0; m < w.mg.capacity(); ++m) {
        const int32_t h = w.mg.borrower[m];
        if (!w.mg.active[m] || h < 0 || w.mg.origin_month[m] >= cutoff ||
            static_cast<Lender>(w.mg.lender[m]) != Lender::commercial ||
            !w.hh.has(h, hh_flag::pf_member) ||
            w.hh.pf_months[h] < p.provident.min_contribution_months) {
            continue;
        }
        RngStream s = w.rng.stream(static_cast<uint32_t>(m), static_cast<uint32_t>(w.t),
                                   RngPurpose::programmes);
        if (s.uniform() < w.scenario.behaviour.conversion_hazard_month) candidates.push_back(m);
    }
    for (int32_t m : candidates) {
        if (!provident_centre_lends(w, false)) return;  // a conversion is not a first loan
        const int32_t h = w.mg.borrower[m];
        const int32_t d = w.mg.dwelling[m];
        const double balance = w.mg.balance_yuan[m];
        const int months = w.mg.months_left[m];
        BuyerPosition pos;
        pos.size = w.hh.size[h];
        const HomeTerms home{w.dw.completed(d), w.dw.quality[d] != 0, false};
        if (balance > provident_cap(p.provident, pos, home) || months <= 0) continue;
        const int homes = w.hh.homes_owned[h] > 1 ? 1 : 0;
        const double rate = provident_rate_annual(p.provident, homes, months);
        w.pf.cash_yuan -= balance;
        w.bank.cash_yuan += balance;
        close_loan(w, m);
        add_loan(w, h, d, Lender::provident, balance, rate, months);
    }
}

// Vouchers lapse into cash at their cash value; a holder that owns another local home may
// transfer its voucher once, at a small discount, to a household without one (001 §6).
void vouchers(World& w) {
    const Renewal& r = policy_of(w).renewal;
    HouseholdProgrammes& hp = w.hp;
    if (hp.voucher_holders == 0) return;
    // In household order, as a scan of every household would visit them; a voucher
    // transferred to a later household is visited again (its entry is inserted ahead).
    hp.for_each_holding([&](int32_t h, ProgrammeHolding& e) {
        if (!w.hh.active[h] || e.voucher_yuan <= 0) return;
        if (w.t - e.voucher_month >= r.voucher_valid_months) {
            const double cash = e.voucher_yuan / (1.0 + r.voucher_premium);
            w.gov.cash_yuan -= cash;
            w.hh.savings[h] += cash;
            w.month.demolition_compensation_yuan += cash;
            hp.clear_voucher(h);
            return;
        }
        if (!r.voucher_transferable || hp.has(h, eligibility::voucher_transferred) ||
            w.hh.homes_owned[h] == 0) {
            return;
        }
        RngStream s =
            w.rng.stream(static_cast<uint32_t>(h), static_cast<uint32_t>(w.t), RngPurpose::voucher);
        if (s.uniform() >= 0.2) return;
        const double price = 0.95 * e.voucher_yuan;
        for (int tries = 0; tries < 16; ++tries) {
            const auto b =
                static_cast<int32_t>(s.uniform_index(static_cast<uint32_t>(w.hh.capacity())));
            if (b == h || !w.hh.active[b] || w.hh.homes_owned[b] > 0 || hp.holds_voucher(b) ||
                w.hh.savings[b] < price) {
                continue;
            }
            w.hh.savings[b] -= price;
            w.hh.savings[h] += price;
            hp.set_voucher(b, e.voucher_yuan, e.voucher_month);
            hp.clear_voucher(h);
            hp.set(b, eligibility::voucher_transferred, true);
            w.hh.set(b, hh_flag::wants_to_buy, true);
            w.hh.last_sale_month[b] = static_cast<int16_t>(w.t);  // searches like a mover
            break;
        }
    });
}

// A reservation completes when the old home sold this month, else lapses at its deadline.
void reservations(World& w) {
    HouseholdProgrammes& hp = w.hp;
    if (hp.reservation_holders == 0) return;
    const int window = policy_of(w).trade_in.reservation_months;
    hp.for_each_holding([&](int32_t h, ProgrammeHolding& e) {
        const int32_t project = e.reserved_project;
        if (project < 0 || !w.hh.active[h]) return;
        if (w.hh.last_sale_month[h] == w.t) {
            const double deposit = e.reserved_deposit_yuan;
            w.developers[static_cast<size_t>(w.projects[static_cast<size_t>(project)].developer)]
                .cash_yuan -= deposit;
            w.hh.savings[h] += deposit;
            e.reserved_deposit_yuan = 0;
            if (buy_new_home(w, h, project, BuyerKind::trade_in, true).done) {
                hp.end_reservation(h);
            } else {
                cancel_reservation(w, h);
            }
        } else if (w.t - e.reserved_month >= window) {
            cancel_reservation(w, h);
        }
    });
}

}  // namespace

void cancel_reservation(World& w, int32_t h) {
    HouseholdProgrammes& hp = w.hp;
    if (!hp.has_reservation(h)) return;
    const ProgrammeHolding& e = hp.holding(h);
    Project& p = w.projects[static_cast<size_t>(e.reserved_project)];
    p.units_reserved -= 1;
    w.developers[static_cast<size_t>(p.developer)].cash_yuan -= e.reserved_deposit_yuan;
    w.hh.savings[h] += e.reserved_deposit_yuan;
    hp.end_reservation(h);
}

void issue_voucher(World& w, int32_t h, double value) {
    w.hp.set_voucher(h, w.hp.voucher_yuan(h) + value, static_cast<int16_t>(w.t));
    w.month.vouchers_issued_yuan += value;
}

void settle_programmes_on_departure(World& w, int32_t h) {
    HouseholdProgrammes& hp = w.hp;
    const Policy& p = policy_of(w);
    if (hp.has(h, eligibility::talent_subsidised) &&
        w.t - hp.arrival_month[h] < p.subsidy.talent_service_months) {
        const double repay =
            std::min(std::max(0.0, w.hh.savings[h]), hp.holding(h).talent_subsidy_yuan);
        w.hh.savings[h] -= repay;
        w.gov.cash_yuan += repay;
        w.month.subsidies_yuan -= repay;
    }
    if (hp.holds_voucher(h)) {
        const double cash = hp.voucher_yuan(h) / (1.0 + p.renewal.voucher_premium);
        w.gov.cash_yuan -= cash;
        w.hh.savings[h] += cash;
        w.month.demolition_compensation_yuan += cash;
        hp.clear_voucher(h);
    }
    cancel_reservation(w, h);
}

// A rebate claim outlives the trade-in window only as dead weight: drop it there, and drop
// departed households' holdings (a departure settles them; a reused slot starts empty).
// Then empty holdings are dropped, in the same pass.
void prune_holdings(World& w) {
    HouseholdProgrammes& hp = w.hp;
    hp.for_each_holding([&](int32_t h, ProgrammeHolding& e) {
        if (!w.hh.active[h]) {
            hp.forget(e, h);
        } else if (e.iit_rebate_yuan != 0 && !sold_within_trade_in_window(w, h)) {
            e.iit_rebate_yuan = 0;
        }
        if (e.empty()) hp.drop(h);
    });
}

void run_household_programmes(World& w) {
    prune_holdings(w);
    rental_subsidies(w);
    renovation_withdrawals(w);
    convert_commercial_loans(w);
    vouchers(w);
    reservations(w);
}

}  // namespace housim
