#include "sim/scenario/schema.hpp"
#include "sim/scenario/schema_parts.hpp"

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
    v.boolean({"run.measures", "on/off", 0, 1, "user",
               "Apply the timeline entries marked measure = true (off: the no-measures "
               "baseline of a policy scenario)."},
              r.measures);
    v.text({"run.only_measure", "text", 0, 0, "user",
            "When not empty, only the timeline measures with this id apply (to study one "
            "measure against the baseline)."},
           r.only_measure);
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
    v.real({"city.high_quality_cost_premium", "fraction", 0, 2,
            "assumption: stone or panel facades, better fittings and services of the "
            "high-quality standards (seed 003 §1(2), §6(1)) add about a sixth to the cost",
            "Extra construction cost per m2 of a high-quality home, as a share of the ordinary "
            "cost."},
           c.high_quality_cost_premium);
    v.text_list({"city.zones.names", "names", 0, 0, "assumption: four districts",
                 "Name of each zone (district), as the output's zones attribute gives them."},
                c.zones.names);
    v.real_list({"city.zones.share", "fraction", 0, 1, "assumption: four districts",
                 "Share of dwellings in each zone (sum 1; one value per zone)."},
                c.zones.share);
    v.real_list({"city.zones.price_factor", "ratio", 0.1, 10,
                 "FACTS §3: Weihai district new-home prices 11174 / 8219 / 7225 / 6737 yuan/m2",
                 "Price per m2 of each zone relative to the city reference."},
                c.zones.price_factor);
    v.real_list({"city.zones.unsold_share", "fraction", 0, 1,
                 "assumption: the initial unsold stock spread like the dwellings",
                 "Share of the initial unsold stock (projects and land bank) in each zone (sum "
                 "1; one value per zone)."},
                c.zones.unsold_share);
    v.real_list({"city.zones.land_share", "fraction", 0, 1,
                 "assumption: the land plan spread like the dwellings",
                 "Share of the land plan and of new parcels in each zone (sum 1; one value per "
                 "zone)."},
                c.zones.land_share);
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
    v.real({"city.initial_mortgage_spread_annual", "annual rate", -0.05, 0.05,
            "FACTS §2b: existing loans moved to LPR - 30 bp on 25 Oct 2024 (default city from "
            "2025); before it, older loans carried higher spreads (assumption per scenario)",
            "Spread over the 5-year LPR of the initial city's mortgages."},
           c.initial_mortgage_spread_annual);
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

void describe_city_eligibility(CityParams& c, FieldVisitor& v) {
    v.real_list({"city.talent_share_of_arrivals", "fraction", 0, 1,
                 "assumption: few arrivals qualify for the talent classes of seed 001 §4",
                 "Share of arriving households in talent classes 1-4 (top doctorate, master's, "
                 "bachelor's, other doctorate; 4 values)."},
                c.talent_share_of_arrivals);
    v.real({"city.military_share", "fraction", 0, 1, "assumption",
            "Share of households that are current military families (seed 001 §2)."},
           c.military_share);
    v.real({"city.homes_elsewhere_share_of_arrivals", "fraction", 0, 1,
            "assumption: many migrants own a home in their home town",
            "Share of arriving (and initial tenant) households owning a home outside the city."},
           c.homes_elsewhere_share_of_arrivals);
    v.integer({"city.nonlocal_months", "months", 0, 240,
               "assumption: two years to build a local social-security and tax record",
               "Months after arrival during which a new citizen is a non-local buyer (seed 004 "
               "§2(2), §3(2))."},
              c.nonlocal_months);
    v.real({"city.legacy_stock_share", "fraction", 0, 1,
            "assumption: reform, self-built and resettlement homes in the old stock",
            "Share of initial homes over 20 years old that are legacy homes (seed 004 §1(1))."},
           c.legacy_stock_share);
}

void describe_behaviour(BehaviourParams& b, FieldVisitor& v) {
    v.real({"behaviour.income_persistence_annual", "AR(1) coefficient", 0, 1,
            "assumption: persistent income shocks (typical household panels 0.8-0.95)",
            "Year-on-year persistence of log-income deviations; the innovation's sd keeps the "
            "cross-section at city.income_log_sd."},
           b.income_persistence_annual);
    v.real({"behaviour.job_loss_month", "hazard per month", 0, 1,
            "calibrated, with job_find_month and job_income_gradient: the steady share of "
            "households out of work (series unemployment_rate) about 5.2%, the NBS surveyed "
            "urban unemployment rate of 2023-2024 (not in FACTS.md)",
            "Monthly job-loss hazard (mean over the income distribution)."},
           b.job_loss_month);
    v.real({"behaviour.job_find_month", "hazard per month", 0, 1,
            "assumption: a mean spell of about 8 months",
            "Monthly hazard of finding work when unemployed (mean over the income "
            "distribution; low earners find work more slowly: job_income_gradient)."},
           b.job_find_month);
    v.real({"behaviour.unemployment_replacement", "fraction", 0, 1,
            "fitted (docs/validation.md (b)) to the NPL ratio (FACTS §5: 0.45% at the leading "
            "banks in 2023, 0.73-0.86% at the six large banks in mid-2025), which the model "
            "does not reach even at 0 (0.25% over 2025). Few unemployed urban workers draw "
            "insurance benefits (about 90% of the "
            "local minimum wage where paid); the model's other distress channels (business "
            "income, stalled projects) are absent, so this stands for them too",
            "Household income while unemployed, share of its income in work."},
           b.unemployment_replacement);
    v.integer({"behaviour.foreclosure_arrears_months", "months", 3, 120,
               "assumption: recovery through the courts (judicial auction) takes one to two "
               "years in China",
               "Months of arrears after which the lender forces the sale of the home."},
              b.foreclosure_arrears_months);
    v.real({"behaviour.job_income_gradient", "log points per sd", 0, 3,
            "assumption; lower earners lose jobs more often and find them more slowly, so the "
            "exit rate from unemployment falls with the spell's length by dynamic selection "
            "(Lancaster 1979, Econometrica 47(4); Heckman & Singer 1984)",
            "Job loss is exp(-g z) and job finding exp(+g z) times their base hazards, for a "
            "household g standard deviations z of log income from the mean, each normalised "
            "so that its mean over the city's income distribution is the base hazard."},
           b.job_income_gradient);
    v.real({"behaviour.consumption_share", "fraction", 0, 1,
            "assumption: household saving rate about 30% of disposable income",
            "Share of income after housing costs spent on consumption."},
           b.consumption_share);
    v.real({"behaviour.subsistence_month_yuan", "yuan/month", 0, 1e5, "assumption",
            "Consumption floor per household."},
           b.subsistence_month_yuan);
    v.real({"behaviour.unemployed_consumption_keep_share", "fraction", 0, 1,
            "Gruber (1997, AER 87(1)): food spending falls about 7% on job loss with "
            "unemployment insurance and would fall about 22% without it; Ganong & Noel (2019, "
            "AER 109(7)): spending falls 6% at the start of a spell and 12% more when benefits "
            "end. Few Chinese urban workers draw benefits, so the no-insurance end: 0.8",
            "While unemployed, a household keeps consuming at least this share of what it "
            "spent in work (consumption_share of its earnings after housing costs), drawing "
            "on its savings: households smooth consumption rather than cut it to subsistence, "
            "so a long spell empties the savings that pay the mortgage. 0: consumption "
            "follows the benefit income alone."},
           b.unemployed_consumption_keep_share);
    v.real({"behaviour.arrears_cure_buffer_months", "months of income", 0, 120,
            "assumption: a borrower back in work rebuilds a small cushion before clearing "
            "missed installments",
            "A borrower who pays the month's installment but has missed earlier ones makes "
            "them up from savings above this many months of income; until every missed "
            "installment is made up the loan stays overdue (days past due count from the "
            "oldest unpaid installment, so a loan three or more installments behind stays "
            "non-performing)."},
           b.arrears_cure_buffer_months);
    v.real({"behaviour.wealth_consumption_annual", "share per year", 0, 1,
            "assumption, calibrated so that the default city's mean savings grow about one "
            "month of income a year, as Chinese household deposits did relative to disposable "
            "income (about 1.8 years in 2015 to 2.6 in 2024: PBOC deposits, NBS income; not "
            "in FACTS.md); consumption out of liquid wealth is a few to about ten cents a "
            "yuan a year in the literature (Carroll, Otsuka & Slacalek 2011, JMCB 43(1))",
            "Share of liquid savings above wealth_buffer_months of income that a household "
            "spends in a year, on top of its consumption out of income. Without it savings "
            "grow without bound relative to incomes (a 30% saving rate and no other use of "
            "deposits), and housing demand with them."},
           b.wealth_consumption_annual);
    v.real({"behaviour.wealth_buffer_months", "months of income", 0, 240,
            "assumption: a precautionary buffer of half a year of income",
            "Savings a household keeps out of reach of wealth_consumption_annual."},
           b.wealth_buffer_months);
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
            "fitted (docs/validation.md (b)): the default city against FACTS.md's 2025 facts; "
            "first-time purchases about 5-6% of renters a year",
            "Base monthly hazard that a non-owner starts searching to buy."},
           b.buy_hazard_month);
    v.real({"behaviour.upgrade_hazard_month", "hazard per month", 0, 1,
            "fitted (docs/validation.md (b)): the default city against FACTS.md's 2025 facts",
            "Base monthly hazard that a crowded owner searches to upgrade."},
           b.upgrade_hazard_month);
    v.real({"behaviour.affordability_elasticity", "elasticity", 0, 5,
            "assumption (MODEL.md §5: the buy hazard rises with affordability)",
            "Elasticity of the buy and upgrade hazards to the city's price-to-income ratio "
            "(resale index over the income base), relative to the first simulated month."},
           b.affordability_elasticity);
    v.real({"behaviour.affordability_factor_max", "ratio", 1, 10, "assumption",
            "Bound of the affordability factor: the buy and upgrade hazards move by at most "
            "this factor, up or down."},
           b.affordability_factor_max);
    v.real({"behaviour.formation_rent_elasticity", "elasticity", 0, 5,
            "assumption: young adults form households of their own less often where rents are "
            "high against incomes (Haurin, Hendershott & Kim 1993, REStat 75(2)); 2 stops the "
            "default city's rental vacancy climbing for a decade (docs/plausibility.md)",
            "Elasticity of household formation (exogenous.formation_annual) to real rents: the "
            "rent index over the income base, relative to the first simulated month. Bounded "
            "to half and twice the base rate."},
           b.formation_rent_elasticity);
    v.real({"behaviour.rent_price_elasticity", "elasticity", 0, 5,
            "assumption: the tenure choice compares the cost of owning with the rent "
            "(Poterba 1984, QJE 99(4); Henderson & Ioannides 1983, AER 73(1)); set so that "
            "the default city's rental vacancy and rents stay in a believable range "
            "(docs/plausibility.md)",
            "Elasticity of renters' first-purchase hazard to the rent-to-price ratio (rent "
            "index over resale index) relative to the first simulated month: when rents fall "
            "against prices, renting is the cheaper way to be housed and fewer tenants buy, "
            "which keeps tenants in the rental market. Bounded like the affordability factor "
            "(affordability_factor_max)."},
           b.rent_price_elasticity);
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
    v.real({"behaviour.sell_extra_return_weight", "per point", 0, 10, "assumption",
            "Weight of each point of shortfall of the expected total return (net rent yield + "
            "expected growth) below the mortgage rate plus hurdle in the sell-extra hazard."},
           b.sell_extra_return_weight);
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
            "fitted (docs/validation.md (b)): the default city against FACTS.md's 2025 facts",
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
    v.real({"behaviour.search_window_min_share", "fraction", 0, 1, "assumption (search friction)",
            "Least share of the units on the market a buyer's price window covers: where fewer "
            "lie between its floor and its budget, it looks at cheaper ones. Units, not "
            "listings, so the search does not depend on run.scale."},
           b.search_window_min_share);
    v.real({"behaviour.new_home_preference", "fraction", 0, 1, "assumption",
            "Value premium buyers give a completed new home over an equivalent resale home."},
           b.new_home_preference);
    v.real({"behaviour.presale_risk_discount", "fraction", 0, 1, "assumption",
            "Value discount buyers apply to an off-plan home (delivery risk)."},
           b.presale_risk_discount);
    v.real({"behaviour.stall_risk_weight", "ratio", 0, 20, "assumption",
            "Extra off-plan discount per unit share of stalled projects in the city."},
           b.stall_risk_weight);
    v.real({"behaviour.reservation_score", "ratio", 0, 2,
            "fitted (docs/validation.md (b)): the default city against FACTS.md's 2025 facts",
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
    v.real({"behaviour.resale_monthly_cut", "fraction", 0, 1,
            "fitted (docs/validation.md (b)): the default city against FACTS.md's 2025 facts",
            "Monthly cut of a resale ask while unsold."},
           b.resale_monthly_cut);
    v.integer({"behaviour.resale_max_months_listed", "months", 1, 120, "assumption",
               "Voluntary listings withdrawn after this many months."},
              b.resale_max_months_listed);
    v.real({"behaviour.resale_markup_tightness_weight", "fraction", 0, 0.2,
            "assumption; the form after the INET model's initial markup, which falls with the "
            "average time on market (Baptista et al. 2016, BoE Staff Working Paper 619)",
            "Extra markup of a new resale listing per log of resale_reference_months_listed over "
            "the smoothed months recent resale sales were listed (within +-5 points): sellers "
            "ask more when comparable homes sell fast."},
           b.resale_markup_tightness_weight);
    v.real({"behaviour.resale_reference_months_listed", "months", 1, 24, "assumption",
            "Months on market (counting the month of sale) at which the markup is the base "
            "resale_markup."},
           b.resale_reference_months_listed);
    v.real({"behaviour.loss_aversion_ask_share", "fraction", 0, 1,
            "Genesove & Mayer (2001), QJE 116(4): asks 25-35% of a prospective nominal loss "
            "higher",
            "Share of a prospective nominal loss (purchase price over value) a household seller "
            "adds to its ask and to the lowest ask it accepts before withdrawing."},
           b.loss_aversion_ask_share);
    v.real({"behaviour.bridging_cost_share", "fraction", 0, 0.2,
            "assumption: bridging lenders' fees for the two to four weeks a transfer takes",
            "Fee for bridging finance that clears a seller's loan before the transfer, as a "
            "share of the loan its savings do not cover (where policy.sales."
            "resale_transfer_with_mortgage is off)."},
           b.bridging_cost_share);
    v.real({"behaviour.bid_up_step", "fraction per bid", 0, 0.1,
            "Baptista et al. (2016), BoE Staff Working Paper 619 (INET model: 0.75% per bid)",
            "Proportional rise of a resale price per competing bid when several buyers bid for "
            "the same home in a round, up to the most the highest bidder would pay."},
           b.bid_up_step);
    v.integer({"behaviour.market_rounds", "rounds", 1, 50, "assumption (MODEL.md §6)",
               "Rounds of bids per month: a buyer outbid or refused financing bids for its next "
               "shortlisted home in the next round."},
              b.market_rounds);
    v.real({"behaviour.expectation_adapt_month", "fraction", 0, 1, "assumption",
            "Monthly weight of observed resale price growth in expectations."},
           b.expectation_adapt_month);
    v.real({"behaviour.expectation_trend_weight", "fraction", 0, 2,
            "after the INET model's house-price expectation factor of 0.5 (Baptista et al. "
            "2016, BoE Staff Working Paper 619)",
            "Share of the resale index's recent annualised growth that households expect to "
            "continue: expectations adapt towards this share of the trend, not the whole of it."},
           b.expectation_trend_weight);
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
    v.real({"behaviour.rent_adjust_speed", "per month", 0, 1, "assumption",
            "Monthly real rent change per unit gap between the natural and the current rental "
            "vacancy (rents rise below the natural rate, fall above it)."},
           b.rent_adjust_speed);
    v.real({"behaviour.natural_rental_vacancy_share", "fraction", 0, 1,
            "assumption: natural-vacancy rule of Rosen & Smith (1983, AER 73(4)) and Gabriel & "
            "Nothaft (2001, J. Urban Econ. 49); the level reflects extra homes held empty in "
            "Chinese cities: CHFS 2013 has 18.6% of all urban homes vacant and 1.22-1.5 homes "
            "per household (FACTS.md), so 18-33% of homes are extras and roughly half or more "
            "of them empty; 0.45 is about the default city's start (0.43)",
            "Rental vacancy at which real rents are stable."},
           b.natural_rental_vacancy_share);
    v.real({"behaviour.rent_max_change_month", "fraction per month", 0, 0.1, "assumption",
            "Bound on the vacancy-driven monthly change of the rent index."},
           b.rent_max_change_month);
    v.real({"behaviour.rent_income_passthrough_share", "fraction", 0, 1, "assumption",
            "Share of the month's growth of the reference income passed to the rent index "
            "(rents anchored to incomes in the long run)."},
           b.rent_income_passthrough_share);
    v.real({"behaviour.vacant_rent_discount_month", "fraction per month", 0, 1, "assumption",
            "Cut of a landlord's asking rent below market rent per month the home stays empty."},
           b.vacant_rent_discount_month);
    v.real({"behaviour.vacant_rent_discount_max_share", "fraction", 0, 1, "assumption",
            "Largest cut of an empty home's asking rent below market rent."},
           b.vacant_rent_discount_max_share);
    v.integer({"behaviour.vacant_sale_months", "months", 1, 255, "assumption",
               "Months without a tenant after which a landlord may sell the home."},
              b.vacant_sale_months);
    v.real({"behaviour.vacant_sale_hazard_month", "hazard per month", 0, 1, "assumption",
            "Monthly hazard that a landlord lists a home empty for vacant_sale_months or more."},
           b.vacant_sale_hazard_month);
    v.real({"behaviour.target_selloff_months", "months", 1, 240,
            "fitted (docs/validation.md (b)): the default city against FACTS.md's 2025 facts",
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
    v.real({"behaviour.market_reprice_weight", "fraction per month", 0, 0.05,
            "fitted (docs/validation.md (b)): the default city against FACTS.md's 2025 facts",
            "Monthly list-price change per unit of market pressure (the log of "
            "target_selloff_months over the city's published digestion cycle, within +-1): "
            "developers raise prices when the city's unsold stock is thin and cut them when it "
            "is long, besides responding to their own pace."},
           b.market_reprice_weight);
    v.real({"behaviour.local_market_weight", "fraction", 0, 1,
            "assumption: seed 003 §1(1) publishes each district's cycle",
            "Weight of the developer's own district against the city in what it prices by: the "
            "district's published cycle in the market pressure of list-price changes and "
            "launch premiums (the log of target_selloff_months over the cycle, each within "
            "+-1), and the district's resale index in the comparables of launches and land "
            "values."},
           b.local_market_weight);
    v.real({"behaviour.launch_tightness_elasticity", "fraction", 0, 0.5, "assumption",
            "Launch premium over comparables per unit of market pressure (within +-10%): new "
            "projects launch dearer when the city's stock is thin."},
           b.launch_tightness_elasticity);
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
    v.real({"behaviour.renovation_hazard_month", "hazard per month", 0, 1, "assumption",
            "Owners without a mortgage withdrawing provident balances for renovation, when "
            "allowed (seed 003 §3(2))."},
           b.renovation_hazard_month);
    v.real({"behaviour.renovation_withdrawal_yuan", "yuan", 0, 1e7, "assumption",
            "Amount withdrawn (at most the balance) and spent on a renovation."},
           b.renovation_withdrawal_yuan);
    v.real({"behaviour.conversion_hazard_month", "hazard per month", 0, 1, "assumption",
            "Eligible commercial borrowers applying for 商转公 each month, when allowed."},
           b.conversion_hazard_month);
    v.real({"behaviour.prepay_hazard_per_point_month", "hazard per month per point", 0, 0.1,
            "assumption, calibrated loosely to FACTS §5 (listed banks' mortgage balances fell "
            "about 1% in H1 2024 with prepayment as loan rates stood 2-3 points above deposit "
            "rates)",
            "Monthly hazard that a paying borrower repays early, per percentage point of its "
            "loan rate over the deposit rate; considered once a year, in the loan's "
            "anniversary month, as the twelve months' probability."},
           b.prepay_hazard_per_point_month);
    v.real({"behaviour.prepay_buffer_months", "months", 0, 120, "assumption",
            "Months of income a borrower keeps in savings when it repays early."},
           b.prepay_buffer_months);
}

}  // namespace

void describe(Scenario& s, FieldVisitor& v) {
    describe_run(s.run, v);
    describe_city(s.city, v);
    describe_city_eligibility(s.city, v);
    describe_behaviour(s.behaviour, v);
    describe_levers(s.levers, v);
}

}  // namespace housim
