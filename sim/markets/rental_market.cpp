#include "sim/markets/rental_market.hpp"

#include <algorithm>

#include "sim/core/parallel.hpp"
#include "sim/core/radix_sort.hpp"
#include "sim/markets/ownership.hpp"
#include "sim/markets/valuation.hpp"

namespace housim {

namespace {

using RentalListing = Scratch::RentalListing;

// Completed, empty, not listed for sale, owned by a household. Few dwellings are vacant:
// the scan (gather_where_byte) compares the use bytes sixteen at a time and tests the rest
// only for vacant ones.
bool lettable(const World& w, int32_t d) {
    return w.dw.use[d] == static_cast<uint8_t>(DwellingUse::vacant) && w.dw.completed(d) &&
           w.dw.occupant[d] == -1 && w.dw.ask_yuan[d] <= 0 &&
           w.dw.owner_kind[d] == static_cast<uint8_t>(OwnerKind::household);
}

// Empty lettable homes with their market rent, sorted by (rent, id). The scan runs in
// parallel; ids come out in increasing order, so a stable sort by rent is the (rent, id)
// order. Rents are positive, so their bits sort as the numbers do.
void build_rental_book(World& w) {
    Scratch& sc = w.scratch;
    gather_where_byte(
        w.dw.count(), w.dw.use.data(), static_cast<uint8_t>(DwellingUse::vacant),
        [&](int32_t d) { return lettable(w, d); }, sc.ids, sc.id_parts);
    // market_rent(w, d) = reference rent x index / 100 x hedonic weight, in that order.
    const double rent_per_weight = w.market.reference_rent_per_m2 * w.market.rent_index / 100.0;
    std::vector<RentalListing>& book = sc.rental_book;
    book.resize(sc.ids.size());
    for_chunks(static_cast<int32_t>(sc.ids.size()), [&](int32_t, int32_t begin, int32_t end) {
        for (int32_t i = begin; i < end; ++i) {
            const int32_t d = sc.ids[static_cast<size_t>(i)];
            const double weight = hedonic_weight(w, d);
            book[static_cast<size_t>(i)] =
                RentalListing{rent_per_weight * weight, weight, d, false};
        }
    });
    radix_sort_stable(book, sc.rental_sort_buffer,
                      [](const RentalListing& l) { return positive_double_key(l.rent); });
}

}  // namespace

void end_tenancies(World& w, const std::vector<int32_t>& tenants) {
    for (int32_t h : tenants) {
        if (w.hh.active[h] && w.hh.tenure[h] == static_cast<uint8_t>(Tenure::renter))
            move_out(w, h);
    }
}

int clear_rental_market(World& w, std::vector<RentalOrder>& seekers) {
    build_rental_book(w);
    std::vector<RentalListing>& book = w.scratch.rental_book;
    std::sort(seekers.begin(), seekers.end(), [](const RentalOrder& x, const RentalOrder& y) {
        return x.priority != y.priority ? x.priority < y.priority : x.h < y.h;
    });
    const auto sample = static_cast<uint32_t>(w.scenario.behaviour.search_sample);
    int matched = 0;
    for (const RentalOrder& o : seekers) {
        if (!w.hh.active[o.h] || w.hh.home[o.h] >= 0) continue;
        const auto hi =
            std::upper_bound(book.begin(), book.end(), static_cast<double>(o.max_rent_yuan),
                             [](double r, const RentalListing& l) { return r < l.rent; }) -
            book.begin();
        if (hi <= 0) continue;
        RngStream s = w.rng.stream(static_cast<uint32_t>(o.h), static_cast<uint32_t>(w.t),
                                   RngPurpose::rental_search);
        int64_t best = -1;
        for (uint32_t k = 0; k < sample; ++k) {
            const auto i = static_cast<int64_t>(s.uniform_index(static_cast<uint32_t>(hi)));
            if (book[i].taken) continue;
            if (best < 0 || book[i].weight > book[best].weight) best = i;
        }
        if (best < 0) continue;
        book[best].taken = true;
        move_in(w, o.h, book[best].d);
        ++matched;
    }
    return matched;
}

}  // namespace housim
