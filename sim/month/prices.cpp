#include "sim/month/prices.hpp"

#include <algorithm>
#include <cmath>

#include "sim/core/parallel.hpp"
#include "sim/markets/rental_market.hpp"

namespace housim {

double rental_vacancy(const World& w) {
    // Exact integer counts (any chunking gives the same), as doubles for the ratio.
    struct Counts {
        int64_t stock = 0;
        int64_t vacant = 0;
    };
    const Counts c = reduce_chunks(
        w.dw.count(), Counts{},
        [&](int32_t begin, int32_t end) {
            // Household-owned completed homes not lived in by their owner: the rental stock,
            // vacant if nobody lives there. Tests combined with & (no branches: which homes
            // are let is a coin flip to the branch predictor).
            Counts k;
            const Dwellings& dw = w.dw;
            for (int32_t d = begin; d < end; ++d) {
                const int32_t occupant = dw.occupant[d];
                const bool let = dw.completed(d) &
                                 (dw.owner_kind[d] == static_cast<uint8_t>(OwnerKind::household)) &
                                 (occupant != dw.owner[d]);
                k.stock += let;
                k.vacant += let & (occupant < 0);
            }
            return k;
        },
        [](Counts& acc, const Counts& k) {
            acc.stock += k.stock;
            acc.vacant += k.vacant;
        });
    const auto stock = static_cast<double>(c.stock);
    const auto vacant = static_cast<double>(c.vacant);
    return stock > 0 ? vacant / stock : 0.0;
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

double reprice(double list_price_per_m2, double pace, double target_pace, const BehaviourParams& b,
               const Sales& sales, double floor_per_m2) {
    const double gap = target_pace > 0 ? pace / target_pace - 1.0 : 0.0;
    const double max_cut = std::min(b.max_monthly_cut, sales.max_price_cut_per_month);
    const double change = std::clamp(b.reprice_speed * gap, -max_cut, b.max_monthly_rise);
    return std::max(floor_per_m2, list_price_per_m2 * (1.0 + change));
}

double resale_markup(const BehaviourParams& b, const MarketState& m) {
    return b.resale_markup +
           b.resale_markup_expectation_weight * std::max(0.0, m.expected_growth_annual);
}

void update_prices(World& w) {
    MarketState& m = w.market;
    History& hist = w.history;
    const BehaviourParams& b = w.scenario.behaviour;
    m.new_index = trailing_index(hist.new_price_sum, hist.new_ref_sum, m.new_index);
    m.resale_index = trailing_index(hist.resale_price_sum, hist.resale_ref_sum, m.resale_index);

    // Developers move list prices towards the pace that sells their stock in the target time.
    const Sales& sales = w.levers().policy.sales;
    for (Project& p : w.projects) {
        p.recent_sales = static_cast<float>(0.3 * p.month_sales + 0.7 * p.recent_sales);
        p.month_sales = 0;
        if (!p.permitted() || p.unsold() <= 0) continue;
        if (w.developers[static_cast<size_t>(p.developer)].distress == Distress::defaulted)
            continue;
        const double target = p.unsold() / b.target_selloff_months;
        p.list_price_per_m2 =
            reprice(p.list_price_per_m2, p.recent_sales, target, b, sales, p.cost_per_m2_yuan);
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
            b.expectation_adapt_month * (observed - m.expected_growth_annual);
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
