// Buffers the monthly phases fill and use up within a month: per-chunk results of the
// parallel household loops, the month's orders and the listing book. They live in the world
// and are cleared, not freed, from one month to the next, so once they have grown to the
// city's size a month allocates almost nothing. Nothing in them carries over: each phase
// empties what it uses before filling it, so results do not depend on them.
#pragma once

#include <cstdint>
#include <vector>

#include "agents/dwellings.hpp"
#include "sim/markets/housing_market.hpp"
#include "sim/month/decisions.hpp"

namespace housim {

// Life events (sim/life_events.cpp): what a chunk's households do that touches others,
// applied in chunk order after the parallel loop.
enum class LifeEvent : uint8_t { dissolve, emigrate, form_child };

struct LifeEventRecord {
    int32_t h;
    LifeEvent event;
};

struct LifeEventsChunk {
    std::vector<LifeEventRecord> events;
    int formation_eligible = 0;
};

// Finance upkeep (sim/finance_upkeep.cpp): a tenant's rent this month, for its landlord. The
// landlord is read in the parallel loop with the home's other attributes; settling then
// touches only the landlord's savings.
struct RentDue {
    int32_t h;
    bool paid;
    OwnerKind owner_kind;
    int32_t owner;
    double rent;
    double rent_cap;  // most the tenant may withdraw from its provident balance for rent
};

// A chunk's money sums, combined in chunk order.
struct UpkeepSums {
    double income = 0;
    double contributions = 0;
    double consumption = 0;
    double informal_rent = 0;
    double deposit_interest = 0;
    double member_balances = 0;
    double withdrawals = 0;
};

struct UpkeepChunk {
    UpkeepSums sums;
    std::vector<RentDue> rents;  // the chunk's tenants, in household order
};

struct MonthBuffers {
    std::vector<LifeEventsChunk> life_events;  // by chunk
    std::vector<UpkeepChunk> upkeep;           // by chunk
    std::vector<Orders> order_chunks;          // decisions, by chunk
    Orders orders;                             // the month's orders, in household order
    std::vector<Listing> listings;             // the housing market's book
};

}  // namespace housim
