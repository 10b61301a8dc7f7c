// The state one replicate mutates month by month. Agents' state lives in agents/; this
// gathers it with the market, institutions and bookkeeping the phases share.
#pragma once

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "agents/developers.hpp"
#include "agents/dwellings.hpp"
#include "agents/household_programmes.hpp"
#include "agents/households.hpp"
#include "agents/mortgages.hpp"
#include "sim/core/gather_parts.hpp"
#include "sim/core/ledger.hpp"
#include "sim/core/phase_clock.hpp"
#include "sim/core/rng.hpp"
#include "sim/metrics.hpp"
#include "sim/scenario/scenario.hpp"

namespace housim {

struct CommercialBank {
    double cash_yuan = 0;       // net position; may be negative (the bank creates credit)
    double dev_loans_yuan = 0;  // development loans outstanding
    double losses_yuan = 0;     // written-off loans, cumulative
};

struct ProvidentFund {
    double cash_yuan = 0;
    double loans_yuan = 0;            // provident mortgage balances (end of last month)
    double member_balances_yuan = 0;  // members' account balances (end of last month)
    double losses_yuan = 0;           // written-off provident loans, cumulative
};

// The state-owned enterprise of the affordable-housing programme (seed 002): it acquires
// completed unsold homes and old homes of trade-ins, lets or sells them to the waiting list
// in a closed loop, and rescues stalled projects when the policy says so.
struct Soe {
    double cash_yuan = 0;
    double relending_debt_yuan = 0;  // owed to the central bank's relending facility
    double funding_used_yuan = 0;    // drawn on the acquisition line (simulated city)
    double pace_carry = 0;           // fractional units of this month's acquisition pace
    int32_t rescuer = -1;            // the developer id it completes stalled projects as
    std::vector<int32_t> stock;      // dwellings it owns, in the order it got them
};

enum class LandRuleState : uint8_t { plan = 0, capped = 1, halted = 2, expanded = 3 };

struct Government {
    double cash_yuan = 0;  // fiscal account: land revenue, taxes in; subsidies, compensation out
    double revitalised_ytd_m2 = 0;  // land completed or recovered this calendar year
    double offered_ytd_m2 = 0;      // land offered this calendar year
    double offer_allowance_m2 = 0;  // what the land market may offer this month
    double projects_rescued = 0;    // stalled projects taken over, cumulative
    LandRuleState rule_state = LandRuleState::plan;
};

// City-wide market state read by households and developers.
struct MarketState {
    double reference_price_per_m2 = 0;  // hedonic value per m2 of a reference home at index 100
    double reference_rent_per_m2 = 0;   // monthly market rent per m2 at rent index 100
    double resale_index = 100;
    double new_index = 100;
    double rent_index = 100;
    double expected_growth_annual = 0;
    double income_base_month = 0;  // income of a reference household (grows)
    double income_base_start = 0;  // income_base_month in the first simulated month
    double construction_cost_per_m2 = 0;
    double stalled_share = 0;      // share of projects under construction that are stalled
    double mean_income_month = 0;  // households' mean income, last month
    double index_base_new = 0;     // raw indices at the first reported month (= 100)
    double index_base_resale = 0;
    double index_base_rent = 0;
    double search_boost = 0;         // sentiment: extra search hazard this month
    double list_discount = 0;        // developers' expo discount this month
    int sentiment_boost_start = -1;  // month the publicity boost was last set
    double last_new_price_per_m2 = 0;
    double resale_markup = 0;  // of a new resale listing over its estimated value
    double last_resale_price_per_m2 = 0;
    // Months a resale home sold this month had been listed (counting the month of sale),
    // smoothed over months: how fast comparable homes sell, which sets sellers' markups.
    double resale_months_listed = 0;
    double negative_equity_share = -1;  // last measured (each quarter's last month); -1: never
    double rental_vacancy = 0;    // rental vacancy at the last rent update (investors read it)
    double rent_income_base = 0;  // income_base_month at the last rent update
};

// Sums over the trailing window the indices and cycles need.
struct History {
    std::vector<double> new_sales_m2;  // by simulated month
    std::vector<double> cycle_narrow;
    std::vector<double> cycle_broad;
    std::vector<double> cycle_completed;
    std::vector<double> resale_index;
    // trailing 3-month sums for the price indices: {price, hedonic reference value}
    std::vector<double> new_price_sum, new_ref_sum, resale_price_sum, resale_ref_sum;
};

// One district (zone): its series this month, the history its cycle and price indices need,
// and the land rule's account of it (read when policy.land.destock_rule.scope is zone).
struct ZoneState {
    ZoneMetrics month;                 // flows accumulate during the month; stocks set at its end
    std::vector<double> new_sales_m2;  // by simulated month
    std::vector<double> cycle_narrow, cycle_broad, cycle_completed;
    std::vector<double> new_price_sum, new_ref_sum, resale_price_sum, resale_ref_sum;
    double new_index = 100;  // raw indices, as MarketState's
    double resale_index = 100;
    double index_base_new = 0;
    double index_base_resale = 0;
    double revitalised_ytd_m2 = 0;
    double offered_ytd_m2 = 0;
    double offer_allowance_m2 = 0;
    LandRuleState rule_state = LandRuleState::plan;
};

// Buffers the phases reuse from month to month (no model state: contents are rewritten
// before each use), so the monthly loop does not allocate.
struct Scratch {
    std::vector<uint8_t> loan_outcome;  // service_loans: what happened to each loan row
    std::vector<int32_t> ids;           // dwellings gathered by a scan (e.g. the lettable ones)
    GatherParts id_parts;               // per-chunk parts of `ids`
    struct RentalListing {
        double rent;    // market rent, yuan per month
        double weight;  // hedonic weight: the bigger and better, the more a tenant gets
        int32_t d;
        bool taken;
    };
    std::vector<RentalListing> rental_book, rental_sort_buffer;
    std::vector<int32_t> vacant_sales;   // rental market: long-empty homes listed this month
    std::vector<uint32_t> units_before;  // housing market: units of the listings before each
    std::vector<uint32_t> unit_listing;  // housing market: the listing holding each unit
    std::vector<int32_t> waiting;        // affordable housing: the waiting list
    std::vector<std::pair<uint32_t, int32_t>> affordable_order;  // its allocation order
    // housing market: each buyer's shortlist (listing indices, best first) and the bids of
    // a round as (listing, buyer)
    std::vector<uint32_t> shortlist, shortlist_begin, shortlist_next;
    std::vector<std::pair<uint32_t, uint32_t>> bids;
};

struct MonthBuffers;  // sim/month_buffers.hpp

// Owns a world's MonthBuffers. A copy of a world starts with empty buffers of its own: they
// hold nothing between months, and sharing them would let two copies write the same memory.
class MonthBuffersHolder {
  public:
    MonthBuffersHolder();
    MonthBuffersHolder(const MonthBuffersHolder&);
    MonthBuffersHolder& operator=(const MonthBuffersHolder&) { return *this; }
    MonthBuffersHolder(MonthBuffersHolder&&) noexcept;
    MonthBuffersHolder& operator=(MonthBuffersHolder&&) noexcept;
    ~MonthBuffersHolder();

    MonthBuffers& operator*() { return *p_; }
    MonthBuffers* operator->() { return p_.get(); }
    const MonthBuffers& operator*() const { return *p_; }
    const MonthBuffers* operator->() const { return p_.get(); }

  private:
    std::unique_ptr<MonthBuffers> p_;
};

struct World {
    World(const Scenario& s, uint32_t replicate);
    // The world keeps a reference to its scenario: a temporary would dangle.
    World(Scenario&&, uint32_t) = delete;

    const Scenario& scenario;
    Rng rng;
    int t = 0;                   // simulated month, 0 = first burn-in month
    double scale = 1;            // real households per agent
    int formation_eligible = 0;  // households able to form a child household, last month

    Households hh;
    HouseholdProgrammes hp;
    Dwellings dw;
    Mortgages mg;
    std::vector<Developer> developers;
    std::vector<Parcel> parcels;
    std::vector<Project> projects;
    std::vector<int32_t> free_households;
    std::vector<int32_t> active_projects;  // not completed, in start order
    std::vector<int32_t> awaiting_filing;  // completed, escrow held until completion filing

    CommercialBank bank;
    ProvidentFund pf;
    Government gov;
    std::vector<ZoneState> zones;  // one per city.zones entry
    Soe soe;
    MarketState market;
    History history;
    Ledger ledger;
    MonthMetrics month;          // flows accumulate here during the month; stocks set at its end
    MonthMetrics previous;       // last month's, for the stock-flow identities
    int financed_purchases = 0;  // this month, for the mean LTV and PTI
    Scratch scratch;
    MonthBuffersHolder buffers;         // the phases' per-month buffers, reused from month to month
    PhaseTimes* phase_times = nullptr;  // benchmarks only: step_month adds phase seconds here

    const Levers& levers() const { return levers_at(scenario, t); }
    // Grows every household column (hot and programme state) to n slots.
    void resize_households(int32_t n) {
        hh.resize(n);
        hp.resize(n);
    }
    YearMonth calendar() const { return scenario.run.start.plus(t - scenario.run.burn_in_months); }
    int calendar_month() const { return calendar().month(); }
    // Land completed or recovered in `zone` (盘活, seed 003 §1(1)): counts for the city's
    // rule and for the zone's.
    void revitalise(uint8_t zone, double m2) {
        gov.revitalised_ytd_m2 += m2;
        zones[zone].revitalised_ytd_m2 += m2;
    }
};

}  // namespace housim
