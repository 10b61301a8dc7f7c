// Hedonic valuation of dwellings: value = reference price per m2 x index x attributes.
// The same attributes deflate transaction prices in the price indices, so the indices are
// quality-adjusted.
#pragma once

#include <cstdint>

#include "sim/world.hpp"

namespace housim {

inline double quality_factor(uint8_t quality) {
    return quality ? 1.20 : 1.0;
}

// Depreciation of 1% a year, down to 60% of a new home's value.
inline double age_factor(int build_month, int now) {
    if (build_month == Dwellings::kNotBuilt || build_month >= now) return 1.0;
    const double years = (now - build_month) / 12.0;
    return years >= 40 ? 0.6 : 1.0 - 0.01 * years;
}

// Attribute weight of a dwelling: area x zone x quality x age, in m2-equivalents.
inline double hedonic_weight(const World& w, int32_t d) {
    return w.dw.area_m2[d] * w.scenario.city.zones.price_factor[w.dw.zone[d]] *
           quality_factor(w.dw.quality[d]) * age_factor(w.dw.build_month[d], w.t);
}

inline double market_value(const World& w, int32_t d) {
    return w.market.reference_price_per_m2 * w.market.resale_index / 100.0 * hedonic_weight(w, d);
}

inline double market_rent(const World& w, int32_t d) {
    return w.market.reference_rent_per_m2 * w.market.rent_index / 100.0 * hedonic_weight(w, d);
}

}  // namespace housim
