#include "sim/month/finance_upkeep.hpp"

#include <algorithm>
#include <array>

#include "agents/household_rules.hpp"
#include "sim/core/cpu_clones.hpp"
#include "sim/core/lanes.hpp"
#include "sim/core/parallel.hpp"
#include "sim/markets/ownership.hpp"
#include "sim/markets/transactions.hpp"
#include "sim/markets/valuation.hpp"
#include "sim/month/month_buffers.hpp"

namespace housim {

namespace {

// This month's city-wide terms of the household loop, read once.
struct UpkeepTerms {
    double contribution_share = 0;      // provident contribution, of income
    double pf_growth = 1;               // monthly growth of provident balances (interest)
    double deposit_rate_annual = 0;     // on savings
    bool repayment_withdrawal = false;  // provident balance may pay the mortgage
    double rent_cap_month_per_earner = 0;
    double rent_cap_priority_month_per_earner = 0;  // the priority groups' (seed 001 §2)
    double rent_per_weight = 0;  // market rent per hedonic m2-equivalent (market_rent)
    double soe_rent_share = 1;   // SOE tenants pay this share of market rent (rent_due)
    double informal_rent_share = 0;
    double subsistence_month = 0;
    double consumption_share = 0;
    // The unemployed keep this share of their consumption in work, whose earnings are the
    // income base by age (as life_events sets incomes) times the household's income factor.
    double unemployed_keep = 0;
    double wealth_share_month = 0;  // of savings above the buffer, spent each month
    double wealth_buffer_months = 0;
    std::array<double, 256> earnings_by_age{};
    double inv_replacement = 0;  // 1 / unemployment_replacement, 0 when there is no benefit
};

UpkeepTerms upkeep_terms(const World& w) {
    const BehaviourParams& b = w.scenario.behaviour;
    const ExogenousParams& e = w.levers().exogenous;
    const ProvidentCredit& pf = w.levers().policy.provident;
    UpkeepTerms u;
    u.contribution_share = w.scenario.city.provident_contribution_share;
    u.pf_growth = 1.0 + e.provident_deposit_rate_annual / 12.0;
    u.deposit_rate_annual = e.deposit_rate_annual;
    u.repayment_withdrawal = pf.repayment_withdrawal;
    u.rent_cap_month_per_earner = pf.rent_withdrawal_cap_yuan_per_year / 12.0;
    // The clause raises the priority groups' cap (提高): never below the general one.
    u.rent_cap_priority_month_per_earner = std::max(pf.rent_withdrawal_cap_priority_yuan_per_year,
                                                    pf.rent_withdrawal_cap_yuan_per_year) /
                                           12.0;
    // market_rent(w, d) = reference rent x index / 100 x hedonic weight, in that order.
    u.rent_per_weight = w.market.reference_rent_per_m2 * w.market.rent_index / 100.0;
    u.soe_rent_share = w.levers().policy.affordable.rent_share_of_market;
    u.informal_rent_share = b.informal_rent_share;
    u.subsistence_month = b.subsistence_month_yuan;
    u.consumption_share = b.consumption_share;
    u.unemployed_keep = b.unemployed_consumption_keep_share;
    u.inv_replacement = b.unemployment_replacement > 0 ? 1.0 / b.unemployment_replacement : 0.0;
    u.wealth_share_month = b.wealth_consumption_annual / 12.0;
    u.wealth_buffer_months = b.wealth_buffer_months;
    for (int age = 0; age < 256; ++age)
        u.earnings_by_age[static_cast<size_t>(age)] =
            w.market.income_base_month * income_age_profile(age);
    return u;
}

// The household columns the upkeep reads and writes, as local pointers: byte-sized stores
// (flags) may alias anything, so through the vectors the compiler would reload every
// column pointer after each one.
struct UpkeepColumns {
    const uint8_t* active;
    uint8_t* flags;
    const uint8_t* tenure;
    const uint8_t* age;
    const uint8_t* size;
    const float* income_month;
    const float* income_z_exp;
    double* savings;
    double* pf_balance;
    uint16_t* pf_months;
    const double* debt_payment_month;
    const int32_t* home;

    explicit UpkeepColumns(Households& hh)
        : active(hh.active.data()),
          flags(hh.flags.data()),
          tenure(hh.tenure.data()),
          age(hh.age.data()),
          size(hh.size.data()),
          income_month(hh.income_month.data()),
          income_z_exp(hh.income_z_exp.data()),
          savings(hh.savings.data()),
          pf_balance(hh.pf_balance.data()),
          pf_months(hh.pf_months.data()),
          debt_payment_month(hh.debt_payment_month.data()),
          home(hh.home.data()) {}
};

// Tenants' rents, first, in their own pass over the chunk's tenants: a rent reads the home's
// attributes, scattered over the dwelling table once households have moved, and with the
// tenants listed their homes can be fetched kAhead tenants early so that the cache misses
// overlap. Fills out.rents (tenants in household order; `paid` is set by the main loop).
// No effect on results.
constexpr size_t kAhead = 8;

void tenants_rents(World& w, const UpkeepTerms& u, int32_t begin, int32_t end, UpkeepChunk& out) {
    const UpkeepColumns col(w.hh);
    const HedonicView hedonic(w);
    const uint8_t* owner_kind = w.dw.owner_kind.data();
    const int32_t* owner = w.dw.owner.data();
    const float* home_area = w.hh.home_area_m2.data();
    std::vector<RentDue>& rents = out.rents;
    rents.clear();
    for_each_byte_match(
        begin, end, col.tenure, static_cast<uint8_t>(Tenure::renter), [&](int32_t h) {
            if (col.active[h])
                rents.push_back(RentDue{h, false, OwnerKind::household, -1, 0.0, 0.0});
        });
    for (size_t i = 0; i < rents.size(); ++i) {
        if (i + kAhead < rents.size()) {
            const int32_t d = col.home[rents[i + kAhead].h];
            __builtin_prefetch(hedonic.zone + d);
            __builtin_prefetch(hedonic.quality + d);
            __builtin_prefetch(hedonic.build_month + d);
            __builtin_prefetch(owner_kind + d);
            __builtin_prefetch(owner + d);
        }
        RentDue& r = rents[i];
        const int32_t d = col.home[r.h];
        // rent_due(w, home): market rent (market_rent(w, home)), times the SOE's share for
        // its own stock. The area is the tenant's copy of its home's (one dwelling read fewer).
        const double market = u.rent_per_weight * hedonic.weight(d, home_area[r.h]);
        r.owner_kind = static_cast<OwnerKind>(owner_kind[d]);
        r.owner = owner[d];
        r.rent = r.owner_kind == OwnerKind::government ? market * u.soe_rent_share : market;
        // The rent-withdrawal cap, per earner (up to two per household): the priority groups'
        // where it differs (seed 001 §2); the group is only looked up then.
        const bool priority = u.rent_cap_priority_month_per_earner != u.rent_cap_month_per_earner &&
                              provident_priority(w, r.h);
        const double per_earner =
            priority ? u.rent_cap_priority_month_per_earner : u.rent_cap_month_per_earner;
        r.rent_cap = per_earner * static_cast<double>(std::min<int>(col.size[r.h], 2));
    }
}

// Households per block of the upkeep: the block's terms (below) stay in the first-level cache.
constexpr int32_t kBlock = 256;

// One block's per-household inputs from the tenants' pass and outputs for the sums.
struct BlockTerms {
    alignas(64) double rent[kBlock];      // in: the tenant's rent, 0 for others
    alignas(64) double rent_cap[kBlock];  // in: the tenant's rent-withdrawal cap, 0 for others
    alignas(64) double income[kBlock];
    alignas(64) double contributions[kBlock];
    alignas(64) double interest[kBlock];
    alignas(64) double withdrawals[kBlock];
    alignas(64) double member_balances[kBlock];
    alignas(64) double informal_rent[kBlock];
    alignas(64) double consumption[kBlock];
    alignas(64) uint8_t pays_rent[kBlock];
};

// The month of money of households b0 + i .. + m - 1 (m <= 4), all at once: every
// household's terms are computed, and an inactive slot's columns are written back unchanged
// with terms of +0.0. Each step is the scalar rule's, operation by operation, choosing
// between values instead of branching; the build forbids fused multiply-adds
// (-ffp-contract=off), so every clone of upkeep_block gives the same bits.
template <bool kEarningsFromIncome>
[[gnu::always_inline]] inline void upkeep_group(const UpkeepTerms& u, const UpkeepColumns& col,
                                                int32_t b0, int32_t i, int m, BlockTerms& t) {
    using lanes::D4;
    using lanes::I4;
    const int32_t h = b0 + i;
    const I4 on = lanes::load(col.active + h, m) != 0;
    const I4 flags_in = lanes::load(col.flags + h, m);
    const I4 tenure = lanes::load(col.tenure + h, m);
    const I4 renter = tenure == static_cast<int64_t>(Tenure::renter);
    const I4 informal = tenure == static_cast<int64_t>(Tenure::other);
    const D4 zero{};
    const D4 income = lanes::load_f(col.income_month + h, m);
    const D4 savings_in = lanes::load_d(col.savings + h, m);
    const D4 pf_in = lanes::load_d(col.pf_balance + h, m);
    D4 savings = savings_in + income;
    D4 pf_balance = pf_in;

    const I4 contributes =
        ((flags_in & hh_flag::pf_member) != 0) & ((flags_in & hh_flag::unemployed) == 0);
    const D4 c = u.contribution_share * income;
    pf_balance = contributes ? pf_balance + c : pf_balance;
    const I4 months = lanes::load(col.pf_months + h, m);
    lanes::store(col.pf_months + h, months - (on & contributes & (months < 60000)),
                 m);  // mask -1: +1
    // Provident balances earn interest as a claim on the centre (no cash moves).
    pf_balance *= u.pf_growth;
    const D4 interest = lanes::max(zero, savings) * u.deposit_rate_annual / 12.0;
    savings += interest;

    // Withdrawals (contributions in, withdrawals out, MODEL.md §3): the whole balance
    // at retirement; towards this month's mortgage payment (提取还贷); towards rent for
    // a tenant, up to the yearly cap per earner (seed 000 §12, 001 §2).
    const D4 due = lanes::load_d(col.debt_payment_month + h, m);
    const D4 rent = lanes::load_d(t.rent + i, m);
    const D4 cap = lanes::load_d(t.rent_cap + i, m);
    const D4 for_rent = lanes::min(lanes::min(pf_balance, rent), cap);
    const D4 for_loan = lanes::min(pf_balance, due);
    const I4 repays = (due > 0) & (u.repayment_withdrawal ? -1 : 0);
    const D4 withdrawal = lanes::load(col.age + h, m) >= 60
                              ? pf_balance
                              : (repays ? for_loan : (renter ? for_rent : zero));
    pf_balance -= withdrawal;
    savings += withdrawal;

    // Housing costs come first: mortgage, then rent or an informal housing cost.
    const I4 can_pay = savings >= due;
    const I4 pays_due = (due > 0) & can_pay;
    const I4 arrears = (due > 0) & ~can_pay;
    savings = pays_due ? savings - due : savings;
    D4 housing = pays_due ? zero + due : zero;
    const I4 pays_rent = renter & (savings >= rent);
    savings = pays_rent ? savings - rent : savings;
    housing = pays_rent ? housing + rent : housing;
    const D4 cost = lanes::min(lanes::max(zero, savings), u.informal_rent_share * income);
    savings = informal ? savings - cost : savings;
    housing = informal ? housing + cost : housing;

    // Consumption: a share of income after housing and of savings above a buffer, at least
    // subsistence, and while unemployed at least the kept share of what the household spent
    // in work.
    const I4 jobless = (flags_in & hh_flag::unemployed) != 0;
    // Earnings in work: the income itself, or the benefit over the replacement rate; with no
    // benefit (replacement 0), from the age profile and income factor as life_events sets it.
    D4 earnings;
    if constexpr (kEarningsFromIncome) {
        earnings = jobless ? income * u.inv_replacement : income;
    } else {
        earnings = lanes::gather_d(u.earnings_by_age.data(), lanes::load(col.age + h, m)) *
                   lanes::load_f(col.income_z_exp + h, m);
    }
    const D4 usual =
        u.unemployed_keep * (u.consumption_share * lanes::max(zero, earnings - housing));
    // Out of wealth: a share of savings above a buffer of months of earnings.
    const D4 above = lanes::max(zero, savings - u.wealth_buffer_months * earnings);
    const D4 wanted =
        lanes::max(lanes::max(zero + u.subsistence_month,
                              u.consumption_share * lanes::max(zero, income - housing) +
                                  u.wealth_share_month * above),
                   jobless ? usual : zero);
    const D4 spent = lanes::clamp(wanted, zero, lanes::max(zero, savings));
    savings -= spent;

    const I4 flags_out =
        (flags_in & ~static_cast<int64_t>(hh_flag::in_arrears | hh_flag::paid_rent)) |
        (arrears & hh_flag::in_arrears) | (pays_rent & hh_flag::paid_rent);
    lanes::store(col.flags + h, on ? flags_out : flags_in, m);
    lanes::store_d(col.savings + h, on ? savings : savings_in, m);
    lanes::store_d(col.pf_balance + h, on ? pf_balance : pf_in, m);
    lanes::store(t.pays_rent + i, on & pays_rent & 1, m);
    lanes::store_d(t.income + i, on ? income : zero, m);
    lanes::store_d(t.contributions + i, (on & contributes) ? c : zero, m);
    lanes::store_d(t.interest + i, on ? interest : zero, m);
    lanes::store_d(t.withdrawals + i, on ? withdrawal : zero, m);
    lanes::store_d(t.member_balances + i, on ? pf_balance : zero, m);
    lanes::store_d(t.informal_rent + i, (on & informal) ? cost : zero, m);
    lanes::store_d(t.consumption + i, on ? spent : zero, m);
}

// The month of money of households [b0, b0 + n), four at a time; the clones for AVX-512 and
// AVX2 run four households per instruction, the baseline two.
HOUSIM_CPU_CLONES void upkeep_block(const UpkeepTerms& u, const UpkeepColumns& col, int32_t b0,
                                    int32_t n, BlockTerms& t) {
    int32_t i = 0;
    if (u.inv_replacement > 0) {
        for (; i + 4 <= n; i += 4)
            upkeep_group<true>(u, col, b0, i, 4, t);
        if (i < n) upkeep_group<true>(u, col, b0, i, n - i, t);
    } else {
        for (; i + 4 <= n; i += 4)
            upkeep_group<false>(u, col, b0, i, 4, t);
        if (i < n) upkeep_group<false>(u, col, b0, i, n - i, t);
    }
}

// One chunk of households' month of money, block by block: the terms of a block are added
// to the chunk's sums in household order (a term that does not apply, or an inactive slot's,
// adds +0.0, which leaves a sum that started at +0.0 unchanged bit for bit).
void upkeep_chunk(World& w, const UpkeepTerms& u, int32_t begin, int32_t end, UpkeepChunk& out) {
    tenants_rents(w, u, begin, end, out);
    const UpkeepColumns col(w.hh);
    static thread_local BlockTerms t;
    UpkeepSums sums;
    const RentDue* next_rent = out.rents.data();  // tenants in household order
    RentDue* const rents_end = out.rents.data() + out.rents.size();
    RentDue* paid_rent = out.rents.data();
    for (int32_t b0 = begin; b0 < end; b0 += kBlock) {
        const int32_t n = std::min(kBlock, end - b0);
        std::fill_n(t.rent, n, 0.0);
        std::fill_n(t.rent_cap, n, 0.0);
        for (; next_rent != rents_end && next_rent->h < b0 + n; ++next_rent) {
            t.rent[next_rent->h - b0] = next_rent->rent;
            t.rent_cap[next_rent->h - b0] = next_rent->rent_cap;
        }
        upkeep_block(u, col, b0, n, t);
        for (int32_t i = 0; i < n; ++i) {
            sums.income += t.income[i];
            sums.contributions += t.contributions[i];
            sums.deposit_interest += t.interest[i];
            sums.withdrawals += t.withdrawals[i];
            sums.member_balances += t.member_balances[i];
            sums.informal_rent += t.informal_rent[i];
            sums.consumption += t.consumption[i];
        }
        for (; paid_rent != rents_end && paid_rent->h < b0 + n; ++paid_rent)
            paid_rent->paid = t.pays_rent[paid_rent->h - b0] != 0;
    }
    out.sums = sums;
}

// Rents reach landlords; tenants who could not pay leave. Sequential, in household order
// (landlords are in other chunks).
void settle_rents(World& w, const std::vector<UpkeepChunk>& chunks) {
    constexpr size_t kAheadRents = 8;  // landlords' savings fetched early; no effect on results
    const double tax_rate = w.levers().policy.tax.rental_property_tax_rate;
    const int firm_min_homes = w.levers().policy.tax.rental_firm_min_homes;
    for (const UpkeepChunk& c : chunks) {
        for (size_t i = 0; i < c.rents.size(); ++i) {
            if (i + kAheadRents < c.rents.size() &&
                c.rents[i + kAheadRents].owner_kind == OwnerKind::household) {
                __builtin_prefetch(w.hh.savings.data() + c.rents[i + kAheadRents].owner);
            }
            const RentDue& r = c.rents[i];
            if (!r.paid) {
                move_out(w, r.h);
                continue;
            }
            if (r.owner_kind == OwnerKind::household) {
                // A landlord letting at scale counts as a rental firm and pays the firms'
                // property tax on rents (seed 001 §8); smaller ones pay none (assumption:
                // individual letting is mostly untaxed in practice).
                const int32_t o = r.owner;
                const int besides_own =
                    w.hh.homes_owned[o] - (w.hh.tenure[o] == static_cast<uint8_t>(Tenure::owner));
                const double tax =
                    firm_min_homes > 0 && besides_own >= firm_min_homes ? tax_rate * r.rent : 0.0;
                w.hh.savings[o] += r.rent - tax;
                w.gov.cash_yuan += tax;
                w.month.rental_property_tax_yuan += tax;
            } else if (r.owner_kind == OwnerKind::government) {
                // The SOE's rental stock pays property tax on its rents (seed 001 §8).
                const double tax = tax_rate * r.rent;
                w.soe.cash_yuan += r.rent - tax;
                w.gov.cash_yuan += tax;
                w.month.rental_property_tax_yuan += tax;
            } else {
                w.ledger.add(Flow::departures, -r.rent);  // an estate's rent leaves with it
            }
        }
    }
}

// What servicing did to a loan this month; the cross-party effects follow in loan order.
// paid_may_prepay: paid, and the borrower considers repaying early this month;
// paid_behind: paid this month's installment with earlier ones still missed.
enum class LoanOutcome : uint8_t { none, paid, repaid, arrears, paid_may_prepay, paid_behind };

// The rate a loan's spread is over: the 5-year LPR for commercial loans, the first-home
// over-5-year provident rate for provident loans.
double reference_rate(const Levers& l, Lender lender) {
    return lender == Lender::provident ? l.policy.provident.rate_first_gt5y_annual
                                       : l.exogenous.lpr_5y_annual;
}

// Whether loans of `lender` reprice this month: commercial loans every repricing_months
// counted from January, provident loans each January (FACTS §2b).
bool repricing_month(const World& w, Lender lender) {
    const int month = w.calendar_month();  // 1 .. 12
    if (lender == Lender::provident) return month == 1;
    const int period = std::clamp(w.levers().policy.commercial.repricing_months, 1, 12);
    return (month - 1) % period == 0;
}

// Loan m resets to its reference rate plus its spread; the level payment is recomputed over
// the months left, and the borrower's total payment follows.
void reprice_loan(World& w, int32_t m) {
    Mortgages& mg = w.mg;
    const auto lender = static_cast<Lender>(mg.lender[m]);
    const double rate = std::max(
        0.0, reference_rate(w.levers(), lender) + static_cast<double>(mg.spread_annual[m]));
    if (static_cast<float>(rate) == mg.rate_annual[m]) return;  // its rate stands: nothing to do
    const auto payment =
        static_cast<float>(annuity_payment(mg.balance_yuan[m], rate, mg.months_left[m]));
    if (const int32_t h = mg.borrower[m]; h >= 0) {
        w.hh.debt_payment_month[h] =
            std::max(0.0, w.hh.debt_payment_month[h] + (payment - mg.payment_month[m]));
    }
    mg.rate_annual[m] = static_cast<float>(rate);
    mg.payment_month[m] = payment;
}

// In the month the batch-adjustment lever changes, every existing commercial loan above the
// cap is moved to it and reprices at once (FACTS §2b: 25 Oct 2024).
void batch_adjust_spreads(World& w) {
    if (w.t <= 0) return;
    const double cap = w.levers().policy.commercial.existing_spread_cap_annual;
    if (cap == levers_at(w.scenario, w.t - 1).policy.commercial.existing_spread_cap_annual) return;
    Mortgages& mg = w.mg;
    for (int32_t m = 0; m < mg.capacity(); ++m) {
        if (!mg.active[m] || static_cast<Lender>(mg.lender[m]) != Lender::commercial) continue;
        if (mg.spread_annual[m] <= cap) continue;
        mg.spread_annual[m] = static_cast<float>(cap);
        reprice_loan(w, m);
    }
}

// Early repayment (MODEL.md §5; the 2023-2024 prepayment wave, FACTS §5): once a year, in
// its anniversary month, a paying borrower repays early with probability rising with the
// gap between the loan rate and the deposit rate, from savings above a buffer of income;
// a partial prepayment keeps the term and lowers the payment. Returns the amount.
double prepay(World& w, int32_t m) {
    Mortgages& mg = w.mg;
    const int32_t h = mg.borrower[m];
    const BehaviourParams& b = w.scenario.behaviour;
    const double spare = w.hh.savings[h] - b.prepay_buffer_months * w.hh.income_month[h];
    const double amount = std::min(mg.balance_yuan[m], spare);
    if (amount <= 0) return 0;
    w.hh.savings[h] -= amount;
    mg.balance_yuan[m] -= amount;
    if (static_cast<Lender>(mg.lender[m]) == Lender::provident) {
        w.pf.cash_yuan += amount;
    } else {
        w.bank.cash_yuan += amount;
    }
    if (mg.balance_yuan[m] < 1.0) {
        if (static_cast<Lender>(mg.lender[m]) == Lender::provident) {
            w.pf.losses_yuan += mg.balance_yuan[m];
        } else {
            w.bank.losses_yuan += mg.balance_yuan[m];
        }
        mg.balance_yuan[m] = 0;
        close_loan(w, m);
    } else {
        const auto payment = static_cast<float>(
            annuity_payment(mg.balance_yuan[m], mg.rate_annual[m], mg.months_left[m]));
        w.hh.debt_payment_month[h] =
            std::max(0.0, w.hh.debt_payment_month[h] + (payment - mg.payment_month[m]));
        mg.payment_month[m] = payment;
    }
    return amount;
}

// A borrower who paid this month's installment pays missed ones from savings above
// behaviour.arrears_cure_buffer_months of income, oldest first, each amortising the loan as
// it would have on time (the interest of the months late is not charged). Returns repaid
// when that finishes the loan, else paid.
LoanOutcome make_up_installments(World& w, int32_t m) {
    Mortgages& mg = w.mg;
    const int32_t h = mg.borrower[m];
    const double payment = mg.payment_month[m];
    double& savings = w.hh.savings[h];
    const double keep = w.scenario.behaviour.arrears_cure_buffer_months * w.hh.income_month[h];
    const bool provident = static_cast<Lender>(mg.lender[m]) == Lender::provident;
    while (mg.arrears_months[m] > 0 && savings - keep >= payment) {
        savings -= payment;
        (provident ? w.pf.cash_yuan : w.bank.cash_yuan) += payment;
        const double interest = mg.balance_yuan[m] * mg.rate_annual[m] / 12.0;
        mg.balance_yuan[m] = std::max(0.0, mg.balance_yuan[m] - (payment - interest));
        mg.months_left[m] -= 1;
        mg.arrears_months[m] -= 1;
        if (mg.months_left[m] <= 0 || mg.balance_yuan[m] < 1.0) return LoanOutcome::repaid;
    }
    return LoanOutcome::paid;
}

// Amortises each loan whose borrower paid and counts arrears (each loan alone: parallel);
// then, in loan order, lenders are paid, finished loans close and long arrears list the
// home for forced sale (sequential, so sums and the free-row list keep their order).
void service_loans(World& w) {
    Mortgages& mg = w.mg;
    const int32_t n = mg.capacity();
    const BehaviourParams& b = w.scenario.behaviour;
    const double deposit_rate = w.levers().exogenous.deposit_rate_annual;
    std::vector<uint8_t>& outcome = w.scratch.loan_outcome;
    outcome.assign(static_cast<size_t>(n), static_cast<uint8_t>(LoanOutcome::none));
    for_chunks(n, [&](int32_t, int32_t begin, int32_t end) {
        for (int32_t m = begin; m < end; ++m) {
            if (!mg.active[m]) continue;
            const int32_t h = mg.borrower[m];
            if (h < 0) continue;  // an estate's loan waits for the sale
            if (w.hh.has(h, hh_flag::in_arrears)) {
                mg.arrears_months[m] =
                    static_cast<uint8_t>(std::min(255, mg.arrears_months[m] + 1));
                outcome[static_cast<size_t>(m)] = static_cast<uint8_t>(LoanOutcome::arrears);
                continue;
            }
            const bool behind = mg.arrears_months[m] > 0;
            const double payment = mg.payment_month[m];
            const double interest = mg.balance_yuan[m] * mg.rate_annual[m] / 12.0;
            mg.balance_yuan[m] = std::max(0.0, mg.balance_yuan[m] - (payment - interest));
            mg.months_left[m] -= 1;
            const bool done = mg.months_left[m] <= 0 || mg.balance_yuan[m] < 1.0;
            LoanOutcome o = done     ? LoanOutcome::repaid
                            : behind ? LoanOutcome::paid_behind
                                     : LoanOutcome::paid;
            // Its anniversary month (not its first): does the borrower consider prepaying?
            const int age = w.t - mg.origin_month[m];
            if (o == LoanOutcome::paid && age > 0 && age % 12 == 0) {
                const double gap = std::max(0.0, (mg.rate_annual[m] - deposit_rate) * 100.0);
                const double monthly = std::min(1.0, b.prepay_hazard_per_point_month * gap);
                const double yearly = 1.0 - std::pow(1.0 - monthly, 12);
                RngStream s = w.rng.stream(static_cast<uint32_t>(m), static_cast<uint32_t>(w.t),
                                           RngPurpose::prepay);
                if (s.uniform() < yearly) o = LoanOutcome::paid_may_prepay;
            }
            outcome[static_cast<size_t>(m)] = static_cast<uint8_t>(o);
        }
    });
    for (int32_t m = 0; m < n; ++m) {
        auto o = static_cast<LoanOutcome>(outcome[static_cast<size_t>(m)]);
        // A forced sale of a closed-loop affordable home earlier in this loop is a buyback
        // by the SOE at once, which repays every loan on the home, later rows included.
        if (o == LoanOutcome::none || !mg.active[m]) continue;
        const bool provident = static_cast<Lender>(mg.lender[m]) == Lender::provident;
        if (o == LoanOutcome::arrears) {
            const int32_t d = mg.dwelling[m];
            if (mg.arrears_months[m] >= b.foreclosure_arrears_months && w.dw.completed(d) &&
                w.dw.ask_yuan[d] <= 0) {
                // Forced sale below value; the borrower stays until it sells.
                list_for_resale(w, d, 0.9 * market_value(w, d));
                w.month.foreclosures += 1;
            }
            continue;
        }
        const double payment = mg.payment_month[m];
        if (provident) {
            w.pf.cash_yuan += payment;
        } else {
            w.bank.cash_yuan += payment;
        }
        if (o == LoanOutcome::paid_may_prepay) w.month.prepayments_yuan += prepay(w, m);
        if (o == LoanOutcome::paid_behind) o = make_up_installments(w, m);
        if (o == LoanOutcome::repaid) {
            // The last rounding cent is forgiven (recorded as a loss of at most 1 yuan).
            if (provident) {
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

void run_finance_upkeep(World& w) {
    const int32_t n = w.hh.extent();
    const UpkeepTerms terms = upkeep_terms(w);
    std::vector<UpkeepChunk>& chunks = w.buffers->upkeep;
    chunks.resize(static_cast<size_t>(chunk_count(n)));
    for_chunks(n, [&](int32_t c, int32_t begin, int32_t end) {
        upkeep_chunk(w, terms, begin, end, chunks[static_cast<size_t>(c)]);
    });
    UpkeepSums total;
    for (const UpkeepChunk& c : chunks) {
        const UpkeepSums& s = c.sums;
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
    settle_rents(w, chunks);
    service_loans(w);
    // Rates reset after this month's payment: the new payment is due from next month.
    batch_adjust_spreads(w);
    const bool commercial = repricing_month(w, Lender::commercial);
    const bool provident = repricing_month(w, Lender::provident);
    if (commercial || provident) {
        Mortgages& mg = w.mg;
        for (int32_t m = 0; m < mg.capacity(); ++m) {
            if (!mg.active[m]) continue;
            const bool pf = static_cast<Lender>(mg.lender[m]) == Lender::provident;
            if (pf ? provident : commercial) reprice_loan(w, m);
        }
    }
}

}  // namespace housim
