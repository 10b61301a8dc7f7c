#include "sim/step.hpp"

#include "sim/accounting.hpp"
#include "sim/affordable.hpp"
#include "sim/construction.hpp"
#include "sim/decisions.hpp"
#include "sim/exogenous.hpp"
#include "sim/finance_upkeep.hpp"
#include "sim/housing_market.hpp"
#include "sim/land_market.hpp"
#include "sim/life_events.hpp"
#include "sim/policy_engine.hpp"
#include "sim/prices.hpp"
#include "sim/programmes.hpp"
#include "sim/rental_market.hpp"

namespace housim {

namespace {

void begin_month(World& w) {
    w.previous = w.month;
    w.month = MonthMetrics{};
    w.financed_purchases = 0;
    w.ledger.reset(total_money(w));
    for (auto* v : {&w.history.new_price_sum, &w.history.new_ref_sum, &w.history.resale_price_sum,
                    &w.history.resale_ref_sum}) {
        v->push_back(0.0);
    }
}

void clear_markets(World& w, Orders& orders) {
    end_tenancies(w, orders.tenancies_ending);
    open_listings(w, orders.new_listings);
    std::vector<Listing> book = build_listings(w);
    clear_housing_market(w, orders.buyers, book);
    age_resale_listings(w);
    clear_rental_market(w, orders.renters);
    run_affordable_housing(w);
    run_household_programmes(w);
}

}  // namespace

void step_month(World& w, bool check) {
    begin_month(w);
    update_exogenous(w);    // 1. exogenous paths, demolitions
    apply_policy(w);        // 2. timeline levers in force, land rule
    run_life_events(w);     // 3. ageing, income, births, deaths, formation, migration
    run_finance_upkeep(w);  // 4. income, payments, arrears, rents
    run_land_market(w);     // 5. land offers and auctions
    run_construction(w);    // 6. starts, progress, presale permits, completions
    Orders orders = household_decisions(w);  // 7. buy, sell, rent decisions
    clear_markets(w, orders);                // 8. new-home, resale and rental markets
    update_prices(w);                        // 9. indices, repricing, expectations
    record_month(w);                         // 10. stocks, cycles, series
    if (check) check_identities(w);
}

}  // namespace housim
