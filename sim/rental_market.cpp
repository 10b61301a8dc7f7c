#include "sim/rental_market.hpp"

#include <algorithm>

#include "sim/ownership.hpp"
#include "sim/valuation.hpp"

namespace housim {

namespace {

struct RentalListing {
    double rent;
    int32_t d;
    double weight;  // hedonic weight: the bigger and better, the more a tenant gets
    bool taken;
};

bool lettable(const World& w, int32_t d) {
    return w.dw.completed(d) && w.dw.occupant[d] == -1 && w.dw.ask_yuan[d] <= 0 &&
           w.dw.owner_kind[d] == static_cast<uint8_t>(OwnerKind::household) &&
           w.dw.use[d] == static_cast<uint8_t>(DwellingUse::vacant);
}

}  // namespace

void end_tenancies(World& w, const std::vector<int32_t>& tenants) {
    for (int32_t h : tenants) {
        if (w.hh.active[h] && w.hh.tenure[h] == static_cast<uint8_t>(Tenure::renter))
            move_out(w, h);
    }
}

int clear_rental_market(World& w, std::vector<RentalOrder>& seekers) {
    std::vector<RentalListing> book;
    for (int32_t d = 0; d < w.dw.count(); ++d) {
        if (lettable(w, d))
            book.push_back(RentalListing{market_rent(w, d), d, hedonic_weight(w, d), false});
    }
    std::sort(book.begin(), book.end(), [](const RentalListing& a, const RentalListing& b) {
        return a.rent != b.rent ? a.rent < b.rent : a.d < b.d;
    });
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
