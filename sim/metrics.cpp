#include "sim/metrics.hpp"

#include <array>

namespace housim {

namespace {

using M = MonthMetrics;
constexpr Scaling R = Scaling::real_city;
constexpr Scaling I = Scaling::intensive;

constexpr std::array kMetrics{
    MetricInfo{"price_index_new", "index, start=100", I, &M::price_index_new,
               "Quality-adjusted new-home price index: trailing-3-month sum of prices over the "
               "sum of hedonic reference values of the homes sold."},
    MetricInfo{"price_index_resale", "index, start=100", I, &M::price_index_resale,
               "Quality-adjusted resale price index, built like price_index_new."},
    MetricInfo{"rent_index", "index, start=100", I, &M::rent_index,
               "Market rent level relative to the start; moves with rental vacancy."},
    MetricInfo{"new_price_per_m2", "yuan/m2", I, &M::new_price_per_m2,
               "Mean price per m2 of new homes sold this month (list price of those on sale "
               "when none sold)."},
    MetricInfo{"resale_price_per_m2", "yuan/m2", I, &M::resale_price_per_m2,
               "Mean price per m2 of resale homes sold this month (carried when none sold)."},
    MetricInfo{"price_to_income", "years", I, &M::price_to_income,
               "Price of a 90 m2 new home at new_price_per_m2 over mean annual household "
               "disposable income."},
    MetricInfo{"new_sales_units", "dwellings/month", R, &M::new_sales_units,
               "New homes sold by developers to households."},
    MetricInfo{"new_sales_m2", "m2/month", R, &M::new_sales_m2, "Floor area of new_sales_units."},
    MetricInfo{"resale_sales_units", "dwellings/month", R, &M::resale_sales_units,
               "Existing homes sold between households (incl. estates and foreclosures)."},
    MetricInfo{"first_time_buyers", "households/month", R, &M::first_time_buyers,
               "Purchases by households owning no home before."},
    MetricInfo{"upgraders", "households/month", R, &M::upgraders,
               "Purchases by owners moving to a larger home (buy first or sell first)."},
    MetricInfo{"trade_ins", "households/month", R, &M::trade_ins,
               "New-home purchases by households that sold a home in the previous 12 months "
               "(换购, seed 001 §5)."},
    MetricInfo{"investor_purchases", "households/month", R, &M::investor_purchases,
               "Purchases of an additional home not to live in."},
    MetricInfo{"resale_listings", "dwellings", R, &M::resale_listings,
               "Resale listings open at the end of the month."},
    MetricInfo{"bid_up_share", "fraction", I, &M::bid_up_share,
               "Share of the month's resale sales closed above the ask, because several buyers "
               "bid for the home (new homes sell at their filed list prices)."},
    MetricInfo{"vacant_homes_listed", "dwellings/month", R, &M::vacant_homes_listed,
               "Homes their landlords list for resale after a long vacancy (vacant_sale_months "
               "or more without a tenant)."},
    MetricInfo{"land_offered_m2", "m2/month", R, &M::land_offered_m2,
               "Residential land offered at auction, in floor area."},
    MetricInfo{"land_sold_m2", "m2/month", R, &M::land_sold_m2,
               "Residential land sold at auction, in floor area."},
    MetricInfo{"land_revenue_yuan", "yuan/month", R, &M::land_revenue_yuan,
               "Land payments received by the government this month (deposits, first and "
               "later installments)."},
    MetricInfo{"land_bank_m2", "m2", R, &M::land_bank_m2,
               "Floor area of land held by developers and not started."},
    MetricInfo{"land_rule_state", "0/1/2/3", I, &M::land_rule_state,
               "Digestion-cycle land rule this month: 0 plan, 1 capped at revitalised area, "
               "2 halted, 3 plan raised because the cycle is short."},
    MetricInfo{"starts_units", "dwellings/month", R, &M::starts_units,
               "Dwellings in projects started this month."},
    MetricInfo{"starts_m2", "m2/month", R, &M::starts_m2, "Floor area of starts_units."},
    MetricInfo{"completions_units", "dwellings/month", R, &M::completions_units,
               "Dwellings in projects completed this month."},
    MetricInfo{"completions_m2", "m2/month", R, &M::completions_m2,
               "Floor area of completions_units."},
    MetricInfo{"demolitions_units", "dwellings/month", R, &M::demolitions_units,
               "Dwellings demolished by urban renewal."},
    MetricInfo{"dwellings_total", "dwellings", R, &M::dwellings_total,
               "Completed dwellings standing (the housing stock)."},
    MetricInfo{"unsold_new_units", "dwellings", R, &M::unsold_new_units,
               "Units in started projects not yet sold to households or acquired."},
    MetricInfo{"unsold_new_m2", "m2", R, &M::unsold_new_m2, "Floor area of unsold_new_units."},
    MetricInfo{"unsold_permitted_m2", "m2", R, &M::unsold_permitted_m2,
               "Unsold area with a sale permit: presale-permitted plus completed (narrow stock)."},
    MetricInfo{"unsold_completed_m2", "m2", R, &M::unsold_completed_m2,
               "Unsold completed new-home area (the statistics bureau's 待售)."},
    MetricInfo{"unsold_unpermitted_m2", "m2", R, &M::unsold_unpermitted_m2,
               "Unsold area under construction without a permit."},
    MetricInfo{"digestion_cycle_narrow_months", "months", I, &M::digestion_cycle_narrow_months,
               "unsold_permitted_m2 / mean new_sales_m2 over the trailing 12 months (fewer at "
               "the start of the simulation); +inf when nothing sold."},
    MetricInfo{"digestion_cycle_broad_months", "months", I, &M::digestion_cycle_broad_months,
               "(unsold_permitted_m2 + unsold_unpermitted_m2 + land_bank_m2) / the same mean."},
    MetricInfo{"digestion_cycle_completed_months", "months", I,
               &M::digestion_cycle_completed_months, "unsold_completed_m2 / the same mean."},
    MetricInfo{"households_total", "households", R, &M::households_total,
               "Households living in the city."},
    MetricInfo{"homeownership_rate", "fraction", I, &M::homeownership_rate,
               "Share of households owning at least one home (incl. one bought off-plan)."},
    MetricInfo{"multi_home_share", "fraction", I, &M::multi_home_share,
               "Share of households owning two or more homes."},
    MetricInfo{"rental_vacancy_rate", "fraction", I, &M::rental_vacancy_rate,
               "Vacant share of completed homes owned by households and not lived in by "
               "their owner."},
    MetricInfo{"expected_growth_annual", "annual rate", I, &M::expected_growth_annual,
               "Households' common expectation of annual resale price growth."},
    MetricInfo{"mortgages_commercial_count", "loans/month", R, &M::mortgages_commercial_count,
               "Commercial mortgages originated."},
    MetricInfo{"mortgages_commercial_yuan", "yuan/month", R, &M::mortgages_commercial_yuan,
               "Amount of commercial mortgages originated."},
    MetricInfo{"mortgages_provident_count", "loans/month", R, &M::mortgages_provident_count,
               "Provident-fund mortgages originated."},
    MetricInfo{"mortgages_provident_yuan", "yuan/month", R, &M::mortgages_provident_yuan,
               "Amount of provident-fund mortgages originated."},
    MetricInfo{"new_loan_ltv_mean", "fraction", I, &M::new_loan_ltv_mean,
               "Mean loan-to-value of purchases financed this month (all loans on the home)."},
    MetricInfo{"new_loan_pti_mean", "fraction", I, &M::new_loan_pti_mean,
               "Mean payment-to-income of borrowers financed this month (all their loans)."},
    MetricInfo{"mortgage_burden_mean", "fraction", I, &M::mortgage_burden_mean,
               "Mean payment-to-income over all households with a mortgage."},
    MetricInfo{"mortgage_npl_ratio", "fraction", I, &M::mortgage_npl_ratio,
               "Balance of mortgages 3+ months in arrears over all mortgage balances."},
    MetricInfo{"foreclosures", "dwellings/month", R, &M::foreclosures,
               "Homes put up for forced sale after prolonged arrears."},
    MetricInfo{"mortgage_rate_outstanding_mean", "annual rate", I,
               &M::mortgage_rate_outstanding_mean,
               "Balance-weighted annual rate of all outstanding mortgages (commercial and "
               "provident), at the end of the month."},
    MetricInfo{"prepayments_yuan", "yuan/month", R, &M::prepayments_yuan,
               "Mortgage principal repaid early by borrowers from their savings."},
    MetricInfo{"mortgage_arrears_share", "fraction", I, &M::mortgage_arrears_share,
               "Share of outstanding mortgage loans whose borrower missed this month's "
               "payment or is behind."},
    MetricInfo{"negative_equity_share", "fraction", I, &M::negative_equity_share,
               "Share of mortgaged homes whose outstanding loans exceed their market value, "
               "measured in the last month of each quarter (March, June, September, December) "
               "and carried through the next two months."},
    MetricInfo{"unemployment_rate", "fraction", I, &M::unemployment_rate,
               "Share of households whose earner is out of work at the end of the month "
               "(job loss and finding: behaviour.job_loss_month, job_find_month)."},
    MetricInfo{"vacancy_rate", "fraction", I, &M::vacancy_rate,
               "Share of all completed homes that nobody lives in (owner-occupied, let, "
               "estates', the SOE's and developers' unsold completed homes alike): the measure "
               "surveys of empty homes use (FACTS §4: CHFS urban vacancy 18.6% in 2013)."},
    MetricInfo{"provident_fund_balance_yuan", "yuan", R, &M::provident_fund_balance_yuan,
               "Sum of members' provident account balances."},
    MetricInfo{"provident_fund_cash_yuan", "yuan", R, &M::provident_fund_cash_yuan,
               "Cash the provident-fund centre holds (what it can lend)."},
    MetricInfo{"developers_active", "developers", I, &M::developers_active,
               "Developers not in default (not scaled: the city's developers)."},
    MetricInfo{"developers_stalled", "developers", I, &M::developers_stalled,
               "Developers with at least one stalled project, not yet in default."},
    MetricInfo{"developers_defaulted", "developers", I, &M::developers_defaulted,
               "Developers in default (cumulative)."},
    MetricInfo{"escrow_balance_yuan", "yuan", R, &M::escrow_balance_yuan,
               "Presale money held in supervised escrow accounts."},
    MetricInfo{"soe_acquired_units", "dwellings/month", R, &M::soe_acquired_units,
               "New homes acquired by the SOE for affordable housing: completed unsold homes "
               "bought, and the affordable quota of projects started."},
    MetricInfo{"soe_acquired_m2", "m2/month", R, &M::soe_acquired_m2,
               "Floor area of soe_acquired_units."},
    MetricInfo{"soe_acquired_yuan", "yuan/month", R, &M::soe_acquired_yuan,
               "Amount paid for soe_acquired_units."},
    MetricInfo{"deed_tax_yuan", "yuan/month", R, &M::deed_tax_yuan, "Deed tax collected."},
    MetricInfo{"resale_tax_yuan", "yuan/month", R, &M::resale_tax_yuan,
               "Taxes paid by resale sellers (tax on the price and income tax)."},
    MetricInfo{"bridging_fees_yuan", "yuan/month", R, &M::bridging_fees_yuan,
               "Fees resale sellers pay to bridging lenders to clear their loans before the "
               "transfer, where 带押过户 is unavailable."},
    MetricInfo{"bridging_loans_yuan", "yuan/month", R, &M::bridging_loans_yuan,
               "Bridging loans against upgraders' old homes for new homes' down payments "
               "(灵活抵押), repaid when the old homes sell."},
    MetricInfo{"affordable_stock_units", "dwellings", R, &M::affordable_stock_units,
               "Closed-loop affordable homes the SOE owns (let, vacant or being built)."},
    MetricInfo{"affordable_waiting_list", "households", R, &M::affordable_waiting_list,
               "Households eligible for affordable housing and not yet housed by it."},
    MetricInfo{"affordable_allocated_units", "dwellings/month", R, &M::affordable_allocated_units,
               "Affordable homes sold or let to waiting-list households."},
    MetricInfo{"soe_buybacks_units", "dwellings/month", R, &M::soe_buybacks_units,
               "Closed-loop homes bought back by the SOE (sold on, or left idle), and old "
               "homes it bought in trade-ins."},
    MetricInfo{"projects_rescued", "projects", I, &M::projects_rescued,
               "Stalled projects of defaulted developers taken over for completion "
               "(cumulative, not scaled)."},
    MetricInfo{"trade_in_reservations", "dwellings", R, &M::trade_in_reservations,
               "New homes held for trade-in buyers while their old homes sell."},
    MetricInfo{"subsidies_yuan", "yuan/month", R, &M::subsidies_yuan,
               "Purchase, rental and trade-in subsidies paid by the government."},
    MetricInfo{"demolition_compensation_yuan", "yuan/month", R, &M::demolition_compensation_yuan,
               "Cash compensation paid for demolished homes."},
    MetricInfo{"vouchers_issued_yuan", "yuan/month", R, &M::vouchers_issued_yuan,
               "Housing vouchers (房票) issued to displaced households."},
    MetricInfo{"vouchers_redeemed_yuan", "yuan/month", R, &M::vouchers_redeemed_yuan,
               "Housing vouchers spent on new homes."},
    MetricInfo{"rental_property_tax_yuan", "yuan/month", R, &M::rental_property_tax_yuan,
               "Property tax on rents paid by rental firms: the SOE's rental stock and household "
               "landlords counted as firms (policy.tax.rental_firm_min_homes)."},
};

}  // namespace

std::span<const MetricInfo> metric_registry() {
    return kMetrics;
}

namespace {

using Z = ZoneMetrics;
constexpr std::array kZoneMetrics{
    ZoneMetricInfo{"new_sales_units", R, &Z::new_sales_units, true},
    ZoneMetricInfo{"new_sales_m2", R, &Z::new_sales_m2, true},
    ZoneMetricInfo{"resale_sales_units", R, &Z::resale_sales_units, true},
    ZoneMetricInfo{"starts_m2", R, &Z::starts_m2, true},
    ZoneMetricInfo{"land_offered_m2", R, &Z::land_offered_m2, true},
    ZoneMetricInfo{"land_sold_m2", R, &Z::land_sold_m2, true},
    ZoneMetricInfo{"land_bank_m2", R, &Z::land_bank_m2, true},
    ZoneMetricInfo{"unsold_permitted_m2", R, &Z::unsold_permitted_m2, true},
    ZoneMetricInfo{"unsold_completed_m2", R, &Z::unsold_completed_m2, true},
    ZoneMetricInfo{"unsold_unpermitted_m2", R, &Z::unsold_unpermitted_m2, true},
    ZoneMetricInfo{"digestion_cycle_narrow_months", I, &Z::digestion_cycle_narrow_months, false},
    ZoneMetricInfo{"price_index_new", I, &Z::price_index_new, false},
    ZoneMetricInfo{"price_index_resale", I, &Z::price_index_resale, false},
    ZoneMetricInfo{"land_rule_state", I, &Z::land_rule_state, false},
};

}  // namespace

std::span<const ZoneMetricInfo> zone_metric_registry() {
    return kZoneMetrics;
}

const ZoneMetricInfo* find_zone_metric(std::string_view name) {
    for (const ZoneMetricInfo& m : kZoneMetrics) {
        if (m.name == name) return &m;
    }
    return nullptr;
}

const MetricInfo* find_metric(std::string_view name) {
    for (const MetricInfo& m : kMetrics) {
        if (m.name == name) return &m;
    }
    return nullptr;
}

}  // namespace housim
