// Trade-in programmes (以旧换新, MODEL.md §7; seeds 001 §5, 000 §4, 003 §5(2)): a buyer's
// order is executed here whatever its kind, so that a reservation, a developer taking the
// old home at appraisal, or the SOE buying it, happen in the same place as a plain purchase.
#pragma once

#include "sim/markets/housing_market.hpp"
#include "sim/markets/transactions.hpp"
#include "sim/month/decisions.hpp"

namespace housim {

// The price at which the developer or the SOE takes the old home.
double old_home_price(const World& w, int32_t old_home, TradeInChannel channel);

// Executes buyer order o on listing l (a purchase, or a reservation). done = false when
// financing or the programme's conditions fail; the buyer then tries its next choice.
PurchaseResult execute_order(World& w, const BuyerOrder& o, const Listing& l);

}  // namespace housim
