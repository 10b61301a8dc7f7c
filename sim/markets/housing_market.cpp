#include "sim/markets/housing_market.hpp"

#include <algorithm>
#include <cmath>

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
    for (int32_t d : dwellings) {
        if (w.dw.ask_yuan[d] > 0 ||
            w.dw.owner_kind[d] != static_cast<uint8_t>(OwnerKind::household)) {
            continue;
        }
        const int32_t owner = w.dw.owner[d];
        if (w.hh.home[owner] == d) w.hh.set(owner, hh_flag::selling_to_move, true);
        list_for_resale(w, d, opening_ask(w, d));
    }
}

double bid_up_price(double ask, int bidders, double step, double highest_cap) {
    if (bidders < 2) return ask;
    const double raised = ask * std::pow(1.0 + step, bidders - 1);
    return std::max(ask, std::min(raised, highest_cap));
}

namespace {

// Each buyer's shortlist: the units it draws from its price window (search friction), kept
// if it may buy them (size, new-only, not its own home, not overpriced), best value first.
// Draws come from the buyer's own stream, so the shortlist does not depend on the others.
void draw_shortlists(World& w, const std::vector<BuyerOrder>& buyers,
                     const std::vector<Listing>& book) {
    const BehaviourParams& b = w.scenario.behaviour;
    Scratch& sc = w.scratch;
    // A buyer inspects units, not listings: a project offering 80 units is 80 chances to be
    // seen, a resale home one. units_before[i] counts the units of listings before i.
    // Counting units keeps the search the same at any run.scale, where the number of
    // projects is fixed in real floor area but the units of each scale with 1 / run.scale.
    // unit_listing[u] is the listing holding unit u: the last i with units_before[i] <= u,
    // looked up instead of searched (one read per drawn unit, not a binary search).
    std::vector<uint32_t>& units_before = sc.units_before;
    std::vector<uint32_t>& unit_listing = sc.unit_listing;
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
    std::vector<uint32_t>& list = sc.shortlist;
    std::vector<uint32_t>& begin = sc.shortlist_begin;
    list.clear();
    begin.assign(buyers.size() + 1, 0);
    for (size_t j = 0; j < buyers.size(); ++j) {
        begin[j] = static_cast<uint32_t>(list.size());
        const BuyerOrder& o = buyers[j];
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
        const size_t first = list.size();
        for (size_t k = 0; k < sample; ++k) {
            const uint32_t i = unit_listing[first_unit + s.uniform_index(window)];
            const Listing& l = book[i];
            if (l.area_m2 < o.min_area_m2) continue;
            if (o.new_only && l.kind != static_cast<uint8_t>(ListingKind::new_home)) continue;
            // Its own listing: only a listing whose seller was this buyer when the book was
            // built can be its own, so the dwelling table (a cache miss) is read for those.
            if (l.kind == static_cast<uint8_t>(ListingKind::resale) && l.seller == o.h &&
                w.dw.owner_kind[l.id] == static_cast<uint8_t>(OwnerKind::household) &&
                w.dw.owner[l.id] == o.h) {
                continue;
            }
            if (l.value < b.reservation_score * l.price) continue;  // overpriced
            if (std::find(list.begin() + static_cast<std::ptrdiff_t>(first), list.end(), i) ==
                list.end()) {
                list.push_back(i);
            }
        }
        // The best home it can afford first (highest value: size, location, quality, new).
        std::sort(list.begin() + static_cast<std::ptrdiff_t>(first), list.end(),
                  [&](uint32_t x, uint32_t y) {
                      return book[x].value != book[y].value ? book[x].value > book[y].value : x < y;
                  });
    }
    begin[buyers.size()] = static_cast<uint32_t>(list.size());
}

// The most buyer j would pay for listing l: its budget, and no more than value over the
// reservation score (MODEL.md §5: it walks away from an overpriced home).
double bid_cap(const BehaviourParams& b, const BuyerOrder& o, const Listing& l) {
    return std::min(static_cast<double>(o.budget_yuan), l.value / b.reservation_score);
}

struct ClearingCounts {
    int purchases = 0;
    int resale_sales = 0;
    int bid_up_sales = 0;
    double months_listed = 0;  // sum over resale sales, counting the month of sale
};

}  // namespace

int clear_housing_market(World& w, std::vector<BuyerOrder>& buyers, std::vector<Listing>& book) {
    const BehaviourParams& b = w.scenario.behaviour;
    std::sort(buyers.begin(), buyers.end(), [](const BuyerOrder& x, const BuyerOrder& y) {
        return x.priority != y.priority ? x.priority < y.priority : x.h < y.h;
    });
    draw_shortlists(w, buyers, book);
    Scratch& sc = w.scratch;
    const std::vector<uint32_t>& list = sc.shortlist;
    const std::vector<uint32_t>& begin = sc.shortlist_begin;
    std::vector<uint32_t>& next = sc.shortlist_next;  // each buyer's next choice; end: done
    next.assign(begin.begin(), begin.end() - 1);
    std::vector<std::pair<uint32_t, uint32_t>>& bids = sc.bids;
    ClearingCounts n;

    auto buy = [&](uint32_t j, Listing& l, double price) {
        const BuyerOrder& o = buyers[j];
        PurchaseResult r;
        if (l.kind == static_cast<uint8_t>(ListingKind::resale) && price > l.price) {
            r = buy_resale_home_at(w, o.h, l.id, o.kind, price);
        } else {
            const int32_t d = l.id;
            const int listed = l.kind == static_cast<uint8_t>(ListingKind::resale)
                                   ? w.t - w.dw.listed_month[d] + 1
                                   : 0;
            r = execute_order(w, o, l);
            if (r.done && listed > 0) n.months_listed += listed;
        }
        if (!r.done) {
            next[j] += 1;  // financing failed: its next choice in the next round
            return false;
        }
        l.available -= 1;
        next[j] = begin[j + 1];
        n.purchases += 1;
        return true;
    };

    // Rounds of sealed bids (MODEL.md §6): each buyer still searching bids for its best
    // shortlisted home still on the market. A project sells its units at the list price to
    // its bidders in priority order (developers sell at filed prices). A resale home wanted
    // by several bidders is bid up by bid_up_step per competing bid (the calibrated bid-up
    // of the INET/Bank of England model: Baptista et al. 2016, BoE Staff Working Paper 619,
    // 0.75% a bid), to no more than the highest bidder would pay, and goes to the first
    // bidder in priority order who would pay that. Losers try their next choice next round.
    for (int round = 0; round < b.market_rounds; ++round) {
        bids.clear();
        for (uint32_t j = 0; j < buyers.size(); ++j) {
            uint32_t& k = next[j];
            while (k < begin[j + 1] && book[list[k]].available <= 0)
                ++k;
            if (k < begin[j + 1]) bids.emplace_back(list[k], j);
        }
        if (bids.empty()) break;
        std::sort(bids.begin(), bids.end());  // by listing, then buyer (priority order)
        for (size_t g = 0; g < bids.size();) {
            size_t e = g;
            while (e < bids.size() && bids[e].first == bids[g].first)
                ++e;
            Listing& l = book[bids[g].first];
            const int bidders = static_cast<int>(e - g);
            if (l.kind == static_cast<uint8_t>(ListingKind::resale) && bidders >= 2) {
                double highest = 0;
                for (size_t x = g; x < e; ++x)
                    highest = std::max(highest, bid_cap(b, buyers[bids[x].second], l));
                const double price = bid_up_price(l.price, bidders, b.bid_up_step, highest);
                bool sold = false;
                for (size_t x = g; x < e && !sold; ++x) {
                    const uint32_t j = bids[x].second;
                    if (bid_cap(b, buyers[j], l) < price) continue;
                    const int listed = w.t - w.dw.listed_month[l.id] + 1;
                    sold = buy(j, l, price);
                    if (sold) {
                        n.resale_sales += 1;
                        n.bid_up_sales += price > l.price;
                        if (price > l.price) n.months_listed += listed;
                    }
                }
                // Nobody closes at the raised price: the bidders in turn at the ask.
                for (size_t x = g; x < e && !sold; ++x) {
                    const uint32_t j = bids[x].second;
                    if (next[j] >= begin[j + 1] || list[next[j]] != bids[g].first) continue;
                    sold = buy(j, l, l.price);
                    n.resale_sales += sold;
                }
            } else {
                for (size_t x = g; x < e && l.available > 0; ++x) {
                    const bool sold = buy(bids[x].second, l, l.price);
                    n.resale_sales += sold && l.kind == static_cast<uint8_t>(ListingKind::resale);
                }
            }
            g = e;
        }
    }

    w.month.bid_up_share =
        n.resale_sales > 0 ? static_cast<double>(n.bid_up_sales) / n.resale_sales : 0.0;
    if (n.resale_sales > 0) {
        const double mean = n.months_listed / n.resale_sales;
        MarketState& m = w.market;
        m.resale_months_listed =
            m.resale_months_listed > 0 ? 0.7 * m.resale_months_listed + 0.3 * mean : mean;
    }
    return n.purchases;
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
        // A voluntary seller does not go below 90% of value, raised by its share of a
        // prospective loss (loss aversion; it withdraws instead); an estate or a
        // foreclosure goes down to 60%.
        const double value = market_value(w, d);
        const double cut = w.dw.ask_yuan[d] * (1.0 - b.resale_monthly_cut);
        // A voluntary seller must also repay its loans from the sale and its savings:
        // negative equity holds its ask up (Genesove & Mayer 1997, AER 87(3)).
        const double floor =
            forced
                ? 0.9 * value
                : std::max(0.9 * value + b.loss_aversion_ask_share * prospective_loss(w, d, value),
                           loans_on(w, d) - std::max(0.0, w.hh.savings[owner]));
        if (!forced && cut < floor) {
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
