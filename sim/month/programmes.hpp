// Household-level programmes run once a month after the markets (MODEL.md §7): rental
// subsidies (seed 000 §11), provident renovation withdrawals (003 §3(2)) and conversion of
// commercial mortgages to provident loans (001 §2), housing vouchers expiring or changing
// hands (001 §6), and trade-in reservations completing or lapsing (001 §5).
#pragma once

#include <cstdint>

#include "sim/world.hpp"

namespace housim {

void run_household_programmes(World& w);

// Before a household leaves the city or dissolves: a talent subsidy within the service
// period is repaid, a voucher is paid out in cash, a reservation is cancelled.
void settle_programmes_on_departure(World& w, int32_t h);

// Cancels h's trade-in reservation and refunds its deposit.
void cancel_reservation(World& w, int32_t h);

// Issues a voucher worth `value` to displaced household h (seed 001 §6).
void issue_voucher(World& w, int32_t h, double value);

}  // namespace housim
