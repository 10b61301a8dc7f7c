#include "sim/scenario/scenario_validate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace housim {

namespace {

double sum(const std::vector<double>& v) {
    return std::accumulate(v.begin(), v.end(), 0.0);
}

}  // namespace

void validate_scenario(const Scenario& s, const std::string& file, std::vector<Diagnostic>& out) {
    auto fail = [&](const char* key, std::string message) {
        out.push_back(Diagnostic{file, 0, key, std::move(message)});
    };
    const CityParams& c = s.city;
    if (c.head_age_band_share.size() != 6) {
        fail("city.head_age_band_share", "expected 6 values (ages 20-29 ... 70-89)");
    } else if (std::abs(sum(c.head_age_band_share) - 1.0) > 1e-6) {
        fail("city.head_age_band_share",
             fmt::format("shares must sum to 1, they sum to {}", sum(c.head_age_band_share)));
    }
    if (c.zones.share.size() > 16) fail("city.zones.share", "at most 16 zones");
    if (c.talent_share_of_arrivals.size() != 4) {
        fail("city.talent_share_of_arrivals", "expected 4 values (talent classes 1-4)");
    } else if (sum(c.talent_share_of_arrivals) > 1.0 + 1e-9) {
        fail("city.talent_share_of_arrivals", "shares must not sum to more than 1");
    }
    if (s.levers.policy.subsidy.talent_yuan.size() != 4) {
        fail("policy.subsidy.talent_yuan", "expected 4 values (talent classes 1-4)");
    }
    if (c.zones.share.size() != c.zones.price_factor.size()) {
        fail("city.zones.price_factor",
             fmt::format("expected one value per zone ({} zones in city.zones.share), got {}",
                         c.zones.share.size(), c.zones.price_factor.size()));
    }
    if (std::abs(sum(c.zones.share) - 1.0) > 1e-6) {
        fail("city.zones.share",
             fmt::format("shares must sum to 1, they sum to {}", sum(c.zones.share)));
    }
    for (const auto& [key, list] : {std::pair{"city.zones.unsold_share", &c.zones.unsold_share},
                                    std::pair{"city.zones.land_share", &c.zones.land_share}}) {
        if (list->size() != c.zones.share.size()) {
            fail(key, fmt::format("expected one value per zone ({} zones in city.zones.share), "
                                  "got {}",
                                  c.zones.share.size(), list->size()));
        } else if (std::abs(sum(*list) - 1.0) > 1e-6) {
            fail(key, fmt::format("shares must sum to 1, they sum to {}", sum(*list)));
        }
    }
    if (c.zones.names.size() != c.zones.share.size()) {
        fail("city.zones.names",
             fmt::format("expected one name per zone ({} zones in city.zones.share), got {}",
                         c.zones.share.size(), c.zones.names.size()));
    }
    for (size_t i = 0; i < c.zones.names.size(); ++i) {
        const std::string& name = c.zones.names[i];
        if (name.empty() || name.size() > 64) {
            fail("city.zones.names", fmt::format("zone {}: a name of 1 to 64 bytes", i));
        }
        for (size_t j = 0; j < i; ++j) {
            if (c.zones.names[j] == name) {
                fail("city.zones.names", fmt::format("zone name \"{}\" appears twice", name));
            }
        }
    }
    if (c.multi_home_share > c.ownership_rate) {
        fail("city.multi_home_share", "cannot exceed city.ownership_rate");
    }
    if (c.parcel_floor_area_m2 / s.run.scale < 4 * c.dwelling_area_mean_m2) {
        fail("city.parcel_floor_area_m2",
             fmt::format("a parcel must hold at least a few simulated dwellings: "
                         "parcel_floor_area_m2 / run.scale = {:.0f} m2 is below 4 dwellings",
                         c.parcel_floor_area_m2 / s.run.scale));
    }
    if (s.run.scale * s.run.households > 1e9) {
        fail("run.scale", "run.households x run.scale exceeds 1e9 real households");
    }
    if (s.run.burn_in_months + s.run.months > 30000) {
        fail("run.months", "burn_in_months + months must stay below 30000");
    }
    if (s.run.replicates > 0 && static_cast<uint64_t>(s.run.replicates) > 0xFFFFFFFFull) {
        fail("run.replicates", "too many replicates");
    }

    // Lever combinations, for the start values and for every month of the timeline.
    auto check_levers = [&](const Levers& l, const std::string& when) {
        const DestockRule& r = l.policy.land.destock_rule;
        if (r.cap_above_months > r.halt_above_months) {
            fail("policy.land.destock_rule.cap_above_months",
                 fmt::format("must not exceed halt_above_months ({} > {}){}", r.cap_above_months,
                             r.halt_above_months, when));
        }
        if (r.expand_strongly_below_months > r.expand_below_months ||
            r.expand_below_months > r.cap_above_months) {
            fail("policy.land.destock_rule.expand_below_months",
                 fmt::format("bands must be ordered: expand_strongly_below_months <= "
                             "expand_below_months <= cap_above_months{}",
                             when));
        }
        const Land& land = l.policy.land;
        if (land.deposit_share > land.first_installment_share + 1e-12) {
            fail("policy.land.deposit_share",
                 fmt::format("the deposit counts towards the first installment and cannot "
                             "exceed it ({} > {}){}",
                             land.deposit_share, land.first_installment_share, when));
        }
        if (land.min_start_lag_months >= land.idle_recovery_months) {
            fail("policy.land.min_start_lag_months",
                 fmt::format("must be below idle_recovery_months{}", when));
        }
    };
    check_levers(s.levers, "");
    for (size_t m = 0; m < s.lever_path.size(); ++m) {
        const bool event_month = std::any_of(
            s.timeline.begin(), s.timeline.end(),
            [&](const TimelineEvent& e) { return e.at == s.run.start.plus(static_cast<int>(m)); });
        if (event_month) {
            check_levers(s.lever_path[m], fmt::format(" (after the timeline events of {})",
                                                      s.run.start.plus(static_cast<int>(m)).str()));
        }
    }
}

}  // namespace housim
