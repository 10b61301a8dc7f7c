#include "sim/month/prices.hpp"

#include <algorithm>
#include <cmath>

#include "sim/core/parallel.hpp"
#include "sim/markets/rental_market.hpp"
#include "sim/month/policy_engine.hpp"

namespace housim {

VacancyCounts vacancy_counts(const World& w) {
    // Exact integer counts (any chunking gives the same).
    return reduce_chunks(
        w.dw.count(), VacancyCounts{},
        [&](int32_t begin, int32_t end) {
            // Household-owned completed homes not lived in by their owner: the rental stock,
            // vacant if nobody lives there. Tests combined with & (no branches: which homes
            // are let is a coin flip to the branch predictor).
            VacancyCounts k;
            const Dwellings& dw = w.dw;
            for (int32_t d = begin; d < end; ++d) {
                const int32_t occupant = dw.occupant[d];
                const bool done = dw.completed(d);
                const bool let = done &
                                 (dw.owner_kind[d] == static_cast<uint8_t>(OwnerKind::household)) &
                                 (occupant != dw.owner[d]);
                k.rental_stock += let;
                k.rental_vacant += let & (occupant < 0);
                k.completed += done;
                k.empty += done & (occupant < 0);
            }
            return k;
        },
        [](VacancyCounts& acc, const VacancyCounts& k) {
            acc.rental_stock += k.rental_stock;
            acc.rental_vacant += k.rental_vacant;
            acc.completed += k.completed;
            acc.empty += k.empty;
        });
}

double rental_vacancy(const World& w) {
    return vacancy_counts(w).rental_share();
}

double trailing_index(const std::vector<double>& price_sum, const std::vector<double>& ref_sum,
                      double previous) {
    double p = 0;
    double r = 0;
    const size_t n = price_sum.size();
    for (size_t k = n >= 3 ? n - 3 : 0; k < n; ++k) {
        p += price_sum[k];
        r += ref_sum[k];
    }
    return r > 0 ? 100.0 * p / r : previous;
}

double market_pressure(const World& w) {
    const double cycle = published_cycle(w);
    if (cycle <= 0) return 0.0;  // nothing published yet, or no stock at all
    return std::clamp(std::log(w.scenario.behaviour.target_selloff_months / cycle), -1.0, 1.0);
}

double market_pressure(const World& w, uint8_t zone) {
    const double weight = w.scenario.behaviour.local_market_weight;
    const double city = market_pressure(w);
    if (weight <= 0) return city;
    const double cycle = published_zone_cycle(w, zone);
    const double local =
        cycle <= 0
            ? 0.0
            : std::clamp(std::log(w.scenario.behaviour.target_selloff_months / cycle), -1.0, 1.0);
    return (1.0 - weight) * city + weight * local;
}

double reprice(double list_price_per_m2, double pace, double target_pace, const BehaviourParams& b,
               const Sales& sales, double floor_per_m2, double market_pressure) {
    // The project's own pace against its target, and the city's stock: a developer raises
    // its price when the city's unsold stock is thin even before its own sales speed up.
    const double gap = target_pace > 0 ? pace / target_pace - 1.0 : 0.0;
    const double max_cut = std::min(b.max_monthly_cut, sales.max_price_cut_per_month);
    const double change =
        std::clamp(b.reprice_speed * gap + b.market_reprice_weight * market_pressure, -max_cut,
                   b.max_monthly_rise);
    return std::max(floor_per_m2, list_price_per_m2 * (1.0 + change));
}

double resale_markup(const BehaviourParams& b, const MarketState& m) {
    // Sellers mark up more when comparable homes sell fast and less when they sit (the
    // initial markup of the INET model falls with the average time on market; Baptista et
    // al. 2016), bounded to +-5 points.
    const double tightness =
        m.resale_months_listed > 0
            ? std::clamp(b.resale_markup_tightness_weight *
                             std::log(b.resale_reference_months_listed / m.resale_months_listed),
                         -0.05, 0.05)
            : 0.0;
    return b.resale_markup +
           b.resale_markup_expectation_weight * std::max(0.0, m.expected_growth_annual) + tightness;
}

void update_prices(World& w) {
    MarketState& m = w.market;
    History& hist = w.history;
    const BehaviourParams& b = w.scenario.behaviour;
    m.new_index = trailing_index(hist.new_price_sum, hist.new_ref_sum, m.new_index);
    m.resale_index = trailing_index(hist.resale_price_sum, hist.resale_ref_sum, m.resale_index);

    // Developers move list prices towards the pace that sells their stock in the target time.
    const Sales& sales = w.levers().policy.sales;
    std::vector<double> pressure(w.zones.size());
    for (size_t z = 0; z < pressure.size(); ++z)
        pressure[z] = market_pressure(w, static_cast<uint8_t>(z));
    for (Project& p : w.projects) {
        p.recent_sales = static_cast<float>(0.3 * p.month_sales + 0.7 * p.recent_sales);
        p.month_sales = 0;
        if (!p.permitted() || p.unsold() <= 0) continue;
        if (w.developers[static_cast<size_t>(p.developer)].distress == Distress::defaulted)
            continue;
        const double target = p.unsold() / b.target_selloff_months;
        // Neither below construction cost nor below the price-filing band.
        const double floor = std::max(
            p.cost_per_m2_yuan, (1.0 - sales.max_cut_from_filed_share) * p.filed_price_per_m2);
        p.list_price_per_m2 =
            reprice(p.list_price_per_m2, p.recent_sales, target, b, sales, floor, pressure[p.zone]);
    }

    // Rents move with vacancy around its natural rate, and with incomes.
    update_rents(w);

    // Expectations adapt to the resale index's annualised growth over the last 6 months.
    hist.resale_index.push_back(m.resale_index);
    const size_t n = hist.resale_index.size();
    const size_t back = std::min<size_t>(6, n - 1);
    if (back > 0) {
        const double ratio = m.resale_index / hist.resale_index[n - 1 - back];
        const double observed = std::pow(ratio, 12.0 / static_cast<double>(back)) - 1.0;
        m.expected_growth_annual +=
            b.expectation_adapt_month *
            (b.expectation_trend_weight * observed - m.expected_growth_annual);
        m.expected_growth_annual = std::clamp(m.expected_growth_annual, -b.expectation_bound_annual,
                                              b.expectation_bound_annual);
    }

    m.resale_markup = resale_markup(b, m);

    int active = 0;
    int stalled = 0;
    for (int32_t id : w.active_projects) {
        ++active;
        stalled += w.projects[static_cast<size_t>(id)].stalled;
    }
    m.stalled_share = active > 0 ? static_cast<double>(stalled) / active : 0.0;
}

}  // namespace housim
