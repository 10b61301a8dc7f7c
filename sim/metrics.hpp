// The monthly output series (MODEL.md §9, ARCHITECTURE.md "Output file"). One struct field
// per metric; the registry below gives each its dataset name, unit, whether it is scaled to
// the real city, and its definition. The output layer and the docs read the registry.
#pragma once

#include <span>
#include <string_view>

namespace housim {

struct MonthMetrics {
    // prices
    double price_index_new = 0;
    double price_index_resale = 0;
    double rent_index = 0;
    double new_price_per_m2 = 0;
    double resale_price_per_m2 = 0;
    double price_to_income = 0;
    // sales
    double new_sales_units = 0;
    double new_sales_m2 = 0;
    double resale_sales_units = 0;
    double first_time_buyers = 0;
    double upgraders = 0;
    double trade_ins = 0;
    double investor_purchases = 0;
    double resale_listings = 0;
    double bid_up_share = 0;  // of resale sales, closed above the ask
    double vacant_homes_listed = 0;
    // land
    double land_offered_m2 = 0;
    double land_sold_m2 = 0;
    double land_revenue_yuan = 0;
    double land_bank_m2 = 0;
    double land_rule_state = 0;
    // construction and stock
    double starts_units = 0;
    double starts_m2 = 0;
    double completions_units = 0;
    double completions_m2 = 0;
    double demolitions_units = 0;
    double dwellings_total = 0;
    double unsold_new_units = 0;
    double unsold_new_m2 = 0;
    double unsold_permitted_m2 = 0;
    double unsold_completed_m2 = 0;
    double unsold_unpermitted_m2 = 0;
    double digestion_cycle_narrow_months = 0;
    double digestion_cycle_broad_months = 0;
    double digestion_cycle_completed_months = 0;
    // households
    double households_total = 0;
    double homeownership_rate = 0;
    double multi_home_share = 0;
    double rental_vacancy_rate = 0;
    double expected_growth_annual = 0;
    // credit
    double mortgages_commercial_count = 0;
    double mortgages_commercial_yuan = 0;
    double mortgages_provident_count = 0;
    double mortgages_provident_yuan = 0;
    double new_loan_ltv_mean = 0;
    double new_loan_pti_mean = 0;
    double mortgage_burden_mean = 0;
    double mortgage_npl_ratio = 0;
    double foreclosures = 0;
    double mortgage_rate_outstanding_mean = 0;
    double prepayments_yuan = 0;
    double mortgage_arrears_share = 0;
    double negative_equity_share = 0;
    double unemployment_rate = 0;
    double vacancy_rate = 0;
    double provident_fund_balance_yuan = 0;
    double provident_fund_cash_yuan = 0;
    // developers
    double developers_active = 0;
    double developers_stalled = 0;
    double developers_defaulted = 0;
    double escrow_balance_yuan = 0;
    // government and SOE
    double soe_acquired_units = 0;
    double soe_acquired_m2 = 0;
    double soe_acquired_yuan = 0;
    double deed_tax_yuan = 0;
    double resale_tax_yuan = 0;
    double bridging_fees_yuan = 0;
    double bridging_loans_yuan = 0;
    double affordable_stock_units = 0;
    double affordable_waiting_list = 0;
    double affordable_allocated_units = 0;
    double soe_buybacks_units = 0;
    double projects_rescued = 0;
    double trade_in_reservations = 0;
    double subsidies_yuan = 0;
    double demolition_compensation_yuan = 0;
    double vouchers_issued_yuan = 0;
    double vouchers_redeemed_yuan = 0;
    double rental_property_tax_yuan = 0;
};

enum class Scaling : unsigned char {
    real_city,  // a count, area or amount of the simulated city: multiplied by run.scale
    intensive,  // an index, ratio, rate or duration: reported as is
};

struct MetricInfo {
    std::string_view name;
    std::string_view unit;
    Scaling scaling;
    double MonthMetrics::*field;
    std::string_view description;
};

std::span<const MetricInfo> metric_registry();
const MetricInfo* find_metric(std::string_view name);

// The district (zone) form of the stock and flow series (MODEL.md "Districts"): one value
// per zone and month, in /runs/<run>/series_by_zone/<metric> [replicates x months x zones].
struct ZoneMetrics {
    double new_sales_units = 0;
    double new_sales_m2 = 0;
    double resale_sales_units = 0;
    double starts_m2 = 0;
    double land_offered_m2 = 0;
    double land_sold_m2 = 0;
    double land_bank_m2 = 0;
    double unsold_permitted_m2 = 0;
    double unsold_completed_m2 = 0;
    double unsold_unpermitted_m2 = 0;
    double digestion_cycle_narrow_months = 0;
    double price_index_new = 0;
    double price_index_resale = 0;
    double land_rule_state = 0;
};

struct ZoneMetricInfo {
    std::string_view name;  // the city series of the same name (metric_registry)
    Scaling scaling;
    double ZoneMetrics::*field;
    // The city series is the sum of the zones' (stocks and flows), or not (indices, cycles,
    // states: the zone's own, built like the city's from the zone's trades and stock).
    bool sums_to_city;
};

std::span<const ZoneMetricInfo> zone_metric_registry();
const ZoneMetricInfo* find_zone_metric(std::string_view name);

}  // namespace housim
