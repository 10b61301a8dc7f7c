#include "sim/month/land_market.hpp"

#include <algorithm>
#include <cmath>

#include "sim/month/construction.hpp"
#include "sim/month/policy_engine.hpp"

namespace housim {

namespace {

// Installments on land bought earlier; a developer that misses six in a row loses the
// parcel (no refund).
void collect_installments(World& w) {
    for (Parcel& pa : w.parcels) {
        if (pa.holder < 0 || pa.installment_yuan <= 0 || pa.paid_yuan >= pa.price_yuan) continue;
        Developer& dev = w.developers[static_cast<size_t>(pa.holder)];
        const double due = std::min(pa.installment_yuan, pa.price_yuan - pa.paid_yuan);
        if (dev.cash_yuan >= due && dev.distress != Distress::defaulted) {
            dev.cash_yuan -= due;
            pa.paid_yuan += due;
            w.gov.cash_yuan += due;
            w.month.land_revenue_yuan += due;
            pa.arrears_months = 0;
        } else if (++pa.arrears_months >= 6 && !pa.started) {
            pa.holder = -1;
            pa.installment_yuan = 0;
            pa.offered = 0;
            w.revitalise(pa.zone, pa.floor_area_m2);
        }
    }
}

double unstarted_land_m2(const World& w, int32_t developer) {
    double a = 0;
    for (const Parcel& pa : w.parcels) {
        if (pa.holder == developer && !pa.started && !pa.retired) a += pa.floor_area_m2;
    }
    return a;
}

}  // namespace

double land_value_per_m2(const World& w, uint8_t zone, uint8_t quality) {
    const BehaviourParams& b = w.scenario.behaviour;
    // Expected launch price about 2.5 years out, lowered when the city's stock is slow to
    // sell (the developer expects to cut prices to move its units) and raised, by up to
    // 14%, when the stock is short (below 14 months: launches sell out at a premium).
    const double growth = std::clamp(w.market.expected_growth_annual, -0.1, 0.1);
    const double cycle = published_cycle(w);
    const double absorption = std::sqrt(cycle > 0 ? std::min(1.3, 18.0 / cycle) : 1.3);
    const double price =
        launch_price_per_m2(w, zone, quality) * std::pow(1.0 + growth, 2.5) * absorption;
    // Construction with finance cost, and taxes and selling costs of about 10% of revenue.
    const double residual =
        0.9 * price - 1.1 * construction_cost_per_m2(w, w.market.construction_cost_per_m2, quality);
    return residual / (1.0 + b.land_hurdle_margin);
}

namespace {

// The parcels offered this month within `allowance` (simulated m2): the government's
// parcels first (recovered, unsold), then new ones under the plan. With zone >= 0 only that
// zone's parcels, and new ones in it; otherwise any zone's, and new ones drawn by land_share.
// A parcel that found no bidder at the lowest start price rests a year before it is
// offered again, so that land nobody wants does not take up the whole allowance month
// after month while parcels elsewhere would sell.
void gather_offers(World& w, double allowance, int zone, std::vector<int32_t>& offer) {
    const CityParams& c = w.scenario.city;
    const double parcel_area = c.parcel_floor_area_m2 / w.scale;
    for (size_t i = 0; i < w.parcels.size() && allowance > 0; ++i) {
        const Parcel& pa = w.parcels[i];
        if (pa.holder >= 0 || pa.retired || pa.floor_area_m2 > allowance + 1e-6) continue;
        if (w.t < pa.rest_until || (zone >= 0 && pa.zone != zone)) continue;
        offer.push_back(static_cast<int32_t>(i));
        allowance -= pa.floor_area_m2;
    }
    for (uint32_t k = 0; parcel_area <= allowance + 1e-6; ++k) {
        Parcel pa;
        if (zone >= 0) {
            pa.zone = static_cast<uint8_t>(zone);
        } else {
            RngStream s = w.rng.stream(k, static_cast<uint32_t>(w.t), RngPurpose::land_parcel);
            pa.zone = draw_zone(c.zones.land_share, s.uniform());
        }
        pa.floor_area_m2 = static_cast<float>(parcel_area);
        w.parcels.push_back(pa);
        offer.push_back(static_cast<int32_t>(w.parcels.size()) - 1);
        allowance -= parcel_area;
    }
}

}  // namespace

void run_land_market(World& w) {
    collect_installments(w);
    const Policy& policy = w.levers().policy;
    const double parcel_area = w.scenario.city.parcel_floor_area_m2 / w.scale;

    std::vector<int32_t> offer;
    if (policy.land.destock_rule.scope == RuleScope::zone) {
        for (size_t z = 0; z < w.zones.size(); ++z)
            gather_offers(w, w.zones[z].offer_allowance_m2, static_cast<int>(z), offer);
    } else {
        gather_offers(w, w.gov.offer_allowance_m2, -1, offer);
    }

    for (int32_t id : offer) {
        Parcel& pa = w.parcels[static_cast<size_t>(id)];
        const double area = pa.floor_area_m2;
        ZoneState& zone = w.zones[pa.zone];
        w.month.land_offered_m2 += area;
        w.gov.offered_ytd_m2 += area;
        zone.month.land_offered_m2 += area;
        zone.offered_ytd_m2 += area;
        // After each failed auction the start price is cut by 10%, to half at most.
        const double cut = std::pow(0.9, pa.offered);
        const double reserve = policy.land.reserve_price_share *
                               launch_price_per_m2(w, pa.zone, 0) * std::max(0.5, cut);
        // 定品质、竞地价 (003 §1(2)): a share of the offers carry a quality condition, which
        // bidders value as a high-quality project.
        const double share = policy.land.quality_condition_share;
        if (share > 0) {
            RngStream q = w.rng.stream(static_cast<uint32_t>(id), static_cast<uint32_t>(w.t),
                                       RngPurpose::land_condition);
            pa.quality_condition = q.uniform() < share;
        } else {
            pa.quality_condition = false;
        }
        const double value = land_value_per_m2(w, pa.zone, pa.quality_condition ? 1 : 0);
        int32_t winner = -1;
        double best = reserve;
        for (size_t i = 0; i < w.developers.size(); ++i) {
            const Developer& dev = w.developers[i];
            if (dev.distress != Distress::normal || dev.soe) continue;
            if (unstarted_land_m2(w, static_cast<int32_t>(i)) >= 3 * parcel_area) continue;
            RngStream s = w.rng.stream(static_cast<uint32_t>(id) * 1024u + static_cast<uint32_t>(i),
                                       static_cast<uint32_t>(w.t), RngPurpose::land_bid);
            const double bid = value * std::exp(w.scenario.behaviour.bid_noise_sd * s.normal());
            // The bidder must lodge the deposit and be able to pay the first installment.
            const double upfront = std::max(policy.land.deposit_share * reserve,
                                            policy.land.first_installment_share * bid) *
                                   area;
            if (bid < best || dev.cash_yuan < upfront) continue;
            if (bid == best && winner >= 0) continue;  // ties go to the lower id
            best = bid;
            winner = static_cast<int32_t>(i);
        }
        if (winner < 0) {
            pa.offered += 1;  // 流拍: stays with the government
            if (cut <= 0.5) pa.rest_until = static_cast<int16_t>(w.t + 12);
            continue;
        }
        Developer& dev = w.developers[static_cast<size_t>(winner)];
        pa.holder = winner;
        pa.price_yuan = best * area;
        pa.purchase_month = static_cast<int16_t>(w.t);
        const int months = policy.land.installment_months;
        const double first =
            months > 0 ? policy.land.first_installment_share * pa.price_yuan : pa.price_yuan;
        pa.paid_yuan = first;
        pa.installment_yuan = months > 0 ? (pa.price_yuan - first) / months : 0;
        dev.cash_yuan -= first;
        w.gov.cash_yuan += first;
        w.month.land_revenue_yuan += first;
        w.month.land_sold_m2 += area;
        zone.month.land_sold_m2 += area;
    }
}

}  // namespace housim
