#include "sim/month/policy_engine.hpp"

#include <algorithm>
#include <cmath>

namespace housim {

namespace {

// The cycle of the rule's indicator published `lag` months ago from these histories.
double published(const World& w, const std::vector<double>& narrow,
                 const std::vector<double>& broad, const std::vector<double>& completed) {
    const Policy& p = w.levers().policy;
    const int month = w.t - p.publish_lag_months;
    if (month < 0 || static_cast<size_t>(month) >= narrow.size()) return -1;
    const auto m = static_cast<size_t>(month);
    switch (p.land.destock_rule.indicator) {
        case CycleIndicator::broad:
            return broad[m];
        case CycleIndicator::completed:
            return completed[m];
        case CycleIndicator::narrow:
            break;
    }
    return narrow[m];
}

}  // namespace

double published_cycle(const World& w) {
    return published(w, w.history.cycle_narrow, w.history.cycle_broad, w.history.cycle_completed);
}

double published_zone_cycle(const World& w, size_t zone) {
    const ZoneState& z = w.zones[zone];
    return published(w, z.cycle_narrow, z.cycle_broad, z.cycle_completed);
}

LandRuleOutput land_rule(const LandRuleInput& in, const DestockRule& rule) {
    LandRuleOutput out;
    const double by_plan = std::max(0.0, in.plan_to_date_m2 - in.offered_ytd_m2);
    out.allowance_m2 = by_plan;
    if (!rule.enabled || in.published_cycle_months < 0) return out;
    if (in.published_cycle_months > rule.halt_above_months) {
        out.state = LandRuleState::halted;  // 暂停新增商品住宅用地出让
        out.allowance_m2 = 0;
    } else if (in.published_cycle_months > rule.cap_above_months) {
        out.state = LandRuleState::capped;  // 盘活多少、供应多少
        out.allowance_m2 =
            std::min(by_plan, std::max(0.0, in.revitalised_ytd_m2 - in.offered_ytd_m2));
    } else if (in.published_cycle_months <= rule.expand_below_months) {
        out.state = LandRuleState::expanded;
        const double factor = in.published_cycle_months <= rule.expand_strongly_below_months
                                  ? rule.expand_strongly_factor
                                  : rule.expand_factor;
        out.allowance_m2 = std::max(0.0, factor * in.plan_to_date_m2 - in.offered_ytd_m2);
    }
    return out;
}

namespace {

// Sentiment (seed 000 §1-2, 001 §7): expos spread over the year raise the search hazard and
// bring developers' group-buy discounts for a month; a publicity boost set on the timeline
// raises the search hazard from its month on, decaying.
void update_sentiment(World& w) {
    const Sentiment& s = w.levers().policy.sentiment;
    const double previous = w.t > 0 ? levers_at(w.scenario, w.t - 1).policy.sentiment.boost : 0.0;
    if (s.boost != previous) w.market.sentiment_boost_start = w.t;
    double boost = 0;
    if (s.boost != 0 && w.market.sentiment_boost_start >= 0) {
        boost = s.boost * std::exp(-(w.t - w.market.sentiment_boost_start) / s.boost_decay_months);
    }
    bool expo = false;
    for (int k = 0; k < s.expos_per_year; ++k) {
        expo = expo || w.calendar_month() == (12 * k / s.expos_per_year + 3) % 12 + 1;
    }
    w.market.search_boost = boost + (expo ? s.expo_hazard_boost : 0.0);
    w.market.list_discount = expo ? s.expo_discount : 0.0;
}

}  // namespace

void apply_policy(World& w) {
    update_sentiment(w);
    Government& g = w.gov;
    const int month_of_year = w.calendar_month();
    if (month_of_year == 1) {
        g.revitalised_ytd_m2 = 0;
        g.offered_ytd_m2 = 0;
        for (ZoneState& z : w.zones) {
            z.revitalised_ytd_m2 = 0;
            z.offered_ytd_m2 = 0;
        }
    }
    const Land& land = w.levers().policy.land;
    const double plan_to_date = land.annual_plan_m2 / w.scale * month_of_year / 12.0;
    LandRuleInput in;
    in.plan_to_date_m2 = plan_to_date;
    in.offered_ytd_m2 = g.offered_ytd_m2;
    in.revitalised_ytd_m2 = g.revitalised_ytd_m2;
    in.published_cycle_months = published_cycle(w);
    const LandRuleOutput out = land_rule(in, land.destock_rule);
    g.offer_allowance_m2 = out.allowance_m2;
    g.rule_state = out.state;
    w.month.land_rule_state = static_cast<double>(out.state);
    // Each district's own rule (seed 003 §1(1)): its share of the plan against its own
    // cycle, offers and revitalised land. Under the city's rule each zone reports the
    // city's state (the land market then ignores the zones' allowances).
    const bool by_zone = land.destock_rule.scope == RuleScope::zone;
    for (size_t k = 0; k < w.zones.size(); ++k) {
        ZoneState& z = w.zones[k];
        if (by_zone) {
            LandRuleInput zin;
            zin.plan_to_date_m2 = plan_to_date * w.scenario.city.zones.land_share[k];
            zin.offered_ytd_m2 = z.offered_ytd_m2;
            zin.revitalised_ytd_m2 = z.revitalised_ytd_m2;
            zin.published_cycle_months = published_zone_cycle(w, k);
            const LandRuleOutput zout = land_rule(zin, land.destock_rule);
            z.offer_allowance_m2 = zout.allowance_m2;
            z.rule_state = zout.state;
        } else {
            z.offer_allowance_m2 = 0;
            z.rule_state = out.state;
        }
        z.month.land_rule_state = static_cast<double>(z.rule_state);
    }
}

}  // namespace housim
