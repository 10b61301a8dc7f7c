// The lenders' rules (commercial bank and provident-fund centre) and the buyer's budget
// (MODEL.md §5 "Budget" and "Banks"): pure functions of the household's position and the
// levers, so they can be tested alone and called from any thread.
#pragma once

#include "sim/scenario/policy.hpp"

namespace housim {

double commercial_rate_annual(const CommercialCredit& c, double lpr_annual, int homes_before);
double provident_rate_annual(const ProvidentCredit& p, int homes_before, int term_months);
double provident_min_down_payment(const ProvidentCredit& p, int homes_before, bool affordable);

// Longest term a borrower of this age can get (0: none).
int loan_term_months(int max_term_months, int max_age_at_maturity, int age);

// What the buyer brings and earns; everything in yuan, income per month.
struct BuyerPosition {
    double own_funds = 0;  // savings above the buffer + provident balance + family help
    double income_month = 0;
    double existing_payments_month = 0;
    int age = 30;
    int size = 2;
    int homes_before = 0;              // recognised
    int provident_homes_before = -1;   // as the provident centre recognises them; -1: the same
    bool provident_eligible = false;   // member with enough contribution history
    bool provident_priority = false;   // talent, new citizen, young, military, 2+ children
    bool provident_first_loan = true;  // has never had a provident loan (004 §1(5))
    bool nonlocal = false;             // no local tax or social-security record (004 §3(2))
    double provident_balance = 0;
};

// What the lenders know of the home being bought (the provident cap depends on it).
struct HomeTerms {
    bool completed = false;
    bool high_quality = false;
    bool affordable = false;  // closed-loop affordable housing
};

// The lenders' offer to one buyer this month.
struct CreditOffer {
    double provident_max = 0;   // largest provident loan (0: none)
    double commercial_max = 0;  // largest commercial loan with no provident loan
    double rate_provident = 0;
    double rate_commercial = 0;
    int term_provident = 0;
    int term_commercial = 0;
    double min_dp_provident = 1;
    double min_dp_commercial = 1;
    double payment_capacity_month = 0;  // PTI cap x income - existing payments
};

// The offer for a purchase of `home` (the base caps when no home is given, as when a buyer
// forms its budget).
CreditOffer credit_offer(const BuyerPosition& b, const Policy& p, double lpr_annual,
                         bool provident_centre_lending, const HomeTerms& home = {});

// The provident loan cap for this buyer and home (seed 001 §2, 000 §12).
double provident_cap(const ProvidentCredit& f, const BuyerPosition& b, const HomeTerms& home);

// The most the buyer can pay for a home, with deed tax at tax_rate on top.
double max_price(const BuyerPosition& b, const CreditOffer& o, double tax_rate);

// How a purchase at `price` is paid for; ok = false when no combination fits the rules.
struct Financing {
    bool ok = false;
    double provident_loan = 0;
    double commercial_loan = 0;
    double own_funds_used = 0;  // down payment + tax
    double payment_month = 0;   // new payments
};

Financing plan_financing(const BuyerPosition& b, const CreditOffer& o, double price, double tax);

// Deed tax rate on a purchase (seed 004 §1(3), FACTS §2b).
double deed_tax_rate(const Tax& t, double area_m2, int homes_before);

}  // namespace housim
