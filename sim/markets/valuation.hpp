// Hedonic valuation of dwellings: value = reference price per m2 x index x attributes.
// The same attributes deflate transaction prices in the price indices, so the indices are
// quality-adjusted.
#pragma once

#include <cstdint>

#include "sim/world.hpp"

namespace housim {

// Read from a table rather than chosen by a branch: which homes are of the better quality
// is a coin flip to the branch predictor in the loops over tenants' homes.
inline double quality_factor(uint8_t quality) {
    static constexpr double kFactor[2] = {1.0, 1.20};
    return kFactor[quality != 0];
}

// Depreciation of 1% a year, down to 60% of a new home's value. Both values are computed
// and one selected (no branch on the home's age, which the loops meet in random order).
inline double age_factor(int build_month, int now) {
    const double years = (now - build_month) / 12.0;
    const double depreciated = years >= 40 ? 0.6 : 1.0 - 0.01 * years;
    const bool unaged = (build_month == Dwellings::kNotBuilt) | (build_month >= now);
    return unaged ? 1.0 : depreciated;
}

// Attribute weight of a dwelling: area x zone x quality x age, in m2-equivalents.
inline double hedonic_weight(const World& w, int32_t d) {
    return w.dw.area_m2[d] * w.scenario.city.zones.price_factor[w.dw.zone[d]] *
           quality_factor(w.dw.quality[d]) * age_factor(w.dw.build_month[d], w.t);
}

// hedonic_weight over raw column pointers, for hot loops: the same expression, but the
// compiler need not reload the columns after every byte-sized store in the loop.
struct HedonicView {
    const float* area_m2;
    const uint8_t* zone;
    const uint8_t* quality;
    const int16_t* build_month;
    const double* zone_factor;
    int now;

    explicit HedonicView(const World& w)
        : area_m2(w.dw.area_m2.data()),
          zone(w.dw.zone.data()),
          quality(w.dw.quality.data()),
          build_month(w.dw.build_month.data()),
          zone_factor(w.scenario.city.zones.price_factor.data()),
          now(w.t) {}
    double weight(int32_t d) const { return weight(d, area_m2[d]); }
    // The same, with the dwelling's area given (a household's copy of its home's area).
    double weight(int32_t d, float area) const {
        return area * zone_factor[zone[d]] * quality_factor(quality[d]) *
               age_factor(build_month[d], now);
    }
};

inline double market_value(const World& w, int32_t d) {
    return w.market.reference_price_per_m2 * w.market.resale_index / 100.0 * hedonic_weight(w, d);
}

inline double market_rent(const World& w, int32_t d) {
    return w.market.reference_rent_per_m2 * w.market.rent_index / 100.0 * hedonic_weight(w, d);
}

}  // namespace housim
