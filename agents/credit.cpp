#include "agents/credit.hpp"

#include <algorithm>

#include "agents/mortgages.hpp"

namespace housim {

double commercial_rate_annual(const CommercialCredit& c, double lpr_annual, int homes_before) {
    const bool first = homes_before == 0;
    double rate = lpr_annual + (first ? c.rate_spread_first_annual : c.rate_spread_second_annual);
    if (c.rate_floor_enabled) {
        const double floor = lpr_annual + (first ? c.rate_floor_spread_first_annual
                                                 : c.rate_floor_spread_second_annual);
        rate = std::max(rate, floor);
    }
    return std::max(rate, 0.0);
}

double provident_rate_annual(const ProvidentCredit& p, int homes_before, int term_months) {
    const bool short_term = term_months <= 60;
    if (homes_before == 0) return short_term ? p.rate_first_le5y_annual : p.rate_first_gt5y_annual;
    return short_term ? p.rate_second_le5y_annual : p.rate_second_gt5y_annual;
}

double provident_min_down_payment(const ProvidentCredit& p, int homes_before, bool affordable) {
    if (affordable) return p.min_down_payment_affordable;
    return homes_before == 0 ? p.min_down_payment_first : p.min_down_payment_second;
}

double provident_cap(const ProvidentCredit& f, const BuyerPosition& b, const HomeTerms& home) {
    const double base = b.size >= 2 ? f.loan_cap_couple_yuan : f.loan_cap_single_yuan;
    const double priority = b.provident_priority ? f.loan_cap_priority_yuan : 0.0;
    const double completed = home.completed ? base * f.completed_home_cap_raise : 0.0;
    const double quality = home.high_quality ? f.high_quality_cap_raise_yuan : 0.0;
    if (f.cap_raises_stack) return std::max(base, priority) + completed + quality;
    // Not stacking (000 §12): the largest of the caps that apply.
    return std::max({base, priority, base + completed, base + quality});
}

int loan_term_months(int max_term_months, int max_age_at_maturity, int age) {
    const int by_age = (max_age_at_maturity - age) * 12;
    const int term = std::min(max_term_months, by_age);
    return term >= 12 ? term : 0;
}

CreditOffer credit_offer(const BuyerPosition& b, const Policy& p, double lpr_annual,
                         bool provident_centre_lending, const HomeTerms& home) {
    CreditOffer o;
    const CommercialCredit& c = p.commercial;
    o.payment_capacity_month =
        std::max(0.0, c.pti_cap * b.income_month - b.existing_payments_month);
    // Banks that do not lend to non-local buyers leave them to pay cash (004 §3(2)).
    o.term_commercial = b.nonlocal && !c.nonlocal_loans
                            ? 0
                            : loan_term_months(c.max_term_months, c.max_age_at_maturity, b.age);
    o.rate_commercial = commercial_rate_annual(c, lpr_annual, b.homes_before);
    o.min_dp_commercial = c.min_down_payment.for_count(b.homes_before);
    if (o.term_commercial > 0) {
        o.commercial_max =
            annuity_principal(o.payment_capacity_month, o.rate_commercial, o.term_commercial);
    }
    // The provident centre lends for first and second homes only, to members with enough
    // history, within its cap and a multiple of the balance, while it has cash.
    // It may count homes by its own rule (003 §3(2)).
    const ProvidentCredit& f = p.provident;
    const int pf_homes = b.provident_homes_before >= 0 ? b.provident_homes_before : b.homes_before;
    o.term_provident = loan_term_months(f.max_term_months, c.max_age_at_maturity, b.age);
    if (b.provident_eligible && provident_centre_lending && pf_homes <= 1 && o.term_provident > 0) {
        o.rate_provident = provident_rate_annual(f, pf_homes, o.term_provident);
        o.min_dp_provident = provident_min_down_payment(f, pf_homes, home.affordable);
        const double cap = provident_cap(f, b, home);
        o.provident_max = std::min(
            {cap, f.balance_multiple * b.provident_balance,
             annuity_principal(o.payment_capacity_month, o.rate_provident, o.term_provident)});
        o.provident_max = std::max(0.0, o.provident_max);
    }
    return o;
}

namespace {

// Largest commercial loan once a provident loan of `pf` takes its share of the capacity.
double commercial_room(const CreditOffer& o, double pf) {
    if (o.term_commercial == 0) return 0;
    const double used = pf > 0 ? annuity_payment(pf, o.rate_provident, o.term_provident) : 0;
    return annuity_principal(std::max(0.0, o.payment_capacity_month - used), o.rate_commercial,
                             o.term_commercial);
}

// A combination loan is underwritten against both lenders' down-payment rules.
double combined_min_dp(const CreditOffer& o) {
    return std::max(o.min_dp_provident, o.min_dp_commercial);
}

}  // namespace

double max_price(const BuyerPosition& b, const CreditOffer& o, double tax_rate) {
    const double funds = std::max(0.0, b.own_funds);
    double best = funds / (1.0 + tax_rate);  // cash purchase
    auto consider = [&](double min_dp, double loan_max) {
        const double by_dp = funds / (min_dp + tax_rate);
        const double by_loan = (funds + loan_max) / (1.0 + tax_rate);
        best = std::max(best, std::min(by_dp, by_loan));
    };
    if (o.provident_max > 0) {
        consider(o.min_dp_provident, o.provident_max);
        consider(combined_min_dp(o), o.provident_max + commercial_room(o, o.provident_max));
    }
    if (o.commercial_max > 0) consider(o.min_dp_commercial, o.commercial_max);
    return best;
}

Financing plan_financing(const BuyerPosition& b, const CreditOffer& o, double price, double tax) {
    Financing f;
    const double funds = std::max(0.0, b.own_funds);
    const double need = price + tax;
    const double loan = std::max(0.0, need - funds);
    f.own_funds_used = need - loan;
    if (loan <= 0) {
        f.ok = true;
        return f;
    }
    // Provident alone, cheapest.
    if (o.provident_max >= loan && loan <= (1.0 - o.min_dp_provident) * price) {
        f.ok = true;
        f.provident_loan = loan;
        f.payment_month = annuity_payment(loan, o.rate_provident, o.term_provident);
        return f;
    }
    // Provident first and commercial for the rest (组合贷); failing that, commercial alone
    // (its down payment may be lower than the provident one, seed 001 §1-2).
    for (const double pf : {std::min(o.provident_max, loan), 0.0}) {
        const double commercial = loan - pf;
        const double min_dp = pf > 0 ? combined_min_dp(o) : o.min_dp_commercial;
        if (commercial <= commercial_room(o, pf) && loan <= (1.0 - min_dp) * price) {
            f.ok = true;
            f.provident_loan = pf;
            f.commercial_loan = commercial;
            f.payment_month =
                (pf > 0 ? annuity_payment(pf, o.rate_provident, o.term_provident) : 0) +
                annuity_payment(commercial, o.rate_commercial, o.term_commercial);
            return f;
        }
    }
    return f;
}

double deed_tax_rate(const Tax& t, double area_m2, int homes_before) {
    // A home above the ordinary-home line is taxed as a second home's large home (004 §1(2)).
    if (t.ordinary_max_m2 > 0 && area_m2 > t.ordinary_max_m2) return t.deed_large_second_rate;
    if (area_m2 <= t.deed_small_max_m2) return t.deed_small_rate;
    return homes_before == 0 ? t.deed_large_first_rate : t.deed_large_second_rate;
}

}  // namespace housim
