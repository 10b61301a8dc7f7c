#include <algorithm>
#include <array>
#include <cmath>

#include "agents/household_rules.hpp"
#include "sim/core/parallel.hpp"
#include "sim/init/init_city.hpp"
#include "sim/month/life_events.hpp"

namespace housim {

namespace {

constexpr std::array<int, 6> kBandLow{20, 30, 40, 50, 60, 70};
constexpr std::array<int, 6> kBandWidth{10, 10, 10, 10, 10, 20};

// Household size (1-4 persons) by age band, before the adjustment to the city's mean size.
// Assumption: shaped on the 2020 census pattern of young singles, families at 30-49 and
// older couples.
constexpr std::array<std::array<double, 4>, 6> kSizeShares{{
    {0.45, 0.35, 0.20, 0.00},
    {0.10, 0.20, 0.45, 0.25},
    {0.08, 0.17, 0.45, 0.30},
    {0.08, 0.40, 0.30, 0.22},
    {0.15, 0.60, 0.15, 0.10},
    {0.40, 0.50, 0.10, 0.00},
}};

int pick(const std::vector<double>& shares, double u) {
    double acc = 0;
    for (size_t i = 0; i < shares.size(); ++i) {
        acc += shares[i];
        if (u < acc) return static_cast<int>(i);
    }
    return static_cast<int>(shares.size()) - 1;
}

double base_mean_size(const std::vector<double>& band_share) {
    double mean = 0;
    for (size_t b = 0; b < 6; ++b) {
        for (int k = 0; k < 4; ++k)
            mean += band_share[b] * kSizeShares[b][k] * (k + 1);
    }
    return mean;
}

// Size for a head of age `age`, shifted by one person with probability |adjust| so the
// city's mean matches city.household_size_mean.
int draw_size(int age, double adjust, RngStream& s) {
    const size_t band = static_cast<size_t>(std::clamp((age - 20) / 10, 0, 5));
    const double u = s.uniform();
    double acc = 0;
    int size = 4;
    for (int k = 0; k < 4; ++k) {
        acc += kSizeShares[band][k];
        if (u < acc) {
            size = k + 1;
            break;
        }
    }
    const double v = s.uniform();
    if (adjust > 0 && v < adjust) size += 1;
    if (adjust < 0 && v < -adjust && size > 1) size -= 1;
    return size;
}

// draw_eligibility's draws into h's programme columns, which must be a fresh slot's (as
// HouseholdProgrammes::clear leaves them): writes only h's eligibility and arrival month, so
// households can be drawn concurrently.
void draw_eligibility_fresh(const World& w, HouseholdProgrammes& hp, int32_t h, bool arrival) {
    const CityParams& c = w.scenario.city;
    RngStream s =
        w.rng.stream(static_cast<uint32_t>(h), static_cast<uint32_t>(w.t), RngPurpose::eligibility);
    const double u_talent = s.uniform();
    const double u_military = s.uniform();
    const double u_elsewhere = s.uniform();
    if (arrival) {
        hp.set(h, eligibility::new_citizen, true);
        hp.arrival_month[h] = static_cast<int16_t>(w.t);
        double acc = 0;
        for (size_t k = 0; k < c.talent_share_of_arrivals.size(); ++k) {
            acc += c.talent_share_of_arrivals[k];
            if (u_talent < acc) {
                hp.eligibility[h] = static_cast<uint8_t>(hp.eligibility[h] | (k + 1));
                break;
            }
        }
        hp.set(h, eligibility::homes_elsewhere, u_elsewhere < c.homes_elsewhere_share_of_arrivals);
    }
    hp.set(h, eligibility::military, u_military < c.military_share);
}

}  // namespace

void draw_eligibility(World& w, int32_t h, bool arrival) {
    w.hp.clear(h);
    draw_eligibility_fresh(w, w.hp, h, arrival);
}

void draw_new_household(World& w, int32_t h, RngStream& s, int age_lo, int age_hi,
                        double income_z_mean) {
    const CityParams& c = w.scenario.city;
    Households& hh = w.hh;
    hh.activate(h);
    hh.age[h] = static_cast<uint8_t>(
        age_lo + static_cast<int>(s.uniform_index(static_cast<uint32_t>(age_hi - age_lo + 1))));
    hh.size[h] = static_cast<uint8_t>(s.uniform() < 0.35 ? 2 : 1);
    hh.children[h] = 0;
    hh.flags[h] = 0;
    hh.tenure[h] = static_cast<uint8_t>(Tenure::other);
    hh.homes_owned[h] = 0;
    hh.set_income_z(h, static_cast<float>(income_z_mean + c.income_log_sd * s.normal()));
    hh.income_month[h] = 0;  // set by the next income update
    hh.savings[h] = 0;
    hh.pf_balance[h] = 0;
    hh.pf_months[h] = 0;
    hh.debt_payment_month[h] = 0;
    hh.home[h] = -1;
    hh.first_owned[h] = -1;
    hh.parent[h] = -1;
    hh.last_sale_month[h] = -1;
    hh.expectation_bias[h] =
        static_cast<float>(w.scenario.behaviour.expectation_dispersion * s.normal());
    if (s.uniform() < c.provident_coverage) hh.set(h, hh_flag::pf_member, true);
}

// The households are drawn in parallel, each from its own streams into its own slot; the
// city-wide sums that scale incomes and savings are taken afterwards in household order, so
// the city is the same at any thread count.
void init_households(World& w) {
    const CityParams& c = w.scenario.city;
    const BehaviourParams& b = w.scenario.behaviour;
    const int32_t n = w.scenario.run.households;
    const int32_t capacity = n + n / 3 + 64;
    Households& hh = w.hh;
    w.resize_households(capacity);
    for (int32_t h = capacity - 1; h >= n; --h)
        w.free_households.push_back(h);

    const double size_adjust = c.household_size_mean - base_mean_size(c.head_age_band_share);
    for_chunks(n, [&](int32_t, int32_t begin, int32_t end) {
        for (int32_t h = begin; h < end; ++h) {
            RngStream s = w.rng.stream(static_cast<uint32_t>(h), 0, RngPurpose::init_household);
            const int band = pick(c.head_age_band_share, s.uniform());
            const int age =
                kBandLow[band] +
                static_cast<int>(s.uniform_index(static_cast<uint32_t>(kBandWidth[band])));
            hh.active[h] = 1;  // hh.activate(h), with the extent set below
            hh.age[h] = static_cast<uint8_t>(age);
            hh.size[h] = static_cast<uint8_t>(draw_size(age, size_adjust, s));
            hh.children[h] = static_cast<uint8_t>(std::max(0, hh.size[h] - 2));
            hh.set_income_z(h, static_cast<float>(c.income_log_sd * s.normal()));
            hh.expectation_bias[h] = static_cast<float>(b.expectation_dispersion * s.normal());
            // Provident coverage rises with income (formal employment).
            const double p_member =
                std::clamp(c.provident_coverage * (1.0 + 0.6 * hh.income_z[h]), 0.0, 1.0);
            if (s.uniform() < p_member && age < 62) hh.set(h, hh_flag::pf_member, true);
            // Out of work now, at the steady rate of its income bucket (its income is then
            // the benefit; savings and provident balances were built in work).
            RngStream sj = w.rng.stream(static_cast<uint32_t>(h), 9, RngPurpose::init_household);
            if (sj.uniform() < stationary_unemployment(w, hh.income_z[h]))
                hh.set(h, hh_flag::unemployed, true);
        }
    });
    if (n > 0) hh.activate(n - 1);
    const double replacement = b.unemployment_replacement;
    const auto in_work = [&](int32_t h) {
        return hh.has(h, hh_flag::unemployed) ? replacement : 1.0;
    };
    double profile_sum = 0;
    for (int32_t h = 0; h < n; ++h)
        profile_sum += income_age_profile(hh.age[h]) * hh.income_z_exp[h] * in_work(h);
    // Scale so that mean income (benefits included) equals city.income_mean_month_yuan.
    w.market.income_base_month = c.income_mean_month_yuan * n / profile_sum;
    w.market.income_base_start = w.market.income_base_month;

    std::vector<double> weight(static_cast<size_t>(n));
    for_chunks(n, [&](int32_t, int32_t begin, int32_t end) {
        for (int32_t h = begin; h < end; ++h) {
            const double earned =
                w.market.income_base_month * income_age_profile(hh.age[h]) * hh.income_z_exp[h];
            hh.income_month[h] = static_cast<float>(earned * in_work(h));
            RngStream s = w.rng.stream(static_cast<uint32_t>(h), 1, RngPurpose::init_household);
            // Savings build up over working life (assumption: linear in age to 2.5x the mean).
            const double age_weight = std::clamp((hh.age[h] - 20) / 20.0, 0.15, 2.5);
            weight[static_cast<size_t>(h)] =
                age_weight *
                std::exp(c.savings_log_sd * s.normal() - 0.5 * c.savings_log_sd * c.savings_log_sd);
            if (hh.has(h, hh_flag::pf_member)) {
                const double contribution = c.provident_contribution_share * earned;
                hh.pf_balance[h] =
                    contribution * c.provident_balance_months * (0.3 + 1.4 * s.uniform());
                hh.pf_months[h] = static_cast<uint16_t>(12 + s.uniform_index(120));
            }
            // Programme eligibility: tenants are taken as arrivals of the last five years.
            RngStream sa = w.rng.stream(static_cast<uint32_t>(h), 8, RngPurpose::init_household);
            const bool arrival = hh.age[h] < 45 && sa.uniform() < 0.5;
            draw_eligibility_fresh(w, w.hp, h, arrival);
            if (arrival) {
                w.hp.arrival_month[h] =
                    static_cast<int16_t>(-static_cast<int>(sa.uniform_index(60)));
            }
            // Most young households have parents in the city (the "six wallets" of a first
            // purchase); the link lets a first-time buyer draw on the parents' savings.
            hh.formed_month[h] = static_cast<int16_t>(-1000 - hh.age[h]);
            if (hh.age[h] >= 36) continue;
            RngStream sp = w.rng.stream(static_cast<uint32_t>(h), 7, RngPurpose::init_household);
            if (sp.uniform() >= 0.7) continue;
            for (int tries = 0; tries < 16; ++tries) {
                const auto p = static_cast<int32_t>(sp.uniform_index(static_cast<uint32_t>(n)));
                if (hh.age[p] >= 48 && hh.age[p] <= 75) {
                    hh.parent[h] = p;
                    break;
                }
            }
        }
    });
    double savings_weight_sum = 0;
    for (const double x : weight)
        savings_weight_sum += x;
    const double norm = n / savings_weight_sum;
    for_chunks(n, [&](int32_t, int32_t begin, int32_t end) {
        for (int32_t h = begin; h < end; ++h) {
            const double earned =
                w.market.income_base_month * income_age_profile(hh.age[h]) * hh.income_z_exp[h];
            hh.savings[h] =
                12.0 * earned * c.savings_income_years_mean * norm * weight[static_cast<size_t>(h)];
        }
    });
}

}  // namespace housim
