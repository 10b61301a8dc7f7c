// Title and occupancy: the only code that changes who owns or lives in a dwelling, so the
// invariants of MODEL.md §10 (one owner state per dwelling, no household owning a
// dwelling twice, homes_owned equal to the owned list) are kept in one place.
#pragma once

#include <cstdint>

#include "sim/world.hpp"

namespace housim {

// Gives title of an ownerless or developer-owned dwelling to household h.
void give_title_to_household(World& w, int32_t d, int32_t h, Acquired how);
// Gives title of dwelling d to an institution (a developer or the government's SOE), after
// the seller is settled.
void give_title_to_institution(World& w, int32_t d, OwnerKind kind, int32_t id);
// Removes the current owner's title (household list kept consistent). Owner becomes none.
void clear_title(World& w, int32_t d);

// Household h moves into dwelling d (owned by it, or rented from its owner). Leaves its
// previous home first.
void move_in(World& w, int32_t h, int32_t d);
// Household h leaves its current home, if any, and lives outside the market stock.
void move_out(World& w, int32_t h);

// Number of dwellings in h's owned list (for checks).
int count_owned(const World& w, int32_t h);

}  // namespace housim
