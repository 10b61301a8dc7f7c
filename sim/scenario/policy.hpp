// Policy levers: the settings a scenario fixes at the start and changes on its timeline.
// Defaults are the national rules in force in early 2025 (sources in sim/schema.cpp, which
// also holds each lever's key, unit, range and seed clause). Units are in the names.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/scenario/year_month.hpp"

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
    // Existing loans reprice every this many months, on 1 January and then evenly (12: the
    // standard yearly reset; 3, 6 or 12 the choice offered from November 2024, FACTS §2b).
    int repricing_months = 12;
    // Batch adjustment of existing loans: in a month this changes, every existing loan's
    // spread above it is cut to it, and the loan reprices at once (FACTS §2b: 25 Oct 2024,
    // loans above LPR - 30 bp moved to LPR - 30 bp). 1: none.
    double existing_spread_cap_annual = 1.0;
    // Banks lend to non-local buyers (异地购房者, 004 §3(2)); when false they buy with cash.
    bool nonlocal_loans = true;
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
    // 004 §1(5): first provident loans first. Members who have had a provident loan (and
    // 商转公 conversions) borrow only while cash exceeds the floor by this further share.
    bool first_loans_first = false;
    double first_loans_reserve_share = 0.02;
    // 004 §1(5): 公转商 and fiscal borrowing: the centre lends below its floor by up to this
    // amount (real city).
    double liquidity_line_yuan = 0;
    bool repayment_withdrawal = true;                  // members may withdraw to repay a mortgage
    double rent_withdrawal_cap_yuan_per_year = 14400;  // per earner, for tenants
    // Priority groups' cap (talent, new citizens, ...; seed 001 §2); never below the general
    // one, so 0 leaves them on it.
    double rent_withdrawal_cap_priority_yuan_per_year = 0;
    double min_down_payment_affordable = 0.20;  // buying closed-loop affordable housing
    // Caps are the larger of the applicable ones unless raises_stack (000 §12: no stacking).
    double loan_cap_priority_yuan = 0;       // talent, new citizens, young, military, 2+ children
    double completed_home_cap_raise = 0;     // share added to the cap for a completed home
    double high_quality_cap_raise_yuan = 0;  // added to the cap for a high-quality home
    bool cap_raises_stack = false;
    bool family_withdrawal = false;        // parents' balances usable for a purchase (001 §2)
    bool renovation_withdrawal = false;    // owners may withdraw for renovation (003 §3(2))
    bool commercial_to_provident = false;  // 商转公 (001 §2)
    YearMonth commercial_to_provident_loans_before = YearMonth::of(2200, 1);
};

// Home-count recognition (认定): how many homes a purchase is recognised as following.
struct Recognition {
    // 认房不认贷 when false: only homes owned count; a past or current mortgage does not by
    // itself make a purchase a second home.
    bool count_mortgage_history = false;
    bool paid_off_loans_not_counted = false;  // 004 §2(3): repaid loans count as none
    bool local_homes_only = true;             // 004 §1(1); homes elsewhere are ignored
    bool exclude_inherited = false;           // 004 §1(1)
    bool exclude_legacy = false;  // self-built, reform, affordable, resettlement (004 §1(1))
    bool exclude_paid_off_resale = false;  // 004 §1(1)
    bool first_hand_only = false;          // 004 §1(1): only homes bought new are counted
    bool upgrade_as_first = false;         // 004 §1(1): an upgrade purchase (首改房) is a first
    int multi_child_discount = 0;          // homes fewer for 2+ children (001 §3, 003 §3(2))
    // The provident centre's own reading of loan records (003 §3(2)): as the banks do, or
    // counted (认贷), or not counted (认房不认贷).
    enum class ProvidentLoans : uint8_t { as_banks = 0, counted = 1, not_counted = 2 };
    ProvidentLoans provident_loan_history = ProvidentLoans::as_banks;
    // The provident centre counts only homes in the district (旗区) of the home bought
    // (003 §3(2): 以申请贷款房屋所在旗区范围内实有住房套数). Read at signing, when the district
    // is known; a buyer's budget is formed with the city-wide count.
    bool provident_district_homes = false;
    YearMonth provident_loans_before_not_counted = YearMonth::of(1900, 1);  // 001 §2
};

struct PurchaseLimits {
    bool enabled = false;  // 限购 (004 §2(1) lifts it)
    int max_homes = 2;     // recognised homes at which further purchases are refused
    // Non-local buyers must show local tax or social-security records to sign, borrow and
    // register, which they do not have: they may not buy (004 §2(2) lifts it).
    bool nonlocal_proof_required = false;
};

struct Tax {
    double deed_small_rate = 0.01;  // area <= deed_small_max_m2, any home count
    double deed_small_max_m2 = 140;
    double deed_large_first_rate = 0.015;
    double deed_large_second_rate = 0.02;
    bool displaced_deed_tax_exempt = false;  // 004 §1(3): up to the compensation amount
    // Ordinary homes (普通住房, 004 §1(2)): at most this area; larger ones pay the highest
    // deed tax rate and get no resale exemption after the holding period. 0: no line.
    double ordinary_max_m2 = 0;
    double resale_vat_rate = 0.05;  // on the sale price, paid by the seller
    int resale_vat_exempt_years = 2;
    double resale_iit_rate = 0.01;           // income tax as a share of the price
    int resale_iit_exempt_years = 5;         // for the seller's only home (满五唯一)
    bool trade_in_iit_rebate = false;        // refund if the seller buys within 12 months
    double rental_property_tax_rate = 0.12;  // on rents of rental firms' stock (001 §8: 4%)
    // Household landlords letting at least this many homes count as scale rental firms and pay
    // rental_property_tax_rate on their rents (0: none count, only the SOE pays).
    int rental_firm_min_homes = 0;
};

struct Subsidy {
    // Talent purchase subsidies by degree class (001 §4): world top-200 / 双一流 doctorate,
    // master's, bachelor's, other doctorates.
    std::vector<double> talent_yuan{0, 0, 0, 0};
    int talent_window_months = 60;             // after arrival
    int talent_service_months = 60;            // repaid if the household leaves earlier
    double rental_yuan_per_month = 0;          // to low-income tenants (000 §11)
    double rental_income_ceiling_share = 0.6;  // of mean income
    double trade_in_yuan = 0;  // per new-home purchase after a sale within 12 months
};

struct TradeIn {
    bool reservation = false;  // new home held while the old one sells (001 §5)
    int reservation_months = 6;
    double deposit_share = 0.02;            // refunded if the old home does not sell
    bool developer_takes_old_home = false;  // at third-party appraisal (000 §4)
    double developer_participation = 0.3;   // share of projects whose developer takes part
    double developer_appraisal_discount = 0.05;
    bool soe_buys_old_home = false;  // 001 §5, 003 §5(2)
    double soe_appraisal_discount = 0.10;
    // 灵活抵押 (003 §5(2)): a bank loan against the old home, for the new one's down payment,
    // up to bridging_ltv of its appraisal less what is owed on it; repaid when it sells.
    bool bridging_loans = false;
    double bridging_ltv = 0.6;
};

struct Renewal {
    double voucher_share = 0;          // displaced owners paid by voucher (房票) instead of cash
    double voucher_premium = 0.10;     // voucher value over the cash compensation
    int voucher_valid_months = 24;     // then redeemed for cash at the cash value
    bool voucher_transferable = true;  // once, if the holder owns a local home (001 §6)
};

struct Affordable {
    bool acquisition = false;      // SOE buys completed unsold homes (seed 002)
    double funding_yuan = 0;       // the line, real city
    double relending_share = 1.0;  // share funded by central-bank relending
    double relending_rate_annual = 0.0175;
    double price_cap_share_of_value = 0.70;  // "significantly below market"
    double price_cap_cost_markup = 0.50;     // and <= replacement cost: cost x (1 + markup)
    double max_area_m2 = 120;
    double max_units_per_month = 200;  // pace, real city
    int buyback_idle_months = 12;      // closed loop: idle homes bought back
    double sale_share = 0.5;           // 配售 vs 配租 of allocations
    double sale_margin = 0.03;         // 保本微利 over the acquisition price
    double rent_share_of_market = 0.6;
    double waiting_income_ceiling_share = 0.7;  // of mean income, non-owners
    double quota_share = 0;  // of new projects' units handed over (001 §15, 003 §4(1))
    double quota_min_parcel_m2 = 50000;  // real city
    int quota_max_zone = 0;              // zones 0 .. this count as central
};

enum class CycleIndicator : uint8_t { narrow = 0, broad = 1, completed = 2 };
// Whether the land rule reads the city's cycle and sets one allowance for the city, or reads
// each district's cycle and sets each district's allowance from its share of the plan.
enum class RuleScope : uint8_t { city = 0, zone = 1 };

struct DestockRule {
    bool enabled = true;
    double halt_above_months = 36;
    double cap_above_months = 18;
    CycleIndicator indicator = CycleIndicator::narrow;
    RuleScope scope = RuleScope::city;
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
    // Share of parcels offered with a quality condition (定品质、竞地价, 003 §1(2)): the
    // project built on one must be of high quality; bidders compete on the land price.
    double quality_condition_share = 0;
};

struct Sales {
    double presale_progress_threshold = 0.25;
    double max_price_cut_per_month = 0.15;  // price-filing limit on list-price cuts
    double max_cut_from_filed_share = 1.0;  // price-filing band: lowest list price, below filed
    // Land sold from this month on follows a stricter condition (001 §20 topping-out at 0.7;
    // 003 §5(1) completed only at 1.0).
    YearMonth new_land_rule_from = YearMonth::of(2200, 1);
    double new_land_presale_threshold = 1.0;
    // 001 §20: projects on land sold before new_land_rule_from presell at
    // presale_progress_threshold only if their developer's own cash covers the construction
    // still to pay or the project is on the white list; otherwise at new_land_presale_threshold.
    bool old_land_funded_presale = false;
    // 带押过户 for resales (003 §5(2)): the home changes hands with the seller's loan in place,
    // repaid from the price; otherwise the seller clears it first, with bridging finance
    // for what its savings do not cover.
    bool resale_transfer_with_mortgage = true;
    // 新建商品房带押过户 (001 §14): a completed new home changes hands with the developer's
    // project mortgage in place, its share repaid from the price. Off: the development loan
    // a developer could not repay at completion stays pledged on the unsold homes, and each
    // sale waits until the developer has paid off the home's share from its own cash.
    bool new_transfer_with_mortgage = true;
};

struct Escrow {
    double retention_share = 0.15;     // kept until delivery (and then until filing)
    double retention_share_ab = 0.10;  // for A- and B-rated developers
    // Completion filing (竣工验收备案) follows delivery (five-party acceptance) by this many
    // months; the retained escrow is released at filing (0: at delivery).
    int filing_lag_months = 0;
    // 001 §16: a release node at delivery, before filing: escrow above these shares of the
    // supervised total is released at delivery, the rest at filing.
    bool delivery_node = false;
    double delivery_retention_share = 0.15;
    double delivery_retention_share_ab = 0.10;
    double guarantee_share = 0;  // of the supervised amount replaceable by a guarantee
};

enum class MinRating : uint8_t { A = 0, B = 1, C = 2 };

struct DeveloperFinance {
    bool white_list = true;      // project loans for qualifying projects
    double loan_to_cost = 0.50;  // development loan / construction cost
    MinRating white_list_min_rating = MinRating::B;
    bool rollover = false;  // stalled but balanced projects keep getting credit (003 §3(1))
    bool rescue = false;    // stalled projects of defaulted developers completed by an SOE
    int rescue_after_months = 12;
};

struct Sentiment {
    int expos_per_year = 0;          // 001 §7: at least 2
    double expo_hazard_boost = 0.3;  // extra search hazard in an expo month
    double expo_discount = 0.03;     // developers' group-buy discount in an expo month
    double boost = 0;                // publicity: hazard boost from the month it is set
    double boost_decay_months = 6;
};

struct Policy {
    int publish_lag_months = 1;
    CommercialCredit commercial;
    ProvidentCredit provident;
    Recognition recognition;
    PurchaseLimits limits;
    Tax tax;
    Subsidy subsidy;
    TradeIn trade_in;
    Renewal renewal;
    Affordable affordable;
    Land land;
    Sales sales;
    Escrow escrow;
    DeveloperFinance developer_finance;
    Sentiment sentiment;
};

}  // namespace housim
