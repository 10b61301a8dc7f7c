#include "sim/markets/ownership.hpp"

#include <cassert>

namespace housim {
namespace {

// Keeps the occupant's copy of its home's owner kind (hh_flag::public_tenant).
void set_owner_kind(World& w, int32_t d, OwnerKind kind) {
    w.dw.owner_kind[d] = static_cast<uint8_t>(kind);
    if (const int32_t h = w.dw.occupant[d]; h >= 0) {
        w.hh.set(h, hh_flag::public_tenant, kind == OwnerKind::government);
    }
}

}  // namespace

void give_title_to_household(World& w, int32_t d, int32_t h, Acquired how) {
    clear_title(w, d);
    Dwellings& dw = w.dw;
    set_owner_kind(w, d, OwnerKind::household);
    dw.owner[d] = h;
    dw.acquired[d] = static_cast<uint8_t>(how);
    dw.purchase_month[d] = static_cast<int16_t>(w.t);
    dw.next_owned[d] = w.hh.first_owned[h];
    w.hh.first_owned[h] = d;
    w.hh.homes_owned[h] = static_cast<uint8_t>(w.hh.homes_owned[h] + 1);
}

void clear_title(World& w, int32_t d) {
    Dwellings& dw = w.dw;
    if (dw.owner_kind[d] == static_cast<uint8_t>(OwnerKind::household) && dw.owner[d] >= 0) {
        const int32_t h = dw.owner[d];
        int32_t* link = &w.hh.first_owned[h];
        while (*link != -1 && *link != d)
            link = &dw.next_owned[*link];
        assert(*link == d);
        *link = dw.next_owned[d];
        w.hh.homes_owned[h] = static_cast<uint8_t>(w.hh.homes_owned[h] - 1);
    }
    dw.next_owned[d] = -1;
    dw.owner[d] = -1;
    set_owner_kind(w, d, OwnerKind::none);
}

void give_title_to_institution(World& w, int32_t d, OwnerKind kind, int32_t id) {
    assert(kind == OwnerKind::developer || kind == OwnerKind::government);
    set_owner_kind(w, d, kind);
    w.dw.owner[d] = id;
}

void move_out(World& w, int32_t h) {
    const int32_t d = w.hh.home[h];
    if (d >= 0) {
        w.dw.occupant[d] = -1;
        if (w.dw.use[d] == static_cast<uint8_t>(DwellingUse::owner_occupied) ||
            w.dw.use[d] == static_cast<uint8_t>(DwellingUse::rented)) {
            w.dw.use[d] = static_cast<uint8_t>(DwellingUse::vacant);
        }
    }
    w.hh.home[h] = -1;
    w.hh.home_area_m2[h] = 0;
    w.hh.set(h, hh_flag::public_tenant, false);
    w.hh.tenure[h] = static_cast<uint8_t>(Tenure::other);
}

void move_in(World& w, int32_t h, int32_t d) {
    move_out(w, h);
    const bool own =
        w.dw.owner_kind[d] == static_cast<uint8_t>(OwnerKind::household) && w.dw.owner[d] == h;
    if (const int32_t previous = w.dw.occupant[d]; previous >= 0) move_out(w, previous);
    w.dw.occupant[d] = h;
    w.dw.months_vacant[d] = 0;  // let (or lived in): the landlord's rent discount ends
    w.dw.use[d] = static_cast<uint8_t>(own ? DwellingUse::owner_occupied : DwellingUse::rented);
    w.hh.home[h] = d;
    w.hh.home_area_m2[h] = w.dw.area_m2[d];
    w.hh.set(h, hh_flag::public_tenant,
             w.dw.owner_kind[d] == static_cast<uint8_t>(OwnerKind::government));
    w.hh.tenure[h] = static_cast<uint8_t>(own ? Tenure::owner : Tenure::renter);
}

int count_owned(const World& w, int32_t h) {
    int n = 0;
    for (int32_t d = w.hh.first_owned[h]; d != -1; d = w.dw.next_owned[d])
        ++n;
    return n;
}

}  // namespace housim
