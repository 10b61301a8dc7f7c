// Policy levers: the settings a scenario fixes at the start and changes on its timeline.
// Defaults are the national rules in force in early 2025 (sources in sim/schema.cpp, which
// also holds each lever's key, unit, range and seed clause). Units are in the names.
#pragma once

#include <cstdint>

namespace housim {

// Minimum down payment by recognised home count (the purchase is the buyer's 1st, 2nd, 3rd+).
struct DownPayments {
    double first = 0.15;
    double second = 0.15;
    double third = 0.30;
    double for_count(int homes_before) const {
        return homes_before <= 0 ? first : (homes_before == 1 ? second : third);
    }
};

struct CommercialCredit {
    DownPayments min_down_payment;
    double rate_spread_first_annual = -0.0045;  // over the 5-year LPR
    double rate_spread_second_annual = -0.0025;
    bool rate_floor_enabled = false;
    double rate_floor_spread_first_annual = -0.0020;
    double rate_floor_spread_second_annual = 0.0060;
    double pti_cap = 0.50;  // all mortgage payments / monthly income
    int max_term_months = 360;
    int max_age_at_maturity = 70;
};

struct ProvidentCredit {
    double min_down_payment_first = 0.20;
    double min_down_payment_second = 0.20;
    double rate_first_le5y_annual = 0.0235;
    double rate_first_gt5y_annual = 0.0285;
    double rate_second_le5y_annual = 0.02775;
    double rate_second_gt5y_annual = 0.03325;
    double loan_cap_couple_yuan = 800000;
    double loan_cap_single_yuan = 500000;
    double balance_multiple = 15;  // loan at most this multiple of the account balance
    int min_contribution_months = 6;
    int max_term_months = 360;
    double liquidity_floor_share = 0.05;  // lend only while cash > share x member balances
    bool repayment_withdrawal = true;       // members may withdraw to repay a mortgage
    double rent_withdrawal_cap_yuan_per_year = 14400;  // per earner, for tenants
};

struct Recognition {
    // 认房不认贷: only homes owned count; a past or current mortgage does not by itself make
    // a purchase a second home.
    bool count_mortgage_history = false;
};

struct Tax {
    double deed_small_rate = 0.01;  // area <= deed_small_max_m2, any home count
    double deed_small_max_m2 = 140;
    double deed_large_first_rate = 0.015;
    double deed_large_second_rate = 0.02;
};

enum class CycleIndicator : uint8_t { narrow = 0, broad = 1, completed = 2 };

struct DestockRule {
    bool enabled = true;
    double halt_above_months = 36;
    double cap_above_months = 18;
    CycleIndicator indicator = CycleIndicator::narrow;
    // The lower bands of the 2017 five-band rule (FACTS §1): more land when stock is short.
    double expand_below_months = 12;
    double expand_factor = 1.5;
    double expand_strongly_below_months = 6;
    double expand_strongly_factor = 2.0;
};

struct Land {
    double annual_plan_m2 = 1.2e6;  // floor area offered per year, real city
    DestockRule destock_rule;
    double deposit_share = 0.20;            // of the start price, paid to bid
    double first_installment_share = 0.50;  // of the contract price, at signing
    int installment_months = 12;            // the rest in equal monthly installments
    int min_start_lag_months = 6;           // approvals before construction may start
    int start_window_months = 12;           // contract deadline to start
    int idle_recovery_months = 24;          // idle land recovered by the government
    double reserve_price_share = 0.22;      // start price / zone new-home price
};

struct Sales {
    double presale_progress_threshold = 0.25;
    double max_price_cut_per_month = 0.15;  // price-filing limit on list-price cuts
};

struct Escrow {
    double retention_share = 0.15;        // kept until completion
    double retention_share_ab = 0.10;     // for A- and B-rated developers
};

struct DeveloperFinance {
    bool white_list = true;      // project loans for qualifying projects
    double loan_to_cost = 0.50;  // development loan / construction cost
};

struct Policy {
    int publish_lag_months = 1;
    CommercialCredit commercial;
    ProvidentCredit provident;
    Recognition recognition;
    Tax tax;
    Land land;
    Sales sales;
    Escrow escrow;
    DeveloperFinance developer_finance;
};

}  // namespace housim
