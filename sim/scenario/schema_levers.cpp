// The timeline-settable keys: exogenous paths and the policy levers of MODEL.md §7 (credit,
// recognition, taxes, land, sales, escrow, developer finance). The programmes (subsidies,
// trade-in, renewal, affordable housing, sentiment) are in schema_programmes.cpp.
#include "sim/scenario/schema.hpp"
#include "sim/scenario/schema_parts.hpp"

namespace housim {

namespace {

constexpr double kBig = 1e15;

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
    v.real({"exogenous.job_loss_multiplier", "ratio", 0, 20,
            "assumption: a downturn's path (scenarios/downturn.toml)",
            "Multiplies every household's job-loss hazard (behaviour.job_loss_month)."},
           e.job_loss_multiplier);
    v.real({"exogenous.job_find_multiplier", "ratio", 0, 20,
            "assumption: a downturn's path (scenarios/downturn.toml)",
            "Multiplies every household's job-finding hazard (behaviour.job_find_month)."},
           e.job_find_multiplier);
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
    v.boolean({"policy.credit.commercial.nonlocal_loans", "on/off", 0, 1,
               "seed 004 §3(2) (异地购房者 may borrow where they buy)",
               "Banks lend to non-local buyers (city.nonlocal_months); off: they pay cash."},
              c.nonlocal_loans);
    v.integer({"policy.credit.commercial.max_term_months", "months", 12, 480,
               "assumption: 30-year maximum", "Longest commercial mortgage term."},
              c.max_term_months);
    v.integer({"policy.credit.commercial.max_age_at_maturity", "years", 40, 100,
               "assumption: common bank rule", "Head's age by which a loan must be repaid."},
              c.max_age_at_maturity);
    v.integer({"policy.credit.commercial.repricing_months", "months", 1, 12,
               "FACTS §2b: yearly reset on 1 January; 3, 6 or 12 months offered from Nov 2024",
               "Existing commercial loans reset to the LPR then in force plus their spread "
               "every this many months, counted from January (provident loans: each "
               "January)."},
              c.repricing_months);
    v.real({"policy.credit.commercial.existing_spread_cap_annual", "annual rate", -0.05, 1,
            "FACTS §2b: 25 Oct 2024, existing loans above LPR - 30 bp moved to LPR - 30 bp; "
            "seed 003 §3(2) (落实国家关于调整存量房贷利率政策)",
            "Batch adjustment of existing loans: in the month this changes, every existing "
            "commercial loan whose spread over the LPR is above it is moved to it and "
            "reprices at once. 1: no cap."},
           c.existing_spread_cap_annual);
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
    v.boolean({"policy.credit.provident.first_loans_first", "on/off", 0, 1,
               "seed 004 §1(5) (优先满足首次利用公积金贷款的购房需求)",
               "Near its floor the centre lends to first-time provident borrowers only: others "
               "(and 商转公) need first_loans_reserve_share more cash."},
              f.first_loans_first);
    v.real({"policy.credit.provident.first_loans_reserve_share", "fraction", 0, 1,
            "assumption: a band of 2% of member balances",
            "Cash above the floor, as a share of member balances, that repeat provident loans "
            "need when first loans come first."},
           f.first_loans_reserve_share);
    v.real({"policy.credit.provident.liquidity_line_yuan", "yuan", 0, 1e12,
            "seed 004 §1(5) (公转商、财政借款); the amount is the scenario's assumption",
            "Borrowing (公转商, fiscal loans) that lets the centre lend below its liquidity "
            "floor by this much (real city)."},
           f.liquidity_line_yuan);
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
    v.choice({"policy.land.destock_rule.scope",
              "choice",
              0,
              0,
              "seed 003 §1(1): the cycle is published and the rule applied per district (旗区)",
              "Whether the rule reads the city's cycle (one allowance for the city) or each "
              "zone's (each zone's allowance from its land_share of the plan).",
              {"city", "zone"}},
             reinterpret_cast<uint8_t&>(land.destock_rule.scope));
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
    v.real({"policy.land.quality_condition_share", "fraction", 0, 1,
            "seed 003 §1(2) (定品质、竞地价: quality as a condition, competition on price)",
            "Share of parcels offered on condition that the project be of high quality "
            "(city.high_quality_cost_premium); bidders compete on the land price."},
           land.quality_condition_share);
    v.real({"policy.sales.presale_progress_threshold", "fraction", 0, 1,
            "seed 004 §4(3) (25% investment); 001 §20 (topping-out about 0.7)",
            "Construction progress at which a project may presell (1 = completed only)."},
           p.sales.presale_progress_threshold);
    v.real({"policy.sales.max_price_cut_per_month", "fraction", 0, 1,
            "seed 004 §4(1) (no limit); assumption: filing rules bound cuts",
            "Largest monthly cut of a filed presale list price."},
           p.sales.max_price_cut_per_month);
    v.real({"policy.sales.max_cut_from_filed_share", "fraction", 0, 1,
            "seed 000 §3 (price-filing rules enforced), 004 §4(1) (no filing of presale prices "
            "or their changes); the band: assumption (1: no band)",
            "Price-filing band: a project's list price may not fall more than this share below "
            "the price it filed at launch. Developers cut 1-2% a month at most on their own "
            "(behaviour.reprice_speed, market_reprice_weight), so cumulative cuts are where "
            "filing rules bind; the monthly limit above binds only below that."},
           p.sales.max_cut_from_filed_share);
    v.real({"policy.escrow.retention_share", "fraction", 0, 1,
            "seed 004 §4(4) (5% until completion); national practice 15% (assumption)",
            "Share of the supervised amount (the project's construction cost) kept in escrow "
            "until delivery, and then until completion filing unless the delivery node "
            "releases part of it."},
           p.escrow.retention_share);
    v.real({"policy.escrow.retention_share_ab", "fraction", 0, 1,
            "assumption: lower for A/B-rated developers, as seed 001 §16",
            "Retention for A- and B-rated developers."},
           p.escrow.retention_share_ab);
    v.integer({"policy.escrow.filing_lag_months", "months", 0, 24,
               "assumption: completion filing (竣工验收备案) 1-3 months after acceptance",
               "Months from delivery (five-party acceptance) to completion filing, when the "
               "retained escrow is released (0: released at delivery)."},
              p.escrow.filing_lag_months);
    v.boolean({"policy.escrow.delivery_node", "on/off", 0, 1,
               "seed 001 §16 (a node between basic completion and completion filing)",
               "At delivery, escrow above the delivery retention is released instead of "
               "waiting for completion filing."},
              p.escrow.delivery_node);
    v.real(
        {"policy.escrow.delivery_retention_share", "fraction", 0, 1, "seed 001 §16 (not below 15%)",
         "Share of the supervised amount kept from delivery to filing under the delivery "
         "node."},
        p.escrow.delivery_retention_share);
    v.real({"policy.escrow.delivery_retention_share_ab", "fraction", 0, 1,
            "seed 001 §16 (A/B-rated developers, not below 10%)",
            "The same for A- and B-rated developers."},
           p.escrow.delivery_retention_share_ab);
    v.boolean(
        {"policy.developer_finance.white_list", "on/off", 0, 1, "seed 000 §15; 001 §19; 003 §3(1)",
         "Development loans for qualifying (non-defaulted, B or better) projects."},
        p.developer_finance.white_list);
    v.real({"policy.developer_finance.loan_to_cost", "fraction", 0, 1,
            "assumption: project loans fund about half of construction",
            "Development loan limit as a share of construction cost."},
           p.developer_finance.loan_to_cost);
    describe_programmes(p, v);
}

}  // namespace housim
