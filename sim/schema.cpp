#include "sim/schema.hpp"

namespace housim {

FieldGroup FieldMeta::group() const {
    if (key.starts_with("run.")) return FieldGroup::run;
    if (key.starts_with("city.")) return FieldGroup::city;
    if (key.starts_with("behaviour.")) return FieldGroup::behaviour;
    if (key.starts_with("exogenous.")) return FieldGroup::exogenous;
    return FieldGroup::policy;
}

namespace {

constexpr double kBig = 1e15;

void describe_run(RunParams& r, FieldVisitor& v) {
    v.text({"run.name", "text", 0, 0, "user", "Name of the run group in the output file."}, r.name);
    v.month({"run.start", "YYYY-MM", 0, 0, "user", "First reported month."}, r.start);
    v.integer({"run.months", "months", 1, 600, "user", "Reported months."}, r.months);
    v.integer({"run.burn_in_months", "months", 0, 240, "user",
               "Months simulated before run.start with policy held at its start values; not "
               "reported."},
              r.burn_in_months);
    v.integer({"run.replicates", "count", 1, 100000, "user", "Monte Carlo replicates."},
              r.replicates);
    v.seed({"run.seed", "integer", 0, 1.8e19, "user", "Master seed of all random streams."},
           r.seed);
    v.integer({"run.households", "agents", 100, 50000000, "user", "Simulated households."},
              r.households);
    v.real({"run.scale", "households per agent", 1, 10000, "user",
            "Real households each agent stands for; reported aggregates are multiplied by it."},
           r.scale);
}

void describe_city(CityParams& c, FieldVisitor& v) {
    v.real({"city.household_size_mean", "persons", 1, 6,
            "FACTS §4: 2020 census, 2.62 persons per family household",
            "Mean household size at the start."},
           c.household_size_mean);
    v.real_list(
        {"city.head_age_band_share", "fraction", 0, 1,
         "assumption: census-like age structure of household heads",
         "Shares of heads aged 20-29, 30-39, 40-49, 50-59, 60-69, 70-89 (6 values, sum 1)."},
        c.head_age_band_share);
    v.real({"city.income_mean_month_yuan", "yuan/month", 1000, 200000,
            "FACTS §4: 2024 urban per-capita disposable income 54188 (median 49302); a mid-sized "
            "city at 48000 x 2.62 persons / 12",
            "Mean household disposable income per month."},
           c.income_mean_month_yuan);
    v.real({"city.income_log_sd", "log points", 0.05, 2,
            "FACTS §3: Fujian urban quintiles 2019, top/bottom mean ratio 6.0 -> about 0.6",
            "Standard deviation of log household income."},
           c.income_log_sd);
    v.real({"city.savings_income_years_mean", "years of income", 0, 20,
            "assumption: liquid deposits about 1.2 years of income (PBOC 2019 survey: housing "
            "59% of assets, FACTS §4)",
            "Mean liquid savings relative to annual income at the start."},
           c.savings_income_years_mean);
    v.real({"city.savings_log_sd", "log points", 0, 3, "assumption",
            "Dispersion of savings around the income-based mean."},
           c.savings_log_sd);
    v.real({"city.ownership_rate", "fraction", 0, 1,
            "FACTS §4: CHFS urban homeownership 87.0% (2013); lower in a city with migrants",
            "Share of households owning at least one home at the start."},
           c.ownership_rate);
    v.real({"city.multi_home_share", "fraction", 0, 1,
            "FACTS §4: CHFS urban multi-home share 21.0% (March 2014)",
            "Share of households owning two or more homes at the start."},
           c.multi_home_share);
    v.real({"city.extra_home_rented_share", "fraction", 0, 1,
            "FACTS §4: CHFS urban vacancy 18.6% of dwellings; about half of extra homes let",
            "Share of non-primary homes let to tenants at the start."},
           c.extra_home_rented_share);
    v.real({"city.dwelling_area_mean_m2", "m2", 20, 300,
            "FACTS §4: 2020 census, city households 92.17 m2 per household",
            "Mean floor area of the initial stock."},
           c.dwelling_area_mean_m2);
    v.real({"city.high_quality_share", "fraction", 0, 1,
            "assumption: few homes meet the 'good home' (好房子) standards in 2025",
            "Share of initial stock and of new projects of high quality."},
           c.high_quality_share);
    v.real_list({"city.zones.share", "fraction", 0, 1, "assumption: four districts",
                 "Share of dwellings in each zone (sum 1; one value per zone)."},
                c.zones.share);
    v.real_list({"city.zones.price_factor", "ratio", 0.1, 10,
                 "FACTS §3: Weihai district new-home prices 11174 / 8219 / 7225 / 6737 yuan/m2",
                 "Price per m2 of each zone relative to the city reference."},
                c.zones.price_factor);
    v.real({"city.resale_price_per_m2_yuan", "yuan/m2", 500, 200000,
            "FACTS §2a: CIA 100-city resale mean 14203 (Dec 2024); below that in a tier-3 city",
            "Mean resale price per m2 of the initial stock."},
           c.resale_price_per_m2_yuan);
    v.real({"city.new_price_per_m2_yuan", "yuan/m2", 500, 200000,
            "FACTS §2a: national new-home average 9527 yuan/m2 in 2025 [D]",
            "Mean list price per m2 of new homes at the start."},
           c.new_price_per_m2_yuan);
    v.real({"city.rent_per_m2_month_yuan", "yuan/m2/month", 1, 500,
            "assumption: gross rental yield about 2% on resale prices",
            "Market rent per m2 per month for a reference dwelling at the start."},
           c.rent_per_m2_month_yuan);
    v.real({"city.construction_cost_per_m2_yuan", "yuan/m2", 500, 50000,
            "assumption: building and fees in a tier-3 city",
            "Construction cost per m2 of floor area at the start."},
           c.construction_cost_per_m2_yuan);
    v.integer({"city.construction_months", "months", 6, 120,
               "assumption: 24-36 months from start to completion for high-rise projects",
               "Months of construction at full funding."},
              c.construction_months);
    v.real({"city.parcel_floor_area_m2", "m2", 1000, 5e6,
            "assumption: a typical residential parcel of about 1000 homes",
            "Floor area of one land parcel (parcel area x plot ratio), real city."},
           c.parcel_floor_area_m2);
    v.integer({"city.developers", "count", 1, 1000, "assumption", "Developers at the start."},
              c.developers);
    v.real({"city.developer_cash_yuan", "yuan", 0, kBig, "assumption",
            "Cash of each developer at the start, real city."},
           c.developer_cash_yuan);
    v.real({"city.unsold_permitted_m2", "m2", 0, kBig,
            "assumption: about 20 months of sales (FACTS §5: 68 of 100 cities above 14 months)",
            "Unsold new-home area with a sale permit at the start, real city."},
           c.unsold_permitted_m2);
    v.real({"city.unsold_completed_share", "fraction", 0, 1,
            "assumption: NBS 待售 is about 40% of permitted stock in 2024-25",
            "Share of the permitted unsold area that is already completed."},
           c.unsold_completed_share);
    v.real({"city.unpermitted_construction_m2", "m2", 0, kBig, "assumption",
            "Area under construction without a sale permit at the start, real city."},
           c.unpermitted_construction_m2);
    v.real({"city.presold_construction_m2", "m2", 0, kBig, "assumption",
            "Area sold off-plan and not yet completed at the start, real city."},
           c.presold_construction_m2);
    v.real({"city.land_bank_m2", "m2", 0, kBig, "assumption",
            "Floor area of land held by developers and not started, real city."},
           c.land_bank_m2);
    v.real({"city.mortgaged_owner_share", "fraction", 0, 1,
            "assumption: household mortgage debt about 16% of assets (FACTS §4: debt 0.512m "
            "vs assets 3.179m)",
            "Share of owner households with an outstanding mortgage at the start."},
           c.mortgaged_owner_share);
    v.real({"city.provident_coverage", "fraction", 0, 1,
            "FACTS §4: 164m contributors, about a third of urban employed; higher in cities",
            "Share of households contributing to the provident fund."},
           c.provident_coverage);
    v.real({"city.provident_contribution_share", "fraction", 0, 1,
            "FACTS §4: 5-12% from each of employer and employee [M]",
            "Monthly provident contribution relative to disposable income."},
           c.provident_contribution_share);
    v.real({"city.provident_balance_months", "months", 0, 600, "assumption",
            "Initial provident balance in months of contribution (net of past withdrawals)."},
           c.provident_balance_months);
}

void describe_behaviour(BehaviourParams& b, FieldVisitor& v) {
    v.real({"behaviour.income_persistence_annual", "AR(1) coefficient", 0, 1,
            "assumption: persistent income shocks (typical household panels 0.8-0.95)",
            "Year-on-year persistence of log-income deviations; the innovation's sd keeps the "
            "cross-section at city.income_log_sd."},
           b.income_persistence_annual);
    v.real({"behaviour.job_loss_month", "hazard per month", 0, 1,
            "assumption: urban surveyed unemployment about 5%", "Monthly job-loss hazard."},
           b.job_loss_month);
    v.real({"behaviour.job_find_month", "hazard per month", 0, 1, "assumption",
            "Monthly hazard of finding work when unemployed."},
           b.job_find_month);
    v.real({"behaviour.unemployment_replacement", "fraction", 0, 1, "assumption",
            "Income while unemployed relative to normal income."},
           b.unemployment_replacement);
    v.real({"behaviour.consumption_share", "fraction", 0, 1,
            "assumption: household saving rate about 30% of disposable income",
            "Share of income after housing costs spent on consumption."},
           b.consumption_share);
    v.real({"behaviour.subsistence_month_yuan", "yuan/month", 0, 1e5, "assumption",
            "Consumption floor per household."},
           b.subsistence_month_yuan);
    v.real({"behaviour.informal_rent_share", "fraction", 0, 1, "assumption",
            "Housing cost of a household without a market dwelling, share of income."},
           b.informal_rent_share);
    v.real({"behaviour.birth_annual", "births per household-year", 0, 1,
            "FACTS-style check: 2024 crude birth rate 6.77 per 1000 persons [M]",
            "Birth hazard for households with head aged 22-39."},
           b.birth_annual);
    v.real({"behaviour.mortality_scale", "ratio", 0, 10, "assumption: Gompertz baseline",
            "Multiplier of the head's mortality hazard."},
           b.mortality_scale);
    v.real({"behaviour.heir_local_share", "fraction", 0, 1, "assumption",
            "Share of estates inherited by a household in the city (else sold)."},
           b.heir_local_share);
    v.real({"behaviour.buy_hazard_month", "hazard per month", 0, 1,
            "calibrated: first-time purchases about 5-6% of renters a year",
            "Base monthly hazard that a non-owner starts searching to buy."},
           b.buy_hazard_month);
    v.real({"behaviour.upgrade_hazard_month", "hazard per month", 0, 1, "calibrated",
            "Base monthly hazard that a crowded owner searches to upgrade."},
           b.upgrade_hazard_month);
    v.real({"behaviour.upgrade_target_m2_per_person", "m2/person", 5, 200,
            "FACTS §4: 2020 census 36.52 m2 per person in city households",
            "Floor area per person below which owners want to upgrade."},
           b.upgrade_target_m2_per_person);
    v.real({"behaviour.invest_hazard_month", "hazard per month", 0, 1, "calibrated",
            "Monthly hazard of an investment purchase per 1 point of excess expected return."},
           b.invest_hazard_month);
    v.real({"behaviour.invest_hurdle_annual", "annual rate", -1, 1, "assumption",
            "Return over the mortgage rate an investor requires."},
           b.invest_hurdle_annual);
    v.real({"behaviour.sell_extra_hazard_month", "hazard per month", 0, 1, "calibrated",
            "Monthly hazard of selling an extra home per 1 point of expected price fall."},
           b.sell_extra_hazard_month);
    v.real({"behaviour.user_cost_weight", "per unit rate", 0, 100, "calibrated",
            "Semi-elasticity of the buy and upgrade hazards to the annual user cost of owning "
            "(which includes expected price growth with a minus sign)."},
           b.user_cost_weight);
    v.real({"behaviour.user_cost_reference_annual", "annual rate", -1, 1, "calibrated",
            "User cost at which the hazards equal their base values (about the 2025 level: "
            "3.1% mortgage on 85%, 1% upkeep, 3% expected fall)."},
           b.user_cost_reference_annual);
    v.real({"behaviour.buffer_months", "months of income", 0, 120, "assumption",
            "Savings a buyer keeps back rather than put into a down payment."},
           b.buffer_months);
    v.real({"behaviour.family_help_share", "fraction", 0, 1,
            "assumption: parents commonly fund first purchases (seed 001 §2 family withdrawal)",
            "Share of the parents' savings available to a first-time buyer."},
           b.family_help_share);
    v.real({"behaviour.desired_price_income_years", "years of income", 0, 50,
            "calibrated: tier-3 price-to-income ratios of 6-9 years; balances the 2025 market",
            "Price a buyer wants to pay, in years of its income (before expectations)."},
           b.desired_price_income_years);
    v.real({"behaviour.desired_expectation_weight", "per unit growth", 0, 50, "assumption",
            "Semi-elasticity of desired spending to expected annual price growth."},
           b.desired_expectation_weight);
    v.real({"behaviour.search_budget_floor", "fraction", 0, 1, "assumption",
            "Cheapest listing a buyer considers, as a share of its budget."},
           b.search_budget_floor);
    v.integer({"behaviour.search_sample", "listings", 1, 200, "assumption (search friction)",
               "Listings a buyer inspects per month."},
              b.search_sample);
    v.real({"behaviour.new_home_preference", "fraction", 0, 1, "assumption",
            "Value premium buyers give a completed new home over an equivalent resale home."},
           b.new_home_preference);
    v.real({"behaviour.presale_risk_discount", "fraction", 0, 1, "assumption",
            "Value discount buyers apply to an off-plan home (delivery risk)."},
           b.presale_risk_discount);
    v.real({"behaviour.stall_risk_weight", "ratio", 0, 20, "assumption",
            "Extra off-plan discount per unit share of stalled projects in the city."},
           b.stall_risk_weight);
    v.real({"behaviour.reservation_score", "ratio", 0, 2, "assumption",
            "Lowest ratio of estimated value to price a buyer accepts (it will not pay more "
            "than value / this)."},
           b.reservation_score);
    v.real({"behaviour.resale_markup", "fraction", -0.5, 1,
            "assumption, after posted-price ABMs (initial markup then monthly cuts)",
            "Initial ask of a resale listing over estimated value."},
           b.resale_markup);
    v.real({"behaviour.resale_markup_expectation_weight", "ratio", 0, 10, "assumption",
            "Extra markup per unit of expected annual growth."},
           b.resale_markup_expectation_weight);
    v.real({"behaviour.resale_monthly_cut", "fraction", 0, 1, "assumption",
            "Monthly cut of a resale ask while unsold."},
           b.resale_monthly_cut);
    v.integer({"behaviour.resale_max_months_listed", "months", 1, 120, "assumption",
               "Voluntary listings withdrawn after this many months."},
              b.resale_max_months_listed);
    v.real({"behaviour.expectation_adapt_month", "fraction", 0, 1, "assumption",
            "Monthly weight of observed resale price growth in expectations."},
           b.expectation_adapt_month);
    v.real({"behaviour.expectation_bound_annual", "annual rate", 0, 1, "assumption",
            "Bound on expected annual price growth."},
           b.expectation_bound_annual);
    v.real({"behaviour.expectation_dispersion", "annual rate", 0, 1, "assumption",
            "Standard deviation of households' personal expectation offsets."},
           b.expectation_dispersion);
    v.real({"behaviour.initial_expected_growth_annual", "annual rate", -1, 1,
            "FACTS §2a: 2024 resale prices -6% to -8%", "Expected growth at the start."},
           b.initial_expected_growth_annual);
    v.real({"behaviour.rental_search_month", "hazard per month", 0, 1, "assumption",
            "Monthly hazard that a household without a market dwelling looks to rent."},
           b.rental_search_month);
    v.real({"behaviour.rent_to_income_max", "fraction", 0, 1, "assumption",
            "Highest rent a tenant accepts, share of income."},
           b.rent_to_income_max);
    v.real({"behaviour.tenancy_end_month", "hazard per month", 0, 1, "assumption",
            "Monthly hazard that a tenancy ends for other reasons."},
           b.tenancy_end_month);
    v.real(
        {"behaviour.rent_adjust_speed", "per month", 0, 1, "assumption",
         "Monthly rent change per unit gap between the starting and the current rental vacancy."},
        b.rent_adjust_speed);
    v.real({"behaviour.target_selloff_months", "months", 1, 240, "assumption",
            "Months in which a developer aims to sell a project's units."},
           b.target_selloff_months);
    v.real({"behaviour.reprice_speed", "per month", 0, 1, "assumption",
            "List-price change per unit relative gap between target and actual sales pace."},
           b.reprice_speed);
    v.real({"behaviour.max_monthly_cut", "fraction", 0, 1, "assumption",
            "Largest list-price cut a developer makes in a month."},
           b.max_monthly_cut);
    v.real({"behaviour.max_monthly_rise", "fraction", 0, 1, "assumption",
            "Largest list-price rise a developer makes in a month."},
           b.max_monthly_rise);
    v.real({"behaviour.land_hurdle_margin", "fraction", 0, 2, "assumption",
            "Margin over cost a developer requires when bidding for land."},
           b.land_hurdle_margin);
    v.real({"behaviour.bid_noise_sd", "log points", 0, 1, "assumption",
            "Dispersion of developers' land valuations."},
           b.bid_noise_sd);
    v.real({"behaviour.min_cash_share", "fraction", 0, 1, "assumption",
            "Cash a developer must hold, as share of a project's cost, to start it."},
           b.min_cash_share);
    v.integer({"behaviour.stall_default_months", "months", 1, 120, "assumption",
               "A developer with a project stalled this long defaults."},
              b.stall_default_months);
    v.real({"behaviour.dev_loan_spread_annual", "annual rate", -0.05, 0.2, "assumption",
            "Development loan rate over the 5-year LPR."},
           b.dev_loan_spread_annual);
    v.integer({"behaviour.min_active_developers", "count", 0, 1000, "assumption",
               "New developers enter while fewer than this are active."},
              b.min_active_developers);
}

}  // namespace

void describe_levers(Levers& l, FieldVisitor& v) {
    ExogenousParams& e = l.exogenous;
    v.real({"exogenous.lpr_5y_annual", "annual rate", 0, 0.3,
            "FACTS §2b: 5-year LPR 3.60% from 21 Oct 2024", "5-year loan prime rate."},
           e.lpr_5y_annual);
    v.real({"exogenous.deposit_rate_annual", "annual rate", 0, 0.3, "assumption",
            "Interest on household deposits."},
           e.deposit_rate_annual);
    v.real({"exogenous.provident_deposit_rate_annual", "annual rate", 0, 0.3,
            "assumption: provident accounts earn 1.5%", "Interest on provident balances."},
           e.provident_deposit_rate_annual);
    v.real({"exogenous.income_growth_annual", "annual rate", -0.5, 0.5,
            "assumption: nominal urban income growth 3-5% (FACTS §4)",
            "Growth of mean disposable income."},
           e.income_growth_annual);
    v.real({"exogenous.construction_cost_growth_annual", "annual rate", -0.5, 0.5, "assumption",
            "Growth of construction cost per m2."},
           e.construction_cost_growth_annual);
    v.real({"exogenous.formation_annual", "per household-year", 0, 0.5,
            "assumption: young adults leaving the parental home", "Household formation rate."},
           e.formation_annual);
    v.real({"exogenous.in_migration_annual", "per household-year", 0, 0.5, "assumption",
            "Arriving households relative to the population."},
           e.in_migration_annual);
    v.real({"exogenous.out_migration_annual", "hazard per year", 0, 0.5, "assumption",
            "Hazard that a household leaves the city."},
           e.out_migration_annual);
    v.real({"exogenous.demolitions_per_year", "dwellings/year", 0, kBig,
            "assumption: urban renewal (seed 000 §5, 003 §4(2))",
            "Dwellings demolished per year, real city."},
           e.demolitions_per_year);
    v.real({"exogenous.demolition_compensation_ratio", "ratio", 0, 5,
            "assumption: cash resettlement above market value",
            "Cash compensation relative to the demolished home's market value."},
           e.demolition_compensation_ratio);

    Policy& p = l.policy;
    v.integer({"policy.publish_lag_months", "months", 0, 24, "MODEL.md §4 phase 2",
               "Lag with which rules read published indicators."},
              p.publish_lag_months);
    CommercialCredit& c = p.commercial;
    v.real({"policy.credit.commercial.min_down_payment.first", "fraction", 0, 1,
            "seed 001 §1; 003 §3(2); FACTS §2b (15% from 24 Sep 2024)",
            "Minimum down payment, commercial loan, first recognised home."},
           c.min_down_payment.first);
    v.real({"policy.credit.commercial.min_down_payment.second", "fraction", 0, 1,
            "seed 001 §1; 003 §3(2); FACTS §2b (15% from 24 Sep 2024)",
            "Minimum down payment, commercial loan, second recognised home."},
           c.min_down_payment.second);
    v.real({"policy.credit.commercial.min_down_payment.third", "fraction", 0, 1,
            "seed 004 §2(3); assumption: banks ask 30% for a third home",
            "Minimum down payment, commercial loan, third and later homes."},
           c.min_down_payment.third);
    v.real({"policy.credit.commercial.rate_spread_first_annual", "annual rate", -0.05, 0.1,
            "FACTS §2b: new loans near LPR - 45bp in 2025 [M]",
            "Mortgage rate over the 5-year LPR, first home."},
           c.rate_spread_first_annual);
    v.real({"policy.credit.commercial.rate_spread_second_annual", "annual rate", -0.05, 0.1,
            "assumption: second homes priced 20bp above first", "Spread, second and later homes."},
           c.rate_spread_second_annual);
    v.boolean({"policy.credit.commercial.rate_floor.enabled", "on/off", 0, 1,
               "seed 001 §1 (floor abolished, FACTS §2b: 17 May 2024)",
               "Whether mortgage rates are floored."},
              c.rate_floor_enabled);
    v.real({"policy.credit.commercial.rate_floor.spread_first_annual", "annual rate", -0.05, 0.1,
            "FACTS §2b: former floor LPR - 20bp [M]", "Floor over the LPR, first home."},
           c.rate_floor_spread_first_annual);
    v.real({"policy.credit.commercial.rate_floor.spread_second_annual", "annual rate", -0.05, 0.1,
            "FACTS §2b: former floor LPR + 60bp [M]", "Floor over the LPR, second home."},
           c.rate_floor_spread_second_annual);
    v.real({"policy.credit.commercial.pti_cap", "fraction", 0, 1,
            "FACTS §4: repayment <= 50% of income, common bank rule [M]",
            "Cap on all mortgage payments over monthly income."},
           c.pti_cap);
    v.integer({"policy.credit.commercial.max_term_months", "months", 12, 480,
               "assumption: 30-year maximum", "Longest commercial mortgage term."},
              c.max_term_months);
    v.integer({"policy.credit.commercial.max_age_at_maturity", "years", 40, 100,
               "assumption: common bank rule", "Head's age by which a loan must be repaid."},
              c.max_age_at_maturity);
    ProvidentCredit& f = p.provident;
    v.real({"policy.credit.provident.min_down_payment.first", "fraction", 0, 1,
            "seed 001 §2 (20%); FACTS §2b", "Minimum down payment, provident loan, first home."},
           f.min_down_payment_first);
    v.real({"policy.credit.provident.min_down_payment.second", "fraction", 0, 1,
            "seed 001 §2 (20%); 000 §12 (30% -> 20%); FACTS §2b",
            "Minimum down payment, provident loan, second home."},
           f.min_down_payment_second);
    v.real({"policy.credit.provident.rate.first_le5y_annual", "annual rate", 0, 0.2,
            "seed 001 §2; FACTS §2b (2.35% from 18 May 2024)",
            "Provident rate, first home, term up to 5 years."},
           f.rate_first_le5y_annual);
    v.real({"policy.credit.provident.rate.first_gt5y_annual", "annual rate", 0, 0.2,
            "seed 001 §2; FACTS §2b (2.85% from 18 May 2024)",
            "Provident rate, first home, term over 5 years."},
           f.rate_first_gt5y_annual);
    v.real({"policy.credit.provident.rate.second_le5y_annual", "annual rate", 0, 0.2,
            "seed 001 §2; FACTS §2b (2.775% from 18 May 2024)",
            "Provident rate, second home, term up to 5 years."},
           f.rate_second_le5y_annual);
    v.real({"policy.credit.provident.rate.second_gt5y_annual", "annual rate", 0, 0.2,
            "seed 001 §2; FACTS §2b (3.325% from 18 May 2024)",
            "Provident rate, second home, term over 5 years."},
           f.rate_second_gt5y_annual);
    v.real({"policy.credit.provident.loan_cap.couple_yuan", "yuan", 0, 1e8,
            "seed 001 §2 (80万 -> 90万); 000 §12 (100万 couple)",
            "Largest provident loan, household of two or more."},
           f.loan_cap_couple_yuan);
    v.real({"policy.credit.provident.loan_cap.single_yuan", "yuan", 0, 1e8,
            "seed 000 §12 (60万 single applicant)", "Largest provident loan, single person."},
           f.loan_cap_single_yuan);
    v.real({"policy.credit.provident.balance_multiple", "ratio", 0, 1000,
            "assumption: centres cap loans at a multiple of the account balance",
            "Largest provident loan as a multiple of the account balance."},
           f.balance_multiple);
    v.integer({"policy.credit.provident.min_contribution_months", "months", 0, 120,
               "assumption: common rule of 6 months' contributions",
               "Contribution history required for a provident loan."},
              f.min_contribution_months);
    v.integer({"policy.credit.provident.max_term_months", "months", 12, 480,
               "assumption: 30-year maximum", "Longest provident loan term."},
              f.max_term_months);
    v.real({"policy.credit.provident.liquidity_floor_share", "fraction", 0, 1,
            "MODEL.md §3: the centre lends only while it has funds",
            "The centre stops lending when its cash falls below this share of member balances."},
           f.liquidity_floor_share);
    v.boolean({"policy.credit.provident.repayment_withdrawal", "on/off", 0, 1,
               "assumption: standard 提取还贷 rule of provident centres",
               "Members with a mortgage withdraw their balance each month towards the payment."},
              f.repayment_withdrawal);
    v.real({"policy.credit.provident.rent_withdrawal_cap_yuan_per_year", "yuan/year", 0, 1e6,
            "seed 000 §12 (12000 -> 14400 per person a year); 001 §2 (15000 -> 18000)",
            "Most a tenant may withdraw for rent per earner (up to two per household) a year."},
           f.rent_withdrawal_cap_yuan_per_year);
    v.boolean({"policy.recognition.count_mortgage_history", "on/off", 0, 1,
               "seed 003 §3(2) (认房不认贷: off); 004 §2(3)",
               "Whether a household with a mortgage outstanding counts as owning one more home."},
              p.recognition.count_mortgage_history);
    Tax& t = p.tax;
    v.real({"policy.tax.deed.small_rate", "fraction", 0, 0.2,
            "seed 004 §1(3) (1% <= 90 m2); FACTS §2b (1% <= 140 m2 from 1 Dec 2024)",
            "Deed tax rate on homes up to the small-area threshold."},
           t.deed_small_rate);
    v.real({"policy.tax.deed.small_max_m2", "m2", 0, 1000,
            "seed 004 §1(3) (90 m2); FACTS §2b (140 m2 from 1 Dec 2024)",
            "Largest area taxed at the small rate."},
           t.deed_small_max_m2);
    v.real({"policy.tax.deed.large_first_rate", "fraction", 0, 0.2,
            "seed 004 §1(3) (1.5%); FACTS §2b", "Deed tax, larger first home."},
           t.deed_large_first_rate);
    v.real({"policy.tax.deed.large_second_rate", "fraction", 0, 0.2,
            "FACTS §2b (2% for a second home > 140 m2) [M]", "Deed tax, larger second home."},
           t.deed_large_second_rate);
    Land& land = p.land;
    v.real({"policy.land.annual_plan_m2", "m2/year", 0, kBig,
            "seed 003 §1(1); 001 §13: annual residential land plan",
            "Floor area of residential land offered per year under the plan, real city."},
           land.annual_plan_m2);
    v.boolean({"policy.land.destock_rule.enabled", "on/off", 0, 1,
               "seed 003 §1(1); FACTS §1 (MNR 2024 notice)",
               "Tie land supply to the published digestion cycle."},
              land.destock_rule.enabled);
    v.real({"policy.land.destock_rule.halt_above_months", "months", 0, 1000,
            "seed 003 §1(1): halt above 36 months", "No new residential land above this cycle."},
           land.destock_rule.halt_above_months);
    v.real({"policy.land.destock_rule.cap_above_months", "months", 0, 1000,
            "seed 003 §1(1): 18 (exclusive) to 36 months, 盘活多少、供应多少",
            "Above this cycle, the year's new land is capped at the area revitalised this year."},
           land.destock_rule.cap_above_months);
    v.choice({"policy.land.destock_rule.indicator",
              "choice",
              0,
              0,
              "MODEL.md §8: the rule reads the narrow cycle by default",
              "Which published digestion cycle the rule reads.",
              {"narrow", "broad", "completed"}},
             reinterpret_cast<uint8_t&>(land.destock_rule.indicator));
    v.real({"policy.land.destock_rule.expand_below_months", "months", 0, 1000,
            "FACTS §1: MOHURD+MLR 2017, 6-12 months: increase supply",
            "At or below this cycle the year's plan is raised by expand_factor."},
           land.destock_rule.expand_below_months);
    v.real({"policy.land.destock_rule.expand_factor", "ratio", 1, 10,
            "FACTS §1: MOHURD+MLR 2017 (no factor given; assumption 1.5)",
            "Multiplier of the plan when the cycle is short."},
           land.destock_rule.expand_factor);
    v.real({"policy.land.destock_rule.expand_strongly_below_months", "months", 0, 1000,
            "FACTS §1: MOHURD+MLR 2017, under 6 months: increase significantly and faster",
            "At or below this cycle the plan is raised by expand_strongly_factor."},
           land.destock_rule.expand_strongly_below_months);
    v.real({"policy.land.destock_rule.expand_strongly_factor", "ratio", 1, 10,
            "FACTS §1: MOHURD+MLR 2017 (no factor given; assumption 2)",
            "Multiplier of the plan when the cycle is very short."},
           land.destock_rule.expand_strongly_factor);
    v.real({"policy.land.deposit_share", "fraction", 0, 1, "seed 001 §12 (20% of start price)",
            "Bid deposit as a share of the start price."},
           land.deposit_share);
    v.real({"policy.land.first_installment_share", "fraction", 0, 1,
            "seed 001 §12 (50% first installment)",
            "Share of the land price paid at signing (deposit counts towards it)."},
           land.first_installment_share);
    v.integer(
        {"policy.land.installment_months", "months", 0, 60, "seed 001 §12 (rest within one year)",
         "Months over which the rest of the land price is paid."},
        land.installment_months);
    v.integer({"policy.land.min_start_lag_months", "months", 0, 60,
               "seed 001 §17; 003 §6(2) (拿地即开工 shortens it)",
               "Months of approvals between land purchase and the earliest start."},
              land.min_start_lag_months);
    v.integer({"policy.land.start_window_months", "months", 1, 120,
               "assumption: land contracts set a start deadline of about a year",
               "Months after purchase by which the contract expects a start."},
              land.start_window_months);
    v.integer({"policy.land.idle_recovery_months", "months", 1, 240,
               "FACTS §1 (MNR 2024: land idle over 2 years recovered)",
               "Land not started this long after purchase is recovered."},
              land.idle_recovery_months);
    v.real({"policy.land.reserve_price_share", "fraction", 0, 2,
            "assumption: start price about a fifth of the new-home price",
            "Auction start price per m2 as a share of the zone's new-home price."},
           land.reserve_price_share);
    v.real({"policy.sales.presale_progress_threshold", "fraction", 0, 1,
            "seed 004 §4(3) (25% investment); 001 §20 (topping-out about 0.7)",
            "Construction progress at which a project may presell (1 = completed only)."},
           p.sales.presale_progress_threshold);
    v.real({"policy.sales.max_price_cut_per_month", "fraction", 0, 1,
            "seed 004 §4(1) (no limit); assumption: filing rules bound cuts",
            "Largest monthly cut of a filed presale list price."},
           p.sales.max_price_cut_per_month);
    v.real({"policy.escrow.retention_share", "fraction", 0, 1, "seed 001 §16 (15%); 004 §4(4) (5%)",
            "Share of the supervised amount (the project's construction cost) kept in escrow "
            "until completion."},
           p.escrow.retention_share);
    v.real({"policy.escrow.retention_share_ab", "fraction", 0, 1,
            "seed 001 §16 (not below 10% for A/B-rated developers)",
            "Retention for A- and B-rated developers."},
           p.escrow.retention_share_ab);
    v.boolean(
        {"policy.developer_finance.white_list", "on/off", 0, 1, "seed 000 §15; 001 §19; 003 §3(1)",
         "Development loans for qualifying (non-defaulted, B or better) projects."},
        p.developer_finance.white_list);
    v.real({"policy.developer_finance.loan_to_cost", "fraction", 0, 1,
            "assumption: project loans fund about half of construction",
            "Development loan limit as a share of construction cost."},
           p.developer_finance.loan_to_cost);
}

void describe(Scenario& s, FieldVisitor& v) {
    describe_run(s.run, v);
    describe_city(s.city, v);
    describe_behaviour(s.behaviour, v);
    describe_levers(s.levers, v);
}

}  // namespace housim
