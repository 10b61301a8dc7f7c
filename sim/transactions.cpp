#include "sim/transactions.hpp"

#include <algorithm>

#include "sim/ownership.hpp"
#include "sim/valuation.hpp"

namespace housim {

namespace {

double& lender_cash(World& w, Lender l) {
    return l == Lender::provident ? w.pf.cash_yuan : w.bank.cash_yuan;
}

// After selling the home it lives in, a household moves into another home it owns that
// stands empty, or else out of the market stock; a sell-first upgrader starts searching.
void relocate_seller(World& w, int32_t h) {
    for (int32_t d = w.hh.first_owned[h]; d != -1; d = w.dw.next_owned[d]) {
        if (w.dw.completed(d) && w.dw.occupant[d] == -1) {
            move_in(w, h, d);
            return;
        }
    }
    move_out(w, h);
    if (w.hh.has(h, hh_flag::selling_to_move)) {
        w.hh.set(h, hh_flag::selling_to_move, false);
        if (w.hh.homes_owned[h] == 0) w.hh.set(h, hh_flag::wants_to_buy, true);
    }
}

// Seller side of a resale: loans repaid, proceeds to the seller (or out of the city for an
// estate), occupants out.
void settle_resale_seller(World& w, int32_t d, double price) {
    const int32_t seller =
        w.dw.owner_kind[d] == static_cast<uint8_t>(OwnerKind::household) ? w.dw.owner[d] : -1;
    const double proceeds = repay_loans_on(w, d, price, seller);
    if (seller >= 0) {
        w.hh.savings[seller] += proceeds;
        w.hh.last_sale_month[seller] = static_cast<int16_t>(w.t);
    } else {
        w.ledger.add(Flow::departures, -proceeds);
    }
    w.dw.ask_yuan[d] = 0;
    const int32_t occupant = w.dw.occupant[d];
    clear_title(w, d);
    if (occupant >= 0) {
        if (occupant == seller) {
            move_out(w, seller);
            relocate_seller(w, seller);
        } else {
            move_out(w, occupant);  // a tenant loses the tenancy
        }
    }
}

PurchaseResult execute_purchase(World& w, int32_t h, int32_t d, double price, BuyerKind kind,
                                int32_t project) {
    const Policy& policy = w.levers().policy;
    const BuyerPosition pos = buyer_position(w, h, kind);
    const CreditOffer offer =
        credit_offer(pos, policy, w.levers().exogenous.lpr_5y_annual, provident_centre_lending(w));
    const double tax = deed_tax_rate(policy.tax, w.dw.area_m2[d], pos.homes_before) * price;
    const Financing fin = plan_financing(pos, offer, price, tax);
    if (!fin.ok) return {};

    // Own funds: the provident balance first, then family help, then savings.
    Households& hh = w.hh;
    double rest = fin.own_funds_used;
    const double from_pf = std::min(rest, pos.provident_balance);
    hh.pf_balance[h] -= from_pf;
    w.pf.cash_yuan -= from_pf;
    rest -= from_pf;
    if (const int32_t parent = hh.living_parent(h); kind == BuyerKind::first_time && parent >= 0) {
        const double help = std::min(
            rest, std::max(0.0, hh.savings[parent]) * w.scenario.behaviour.family_help_share);
        hh.savings[parent] -= help;
        rest -= help;
    }
    hh.savings[h] -= rest;

    // Loans: the lenders pay the seller.
    const double payment_before = hh.debt_payment_month[h];
    if (fin.provident_loan > 0) {
        add_loan(w, h, d, Lender::provident, fin.provident_loan, offer.rate_provident,
                 offer.term_provident);
        w.pf.cash_yuan -= fin.provident_loan;
        w.month.mortgages_provident_count += 1;
        w.month.mortgages_provident_yuan += fin.provident_loan;
    }
    if (fin.commercial_loan > 0) {
        add_loan(w, h, d, Lender::commercial, fin.commercial_loan, offer.rate_commercial,
                 offer.term_commercial);
        w.bank.cash_yuan -= fin.commercial_loan;
        w.month.mortgages_commercial_count += 1;
        w.month.mortgages_commercial_yuan += fin.commercial_loan;
    }
    const double loans = fin.provident_loan + fin.commercial_loan;
    if (loans > 0) {
        w.financed_purchases += 1;
        w.month.new_loan_ltv_mean += loans / price;  // sums; divided by count at month end
        w.month.new_loan_pti_mean +=
            (payment_before + fin.payment_month) / std::max(1.0, pos.income_month);
    }
    w.gov.cash_yuan += tax;
    w.month.deed_tax_yuan += tax;

    // Seller side and title.
    if (project >= 0) {
        Project& pr = w.projects[static_cast<size_t>(project)];
        if (pr.stage == Stage::completed) {
            w.developers[static_cast<size_t>(pr.developer)].cash_yuan += price;
        } else {
            pr.escrow_yuan += price;
            pr.escrow_paid_in_yuan += price;
        }
        pr.units_sold += 1;
        pr.month_sales += 1;
        give_title_to_household(w, d, h, Acquired::new_purchase);
        w.dw.use[d] = static_cast<uint8_t>(
            pr.stage == Stage::completed ? DwellingUse::vacant : DwellingUse::under_construction);
        w.month.new_sales_units += 1;
        w.month.new_sales_m2 += w.dw.area_m2[d];
        w.month.new_price_per_m2 += price;  // sums; divided at month end
        w.history.new_price_sum.back() += price;
        w.history.new_ref_sum.back() += hedonic_weight(w, d) * w.market.reference_price_per_m2;
        if (hh.last_sale_month[h] >= 0 && w.t - hh.last_sale_month[h] <= 12) {
            w.month.trade_ins += 1;
        }
    } else {
        settle_resale_seller(w, d, price);
        give_title_to_household(w, d, h, Acquired::resale);
        w.month.resale_sales_units += 1;
        w.month.resale_price_per_m2 += price / w.dw.area_m2[d];
        w.history.resale_price_sum.back() += price;
        w.history.resale_ref_sum.back() += hedonic_weight(w, d) * w.market.reference_price_per_m2;
    }

    // Buyer moves in when the home is built and it is to live in.
    const bool built = w.dw.completed(d);
    switch (kind) {
        case BuyerKind::first_time:
        case BuyerKind::mover:
            hh.set(h, hh_flag::wants_to_buy, false);
            if (built) move_in(w, h, d);
            break;
        case BuyerKind::upgrade_buy_first: {
            const int32_t old_home = hh.home[h];
            if (built) move_in(w, h, d);
            if (old_home >= 0 && w.dw.owner[old_home] == h &&
                w.dw.owner_kind[old_home] == static_cast<uint8_t>(OwnerKind::household)) {
                hh.set(h, hh_flag::selling_to_move, true);
                list_for_resale(
                    w, old_home,
                    market_value(w, old_home) * (1.0 + w.scenario.behaviour.resale_markup));
            }
            break;
        }
        case BuyerKind::investor:
            break;
    }
    switch (kind) {
        case BuyerKind::first_time:
            w.month.first_time_buyers += 1;
            break;
        case BuyerKind::upgrade_buy_first:
        case BuyerKind::mover:
            w.month.upgraders += 1;
            break;
        case BuyerKind::investor:
            w.month.investor_purchases += 1;
            break;
    }
    return PurchaseResult{true, loans};
}

}  // namespace

int32_t add_loan(World& w, int32_t borrower, int32_t dwelling, Lender lender, double principal,
                 double rate_annual, int term_months) {
    Mortgages& mg = w.mg;
    const int32_t m = mg.add();
    mg.lender[m] = static_cast<uint8_t>(lender);
    mg.borrower[m] = borrower;
    mg.dwelling[m] = dwelling;
    mg.balance_yuan[m] = principal;
    mg.rate_annual[m] = static_cast<float>(rate_annual);
    mg.months_left[m] = static_cast<int16_t>(term_months);
    mg.payment_month[m] = static_cast<float>(annuity_payment(principal, rate_annual, term_months));
    mg.next_on_dwelling[m] = w.dw.mortgage[dwelling];
    w.dw.mortgage[dwelling] = m;
    w.hh.debt_payment_month[borrower] += mg.payment_month[m];
    w.hh.set(borrower, hh_flag::ever_borrowed, true);
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

bool provident_centre_lending(const World& w) {
    return w.pf.cash_yuan >
           w.levers().policy.provident.liquidity_floor_share * w.pf.member_balances_yuan;
}

BuyerPosition buyer_position(const World& w, int32_t h, BuyerKind kind) {
    const Households& hh = w.hh;
    const BehaviourParams& b = w.scenario.behaviour;
    const Policy& policy = w.levers().policy;
    BuyerPosition p;
    p.homes_before = recognised_homes_before(hh.homes_owned[h], hh.has(h, hh_flag::ever_borrowed),
                                             policy.recognition);
    p.income_month = hh.income_month[h];
    p.existing_payments_month = hh.debt_payment_month[h];
    p.age = hh.age[h];
    p.size = hh.size[h];
    p.provident_eligible = hh.has(h, hh_flag::pf_member) &&
                           hh.pf_months[h] >= policy.provident.min_contribution_months;
    // The provident balance may be withdrawn to buy a first or second home.
    p.provident_balance = p.homes_before <= 1 ? hh.pf_balance[h] : 0.0;
    double funds = std::max(0.0, hh.savings[h] - b.buffer_months * hh.income_month[h]);
    if (const int32_t parent = hh.living_parent(h); kind == BuyerKind::first_time && parent >= 0) {
        funds += std::max(0.0, hh.savings[parent]) * b.family_help_share;
    }
    p.own_funds = funds + p.provident_balance;
    return p;
}

PurchaseResult buy_new_home(World& w, int32_t h, int32_t project, BuyerKind kind) {
    const Project& pr = w.projects[static_cast<size_t>(project)];
    if (pr.unsold() <= 0) return {};
    const int32_t d = pr.next_unsold_dwelling();
    const double price = pr.list_price_per_m2 * pr.unit_area_m2;
    return execute_purchase(w, h, d, price, kind, project);
}

PurchaseResult buy_resale_home(World& w, int32_t h, int32_t d, BuyerKind kind) {
    if (w.dw.ask_yuan[d] <= 0) return {};
    return execute_purchase(w, h, d, w.dw.ask_yuan[d], kind, -1);
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

void list_for_resale(World& w, int32_t d, double ask) {
    if (w.dw.ask_yuan[d] > 0) return;  // already listed
    w.dw.ask_yuan[d] = static_cast<float>(ask);
    w.dw.listed_month[d] = static_cast<int16_t>(w.t);
}

}  // namespace housim
