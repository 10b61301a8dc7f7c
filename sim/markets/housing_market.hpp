// Phase 8 of the month (MODEL.md §4, §6): the new-home and resale markets cleared together,
// since a buyer compares both. Listings are sorted by (price, kind, id); buyers arrive in a
// random priority order and each inspects a sample of listings in its price range, taking
// the best value still available (serial priority matching). Nothing depends on thread
// count or container iteration order.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/month/decisions.hpp"
#include "sim/world.hpp"

namespace housim {

enum class ListingKind : uint8_t { new_home = 0, resale = 1 };

struct Listing {
    double price;  // yuan
    uint8_t kind;  // ListingKind
    int32_t id;    // project (new) or dwelling (resale)
    float area_m2;
    double value;         // what a buyer thinks it is worth, yuan
    int32_t available;    // units left
    int32_t seller = -1;  // resale: the owning household when the book was built, else -1
};

// Listings of this month, sorted by (price, kind, id). (Non-const: scans use World scratch.)
std::vector<Listing> build_listings(World& w);
// The same into `book` (emptied first), whose capacity is reused: what the month uses.
void build_listings(World& w, std::vector<Listing>& book);

// Opens the resale listings households decided on (sell-first upgraders are flagged).
void open_listings(World& w, const std::vector<int32_t>& dwellings);

// Price of a resale home wanted by `bidders` buyers at once: the ask raised by `step` per
// competing bid, to no more than the highest bidder would pay, never below the ask.
double bid_up_price(double ask, int bidders, double step, double highest_cap);

// Clears buyers against the listings in rounds of bids; returns the number of purchases.
int clear_housing_market(World& w, std::vector<BuyerOrder>& buyers, std::vector<Listing>& book);

// Unsold resale asks are cut; stale voluntary listings are withdrawn.
void age_resale_listings(World& w);

}  // namespace housim
