// Schema of the programme levers (MODEL.md §7): each with its key, unit, range and the seed
// clause it comes from.
#include "sim/scenario/schema_parts.hpp"

namespace housim {

namespace {

constexpr double kBig = 1e15;

void describe_provident_extras(ProvidentCredit& f, FieldVisitor& v) {
    v.real(
        {"policy.credit.provident.rent_withdrawal_cap_priority_yuan_per_year", "yuan/year", 0, 1e6,
         "seed 001 §2 (1.5万 -> 1.8万 for talent, new citizens, young, military, 2+ children)",
         "Rent withdrawal cap per earner for the priority groups: a head under 35, talent, a new "
         "citizen, a military family or 2+ children (as for the provident loan cap); the larger "
         "of this and the general cap applies (0: the general cap)."},
        f.rent_withdrawal_cap_priority_yuan_per_year);
    v.real({"policy.credit.provident.min_down_payment.affordable", "fraction", 0, 1,
            "seed 001 §2 (15% for affordable housing)",
            "Minimum down payment, provident loan, for closed-loop affordable housing."},
           f.min_down_payment_affordable);
    v.real({"policy.credit.provident.loan_cap.priority_yuan", "yuan", 0, 1e8,
            "seed 001 §2 (100万 for talent, new citizens, young, military, 2+ children)",
            "Cap for the priority groups (0: the base cap applies)."},
           f.loan_cap_priority_yuan);
    v.real({"policy.credit.provident.loan_cap.completed_home_raise", "fraction", 0, 1,
            "seed 000 §12 (+10% for a completed home)",
            "Share added to the base cap when the home bought is completed."},
           f.completed_home_cap_raise);
    v.real({"policy.credit.provident.loan_cap.high_quality_raise_yuan", "yuan", 0, 1e8,
            "seed 000 §12 (+30万 for a high-quality home)",
            "Amount added to the base cap when the home bought is of high quality."},
           f.high_quality_cap_raise_yuan);
    v.boolean({"policy.credit.provident.loan_cap.raises_stack", "on/off", 0, 1,
               "seed 000 §12 (raises do not stack)",
               "Whether raises add up; when off the largest applicable cap is used."},
              f.cap_raises_stack);
    v.boolean({"policy.credit.provident.family_withdrawal", "on/off", 0, 1,
               "seed 001 §2 (parents' or children's balances for a purchase)",
               "First-time buyers may use their parents' provident balances."},
              f.family_withdrawal);
    v.boolean({"policy.credit.provident.renovation_withdrawal", "on/off", 0, 1,
               "seed 003 §3(2) (renovation, property fees, repairs)",
               "Owners without a mortgage may withdraw balances for renovation."},
              f.renovation_withdrawal);
    v.boolean(
        {"policy.credit.provident.commercial_to_provident", "on/off", 0, 1, "seed 001 §2 (商转公)",
         "Members with a commercial mortgage may convert it to a provident loan."},
        f.commercial_to_provident);
    v.month({"policy.credit.provident.commercial_to_provident_loans_before", "YYYY-MM", 0, 0,
             "seed 001 §2 (loans before 2024-03-31)",
             "Only commercial loans originated before this month may convert."},
            f.commercial_to_provident_loans_before);
}

void describe_recognition(Recognition& r, PurchaseLimits& l, FieldVisitor& v) {
    v.boolean({"policy.recognition.paid_off_loans_not_counted", "on/off", 0, 1,
               "seed 004 §2(3) (a repaid loan: the next is a first loan)",
               "With count_mortgage_history, only outstanding mortgages count."},
              r.paid_off_loans_not_counted);
    v.boolean({"policy.recognition.local_homes_only", "on/off", 0, 1,
               "seed 004 §1(1); 003 §3(2) (homes in the district only)",
               "Homes owned outside the city do not count."},
              r.local_homes_only);
    v.boolean({"policy.recognition.exclude_inherited", "on/off", 0, 1, "seed 004 §1(1)",
               "Inherited homes do not count."},
              r.exclude_inherited);
    v.boolean({"policy.recognition.exclude_legacy", "on/off", 0, 1,
               "seed 004 §1(1) (self-built, reform, affordable, resettlement homes)",
               "Homes of the legacy stock (self-built, reform, resettlement) do not count."},
              r.exclude_legacy);
    v.boolean({"policy.recognition.exclude_paid_off_resale", "on/off", 0, 1,
               "seed 004 §1(1) (已偿清贷款的二手住房)",
               "Resale homes bought with a loan now repaid do not count."},
              r.exclude_paid_off_resale);
    v.boolean({"policy.recognition.first_hand_only", "on/off", 0, 1,
               "seed 004 §1(1) (the registry's certificate 只载明购房人拥有一手住房的套数)",
               "Only homes bought new from a developer (first-hand) are counted; homes bought "
               "from another owner are not (implies exclude_paid_off_resale)."},
              r.first_hand_only);
    v.boolean({"policy.recognition.upgrade_as_first", "on/off", 0, 1,
               "seed 004 §1(1) (家庭购买首改房按首套房认定)",
               "A household with one recognised home buys its next on first-home terms (an "
               "upgrade purchase, 首改房, counts as a first home)."},
              r.upgrade_as_first);
    v.choice({"policy.recognition.provident_loan_history",
              "choice",
              0,
              0,
              "seed 003 §3(2) (住房公积金贷款实行认房不认贷, 不涉及贷款信息)",
              "Whether the provident centre counts mortgage records in the home count of a "
              "provident loan: as the banks do (count_mortgage_history), always (认贷), or "
              "never (认房不认贷).",
              {"as_banks", "counted", "not_counted"}},
             reinterpret_cast<uint8_t&>(r.provident_loan_history));
    v.boolean({"policy.recognition.provident_district_homes", "on/off", 0, 1,
               "seed 003 §3(2) (以申请贷款房屋所在旗区范围内实有住房套数)",
               "The provident centre counts only homes in the district of the home bought "
               "(at signing; budgets use the city-wide count)."},
              r.provident_district_homes);
    v.integer({"policy.recognition.multi_child_discount", "homes", 0, 2,
               "seed 001 §3; 003 §3(2) (核减一套)",
               "Homes not counted for families with two or more children."},
              r.multi_child_discount);
    v.month({"policy.recognition.provident_loans_before_not_counted", "YYYY-MM", 0, 0,
             "seed 001 §2 (provident loans before 2014-12-31 not counted)",
             "Provident loans originated before this month are not counted (认贷)."},
            r.provident_loans_before_not_counted);
    v.boolean({"policy.limits.enabled", "on/off", 0, 1, "seed 004 §2(1) (limits lifted)",
               "Purchase limits (限购) on."},
              l.enabled);
    v.integer({"policy.limits.max_homes", "homes", 1, 10, "seed 004 §2(1)",
               "Recognised homes at which a further purchase is refused."},
              l.max_homes);
    v.boolean({"policy.limits.nonlocal_proof_required", "on/off", 0, 1,
               "seed 004 §2(2) (proof no longer required)",
               "Buyers must show local tax or social-security records (non-local buyers, "
               "city.nonlocal_months, may not buy)."},
              l.nonlocal_proof_required);
}

void describe_tax_and_subsidy(Tax& t, Subsidy& s, FieldVisitor& v) {
    v.boolean({"policy.tax.deed.displaced_exempt", "on/off", 0, 1, "seed 004 §1(3); 001 §6",
               "Displaced households pay no deed tax up to their compensation."},
              t.displaced_deed_tax_exempt);
    v.real({"policy.tax.ordinary_max_m2", "m2", 0, 1000,
            "seed 004 §1(2) (144 m2); the line was abolished for deed tax and VAT from 1 Dec "
            "2024 (assumption: the national tax notice of November 2024)",
            "Largest ordinary home (普通住房): larger homes pay the deed tax's second-home rate "
            "on any purchase and no resale tax exemption after the holding period (0: no line)."},
           t.ordinary_max_m2);
    v.real({"policy.tax.resale.vat_rate", "fraction", 0, 0.5,
            "seed 004 §1(4) (business tax; now VAT about 5%) [M]",
            "Tax on a resale price paid by the seller within the holding period."},
           t.resale_vat_rate);
    v.integer({"policy.tax.resale.vat_exempt_years", "years", 0, 50,
               "seed 004 §1(4) (exempt after 5 years); national 2 years since 2016 [M]",
               "Holding years after which the resale tax is not due."},
              t.resale_vat_exempt_years);
    v.real({"policy.tax.resale.iit_rate", "fraction", 0, 0.5,
            "assumption: individual income tax levied at 1% of the price [M]",
            "Income tax on a resale, as a share of the price."},
           t.resale_iit_rate);
    v.integer(
        {"policy.tax.resale.iit_exempt_years", "years", 0, 50, "assumption: 满五唯一 exemption [M]",
         "Holding years after which the seller's only home is exempt."},
        t.resale_iit_exempt_years);
    v.boolean({"policy.tax.resale.trade_in_iit_rebate", "on/off", 0, 1,
               "seed 001 §5; 000 §4 (refund if a home is bought within a year of the sale)",
               "The income tax on a sale is refunded when the seller buys within 12 months."},
              t.trade_in_iit_rebate);
    v.real({"policy.tax.rental_property_tax_rate", "fraction", 0, 0.5,
            "seed 001 §8 (4% for large rental firms; 12% otherwise [M])",
            "Property tax on the rents of rental firms: the SOE's rental stock, and household "
            "landlords with at least policy.tax.rental_firm_min_homes homes besides their own."},
           t.rental_property_tax_rate);
    v.integer({"policy.tax.rental_firm_min_homes", "homes", 0, 1000,
               "seed 001 §8 (firms holding 500+ units or 1.5万 m2); assumption: an agent "
               "household stands for run.scale real ones, so no agent is such a firm; those "
               "letting this many homes stand for landlords letting through scale operators",
               "Homes owned besides its own home from which a household landlord counts as a "
               "rental firm paying policy.tax.rental_property_tax_rate on its rents (0: none)."},
              t.rental_firm_min_homes);
    v.real_list({"policy.subsidy.talent_yuan", "yuan", 0, 1e7,
                 "seed 001 §4 (20 / 10 / 5 / 14万 by degree class)",
                 "Purchase subsidy by talent class: top doctorate, master's, bachelor's, other "
                 "doctorate (4 values)."},
                s.talent_yuan);
    v.integer({"policy.subsidy.talent_window_months", "months", 0, 600, "seed 001 §4 (5 years)",
               "Months after arrival within which the talent subsidy applies."},
              s.talent_window_months);
    v.integer({"policy.subsidy.talent_service_months", "months", 0, 600,
               "seed 001 §4 (service of at least 5 years)",
               "A subsidised household leaving earlier repays the subsidy."},
              s.talent_service_months);
    v.real({"policy.subsidy.rental_yuan_per_month", "yuan/month", 0, 1e5, "seed 000 §11",
            "Rental subsidy paid to low-income tenants."},
           s.rental_yuan_per_month);
    v.real({"policy.subsidy.rental_income_ceiling_share", "fraction", 0, 10, "seed 000 §11",
            "Tenants earning below this share of mean income receive the rental subsidy."},
           s.rental_income_ceiling_share);
    v.real({"policy.subsidy.trade_in_yuan", "yuan", 0, 1e7,
            "assumption: a purchase subsidy some cities paid for trade-ins; no seed clause "
            "sets one (003 §5(2) subsidises the SOEs that buy old homes)",
            "Subsidy for a new-home purchase within 12 months of selling a home."},
           s.trade_in_yuan);
}

void describe_trade_in_and_renewal(TradeIn& t, Renewal& r, FieldVisitor& v) {
    v.boolean({"policy.trade_in.reservation", "on/off", 0, 1, "seed 001 §5; 003 §5(2)",
               "An upgrader may reserve a new home while its old home is on sale."},
              t.reservation);
    v.integer({"policy.trade_in.reservation_months", "months", 1, 60, "seed 001 §5",
               "How long the reservation holds; the deposit is refunded if the old home has "
               "not sold by then."},
              t.reservation_months);
    v.real({"policy.trade_in.deposit_share", "fraction", 0, 1, "seed 001 §5 (认购金)",
            "Deposit for a reservation, share of the new home's price."},
           t.deposit_share);
    v.boolean({"policy.trade_in.developer_takes_old_home", "on/off", 0, 1, "seed 000 §4",
               "Developers accept the old home as part payment at third-party appraisal."},
              t.developer_takes_old_home);
    v.real({"policy.trade_in.developer_participation", "fraction", 0, 1,
            "seed 000 §4 (鼓励有条件的房企: developers able to are encouraged; 30% assumption)",
            "Share of new-home projects whose developer takes old homes in part payment."},
           t.developer_participation);
    v.real({"policy.trade_in.developer_appraisal_discount", "fraction", 0, 1, "assumption",
            "Discount to market value at which the developer takes the old home."},
           t.developer_appraisal_discount);
    v.boolean({"policy.trade_in.soe_buys_old_home", "on/off", 0, 1, "seed 001 §5; 003 §5(2)",
               "An SOE buys the old home of a trade-in for affordable housing."},
              t.soe_buys_old_home);
    v.boolean({"policy.trade_in.bridging_loans", "on/off", 0, 1,
               "seed 003 §5(2) (灵活抵押: loans against the old home for buying a new one)",
               "An upgrader that cannot buy first borrows against its old home for the new "
               "home's down payment and lists the old home; the loan is repaid from its sale."},
              t.bridging_loans);
    v.real({"policy.trade_in.bridging_ltv", "fraction", 0, 1,
            "assumption: banks lend up to 60% of an existing home's appraisal",
            "Bridging loan ceiling as a share of the old home's appraisal, less its loans."},
           t.bridging_ltv);
    v.real({"policy.trade_in.soe_appraisal_discount", "fraction", 0, 1, "assumption",
            "Discount to market value at which the SOE buys the old home."},
           t.soe_appraisal_discount);
    v.real({"policy.renewal.voucher_share", "fraction", 0, 1, "seed 001 §6; 000 §5; 003 §4(2)",
            "Share of displaced owners compensated with a housing voucher (房票)."},
           r.voucher_share);
    v.real({"policy.renewal.voucher_premium", "fraction", 0, 2,
            "assumption: vouchers are worth more than cash compensation",
            "Voucher value over the cash compensation."},
           r.voucher_premium);
    v.integer({"policy.renewal.voucher_valid_months", "months", 1, 120, "assumption",
               "Months a voucher may be spent; after that it is paid out at the cash value."},
              r.voucher_valid_months);
    v.boolean({"policy.renewal.voucher_transferable", "on/off", 0, 1,
               "seed 001 §6 (once, if the holder owns a local home)",
               "A holder that owns another local home may transfer the voucher once."},
              r.voucher_transferable);
}

void describe_affordable(Affordable& a, FieldVisitor& v) {
    v.boolean({"policy.affordable.acquisition", "on/off", 0, 1, "seed 002; 001 §9; 000 §9",
               "SOE acquisition of completed unsold homes as affordable housing."},
              a.acquisition);
    v.real({"policy.affordable.funding_yuan", "yuan", 0, kBig,
            "seed 002 §2(4); FACTS §5 (300bn relending nationally)",
            "The acquisition funding line, real city."},
           a.funding_yuan);
    v.real({"policy.affordable.relending_share", "fraction", 0, 1,
            "FACTS §5 (60%, 100% from 27 Sep 2024)",
            "Share of acquisitions financed by central-bank relending (cheap funds)."},
           a.relending_share);
    v.real({"policy.affordable.relending_rate_annual", "annual rate", 0, 0.2, "FACTS §5 [M: 1.75%]",
            "Rate the SOE pays on relending funds."},
           a.relending_rate_annual);
    v.real({"policy.affordable.price_cap_share_of_value", "fraction", 0, 2,
            "seed 002 §2(5) (significantly below comparable homes)",
            "Most the SOE pays, share of the home's market value."},
           a.price_cap_share_of_value);
    v.real({"policy.affordable.price_cap_cost_markup", "fraction", 0, 5,
            "seed 002 §2(5) (replacement cost of affordable housing as the upper reference)",
            "Most the SOE pays, as construction cost x (1 + this) per m2."},
           a.price_cap_cost_markup);
    v.real({"policy.affordable.max_area_m2", "m2", 0, 1000, "seed 002 §2(1) (120 m2)",
            "Largest home the SOE acquires."},
           a.max_area_m2);
    v.real({"policy.affordable.max_units_per_month", "dwellings/month", 0, kBig,
            "seed 002 (以需定购: pace set by the waiting list)", "Acquisition pace, real city."},
           a.max_units_per_month);
    v.integer({"policy.affordable.buyback_idle_months", "months", 1, 240,
               "seed 002 §2(6) (idle homes bought back)",
               "An affordable home left empty this long is bought back by the SOE."},
              a.buyback_idle_months);
    v.real({"policy.affordable.sale_share", "fraction", 0, 1, "seed 002 (配售 or 配租)",
            "Share of allocations sold (the rest are let)."},
           a.sale_share);
    v.real({"policy.affordable.sale_margin", "fraction", 0, 1, "seed 002 §1 (保本微利)",
            "Sale price over the acquisition price."},
           a.sale_margin);
    v.real({"policy.affordable.rent_share_of_market", "fraction", 0, 2, "assumption",
            "Rent of an affordable home, share of market rent."},
           a.rent_share_of_market);
    v.real({"policy.affordable.waiting_income_ceiling_share", "fraction", 0, 10,
            "seed 002 §2(1) (工薪收入群体)",
            "Households without a home earning below this share of mean income may queue."},
           a.waiting_income_ceiling_share);
    v.real({"policy.affordable.quota_share", "fraction", 0, 1,
            "seed 001 §15 (5% -> 1%); 003 §4(1) (at least 6%)",
            "Share of a new project's units handed over as affordable housing."},
           a.quota_share);
    v.real({"policy.affordable.quota_min_parcel_m2", "m2", 0, kBig, "seed 003 §4(1) (5万 m2)",
            "Parcels at least this large carry the quota, real city."},
           a.quota_min_parcel_m2);
    v.integer({"policy.affordable.quota_max_zone", "zone index", 0, 15,
               "seed 003 §4(1) (central districts)",
               "The quota applies in zones 0 .. this (zones are listed dearest first)."},
              a.quota_max_zone);
}

void describe_market_rules(Sales& s, Escrow& e, DeveloperFinance& d, Sentiment& m,
                           FieldVisitor& v) {
    v.month({"policy.sales.new_land_rule_from", "YYYY-MM", 0, 0, "seed 001 §20; 003 §5(1)",
             "Land sold from this month on follows new_land_presale_threshold."},
            s.new_land_rule_from);
    v.real({"policy.sales.new_land_presale_threshold", "fraction", 0, 1,
            "seed 001 §20 (topping-out, about 0.7); 003 §5(1) (completed only: 1.0)",
            "Progress at which projects on new land may presell (1 = completed only)."},
           s.new_land_presale_threshold);
    v.boolean({"policy.sales.old_land_funded_presale", "on/off", 0, 1,
               "seed 001 §20 (old land: own funds covering the rest of construction, or the "
               "white list, else presale only after topping-out)",
               "Projects on land sold before new_land_rule_from presell at the usual progress only "
               "if the developer's cash covers the construction cost still to pay or it "
               "qualifies for white-list loans; otherwise at new_land_presale_threshold."},
              s.old_land_funded_presale);
    v.boolean({"policy.sales.resale_transfer_with_mortgage", "on/off", 0, 1,
               "seed 003 §5(2) (二手房带押过户); on by default: offered widely since the 2023 "
               "national push (assumption)",
               "A resale home changes hands with the seller's loan in place, repaid from the "
               "price; off: the seller clears the loan first, with bridging finance "
               "(behaviour.bridging_cost_share) for what its savings do not cover."},
              s.resale_transfer_with_mortgage);
    v.boolean({"policy.sales.new_transfer_with_mortgage", "on/off", 0, 1,
               "seed 001 §14 (新建商品房带押过户); on by default, as resales (assumption)",
               "A completed new home changes hands with the developer's project mortgage in "
               "place, its share repaid from the price; off: development loans unpaid at "
               "completion stay pledged on the unsold homes, and a home sells only once its "
               "developer has cleared its share from its own cash."},
              s.new_transfer_with_mortgage);
    v.real({"policy.escrow.guarantee_share", "fraction", 0, 1, "seed 003 §6(4) (up to 30%)",
            "Share of the supervised amount a bank guarantee may replace."},
           e.guarantee_share);
    v.choice({"policy.developer_finance.white_list_min_rating",
              "choice",
              0,
              0,
              "seed 000 §15; 003 §3(1) (white list widened)",
              "Lowest developer rating whose projects get development loans.",
              {"A", "B", "C"}},
             reinterpret_cast<uint8_t&>(d.white_list_min_rating));
    v.boolean({"policy.developer_finance.rollover", "on/off", 0, 1,
               "seed 003 §3(1) (no abrupt withdrawal; extensions)",
               "Stalled projects whose unsold stock covers the cost to complete keep credit."},
              d.rollover);
    v.boolean({"policy.developer_finance.rescue", "on/off", 0, 1, "seed 004 §3(3); 003 §6(3)",
               "An SOE takes over and completes stalled projects of defaulted developers."},
              d.rescue);
    v.integer({"policy.developer_finance.rescue_after_months", "months", 0, 240, "assumption",
               "Months a project must have been stalled before a rescue."},
              d.rescue_after_months);
    v.integer({"policy.sentiment.expos_per_year", "events/year", 0, 12,
               "seed 001 §7 (at least 2 a year); 000 §1", "Housing expos and group-buy events."},
              m.expos_per_year);
    v.real({"policy.sentiment.expo_hazard_boost", "fraction", 0, 5, "assumption",
            "Extra search hazard in an expo month."},
           m.expo_hazard_boost);
    v.real({"policy.sentiment.expo_discount", "fraction", 0, 0.5, "seed 001 §7 (团购折扣)",
            "Developers' discount on list prices in an expo month."},
           m.expo_discount);
    v.real({"policy.sentiment.boost", "fraction", -1, 5, "seed 000 §2 (publicity)",
            "Publicity boost to the search hazard from the month it is set, decaying."},
           m.boost);
    v.real({"policy.sentiment.boost_decay_months", "months", 0.1, 120, "assumption",
            "e-folding time of the publicity boost."},
           m.boost_decay_months);
}

}  // namespace

void describe_programmes(Policy& p, FieldVisitor& v) {
    describe_provident_extras(p.provident, v);
    describe_recognition(p.recognition, p.limits, v);
    describe_tax_and_subsidy(p.tax, p.subsidy, v);
    describe_trade_in_and_renewal(p.trade_in, p.renewal, v);
    describe_affordable(p.affordable, v);
    describe_market_rules(p.sales, p.escrow, p.developer_finance, p.sentiment, v);
}

}  // namespace housim
