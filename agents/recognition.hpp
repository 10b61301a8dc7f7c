// Home-count recognition (住房套数认定, MODEL.md §7): which homes and loans a purchase is
// counted after, under the rules of seeds 001 §2-3, 003 §3(2) and 004 §1(1), §2(3).
#pragma once

#include "sim/scenario/policy.hpp"

namespace housim {

// What a household holds, as the registry and the credit bureau see it.
struct Holdings {
    int local_homes = 0;            // homes owned in the city, off-plan ones included
    int inherited_homes = 0;        // of which inherited
    int legacy_homes = 0;           // of which self-built, reform, resettlement
    int paid_off_resale_homes = 0;  // of which bought resale with a loan since repaid
    int resale_homes = 0;           // of which bought from another owner (not first-hand)
    bool homes_elsewhere = false;   // owns a home outside the city
    bool mortgage_outstanding = false;
    bool commercial_history = false;                 // has had a commercial mortgage
    bool provident_history = false;                  // has had a provident mortgage
    bool provident_loans_all_before_cutoff = false;  // its provident loans predate the cutoff
    int children = 0;
};

// Homes a purchase is recognised as following: 0 makes it a first home.
int recognised_homes_before(const Holdings& h, const Recognition& r);

}  // namespace housim
