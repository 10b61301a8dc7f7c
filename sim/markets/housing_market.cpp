#include "sim/markets/housing_market.hpp"

#include <algorithm>

#include "sim/core/parallel.hpp"
#include "sim/markets/transactions.hpp"
#include "sim/markets/valuation.hpp"
#include "sim/programmes/trade_in.hpp"

namespace housim {

namespace {

// Buyers' valuation of a project's unit: like a resale home of the same attributes, with a
// premium for a new home and a discount for delivery risk while it is off-plan (larger
// when projects stall around it, or when its own project has stalled).
double new_home_value(const World& w, const Project& p) {
    const BehaviourParams& b = w.scenario.behaviour;
    const int32_t d = p.next_unsold_dwelling();
    double v = w.market.reference_price_per_m2 * w.market.resale_index / 100.0 *
               hedonic_weight(w, d) * (1.0 + b.new_home_preference);
    if (p.stage != Stage::completed) {
        const double risk = b.presale_risk_discount + b.stall_risk_weight * w.market.stalled_share +
                            (p.stalled ? 0.25 : 0.0);
        v *= std::max(0.0, 1.0 - risk);
    }
    return v;
}

// Dwellings listed for resale (ask > 0), in id order: a parallel scan of the ask column.
// The list is World scratch: valid until the next scan.
const std::vector<int32_t>& listed_dwellings(World& w) {
    Scratch& sc = w.scratch;
    gather_positive(w.dw.count(), w.dw.ask_yuan.data(), sc.ids, sc.id_parts);
    return sc.ids;
}

bool listing_before(const Listing& a, const Listing& b) {
    if (a.price != b.price) return a.price < b.price;
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.id < b.id;
}

}  // namespace

std::vector<Listing> build_listings(World& w) {
    std::vector<Listing> book;
    build_listings(w, book);
    return book;
}

void build_listings(World& w, std::vector<Listing>& book) {
    book.clear();
    for (size_t i = 0; i < w.projects.size(); ++i) {
        const Project& p = w.projects[i];
        if (!p.permitted() || p.available() <= 0) continue;
        if (w.developers[static_cast<size_t>(p.developer)].distress == Distress::defaulted)
            continue;
        book.push_back(
            Listing{p.list_price_per_m2 * (1.0 - w.market.list_discount) * p.unit_area_m2,
                    static_cast<uint8_t>(ListingKind::new_home), static_cast<int32_t>(i),
                    p.unit_area_m2, new_home_value(w, p), p.available()});
    }
    for (int32_t d : listed_dwellings(w)) {
        const bool household = w.dw.owner_kind[d] == static_cast<uint8_t>(OwnerKind::household);
        book.push_back(Listing{w.dw.ask_yuan[d], static_cast<uint8_t>(ListingKind::resale), d,
                               w.dw.area_m2[d], market_value(w, d), 1,
                               household ? w.dw.owner[d] : -1});
    }
    std::sort(book.begin(), book.end(), listing_before);
}

void open_listings(World& w, const std::vector<int32_t>& dwellings) {
    const double markup = w.market.resale_markup;
    for (int32_t d : dwellings) {
        if (w.dw.ask_yuan[d] > 0 ||
            w.dw.owner_kind[d] != static_cast<uint8_t>(OwnerKind::household)) {
            continue;
        }
        const int32_t owner = w.dw.owner[d];
        if (w.hh.home[owner] == d) w.hh.set(owner, hh_flag::selling_to_move, true);
        list_for_resale(w, d, market_value(w, d) * (1.0 + markup));
    }
}

int clear_housing_market(World& w, std::vector<BuyerOrder>& buyers, std::vector<Listing>& book) {
    const BehaviourParams& b = w.scenario.behaviour;
    std::sort(buyers.begin(), buyers.end(), [](const BuyerOrder& x, const BuyerOrder& y) {
        return x.priority != y.priority ? x.priority < y.priority : x.h < y.h;
    });
    // A buyer inspects units, not listings: a project offering 80 units is 80 chances to be
    // seen, a resale home one. units_before[i] counts the units of listings before i, as at
    // the start of clearing (a unit sold since is passed over when drawn). Counting units
    // keeps the search the same at any run.scale, where the number of projects is fixed in
    // real floor area but the units of each scale with 1 / run.scale.
    // unit_listing[u] is the listing holding unit u: the last i with units_before[i] <= u,
    // looked up instead of searched (one read per drawn unit, not a binary search).
    std::vector<uint32_t>& units_before = w.scratch.units_before;
    std::vector<uint32_t>& unit_listing = w.scratch.unit_listing;
    units_before.resize(book.size() + 1);
    units_before[0] = 0;
    for (size_t i = 0; i < book.size(); ++i) {
        units_before[i + 1] =
            units_before[i] + static_cast<uint32_t>(std::max(0, book[i].available));
    }
    unit_listing.resize(units_before.back());
    for (size_t i = 0; i < book.size(); ++i) {
        std::fill(unit_listing.begin() + units_before[i],
                  unit_listing.begin() + units_before[i + 1], static_cast<uint32_t>(i));
    }
    const double min_window_units = b.search_window_min_share * units_before.back();
    const auto sample = static_cast<size_t>(b.search_sample);
    std::vector<size_t> candidates;
    candidates.reserve(sample);
    int purchases = 0;
    for (const BuyerOrder& o : buyers) {
        if (!w.hh.active[o.h]) continue;
        const double hi_price = o.budget_yuan;
        const double lo_price = b.search_budget_floor * hi_price;
        const auto lo = std::lower_bound(book.begin(), book.end(), lo_price,
                                         [](const Listing& l, double p) { return l.price < p; }) -
                        book.begin();
        const auto hi = std::upper_bound(book.begin(), book.end(), hi_price,
                                         [](double p, const Listing& l) { return p < l.price; }) -
                        book.begin();
        // Where few units lie between the floor and the budget, the buyer looks further
        // down, until its window holds search_window_min_share of the units on the market.
        const double top = units_before[static_cast<size_t>(hi)];
        const double floor_units = std::max(0.0, top - min_window_units);
        const auto widest =
            std::upper_bound(units_before.begin(), units_before.begin() + hi + 1, floor_units,
                             [](double u, uint32_t c) { return u < c; }) -
            units_before.begin() - 1;
        const auto lo_searched = std::max<std::ptrdiff_t>(0, std::min<std::ptrdiff_t>(lo, widest));
        const uint32_t first_unit = units_before[static_cast<size_t>(lo_searched)];
        const uint32_t window = units_before[static_cast<size_t>(hi)] - first_unit;
        if (window == 0) continue;
        RngStream s = w.rng.stream(static_cast<uint32_t>(o.h), static_cast<uint32_t>(w.t),
                                   RngPurpose::search);
        candidates.clear();
        for (size_t k = 0; k < sample; ++k) {
            const size_t i = unit_listing[first_unit + s.uniform_index(window)];
            const Listing& l = book[i];
            if (l.available <= 0 || l.area_m2 < o.min_area_m2) continue;
            if (o.new_only && l.kind != static_cast<uint8_t>(ListingKind::new_home)) continue;
            // Its own listing. A dwelling cannot pass to this buyer during clearing before
            // its turn, so only a listing whose seller was this buyer when the book was built
            // can be its own: the dwelling table (a cache miss) is read for those alone.
            if (l.kind == static_cast<uint8_t>(ListingKind::resale) && l.seller == o.h &&
                w.dw.owner_kind[l.id] == static_cast<uint8_t>(OwnerKind::household) &&
                w.dw.owner[l.id] == o.h) {
                continue;
            }
            if (l.value < b.reservation_score * l.price) continue;  // overpriced
            if (std::find(candidates.begin(), candidates.end(), i) == candidates.end()) {
                candidates.push_back(i);
            }
        }
        // The best home it can afford first (highest value: size, location, quality, new);
        // a purchase that financing cannot close moves on to the next choice.
        std::sort(candidates.begin(), candidates.end(), [&](size_t x, size_t y) {
            return book[x].value != book[y].value ? book[x].value > book[y].value : x < y;
        });
        for (size_t i : candidates) {
            Listing& l = book[i];
            const PurchaseResult r = execute_order(w, o, l);
            if (!r.done) continue;
            l.available -= 1;
            ++purchases;
            break;
        }
    }
    return purchases;
}

void age_resale_listings(World& w) {
    const BehaviourParams& b = w.scenario.behaviour;
    double listings = 0;
    for (int32_t d : listed_dwellings(w)) {
        const int months = w.t - w.dw.listed_month[d];
        const bool estate = w.dw.owner_kind[d] != static_cast<uint8_t>(OwnerKind::household);
        const int32_t owner = estate ? -1 : w.dw.owner[d];
        const bool forced =
            estate || (w.dw.mortgage[d] >= 0 && w.mg.arrears_months[w.dw.mortgage[d]] > 0);
        if (!forced && months >= b.resale_max_months_listed) {
            w.dw.ask_yuan[d] = 0;  // withdrawn; a sell-first upgrader gives up
            if (owner >= 0 && w.hh.home[owner] == d)
                w.hh.set(owner, hh_flag::selling_to_move, false);
            continue;
        }
        // A voluntary seller does not go below 90% of value (it withdraws instead); an
        // estate or a foreclosure goes down to 60%.
        const double value = market_value(w, d);
        const double cut = w.dw.ask_yuan[d] * (1.0 - b.resale_monthly_cut);
        if (!forced && cut < 0.9 * value) {
            w.dw.ask_yuan[d] = 0;
            if (owner >= 0 && w.hh.home[owner] == d)
                w.hh.set(owner, hh_flag::selling_to_move, false);
            continue;
        }
        w.dw.ask_yuan[d] = static_cast<float>(std::max(0.6 * value, cut));
        listings += 1;
    }
    w.month.resale_listings = listings;
}

}  // namespace housim
