#include "sim/month/step.hpp"

#include "sim/markets/housing_market.hpp"
#include "sim/markets/rental_market.hpp"
#include "sim/month/accounting.hpp"
#include "sim/month/construction.hpp"
#include "sim/month/decisions.hpp"
#include "sim/month/exogenous.hpp"
#include "sim/month/finance_upkeep.hpp"
#include "sim/month/land_market.hpp"
#include "sim/month/life_events.hpp"
#include "sim/month/month_buffers.hpp"
#include "sim/month/policy_engine.hpp"
#include "sim/month/prices.hpp"
#include "sim/month/programmes.hpp"
#include "sim/programmes/affordable.hpp"

namespace housim {

namespace {

// The city's money at the start of the month is read only by the money-conservation check
// (a scan of every household and loan, about 1% of a month): it is counted only with it.
void begin_month(World& w, bool check) {
    w.previous = w.month;
    w.month = MonthMetrics{};
    w.financed_purchases = 0;
    w.ledger.reset(check ? total_money(w) : 0.0);
    for (auto* v : {&w.history.new_price_sum, &w.history.new_ref_sum, &w.history.resale_price_sum,
                    &w.history.resale_ref_sum}) {
        v->push_back(0.0);
    }
    for (ZoneState& z : w.zones) {
        z.month = ZoneMetrics{};
        for (auto* v : {&z.new_price_sum, &z.new_ref_sum, &z.resale_price_sum, &z.resale_ref_sum})
            v->push_back(0.0);
    }
}

void clear_markets(World& w, Orders& orders, PhaseClock& clock) {
    end_tenancies(w, orders.tenancies_ending);
    open_listings(w, orders.new_listings);
    std::vector<Listing>& book = w.buffers->listings;
    build_listings(w, book);
    clear_housing_market(w, orders.buyers, book);
    age_resale_listings(w);
    clock.lap(Phase::housing_market);
    clear_rental_market(w, orders.renters);
    clock.lap(Phase::rental_market);
    run_affordable_housing(w);
    run_household_programmes(w);
    clock.lap(Phase::programmes);
}

}  // namespace

void step_month(World& w, bool check) {
    PhaseClock clock(w.phase_times);  // benchmarks' phase timing; idle otherwise
    begin_month(w, check);
    clock.lap(Phase::begin_month);
    update_exogenous(w);  // 1. exogenous paths, demolitions
    clock.lap(Phase::exogenous);
    apply_policy(w);  // 2. timeline levers in force, land rule
    clock.lap(Phase::policy);
    run_life_events(w);  // 3. ageing, income, births, deaths, formation, migration
    clock.lap(Phase::life_events);
    run_finance_upkeep(w);  // 4. income, payments, arrears, rents
    clock.lap(Phase::finance_upkeep);
    run_land_market(w);  // 5. land offers and auctions
    clock.lap(Phase::land_market);
    run_construction(w);  // 6. starts, progress, presale permits, completions
    clock.lap(Phase::construction);
    Orders& orders = w.buffers->orders;
    household_decisions(w, orders);  // 7. buy, sell, rent decisions
    clock.lap(Phase::decisions);
    clear_markets(w, orders, clock);  // 8. new-home, resale and rental markets
    update_prices(w);                 // 9. indices, repricing, expectations
    clock.lap(Phase::prices);
    record_month(w);  // 10. stocks, cycles, series
    clock.lap(Phase::accounting);
    if (check) check_identities(w);
    clock.lap(Phase::check);
}

}  // namespace housim
