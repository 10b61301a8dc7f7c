// Phase 7 of the month (MODEL.md §4): each household decides, from its own state and the
// city's published conditions, whether to search to buy (first home, upgrade, investment),
// to sell a home, or to look for a rental. Decisions are made in parallel and gathered in
// household order into order lists that the markets clear.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/markets/transactions.hpp"
#include "sim/month/screening.hpp"
#include "sim/world.hpp"

namespace housim {

// How a trade-in buyer disposes of its old home (以旧换新).
enum class TradeInChannel : uint8_t {
    none = 0,
    reservation = 1,  // reserves a new home while the old one sells (001 §5)
    developer = 2,    // the developer takes the old home at appraisal (000 §4)
    soe = 3,          // the SOE buys the old home (001 §5, 003 §5(2))
    bridging = 4,     // buys now with a loan against the old home, which it lists (003 §5(2))
};

struct BuyerOrder {
    int32_t h;
    BuyerKind kind;
    float budget_yuan;      // most it can pay (price, before deed tax)
    float min_area_m2;      // smallest home it considers
    uint32_t priority;      // random order of arrival in the market
    bool new_only = false;  // voucher holders and trade-ins buy new homes only
    TradeInChannel channel = TradeInChannel::none;
    int32_t old_home = -1;
};

struct RentalOrder {
    int32_t h;
    float max_rent_yuan;
    uint32_t priority;
};

struct Orders {
    std::vector<BuyerOrder> buyers;
    std::vector<int32_t> new_listings;  // dwellings households put up for resale
    std::vector<RentalOrder> renters;
    std::vector<int32_t> tenancies_ending;

    void clear() {
        buyers.clear();
        new_listings.clear();
        renters.clear();
        tenancies_ending.clear();
    }
};

Orders household_decisions(World& w, Screening screening = Screening::on);
// The same into `orders` (emptied first), whose capacity is reused: what the month uses.
void household_decisions(World& w, Orders& orders, Screening screening = Screening::on);

// Budget of a buyer of kind `kind` this month: the lesser of what lenders allow and what
// it wants to spend (used by decisions and tests).
double buyer_budget(const World& w, int32_t h, BuyerKind kind, double area_m2,
                    double expected_growth, bool new_home = false);
// The same for a household whose recognised home count (recognised_homes) is known.
double buyer_budget(const World& w, int32_t h, BuyerKind kind, double area_m2,
                    double expected_growth, bool new_home, int homes_before);
// Budget of a buyer in position `pos` (lenders' limit and desired spending).
double budget_for(const World& w, const BuyerPosition& pos, double area_m2, double expected_growth);
// Household h's position as a buyer once it sells `home`, before the sale price: a mover's
// position with the home's loans repaid from the proceeds (`owed`) and one home fewer. The
// same for every price, so one position serves every way of selling the home.
struct SalePosition {
    BuyerPosition pos;
    double owed = 0;          // the home's outstanding loans, repaid from the sale
    double bridging_fee = 0;  // to clear them before the transfer (no 带押过户)
};
SalePosition position_for_sale(const World& w, int32_t h, int32_t home, int homes_before);
// Budget of a household in position `s` after its home sells for `sale_value`.
double budget_with_sale(const World& w, const SalePosition& s, double area_m2,
                        double expected_growth, double sale_value);
// Budget household h would have after selling `home` for `sale_value`.
double budget_after_sale(const World& w, int32_t h, int32_t home, double area_m2,
                         double expected_growth, double sale_value);

}  // namespace housim
