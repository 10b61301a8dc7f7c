#include <algorithm>
#include <cmath>
#include <numeric>

#include "agents/credit.hpp"
#include "agents/household_rules.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/radix_sort.hpp"
#include "sim/init/init_city.hpp"
#include "sim/markets/ownership.hpp"
#include "sim/markets/transactions.hpp"
#include "sim/markets/valuation.hpp"

namespace housim {

namespace {

// Indices of [0, n) with the top `count` by score (ties by index), as a membership mask.
// Only the set matters, so a selection in the total order (score descending, index
// ascending) replaces a full stable sort: the same members in linear time.
std::vector<uint8_t> top_by_score(const std::vector<double>& score, int32_t count) {
    std::vector<int32_t> idx(score.size());
    std::iota(idx.begin(), idx.end(), 0);
    count = std::clamp<int32_t>(count, 0, static_cast<int32_t>(idx.size()));
    if (count > 0 && count < static_cast<int32_t>(idx.size())) {
        std::nth_element(idx.begin(), idx.begin() + count, idx.end(), [&](int32_t a, int32_t b) {
            return score[a] != score[b] ? score[a] > score[b] : a < b;
        });
    }
    std::vector<uint8_t> mask(score.size(), 0);
    for (int32_t i = 0; i < count; ++i)
        mask[idx[i]] = 1;
    return mask;
}

// Zones ordered from cheapest to dearest, so richer households land in dearer zones.
std::vector<uint8_t> zones_by_price(const ZoneParams& z) {
    std::vector<uint8_t> order(z.share.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](uint8_t a, uint8_t b) { return z.price_factor[a] < z.price_factor[b]; });
    return order;
}

// An initial home its owner bought a year or more after it was built was bought from
// another owner: it counts as a resale purchase (for 004 §1(1), which leaves paid-off
// resale homes out of the home count). From the draws already made: no new randomness.
void tag_resale_purchase(World& w, int32_t d) {
    if (w.dw.acquired[d] == static_cast<uint8_t>(Acquired::initial) &&
        w.dw.purchase_month[d] - w.dw.build_month[d] >= 12) {
        w.dw.acquired[d] = static_cast<uint8_t>(Acquired::resale);
    }
}

int32_t new_existing_dwelling(World& w, uint8_t zone, float area, uint8_t quality, int age_months) {
    const int32_t d = w.dw.add();
    w.dw.zone[d] = zone;
    w.dw.area_m2[d] = area;
    w.dw.quality[d] = quality;
    w.dw.build_month[d] = static_cast<int16_t>(-age_months);
    w.dw.use[d] = static_cast<uint8_t>(DwellingUse::vacant);
    return d;
}

}  // namespace

void init_housing_stock(World& w) {
    const CityParams& c = w.scenario.city;
    const Policy& p = w.scenario.levers.policy;
    Households& hh = w.hh;
    const int32_t n = w.scenario.run.households;

    // Per-household draws run in parallel (each household's own streams into its own
    // entries); sums and the placement of homes run in household or rank order.
    std::vector<double> own_score(n), multi_score(n), zone_score(n);
    for_chunks(n, [&](int32_t, int32_t begin, int32_t end) {
        for (int32_t h = begin; h < end; ++h) {
            RngStream s = w.rng.stream(static_cast<uint32_t>(h), 2, RngPurpose::init_household);
            own_score[h] = 0.06 * (hh.age[h] - 20) + 0.8 * hh.income_z[h] + 0.8 * s.normal();
            multi_score[h] = hh.income_z[h] + 0.02 * (hh.age[h] - 20) + 0.6 * s.normal();
            zone_score[h] = hh.income_z[h] + 0.8 * s.normal();
        }
    });
    const auto owners = top_by_score(own_score, static_cast<int32_t>(c.ownership_rate * n));
    for (int32_t h = 0; h < n; ++h) {
        if (!owners[h]) multi_score[h] = -1e300;
    }
    const auto multi = top_by_score(multi_score, static_cast<int32_t>(c.multi_home_share * n));

    // Zone of each owner's home by rank of zone_score among owners.
    std::vector<int32_t> owner_ids;
    for (int32_t h = 0; h < n; ++h) {
        if (owners[h]) owner_ids.push_back(h);
    }
    {
        // Stable by zone_score: ids are ascending, so a stable radix sort on the score's
        // bits gives the order of the former stable comparison sort.
        struct Keyed {
            uint64_t key;
            int32_t h;
        };
        std::vector<Keyed> keyed, buffer;
        keyed.reserve(owner_ids.size());
        for (int32_t h : owner_ids)
            keyed.push_back(Keyed{double_key(zone_score[h]), h});
        radix_sort_stable(keyed, buffer, [](const Keyed& k) { return k.key; });
        for (size_t i = 0; i < keyed.size(); ++i)
            owner_ids[i] = keyed[i].h;
    }
    const auto zone_order = zones_by_price(c.zones);
    std::vector<uint8_t> owner_zone(n, 0);
    {
        size_t k = 0;
        double acc = 0;
        for (size_t i = 0; i < owner_ids.size(); ++i) {
            while (k + 1 < zone_order.size() &&
                   static_cast<double>(i) >=
                       (acc + c.zones.share[zone_order[k]]) * owner_ids.size()) {
                acc += c.zones.share[zone_order[k]];
                ++k;
            }
            owner_zone[owner_ids[i]] = zone_order[k];
        }
    }

    // Primary homes. Areas follow size and income, rescaled to the city's mean area.
    // (Drawn in household order, summed in zone-score order as before: the draws do not
    // depend on the order, the sum's rounding does.)
    std::vector<float> area(n, 0);
    for_chunks(n, [&](int32_t, int32_t begin, int32_t end) {
        for (int32_t h = begin; h < end; ++h) {
            if (!owners[h]) continue;
            RngStream s = w.rng.stream(static_cast<uint32_t>(h), 3, RngPurpose::init_dwelling);
            area[h] = static_cast<float>(std::clamp(
                desired_area_m2(hh.size[h]) * std::exp(0.15 * hh.income_z[h] + 0.15 * s.normal()),
                35.0, 250.0));
        }
    });
    double area_sum = 0;
    for (int32_t h : owner_ids)
        area_sum += area[h];
    const double area_norm =
        owner_ids.empty() ? 1.0 : c.dwelling_area_mean_m2 * owner_ids.size() / area_sum;
    for (int32_t h = 0; h < n; ++h) {
        if (!owners[h]) continue;
        RngStream s = w.rng.stream(static_cast<uint32_t>(h), 4, RngPurpose::init_dwelling);
        const uint8_t quality =
            s.uniform() < c.high_quality_share * std::clamp(1.0 + hh.income_z[h], 0.2, 3.0) ? 1 : 0;
        const int age = static_cast<int>(s.uniform_index(25 * 12)) + 1;
        const int32_t d = new_existing_dwelling(
            w, owner_zone[h], static_cast<float>(std::clamp(area[h] * area_norm, 30.0, 300.0)),
            quality, age);
        // Part of the old stock is reform, self-built or resettlement housing, which some
        // recognition rules exclude (seed 004 §1(1)).
        const bool legacy = age >= 240 && s.uniform() < c.legacy_stock_share;
        give_title_to_household(w, d, h, legacy ? Acquired::legacy : Acquired::initial);
        w.dw.purchase_month[d] = static_cast<int16_t>(-static_cast<int>(
            s.uniform_index(static_cast<uint32_t>(std::max(1, (hh.age[h] - 22) * 12)))));
        tag_resale_purchase(w, d);
        move_in(w, h, d);
    }

    // Presold units become extra homes of multi-home owners first.
    std::vector<int32_t> presold;
    for (const Project& pr : w.projects) {
        if (pr.stage != Stage::presale) continue;
        for (int32_t k = 0; k < pr.units_sold; ++k)
            presold.push_back(pr.first_dwelling + k);
    }
    size_t next_presold = 0;
    std::vector<int32_t> rentals;
    for (int32_t h = 0; h < n; ++h) {
        if (!multi[h]) continue;
        RngStream s = w.rng.stream(static_cast<uint32_t>(h), 5, RngPurpose::init_dwelling);
        const int extra = s.uniform() < 0.75 ? 1 : 2;
        for (int e = 0; e < extra; ++e) {
            if (next_presold < presold.size()) {
                const int32_t d = presold[next_presold++];
                give_title_to_household(w, d, h, Acquired::new_purchase);
                w.dw.use[d] = static_cast<uint8_t>(DwellingUse::under_construction);
                w.dw.purchase_month[d] =
                    static_cast<int16_t>(-1 - static_cast<int>(s.uniform_index(18)));
                continue;
            }
            const uint8_t zone =
                static_cast<uint8_t>(s.uniform_index(static_cast<uint32_t>(c.zones.share.size())));
            const int32_t d =
                new_existing_dwelling(w, zone, static_cast<float>(65.0 + 45.0 * s.uniform()), 0,
                                      static_cast<int>(s.uniform_index(20 * 12)) + 1);
            give_title_to_household(w, d, h, Acquired::initial);
            w.dw.purchase_month[d] = static_cast<int16_t>(-static_cast<int>(s.uniform_index(120)));
            tag_resale_purchase(w, d);
            if (s.uniform() < c.extra_home_rented_share) rentals.push_back(d);
        }
    }
    // Presold units left over (more presales than multi-home slots) go to other owners.
    for (int32_t h = 0; h < n && next_presold < presold.size(); ++h) {
        if (!owners[h] || multi[h]) continue;
        const int32_t d = presold[next_presold++];
        give_title_to_household(w, d, h, Acquired::new_purchase);
        w.dw.use[d] = static_cast<uint8_t>(DwellingUse::under_construction);
    }

    // Tenants: non-owners take the let extra homes in id order; the rest live outside the
    // market stock (dormitories, urban villages, relatives).
    size_t next_rental = 0;
    for (int32_t h = 0; h < n && next_rental < rentals.size(); ++h) {
        if (hh.homes_owned[h] == 0) move_in(w, h, rentals[next_rental++]);
    }

    // Reference price and rent so that the stock's mean value per m2 matches the city's.
    double weight_sum = 0;
    double area_total = 0;
    for (int32_t d = 0; d < w.dw.count(); ++d) {
        if (!w.dw.completed(d) || w.dw.owner_kind[d] != static_cast<uint8_t>(OwnerKind::household))
            continue;
        weight_sum += hedonic_weight(w, d);
        area_total += w.dw.area_m2[d];
    }
    w.market.reference_price_per_m2 = c.resale_price_per_m2_yuan * area_total / weight_sum;
    w.market.reference_rent_per_m2 = c.rent_per_m2_month_yuan * area_total / weight_sum;
    // What the initial owners paid is not known: taken as the home's value at the start
    // (assumption), so that loss aversion bites on falls from the start, not before it.
    for (int32_t d = 0; d < w.dw.count(); ++d) {
        if (w.dw.owner_kind[d] == static_cast<uint8_t>(OwnerKind::household))
            w.dw.purchase_price_yuan[d] = static_cast<float>(market_value(w, d));
    }

    // Mortgages: younger owners more often; the loan was about 65% of a lower past price.
    const double lpr = w.scenario.levers.exogenous.lpr_5y_annual;
    std::vector<double> weight(n, 0);
    double weight_total = 0;
    int owner_count = 0;
    for (int32_t h = 0; h < n; ++h) {
        if (!owners[h]) continue;
        ++owner_count;
        const int a = hh.age[h];
        weight[h] = a < 40 ? 1.6 : (a < 50 ? 1.0 : (a < 56 ? 0.4 : 0.0));
        weight_total += weight[h];
    }
    const double p_scale =
        weight_total > 0 ? c.mortgaged_owner_share * owner_count / weight_total : 0;
    for (int32_t h = 0; h < n; ++h) {
        if (weight[h] <= 0) continue;
        RngStream s = w.rng.stream(static_cast<uint32_t>(h), 6, RngPurpose::init_dwelling);
        for (int32_t d = hh.first_owned[h]; d != -1; d = w.dw.next_owned[d]) {
            const bool presold_unit =
                w.dw.use[d] == static_cast<uint8_t>(DwellingUse::under_construction);
            const double p_loan =
                presold_unit ? 0.7 : (d == hh.home[h] ? weight[h] * p_scale : 0.0);
            if (s.uniform() >= p_loan) continue;
            const int term = loan_term_months(p.commercial.max_term_months,
                                              p.commercial.max_age_at_maturity, hh.age[h]);
            if (term < 60) continue;
            const int elapsed = presold_unit
                                    ? 0
                                    : static_cast<int>(s.uniform_index(static_cast<uint32_t>(
                                          std::min(180, std::max(12, (hh.age[h] - 22) * 12)))));
            const int left = std::max(12, term - elapsed);
            // Existing loans carry the spread they have now over the LPR (city setting).
            const double rate = std::max(0.0, lpr + c.initial_mortgage_spread_annual);
            const double original = 0.65 * 0.9 * market_value(w, d);
            double balance =
                original * annuity_principal(1.0, rate, left) / annuity_principal(1.0, rate, term);
            // Keep payments within what the household's income carries today.
            const double room = 0.45 * hh.income_month[h] - hh.debt_payment_month[h];
            if (room <= 0) continue;
            balance = std::min(balance, annuity_principal(room, rate, left));
            const int32_t m = add_loan(w, h, d, Lender::commercial, balance, rate, left);
            w.mg.origin_month[m] = static_cast<int16_t>(-elapsed);  // taken out in the past
        }
    }
}

}  // namespace housim
