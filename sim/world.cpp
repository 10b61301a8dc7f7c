#include "sim/world.hpp"

#include "sim/init/init_city.hpp"
#include "sim/markets/valuation.hpp"
#include "sim/month/accounting.hpp"
#include "sim/month/month_buffers.hpp"
#include "sim/month/prices.hpp"

namespace housim {

MonthBuffersHolder::MonthBuffersHolder() : p_(std::make_unique<MonthBuffers>()) {}
MonthBuffersHolder::MonthBuffersHolder(const MonthBuffersHolder&) : MonthBuffersHolder() {}
MonthBuffersHolder::MonthBuffersHolder(MonthBuffersHolder&&) noexcept = default;
MonthBuffersHolder& MonthBuffersHolder::operator=(MonthBuffersHolder&&) noexcept = default;
MonthBuffersHolder::~MonthBuffersHolder() = default;

World::World(const Scenario& s, uint32_t replicate)
    : scenario(s), rng(s.run.seed, replicate), scale(s.run.scale) {
    const auto households = static_cast<size_t>(s.run.households);
    dw.reserve(static_cast<int32_t>(households * 3 / 2));
    init_households(*this);
    init_inventory(*this);
    init_housing_stock(*this);
    for (size_t i = 0; i < projects.size(); ++i) {
        if (projects[i].stage != Stage::completed)
            active_projects.push_back(static_cast<int32_t>(i));
    }
    for (int32_t h = 0; h < hh.capacity(); ++h) {
        if (hh.active[h] && hh.children[h] > 0 && hh.age[h] >= 45) ++formation_eligible;
    }
    market.expected_growth_annual = s.behaviour.initial_expected_growth_annual;
    market.resale_markup = resale_markup(s.behaviour, market);
    market.mean_income_month = s.city.income_mean_month_yuan;
    market.rental_vacancy = rental_vacancy(*this);
    market.rent_income_base = market.income_base_month;
    // The new-home price level of the initial projects, relative to hedonic values.
    double price = 0, reference = 0;
    for (const Project& p : projects) {
        if (!p.permitted() || p.unsold() <= 0) continue;
        const int32_t d = p.next_unsold_dwelling();
        price += p.list_price_per_m2 * p.unit_area_m2 * p.unsold();
        reference += market.reference_price_per_m2 * hedonic_weight(*this, d) * p.unsold();
    }
    market.new_index = reference > 0 ? 100.0 * price / reference : 100.0;
    // Each zone's new-home price level likewise, from its own projects.
    zones.resize(s.city.zones.count());
    std::vector<double> zone_price(zones.size(), 0.0), zone_reference(zones.size(), 0.0);
    for (const Project& p : projects) {
        if (!p.permitted() || p.unsold() <= 0) continue;
        const int32_t d = p.next_unsold_dwelling();
        zone_price[p.zone] += p.list_price_per_m2 * p.unit_area_m2 * p.unsold();
        zone_reference[p.zone] +=
            market.reference_price_per_m2 * hedonic_weight(*this, d) * p.unsold();
    }
    for (size_t z = 0; z < zones.size(); ++z) {
        zones[z].new_index =
            zone_reference[z] > 0 ? 100.0 * zone_price[z] / zone_reference[z] : market.new_index;
        for (auto* v : {&zones[z].new_price_sum, &zones[z].new_ref_sum, &zones[z].resale_price_sum,
                        &zones[z].resale_ref_sum})
            v->push_back(0.0);
    }
    // The provident centre holds a fifth of members' balances in cash (assumption: the
    // rest is lent out or invested).
    double balances = 0;
    for (int32_t h = 0; h < hh.capacity(); ++h)
        balances += hh.active[h] ? hh.pf_balance[h] : 0.0;
    pf.member_balances_yuan = balances;
    pf.cash_yuan = 0.2 * balances;
    // One slot for trades outside a month (tests); each month adds its own.
    for (auto* v : {&history.new_price_sum, &history.new_ref_sum, &history.resale_price_sum,
                    &history.resale_ref_sum}) {
        v->push_back(0.0);
    }
    ledger.reset(total_money(*this));
}

}  // namespace housim
