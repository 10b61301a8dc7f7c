#include "sim/markets/rental_market.hpp"

#include <algorithm>
#include <cmath>

#include "sim/core/parallel.hpp"
#include "sim/core/radix_sort.hpp"
#include "sim/markets/housing_market.hpp"
#include "sim/markets/ownership.hpp"
#include "sim/markets/valuation.hpp"
#include "sim/month/prices.hpp"

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

// Empty lettable homes with their asking rent, sorted by (rent, id); each one's months
// without a tenant counted up, and those its landlord sells this month marked taken. The
// scan runs in parallel (each home's counter and draw are its own); ids come out in
// increasing order, so a stable sort by rent is the (rent, id) order. Rents are positive,
// so their bits sort as the numbers do.
void build_rental_book(World& w) {
    Scratch& sc = w.scratch;
    gather_where_byte(
        w.dw.count(), w.dw.use.data(), static_cast<uint8_t>(DwellingUse::vacant),
        [&](int32_t d) { return lettable(w, d); }, sc.ids, sc.id_parts);
    // market_rent(w, d) = reference rent x index / 100 x hedonic weight, in that order.
    const double rent_per_weight = w.market.reference_rent_per_m2 * w.market.rent_index / 100.0;
    const BehaviourParams& b = w.scenario.behaviour;
    std::vector<RentalListing>& book = sc.rental_book;
    book.resize(sc.ids.size());
    for_chunks(static_cast<int32_t>(sc.ids.size()), [&](int32_t, int32_t begin, int32_t end) {
        for (int32_t i = begin; i < end; ++i) {
            const int32_t d = sc.ids[static_cast<size_t>(i)];
            const double weight = hedonic_weight(w, d);
            const int months = w.dw.months_vacant[d];
            const double rent = rent_per_weight * weight * (1.0 - vacant_rent_discount(b, months));
            w.dw.months_vacant[d] = static_cast<uint8_t>(std::min(255, months + 1));
            // Only homes empty for long draw (rare): the others cannot be sold this way.
            const bool sell = months + 1 >= b.vacant_sale_months &&
                              b.vacant_sale_hazard_month > 0 &&
                              w.rng.stream(static_cast<uint32_t>(d), static_cast<uint32_t>(w.t),
                                           RngPurpose::vacant_sale)
                                      .uniform() < b.vacant_sale_hazard_month;
            book[static_cast<size_t>(i)] = RentalListing{rent, weight, d, sell};
        }
    });
    radix_sort_stable(book, sc.rental_sort_buffer,
                      [](const RentalListing& l) { return positive_double_key(l.rent); });
}

}  // namespace

double vacant_rent_discount(const BehaviourParams& b, int months_vacant) {
    return std::clamp(b.vacant_rent_discount_month * months_vacant, 0.0,
                      b.vacant_rent_discount_max_share);
}

double asking_rent(const World& w, int32_t d) {
    return market_rent(w, d) *
           (1.0 - vacant_rent_discount(w.scenario.behaviour, w.dw.months_vacant[d]));
}

double rent_index_change(const BehaviourParams& b, double vacancy, double income_growth) {
    const double gap = b.natural_rental_vacancy_share - vacancy;
    const double real =
        std::clamp(b.rent_adjust_speed * gap, -b.rent_max_change_month, b.rent_max_change_month);
    return (1.0 + b.rent_income_passthrough_share * income_growth) * (1.0 + real);
}

void update_rents(World& w) {
    MarketState& m = w.market;
    const VacancyCounts counts = vacancy_counts(w);
    const double vacancy = counts.rental_share();
    w.month.rental_vacancy_rate = vacancy;
    w.month.vacancy_rate = counts.share();
    const double income_growth =
        m.rent_income_base > 0 ? m.income_base_month / m.rent_income_base - 1.0 : 0.0;
    m.rent_index *= rent_index_change(w.scenario.behaviour, vacancy, income_growth);
    m.rental_vacancy = vacancy;
    m.rent_income_base = m.income_base_month;
}

void end_tenancies(World& w, const std::vector<int32_t>& tenants) {
    for (int32_t h : tenants) {
        if (w.hh.active[h] && w.hh.tenure[h] == static_cast<uint8_t>(Tenure::renter))
            move_out(w, h);
    }
}

int clear_rental_market(World& w, std::vector<RentalOrder>& seekers) {
    build_rental_book(w);
    std::vector<RentalListing>& book = w.scratch.rental_book;
    // Homes their landlords sell this month (marked taken in the book): listed for resale
    // after the letting, in the book's order.
    std::vector<int32_t>& sales = w.scratch.vacant_sales;
    sales.clear();
    for (const RentalListing& l : book) {
        if (l.taken) sales.push_back(l.d);
    }
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
    open_listings(w, sales);
    w.month.vacant_homes_listed += static_cast<double>(sales.size());
    return matched;
}

}  // namespace housim
