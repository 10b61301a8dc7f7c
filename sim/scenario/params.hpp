// Run settings, initial conditions of the city, exogenous paths and behavioural parameters.
// Every field has a key, unit, range and source in sim/schema.cpp. Amounts of the "real
// city" (inventory, land, plans) are in real units; the engine divides them by run.scale.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/year_month.hpp"

namespace housim {

struct RunParams {
    std::string name = "default";
    YearMonth start = YearMonth::of(2025, 1);
    int months = 120;
    int burn_in_months = 24;
    int replicates = 16;
    uint64_t seed = 20250101;
    int households = 60000;    // simulated agents
    double scale = 16.0;       // real households per agent
    bool measures = true;      // apply timeline entries marked as measures
    std::string only_measure;  // when set, of the measures only those with this id apply
};

// The city's districts (zones; 区/县/旗), one value per zone in each list. A scenario that
// leaves names, unsold_share or land_share out gets "zone1", "zone2", ... and share: the
// loader fills them (fill_zone_defaults), so a resolved scenario lists them all.
struct ZoneParams {
    std::vector<std::string> names;
    std::vector<double> share{0.20, 0.35, 0.30, 0.15};         // of dwellings
    std::vector<double> price_factor{1.35, 1.05, 0.85, 0.70};  // relative price per m2
    std::vector<double> unsold_share;  // of the initial unsold stock (projects, land bank)
    std::vector<double> land_share;    // of the land plan and of new parcels
    size_t count() const { return share.size(); }
};

inline void fill_zone_defaults(ZoneParams& z) {
    if (z.names.empty()) {
        for (size_t i = 0; i < z.share.size(); ++i)
            z.names.push_back("zone" + std::to_string(i + 1));
    }
    if (z.unsold_share.empty()) z.unsold_share = z.share;
    if (z.land_share.empty()) z.land_share = z.share;
}

// The zone a uniform draw u in [0, 1) falls in, for zones weighted by `share` (sum 1).
inline uint8_t draw_zone(const std::vector<double>& share, double u) {
    double acc = 0;
    for (size_t i = 0; i < share.size(); ++i) {
        acc += share[i];
        if (u < acc) return static_cast<uint8_t>(i);
    }
    return static_cast<uint8_t>(share.size() - 1);
}

struct CityParams {
    double household_size_mean = 2.62;
    std::vector<double> head_age_band_share{0.12, 0.20, 0.20, 0.20, 0.16, 0.12};
    double income_mean_month_yuan = 10500;
    double income_log_sd = 0.60;
    double savings_income_years_mean = 1.5;  // liquid savings / annual income
    double savings_log_sd = 0.8;
    double ownership_rate = 0.84;
    double multi_home_share = 0.21;
    double extra_home_rented_share = 0.55;
    double dwelling_area_mean_m2 = 95;
    double high_quality_share = 0.05;
    double high_quality_cost_premium = 0.15;  // construction cost of a high-quality home, over
                                              // the ordinary cost
    ZoneParams zones;
    double resale_price_per_m2_yuan = 8000;
    double new_price_per_m2_yuan = 9000;
    double rent_per_m2_month_yuan = 15;
    double construction_cost_per_m2_yuan = 3500;
    int construction_months = 30;
    double parcel_floor_area_m2 = 100000;
    int developers = 20;
    double developer_cash_yuan = 4.0e8;
    double unsold_permitted_m2 = 2.4e6;
    double unsold_completed_share = 0.40;  // of the permitted unsold stock
    double unpermitted_construction_m2 = 1.0e6;
    double presold_construction_m2 = 1.6e6;
    double land_bank_m2 = 1.5e6;
    double mortgaged_owner_share = 0.40;
    double initial_mortgage_spread_annual = -0.003;  // existing loans' spread over the LPR
    double provident_coverage = 0.45;
    double provident_contribution_share = 0.20;  // of disposable income, both sides
    double provident_balance_months = 30;        // initial balance in months of contribution
    std::vector<double> talent_share_of_arrivals{0.005, 0.03, 0.10, 0.005};
    double military_share = 0.01;
    double homes_elsewhere_share_of_arrivals = 0.25;
    // Months after arrival in which a new citizen has no local record (social security, tax,
    // residence permit) and counts as a non-local buyer (seed 004 §2(2), §3(2)).
    int nonlocal_months = 24;
    double legacy_stock_share = 0.30;  // of homes over 20 years old: reform, self-built, ...
};

// Paths outside the city's control; the timeline may change them like levers.
struct ExogenousParams {
    double lpr_5y_annual = 0.036;
    double deposit_rate_annual = 0.015;
    double provident_deposit_rate_annual = 0.015;
    double income_growth_annual = 0.035;
    double construction_cost_growth_annual = 0.01;
    double job_loss_multiplier = 1.0;     // on behaviour.job_loss_month: a downturn raises it
    double job_find_multiplier = 1.0;     // on behaviour.job_find_month: a downturn lowers it
    double formation_annual = 0.009;      // new households per existing household per year
    double in_migration_annual = 0.005;   // arriving households per household per year
    double out_migration_annual = 0.008;  // hazard per household per year
    double demolitions_per_year = 1500;   // real dwellings, urban renewal
    double demolition_compensation_ratio = 1.15;  // cash compensation / market value
};

struct BehaviourParams {
    // income and life events
    double income_persistence_annual = 0.90;
    double job_loss_month = 0.0045;
    double job_find_month = 0.12;
    double unemployment_replacement = 0.0636;
    int foreclosure_arrears_months = 18;  // months of arrears before the forced sale
    double job_income_gradient = 0.5;  // log change of job loss (-) and finding (+) per income sd
    double consumption_share = 0.70;   // of income left after housing costs
    double subsistence_month_yuan = 1500;
    double unemployed_consumption_keep_share = 0.8;  // of consumption in work, while jobless
    double arrears_cure_buffer_months = 1.0;         // income kept back before making up arrears
    double wealth_consumption_annual = 0.10;         // of savings above the buffer, spent per year
    double wealth_buffer_months = 6;                 // savings, in months of income, kept untouched
    double informal_rent_share = 0.12;  // of income, households without a market dwelling
    double birth_annual = 0.06;         // per household with head aged 22-39
    double mortality_scale = 1.0;       // multiplies the Gompertz mortality hazard
    double heir_local_share = 0.70;
    // buying
    double buy_hazard_month = 0.0133;
    double upgrade_hazard_month = 0.00815;
    double affordability_factor_max = 4.0;
    double affordability_elasticity = 2.0;   // of the buy and upgrade hazards to price / income
    double formation_rent_elasticity = 2.0;  // of household formation to real rents
    double rent_price_elasticity = 2.0;      // of the first-purchase hazard to rent / price
    double upgrade_target_m2_per_person = 38;
    double invest_hazard_month = 0.0005;
    double invest_hurdle_annual = 0.010;
    double sell_extra_hazard_month = 0.0002;
    double sell_extra_return_weight = 0.5;
    double user_cost_weight = 12.0;
    double user_cost_reference_annual = 0.07;
    double buffer_months = 4;                   // income kept back from a down payment
    double family_help_share = 0.50;            // of the parents' savings
    double desired_price_income_years = 10.26;  // price a buyer wants to pay, years of income
    double desired_expectation_weight = 1.5;    // semi-elasticity of spending to expectations
    double search_budget_floor = 0.55;          // lowest price considered, share of budget
    int search_sample = 12;
    double search_window_min_share = 0.05;  // of the units on the market, searched at least
    double new_home_preference = 0.08;
    double presale_risk_discount = 0.04;
    double stall_risk_weight = 0.5;    // extra presale discount per share of stalled projects
    double reservation_score = 0.848;  // value / price below which a buyer walks away
    // sellers
    double resale_markup = 0.01;
    double resale_markup_expectation_weight = 0.0;
    double resale_monthly_cut = 0.0189;
    int resale_max_months_listed = 9;
    double resale_markup_tightness_weight = 0.02;  // markup per log of reference / months on market
    double resale_reference_months_listed = 3;     // months on market at which the markup is base
    double loss_aversion_ask_share = 0.30;  // share of a prospective nominal loss added to an ask
    // Fee for bridging finance (过桥) that clears a seller's loan before the transfer, as a
    // share of the amount the seller's savings do not cover (where 带押过户 is unavailable).
    double bridging_cost_share = 0.01;
    // market clearing: bidding for scarce listings
    double bid_up_step = 0.0075;  // proportional price rise per competing bid
    int market_rounds = 4;        // rounds of bids in which losing bidders try their next choice
    // expectations
    double expectation_adapt_month = 0.08;
    double expectation_trend_weight = 0.5;  // share of the observed trend households expect to last
    double expectation_bound_annual = 0.08;
    double expectation_dispersion = 0.02;
    double initial_expected_growth_annual = -0.03;
    // rental
    double rental_search_month = 0.25;
    double rent_to_income_max = 0.35;
    double tenancy_end_month = 0.02;
    double rent_adjust_speed = 0.05;
    double natural_rental_vacancy_share = 0.45;
    double rent_max_change_month = 0.005;
    double rent_income_passthrough_share = 1.0;
    double vacant_rent_discount_month = 0.01;
    double vacant_rent_discount_max_share = 0.15;
    int vacant_sale_months = 12;
    double vacant_sale_hazard_month = 0.01;
    // developers
    double target_selloff_months = 29.9;
    double reprice_speed = 0.015;
    double max_monthly_cut = 0.03;
    double max_monthly_rise = 0.015;
    double market_reprice_weight =
        0.00847;  // monthly list-price change per log of target / city cycle
    // Weight of the developer's own district's published cycle, against the city's, in the
    // market pressure it prices by (0: the city's only).
    double local_market_weight = 0.0;
    double launch_tightness_elasticity = 0.10;  // launch premium per log of target / city cycle
    double land_hurdle_margin = 0.15;
    double bid_noise_sd = 0.06;
    double min_cash_share = 0.10;  // of a project's cost to start it
    int stall_default_months = 12;
    double dev_loan_spread_annual = 0.01;
    int min_active_developers = 12;
    double renovation_hazard_month = 0.004;  // owners withdrawing provident for renovation
    double renovation_withdrawal_yuan = 30000;
    double conversion_hazard_month = 0.02;         // borrowers applying for 商转公
    double prepay_hazard_per_point_month = 0.003;  // per point of loan rate over deposit rate
    double prepay_buffer_months = 6;               // income kept back from a prepayment
};

}  // namespace housim
