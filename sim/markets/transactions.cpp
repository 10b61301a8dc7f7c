#include "sim/markets/transactions.hpp"

#include <algorithm>

#include "sim/markets/valuation.hpp"
#include "sim/programmes/affordable.hpp"

namespace housim {

namespace {

double& lender_cash(World& w, Lender l) {
    return l == Lender::provident ? w.pf.cash_yuan : w.bank.cash_yuan;
}

}  // namespace

bool provident_priority(const World& w, int32_t h) {
    const HouseholdProgrammes& hp = w.hp;
    return hp.talent_class(h) > 0 || hp.has(h, eligibility::new_citizen) ||
           hp.has(h, eligibility::military) || w.hh.age[h] < 35 || w.hh.children[h] >= 2;
}

int32_t add_loan(World& w, int32_t borrower, int32_t dwelling, Lender lender, double principal,
                 double rate_annual, int term_months) {
    Mortgages& mg = w.mg;
    const int32_t m = mg.add();
    mg.lender[m] = static_cast<uint8_t>(lender);
    mg.borrower[m] = borrower;
    mg.dwelling[m] = dwelling;
    mg.balance_yuan[m] = principal;
    mg.rate_annual[m] = static_cast<float>(rate_annual);
    // The spread over its reference is fixed now (commercial: the LPR; provident: the
    // first-home over-5-year rate), for the repricing dates to come.
    const Levers& l = w.levers();
    const double reference = lender == Lender::provident ? l.policy.provident.rate_first_gt5y_annual
                                                         : l.exogenous.lpr_5y_annual;
    mg.spread_annual[m] = static_cast<float>(rate_annual - reference);
    mg.months_left[m] = static_cast<int16_t>(term_months);
    mg.origin_month[m] = static_cast<int16_t>(w.t);
    mg.payment_month[m] = static_cast<float>(annuity_payment(principal, rate_annual, term_months));
    mg.next_on_dwelling[m] = w.dw.mortgage[dwelling];
    w.dw.mortgage[dwelling] = m;
    w.hh.debt_payment_month[borrower] += mg.payment_month[m];
    w.hh.set(borrower, hh_flag::ever_borrowed, true);
    if (lender == Lender::provident) {
        w.hp.history[borrower] |= loan_history::provident;
        w.hp.pf_loan_month[borrower] = static_cast<int16_t>(w.t);
    } else {
        w.hp.history[borrower] |= loan_history::commercial;
    }
    return m;
}

void close_loan(World& w, int32_t m) {
    Mortgages& mg = w.mg;
    if (const int32_t h = mg.borrower[m]; h >= 0) {
        w.hh.debt_payment_month[h] =
            std::max(0.0, w.hh.debt_payment_month[h] - mg.payment_month[m]);
    }
    int32_t* link = &w.dw.mortgage[mg.dwelling[m]];
    while (*link != m)
        link = &mg.next_on_dwelling[*link];
    *link = mg.next_on_dwelling[m];
    mg.remove(m);
}

Holdings holdings_of(const World& w, int32_t h, int zone) {
    Holdings x;
    for (int32_t d = w.hh.first_owned[h]; d != -1; d = w.dw.next_owned[d]) {
        if (zone >= 0 && w.dw.zone[d] != zone) continue;
        x.local_homes += 1;
        const auto how = static_cast<Acquired>(w.dw.acquired[d]);
        x.inherited_homes += how == Acquired::inherited;
        x.legacy_homes += how == Acquired::legacy;
        x.paid_off_resale_homes += how == Acquired::resale && w.dw.mortgage[d] < 0;
        x.resale_homes += how == Acquired::resale;
    }
    const HouseholdProgrammes& hp = w.hp;
    x.homes_elsewhere = zone < 0 && hp.has(h, eligibility::homes_elsewhere);
    x.mortgage_outstanding = w.hh.debt_payment_month[h] > 0;
    x.commercial_history = (hp.history[h] & loan_history::commercial) != 0;
    x.provident_history = (hp.history[h] & loan_history::provident) != 0;
    const YearMonth cutoff = w.levers().policy.recognition.provident_loans_before_not_counted;
    const int cutoff_t = cutoff - w.scenario.run.start + w.scenario.run.burn_in_months;
    x.provident_loans_all_before_cutoff = hp.pf_loan_month[h] < cutoff_t;
    x.children = w.hh.children[h];
    return x;
}

int recognised_homes(const World& w, int32_t h) {
    return recognised_homes_before(holdings_of(w, h), w.levers().policy.recognition);
}

bool nonlocal_buyer(const World& w, int32_t h) {
    return w.hp.has(h, eligibility::new_citizen) &&
           w.t - w.hp.arrival_month[h] < w.scenario.city.nonlocal_months;
}

bool purchase_limited(const World& w, int32_t h) {
    return purchase_limited_at(w, h, recognised_homes(w, h));
}

bool purchase_limited_at(const World& w, int32_t h, int homes_before) {
    const PurchaseLimits& l = w.levers().policy.limits;
    return (l.enabled && homes_before >= l.max_homes) ||
           (l.nonlocal_proof_required && nonlocal_buyer(w, h));
}

bool sold_within_trade_in_window(const World& w, int32_t h) {
    return w.hh.last_sale_month[h] >= 0 && w.t - w.hh.last_sale_month[h] <= 12;
}

PurchaseAids purchase_aids(const World& w, int32_t h, bool new_home) {
    PurchaseAids a;
    const HouseholdProgrammes& hp = w.hp;
    const Policy& p = w.levers().policy;
    if (new_home) a.voucher = hp.voucher_yuan(h);
    const int talent = hp.talent_class(h);
    if (talent > 0 && !hp.has(h, eligibility::talent_subsidised) &&
        w.t - hp.arrival_month[h] <= p.subsidy.talent_window_months) {
        a.talent = p.subsidy.talent_yuan[static_cast<size_t>(talent - 1)];
    }
    const bool sold_recently = sold_within_trade_in_window(w, h);
    if (new_home && sold_recently) a.trade_in = p.subsidy.trade_in_yuan;
    if (sold_recently && p.tax.trade_in_iit_rebate) a.iit_rebate = hp.holding(h).iit_rebate_yuan;
    return a;
}

BuyerPosition buyer_position(const World& w, int32_t h, BuyerKind kind, const PurchaseAids& aids) {
    return buyer_position(w, h, kind, aids, recognised_homes(w, h));
}

BuyerPosition buyer_position(const World& w, int32_t h, BuyerKind kind, const PurchaseAids& aids,
                             int homes_before, int zone) {
    const Households& hh = w.hh;
    const BehaviourParams& b = w.scenario.behaviour;
    const Policy& policy = w.levers().policy;
    BuyerPosition p;
    p.homes_before = homes_before;
    // The provident centre's own count (003 §3(2)), read only where its rule differs.
    const Recognition& rec = policy.recognition;
    const bool by_district = rec.provident_district_homes && zone >= 0;
    if (rec.provident_loan_history != Recognition::ProvidentLoans::as_banks || by_district) {
        Recognition own = rec;
        if (rec.provident_loan_history != Recognition::ProvidentLoans::as_banks) {
            own.count_mortgage_history =
                rec.provident_loan_history == Recognition::ProvidentLoans::counted;
        }
        if (own.count_mortgage_history != rec.count_mortgage_history || by_district) {
            p.provident_homes_before =
                recognised_homes_before(holdings_of(w, h, by_district ? zone : -1), own);
        }
    }
    p.income_month = hh.income_month[h];
    p.existing_payments_month = hh.debt_payment_month[h];
    p.age = hh.age[h];
    p.size = hh.size[h];
    p.provident_eligible = hh.has(h, hh_flag::pf_member) &&
                           hh.pf_months[h] >= policy.provident.min_contribution_months;
    p.provident_priority = provident_priority(w, h);
    p.nonlocal = nonlocal_buyer(w, h);
    p.provident_first_loan = (w.hp.history[h] & loan_history::provident) == 0;
    // The provident balance may be withdrawn to buy a first or second home.
    p.provident_balance = p.homes_before <= 1 ? hh.pf_balance[h] : 0.0;
    double funds = std::max(0.0, hh.savings[h] - b.buffer_months * hh.income_month[h]);
    if (const int32_t parent = hh.living_parent(h); kind == BuyerKind::first_time && parent >= 0) {
        funds += std::max(0.0, hh.savings[parent]) * b.family_help_share;
        // Parents' provident balances (seed 001 §2).
        if (policy.provident.family_withdrawal) funds += hh.pf_balance[parent];
    }
    p.own_funds = funds + p.provident_balance + aids.total();
    return p;
}

bool provident_centre_lending(const World& w) {
    return provident_centre_lends(w, true);
}

bool provident_centre_lends(const World& w, bool first_loan) {
    const ProvidentCredit& f = w.levers().policy.provident;
    double floor = f.liquidity_floor_share * w.pf.member_balances_yuan;
    if (f.liquidity_line_yuan > 0) floor -= f.liquidity_line_yuan / w.scale;
    if (f.first_loans_first && !first_loan) {
        floor += f.first_loans_reserve_share * w.pf.member_balances_yuan;
    }
    return w.pf.cash_yuan > floor;
}

double repay_loans_on(World& w, int32_t d, double proceeds, int32_t seller) {
    Mortgages& mg = w.mg;
    for (int32_t m = w.dw.mortgage[d]; m != -1;) {
        const int32_t next = mg.next_on_dwelling[m];
        const auto lender = static_cast<Lender>(mg.lender[m]);
        double owed = mg.balance_yuan[m];
        const double from_sale = std::min(owed, std::max(0.0, proceeds));
        proceeds -= from_sale;
        owed -= from_sale;
        double from_savings = 0;
        if (owed > 0 && seller >= 0) {
            from_savings = std::min(owed, std::max(0.0, w.hh.savings[seller]));
            w.hh.savings[seller] -= from_savings;
            owed -= from_savings;
        }
        lender_cash(w, lender) += from_sale + from_savings;
        if (owed > 0) {
            if (lender == Lender::provident) {
                w.pf.losses_yuan += owed;
            } else {
                w.bank.losses_yuan += owed;
            }
        }
        close_loan(w, m);
        m = next;
    }
    return proceeds;
}

double pledge_per_unit(const Project& p) {
    return p.loan_yuan > 0 && p.stage == Stage::completed && p.unsold() > 0
               ? p.loan_yuan / p.unsold()
               : 0.0;
}

bool pledge_allows_sale(const World& w, const Project& p) {
    const double share = pledge_per_unit(p);
    return share <= 0 || w.levers().policy.sales.new_transfer_with_mortgage ||
           w.developers[static_cast<size_t>(p.developer)].cash_yuan >= share;
}

void release_unit_pledge(World& w, Project& p) {
    const double share = pledge_per_unit(p);
    if (share <= 0) return;
    Developer& dev = w.developers[static_cast<size_t>(p.developer)];
    dev.cash_yuan -= share;
    dev.loan_yuan -= share;
    p.loan_yuan -= share;
    w.bank.dev_loans_yuan -= share;
    w.bank.cash_yuan += share;
}

double bridging_fee(const World& w, int32_t h, double owed) {
    if (w.levers().policy.sales.resale_transfer_with_mortgage || owed <= 0) return 0;
    const double bridged = std::max(0.0, owed - std::max(0.0, w.hh.savings[h]));
    return w.scenario.behaviour.bridging_cost_share * bridged;
}

double loans_on(const World& w, int32_t d) {
    double owed = 0;
    for (int32_t m = w.dw.mortgage[d]; m != -1; m = w.mg.next_on_dwelling[m])
        owed += w.mg.balance_yuan[m];
    return owed;
}

void list_for_resale(World& w, int32_t d, double ask) {
    if (w.dw.ask_yuan[d] > 0) return;  // already listed
    if (w.dw.acquired[d] == static_cast<uint8_t>(Acquired::affordable)) {
        soe_buy_back(w, d);  // closed loop (seed 002 §2(6)): never sold to the market
        return;
    }
    w.dw.ask_yuan[d] = static_cast<float>(ask);
    w.dw.listed_month[d] = static_cast<int16_t>(w.t);
    w.dw.months_vacant[d] = 0;  // off the rental market; a buyer starts afresh
}

double prospective_loss(const World& w, int32_t d, double value) {
    return std::max(0.0, static_cast<double>(w.dw.purchase_price_yuan[d]) - value);
}

double opening_ask(const World& w, int32_t d) {
    const double value = market_value(w, d);
    return value * (1.0 + w.market.resale_markup) +
           w.scenario.behaviour.loss_aversion_ask_share * prospective_loss(w, d, value);
}

double appraisal(const World& w, int32_t d) {
    return market_value(w, d);
}

}  // namespace housim
