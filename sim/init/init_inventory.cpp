#include <algorithm>
#include <cmath>

#include "sim/init/init_city.hpp"
#include "sim/markets/valuation.hpp"
#include "sim/month/construction.hpp"

namespace housim {

namespace {

double mean_zone_factor(const ZoneParams& z) {
    double m = 0;
    for (size_t i = 0; i < z.share.size(); ++i)
        m += z.share[i] * z.price_factor[i];
    return m;
}

// Spreads `area_m2` (simulated) over projects of about one parcel each and calls
// make(zone, quality, unit_area, units, stream) for each.
template <class Make>
void spread_projects(World& w, double area_m2, uint32_t category, Make&& make) {
    const CityParams& c = w.scenario.city;
    const double parcel = c.parcel_floor_area_m2 / w.scale;
    if (area_m2 <= 0) return;
    const int n = std::max(1, static_cast<int>(std::lround(area_m2 / parcel)));
    for (int i = 0; i < n; ++i) {
        RngStream s = w.rng.stream(category * 100000u + static_cast<uint32_t>(i), 0,
                                   RngPurpose::init_project);
        const uint8_t zone = draw_zone(c.zones.unsold_share, s.uniform());
        const uint8_t quality = s.uniform() < c.high_quality_share ? 1 : 0;
        const float unit_area = static_cast<float>(70.0 + 70.0 * s.uniform());
        const int units = std::max(1, static_cast<int>(std::lround(area_m2 / n / unit_area)));
        make(zone, quality, unit_area, units, s);
    }
}

}  // namespace

void init_inventory(World& w) {
    const CityParams& c = w.scenario.city;
    const Policy& p = w.scenario.levers.policy;
    const double scale = w.scale;
    w.market.construction_cost_per_m2 = c.construction_cost_per_m2_yuan;

    for (int i = 0; i < c.developers; ++i) {
        RngStream s = w.rng.stream(static_cast<uint32_t>(i), 0, RngPurpose::init_developer);
        Developer d;
        d.cash_yuan = c.developer_cash_yuan / scale * (0.5 + s.uniform());
        const double u = s.uniform();
        d.rating = u < 0.25 ? Rating::A : (u < 0.70 ? Rating::B : Rating::C);
        d.entry_month = -120;
        w.developers.push_back(d);
    }
    const auto ndev = static_cast<uint32_t>(w.developers.size());
    const double zone_mean = mean_zone_factor(c.zones);
    auto list_price = [&](uint8_t zone, uint8_t quality, RngStream& s) {
        return c.new_price_per_m2_yuan * c.zones.price_factor[zone] / zone_mean *
               quality_factor(quality) * (1.0 + 0.04 * s.normal());
    };
    const int months = c.construction_months;
    const double threshold = p.sales.presale_progress_threshold;

    // Completed, unsold: only the unsold units are modelled as the project.
    spread_projects(w, c.unsold_permitted_m2 * c.unsold_completed_share / scale, 1,
                    [&](uint8_t zone, uint8_t q, float area, int units, RngStream& s) {
                        const auto dev = static_cast<int32_t>(s.uniform_index(ndev));
                        const int age = 1 + static_cast<int>(s.uniform_index(24));
                        const int32_t id =
                            create_project(w, dev, -1, zone, q, area, units,
                                           c.construction_cost_per_m2_yuan, -age - months);
                        Project& pr = w.projects[static_cast<size_t>(id)];
                        pr.progress = 1;
                        pr.stage = Stage::completed;
                        pr.list_price_per_m2 = list_price(zone, q, s) * 0.97;
                        pr.filed_price_per_m2 = pr.list_price_per_m2;
                        for (int k = 0; k < units; ++k) {
                            w.dw.build_month[static_cast<size_t>(pr.first_dwelling + k)] =
                                static_cast<int16_t>(-age);
                        }
                    });

    // Under construction with a permit: unsold and presold units together.
    const double unsold_uc = c.unsold_permitted_m2 * (1.0 - c.unsold_completed_share) / scale;
    const double presold_uc = c.presold_construction_m2 / scale;
    const double sold_share = presold_uc / std::max(1e-9, unsold_uc + presold_uc);
    spread_projects(
        w, unsold_uc + presold_uc, 2,
        [&](uint8_t zone, uint8_t q, float area, int units, RngStream& s) {
            const auto dev = static_cast<int32_t>(s.uniform_index(ndev));
            const double progress = threshold + (0.95 - threshold) * s.uniform();
            const int elapsed = static_cast<int>(progress * months);
            const int32_t id = create_project(w, dev, -1, zone, q, area, units,
                                              c.construction_cost_per_m2_yuan, -elapsed);
            Project& pr = w.projects[static_cast<size_t>(id)];
            pr.progress = static_cast<float>(progress);
            pr.stage = Stage::presale;
            pr.list_price_per_m2 = list_price(zone, q, s);
            pr.filed_price_per_m2 = pr.list_price_per_m2;
            pr.units_sold = static_cast<int32_t>(std::lround(units * sold_share));
            // Presale money paid in; what exceeds the cost still to build (and the retained
            // share) has been released to the developer.
            pr.escrow_paid_in_yuan = pr.list_price_per_m2 * pr.unit_area_m2 * pr.units_sold;
            pr.escrow_yuan = pr.escrow_paid_in_yuan;
            pr.escrow_yuan -= escrow_free(w, pr);
            pr.escrow_released_yuan = pr.escrow_paid_in_yuan - pr.escrow_yuan;
        });

    // Under construction, before the presale condition.
    spread_projects(w, c.unpermitted_construction_m2 / scale, 3,
                    [&](uint8_t zone, uint8_t q, float area, int units, RngStream& s) {
                        const auto dev = static_cast<int32_t>(s.uniform_index(ndev));
                        const double progress = threshold * s.uniform();
                        const int32_t id = create_project(w, dev, -1, zone, q, area, units,
                                                          c.construction_cost_per_m2_yuan,
                                                          -static_cast<int>(progress * months));
                        w.projects[static_cast<size_t>(id)].progress = static_cast<float>(progress);
                    });

    // Development loans drawn so far on projects under construction.
    for (Project& pr : w.projects) {
        if (pr.stage == Stage::completed) continue;
        pr.loan_yuan = p.developer_finance.loan_to_cost * pr.cost_per_m2_yuan * pr.floor_area_m2() *
                       pr.progress;
        w.developers[static_cast<size_t>(pr.developer)].loan_yuan += pr.loan_yuan;
        w.bank.dev_loans_yuan += pr.loan_yuan;
    }

    // Land bank: parcels bought in the last year, fully paid, not started.
    const double parcel = c.parcel_floor_area_m2 / scale;
    const int parcels = static_cast<int>(std::lround(c.land_bank_m2 / scale / parcel));
    for (int i = 0; i < parcels; ++i) {
        RngStream s = w.rng.stream(static_cast<uint32_t>(i), 0, RngPurpose::land_parcel);
        Parcel pa;
        pa.holder = static_cast<int32_t>(s.uniform_index(ndev));
        pa.zone = draw_zone(c.zones.unsold_share, s.uniform());
        pa.floor_area_m2 = static_cast<float>(parcel);
        const double price_m2 = p.land.reserve_price_share * c.new_price_per_m2_yuan *
                                c.zones.price_factor[pa.zone] / zone_mean * 1.2;
        pa.price_yuan = price_m2 * parcel;
        pa.paid_yuan = pa.price_yuan;
        pa.purchase_month = static_cast<int16_t>(-static_cast<int>(s.uniform_index(12)));
        w.parcels.push_back(pa);
    }
}

}  // namespace housim
