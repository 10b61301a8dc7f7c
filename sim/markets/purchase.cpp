// A purchase from start to end: financing under the levers, the buyer's money and aids,
// the seller's side (developer, household, estate or the SOE), title, and where the buyer
// lives afterwards.
#include <algorithm>

#include "sim/markets/ownership.hpp"
#include "sim/markets/transactions.hpp"
#include "sim/markets/valuation.hpp"

namespace housim {

namespace {

enum class Source : uint8_t { developer, resale, affordable };

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

// Taxes a household seller owes on a resale (seed 004 §1(4)): a tax on the price within
// the holding period, and income tax unless it is the seller's only home held long enough.
double seller_taxes(World& w, int32_t d, int32_t seller, double price) {
    const Tax& t = w.levers().policy.tax;
    const double years = (w.t - w.dw.purchase_month[d]) / 12.0;
    // Homes above the ordinary-home line (004 §1(2)) are never exempt.
    const bool ordinary = t.ordinary_max_m2 <= 0 || w.dw.area_m2[d] <= t.ordinary_max_m2;
    double tax = years < t.resale_vat_exempt_years || !ordinary ? t.resale_vat_rate * price : 0.0;
    const bool only_home = seller >= 0 && w.hh.homes_owned[seller] == 1;
    double iit = 0;
    if (!(only_home && years >= t.resale_iit_exempt_years)) iit = t.resale_iit_rate * price;
    if (seller >= 0) w.hp.set_iit_rebate(seller, iit);
    tax += iit;
    w.gov.cash_yuan += tax;
    w.month.resale_tax_yuan += tax;
    return tax;
}

// Seller side of a sale of an existing home: taxes, loans repaid, proceeds to the seller
// (a household, a developer that took it in a trade-in, or out of the city for an estate),
// occupants out, title cleared.
void settle_existing_seller(World& w, int32_t d, double price) {
    const auto kind = static_cast<OwnerKind>(w.dw.owner_kind[d]);
    const int32_t owner = w.dw.owner[d];
    const int32_t seller = kind == OwnerKind::household ? owner : -1;
    // Developers' trade-in stock and closed-loop homes (seed 002 §2(3)) pay no resale tax.
    const bool exempt = kind == OwnerKind::developer ||
                        w.dw.acquired[d] == static_cast<uint8_t>(Acquired::affordable);
    const double taxes = exempt ? 0.0 : seller_taxes(w, d, seller, price);
    if (exempt && seller >= 0) w.hp.set_iit_rebate(seller, 0);  // this sale paid none
    // Without 带押过户 the seller pays for bridging finance to clear its loans first; the fee
    // goes to the bank.
    const double fee = seller >= 0 ? bridging_fee(w, seller, loans_on(w, d)) : 0.0;
    w.bank.cash_yuan += fee;
    w.month.bridging_fees_yuan += fee;
    const double proceeds = repay_loans_on(w, d, price - taxes - fee, seller);
    if (seller >= 0) {
        w.hh.savings[seller] += proceeds;
        w.hh.last_sale_month[seller] = static_cast<int16_t>(w.t);
    } else if (kind == OwnerKind::developer) {
        w.developers[static_cast<size_t>(owner)].cash_yuan += proceeds;
    } else {
        w.ledger.add(Flow::departures, -proceeds);
    }
    w.dw.ask_yuan[d] = 0;
    const int32_t occupant = w.dw.occupant[d];
    clear_title(w, d);
    if (occupant >= 0) {
        move_out(w, occupant);  // a tenant loses the tenancy; the seller moves on
        if (occupant == seller) relocate_seller(w, seller);
    }
}

// The buyer's own money: aids first (paid in by the government), the provident balance,
// the parents' provident balances and savings, then its own savings.
void pay_own_funds(World& w, int32_t h, BuyerKind kind, double needed, const PurchaseAids& aids,
                   double provident_balance) {
    Households& hh = w.hh;
    const double grants = aids.talent + aids.trade_in + aids.iit_rebate;
    w.gov.cash_yuan -= grants;
    hh.savings[h] += grants;
    w.month.subsidies_yuan += aids.talent + aids.trade_in;
    if (aids.talent > 0) {
        w.hp.set(h, eligibility::talent_subsidised, true);
        w.hp.set_talent_subsidy(h, aids.talent);
    }
    if (aids.iit_rebate > 0) w.hp.set_iit_rebate(h, 0);
    double rest = needed - aids.voucher;
    const double from_pf = std::clamp(rest, 0.0, provident_balance);
    hh.pf_balance[h] -= from_pf;
    w.pf.cash_yuan -= from_pf;
    rest -= from_pf;
    if (const int32_t parent = hh.living_parent(h);
        kind == BuyerKind::first_time && parent >= 0 && rest > 0) {
        if (w.levers().policy.provident.family_withdrawal) {
            const double from_parent_pf = std::min(rest, hh.pf_balance[parent]);
            hh.pf_balance[parent] -= from_parent_pf;
            w.pf.cash_yuan -= from_parent_pf;
            rest -= from_parent_pf;
        }
        const double help = std::min(
            rest, std::max(0.0, hh.savings[parent]) * w.scenario.behaviour.family_help_share);
        hh.savings[parent] -= help;
        rest -= help;
    }
    hh.savings[h] -= std::max(0.0, rest);
}

void book_loans(World& w, int32_t h, int32_t d, const Financing& fin, const CreditOffer& offer,
                double price, double income) {
    const double payment_before = w.hh.debt_payment_month[h];
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
        w.month.new_loan_pti_mean += (payment_before + fin.payment_month) / std::max(1.0, income);
    }
}

void pay_developer(World& w, Project& pr, double amount) {
    if (pr.stage == Stage::completed) {
        w.developers[static_cast<size_t>(pr.developer)].cash_yuan += amount;
    } else {
        pr.escrow_yuan += amount;
        pr.escrow_paid_in_yuan += amount;
    }
}

void record_new_sale(World& w, int32_t d, double price) {
    const double reference = hedonic_weight(w, d) * w.market.reference_price_per_m2;
    w.month.new_sales_units += 1;
    w.month.new_sales_m2 += w.dw.area_m2[d];
    w.month.new_price_per_m2 += price;  // sums; divided at month end
    w.history.new_price_sum.back() += price;
    w.history.new_ref_sum.back() += reference;
    ZoneState& z = w.zones[w.dw.zone[d]];
    z.month.new_sales_units += 1;
    z.month.new_sales_m2 += w.dw.area_m2[d];
    z.new_price_sum.back() += price;
    z.new_ref_sum.back() += reference;
}

void record_resale(World& w, int32_t d, double price) {
    const double reference = hedonic_weight(w, d) * w.market.reference_price_per_m2;
    w.month.resale_sales_units += 1;
    w.month.resale_price_per_m2 += price / w.dw.area_m2[d];
    w.history.resale_price_sum.back() += price;
    w.history.resale_ref_sum.back() += reference;
    ZoneState& z = w.zones[w.dw.zone[d]];
    z.month.resale_sales_units += 1;
    z.resale_price_sum.back() += price;
    z.resale_ref_sum.back() += reference;
}

void move_buyer(World& w, int32_t h, int32_t d, BuyerKind kind) {
    Households& hh = w.hh;
    const bool built = w.dw.completed(d);
    switch (kind) {
        case BuyerKind::first_time:
        case BuyerKind::mover:
        case BuyerKind::trade_in:
            hh.set(h, hh_flag::wants_to_buy, false);
            if (built) move_in(w, h, d);
            break;
        case BuyerKind::upgrade_buy_first: {
            const int32_t old_home = hh.home[h];
            if (built) move_in(w, h, d);
            // A closed-loop home (seed 002 §2(6)) can only go back to the SOE at its capped
            // price: its owner keeps it, and if it stands empty the SOE buys it back after
            // policy.affordable.buyback_idle_months (sim/programmes/affordable.cpp).
            if (old_home >= 0 && w.dw.owner[old_home] == h &&
                w.dw.owner_kind[old_home] == static_cast<uint8_t>(OwnerKind::household) &&
                w.dw.acquired[old_home] != static_cast<uint8_t>(Acquired::affordable)) {
                hh.set(h, hh_flag::selling_to_move, true);
                list_for_resale(w, old_home, opening_ask(w, old_home));
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
        case BuyerKind::trade_in:
            w.month.upgraders += 1;
            break;
        case BuyerKind::investor:
            w.month.investor_purchases += 1;
            break;
    }
}

HomeTerms terms_of(const World& w, int32_t d, Source source) {
    return HomeTerms{w.dw.completed(d), w.dw.quality[d] == static_cast<uint8_t>(Quality::high),
                     source == Source::affordable};
}

// Deed tax, with the exemption of displaced households up to their compensation.
double deed_tax(const World& w, int32_t h, int32_t d, double price, int homes_before) {
    const Tax& t = w.levers().policy.tax;
    double tax = deed_tax_rate(t, w.dw.area_m2[d], homes_before) * price;
    const bool displaced = (w.hp.history[h] & loan_history::displaced) != 0;
    if (displaced && t.displaced_deed_tax_exempt) tax = 0;
    return tax;
}

// A purchase with a bridging loan against `old`, which h is selling (灵活抵押, 003 §5(2)),
// is underwritten as the sale-and-purchase it is: the old home neither counts as a home
// nor its loans' payments against the income, and its equity up to the bank's ceiling is
// the buyer's. Returns that equity (the most the bridging loan may be).
double underwrite_as_sold(const World& w, int32_t old, BuyerPosition& pos) {
    for (int32_t m = w.dw.mortgage[old]; m != -1; m = w.mg.next_on_dwelling[m])
        pos.existing_payments_month -= w.mg.payment_month[m];
    pos.homes_before = std::max(0, pos.homes_before - 1);
    if (pos.provident_homes_before > 0) pos.provident_homes_before -= 1;
    const double room = std::max(
        0.0, w.levers().policy.trade_in.bridging_ltv * appraisal(w, old) - loans_on(w, old));
    pos.own_funds += room;
    return room;
}

// Books the bridging loan of `amount` on h's old home, on the terms of a commercial loan.
void book_bridging_loan(World& w, int32_t h, int32_t old, double amount, const CreditOffer& offer) {
    if (amount <= 0) return;
    add_loan(w, h, old, Lender::commercial, amount, offer.rate_commercial, offer.term_commercial);
    w.bank.cash_yuan -= amount;
    w.hh.savings[h] += amount;
    w.month.bridging_loans_yuan += amount;
}

PurchaseResult execute_purchase(World& w, int32_t h, int32_t d, double price, BuyerKind kind,
                                Source source, int32_t project, int32_t bridged_home = -1) {
    const int homes_before = recognised_homes(w, h);
    if (purchase_limited_at(w, h, homes_before)) return {};
    if (source == Source::developer &&
        !pledge_allows_sale(w, w.projects[static_cast<size_t>(project)])) {
        return {};  // the home is still pledged for the developer's loan (001 §14)
    }
    const Policy& policy = w.levers().policy;
    const PurchaseAids aids = purchase_aids(w, h, source == Source::developer);
    BuyerPosition pos = buyer_position(w, h, kind, aids, homes_before, w.dw.zone[d]);
    const double bridge_room = bridged_home >= 0 ? underwrite_as_sold(w, bridged_home, pos) : 0.0;
    const CreditOffer offer =
        credit_offer(pos, policy, w.levers().exogenous.lpr_5y_annual,
                     provident_centre_lends(w, pos.provident_first_loan), terms_of(w, d, source));
    if (bridge_room > 0 && offer.term_commercial <= 0) return {};  // the bank does not lend
    const double tax = deed_tax(w, h, d, price, pos.homes_before);
    const Financing fin = plan_financing(pos, offer, price, tax);
    if (!fin.ok) return {};

    // The bridging loan covers what the buyer's own money does not.
    book_bridging_loan(
        w, h, bridged_home,
        std::clamp(fin.own_funds_used - (pos.own_funds - bridge_room), 0.0, bridge_room), offer);
    pay_own_funds(w, h, kind, fin.own_funds_used, aids, pos.provident_balance);
    book_loans(w, h, d, fin, offer, price, pos.income_month);
    w.gov.cash_yuan += tax;
    w.month.deed_tax_yuan += tax;
    // A voucher is redeemed by the government paying the developer.
    const double voucher_used = std::min(aids.voucher, fin.own_funds_used);
    if (voucher_used > 0) {
        w.gov.cash_yuan -= voucher_used;
        w.hp.clear_voucher(h);
        w.month.vouchers_redeemed_yuan += voucher_used;
        // What the voucher is worth beyond this purchase is paid out in cash.
        const double left = aids.voucher - voucher_used;
        w.gov.cash_yuan -= left;
        w.hh.savings[h] += left;
    }

    switch (source) {
        case Source::developer: {
            Project& pr = w.projects[static_cast<size_t>(project)];
            pay_developer(w, pr, price);
            release_unit_pledge(w, pr);
            pr.units_sold += 1;
            pr.month_sales += 1;
            give_title_to_household(w, d, h, Acquired::new_purchase);
            w.dw.use[d] = static_cast<uint8_t>(pr.stage == Stage::completed
                                                   ? DwellingUse::vacant
                                                   : DwellingUse::under_construction);
            record_new_sale(w, d, price);
            if (sold_within_trade_in_window(w, h)) {
                w.month.trade_ins += 1;
            }
            break;
        }
        case Source::resale:
            settle_existing_seller(w, d, price);
            give_title_to_household(w, d, h, Acquired::resale);
            record_resale(w, d, price);
            break;
        case Source::affordable:
            w.soe.cash_yuan += price;
            clear_title(w, d);
            give_title_to_household(w, d, h, Acquired::affordable);
            w.dw.use[d] = static_cast<uint8_t>(DwellingUse::vacant);
            break;
    }
    w.dw.purchase_price_yuan[d] = static_cast<float>(price);
    move_buyer(w, h, d, kind);
    if (bridged_home >= 0) {  // bought on the old home's equity: it stays for sale
        w.hh.set(h, hh_flag::selling_to_move, true);
        list_for_resale(w, bridged_home, opening_ask(w, bridged_home));
    }
    return PurchaseResult{true, fin.provident_loan + fin.commercial_loan};
}

}  // namespace

PurchaseResult buy_new_home(World& w, int32_t h, int32_t project, BuyerKind kind, bool reserved,
                            int32_t bridged_home) {
    Project& pr = w.projects[static_cast<size_t>(project)];
    if (reserved ? pr.units_reserved <= 0 : pr.available() <= 0) return {};
    // The sold block grows at its end: a reserved unit is the next unsold one; an offered
    // unit is the next after the reservations, which therefore shift by one.
    const int32_t d = pr.next_unsold_dwelling();
    const double price = pr.list_price_per_m2 * (1.0 - w.market.list_discount) * pr.unit_area_m2;
    if (reserved) pr.units_reserved -= 1;
    const PurchaseResult r =
        execute_purchase(w, h, d, price, kind, Source::developer, project, bridged_home);
    if (reserved && !r.done) pr.units_reserved += 1;
    return r;
}

PurchaseResult buy_resale_home(World& w, int32_t h, int32_t d, BuyerKind kind) {
    if (w.dw.ask_yuan[d] <= 0) return {};
    return execute_purchase(w, h, d, w.dw.ask_yuan[d], kind, Source::resale, -1);
}

PurchaseResult buy_resale_home_at(World& w, int32_t h, int32_t d, BuyerKind kind, double price) {
    if (w.dw.ask_yuan[d] <= 0 || price < w.dw.ask_yuan[d]) return {};  // never below the ask
    return execute_purchase(w, h, d, price, kind, Source::resale, -1);
}

PurchaseResult buy_affordable_home(World& w, int32_t h, int32_t d, double price) {
    return execute_purchase(w, h, d, price, BuyerKind::first_time, Source::affordable, -1);
}

void institution_buys(World& w, int32_t d, OwnerKind buyer, int32_t buyer_id, double price) {
    if (buyer == OwnerKind::developer) {
        w.developers[static_cast<size_t>(buyer_id)].cash_yuan -= price;
    } else {
        w.soe.cash_yuan -= price;
    }
    settle_existing_seller(w, d, price);
    give_title_to_institution(w, d, buyer, buyer_id);
    w.dw.purchase_month[d] = static_cast<int16_t>(w.t);
    w.dw.purchase_price_yuan[d] = static_cast<float>(price);
}

}  // namespace housim
