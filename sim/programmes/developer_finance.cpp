#include "sim/programmes/developer_finance.hpp"

#include <algorithm>

namespace housim {

bool loan_eligible(const World& w, const Developer& d) {
    const DeveloperFinance& f = w.levers().policy.developer_finance;
    return f.white_list && d.distress != Distress::defaulted &&
           static_cast<uint8_t>(d.rating) <= static_cast<uint8_t>(f.white_list_min_rating);
}

double loan_limit(const World& w, const Project& p) {
    const DeveloperFinance& f = w.levers().policy.developer_finance;
    const double cost = p.cost_per_m2_yuan * p.floor_area_m2();
    double limit = f.loan_to_cost * cost;
    if (f.rollover) {
        // "Temporarily in difficulty but basically balanced" (003 §3(1)): unsold homes at
        // list price cover the cost still to build.
        const double to_build = cost * (1.0 - static_cast<double>(p.progress));
        const double unsold_value = p.unsold() * p.list_price_per_m2 * p.unit_area_m2;
        if (p.stage != Stage::construction && unsold_value >= to_build) limit = cost;
    }
    return limit;
}

double guarantee_share(const World& w) {
    return w.levers().policy.escrow.guarantee_share;
}

void charge_guarantee_fees(World& w) {
    constexpr double kFeeAnnual = 0.01;  // assumption: a 1% a year guarantee fee
    for (int32_t id : w.active_projects) {
        Project& p = w.projects[static_cast<size_t>(id)];
        Developer& dev = w.developers[static_cast<size_t>(p.developer)];
        const double fee =
            std::min(std::max(0.0, dev.cash_yuan), p.guarantee_yuan * kFeeAnnual / 12);
        dev.cash_yuan -= fee;
        w.bank.cash_yuan += fee;
    }
}

void call_guarantees(World& w, int32_t developer) {
    for (Project& p : w.projects) {
        if (p.developer != developer || p.guarantee_yuan <= 0) continue;
        w.bank.cash_yuan -= p.guarantee_yuan;
        w.bank.losses_yuan += p.guarantee_yuan;
        p.escrow_yuan += p.guarantee_yuan;
        p.escrow_paid_in_yuan += p.guarantee_yuan;
        p.guarantee_yuan = 0;
    }
}

namespace {

int32_t rescuer_id(World& w) {
    if (w.soe.rescuer < 0) {
        Developer d;
        d.rating = Rating::A;
        d.soe = true;
        d.entry_month = static_cast<int16_t>(w.t);
        w.developers.push_back(d);
        w.soe.rescuer = static_cast<int32_t>(w.developers.size()) - 1;
    }
    return w.soe.rescuer;
}

}  // namespace

void rescue_stalled_projects(World& w) {
    const DeveloperFinance& f = w.levers().policy.developer_finance;
    if (!f.rescue) return;
    for (int32_t id : w.active_projects) {
        Project& p = w.projects[static_cast<size_t>(id)];
        const Developer& owner = w.developers[static_cast<size_t>(p.developer)];
        if (owner.distress != Distress::defaulted || !p.stalled ||
            p.stall_months < f.rescue_after_months) {
            continue;
        }
        const int32_t rescuer = rescuer_id(w);
        // The government funds what escrow does not cover of the cost still to build.
        const double to_build =
            p.cost_per_m2_yuan * p.floor_area_m2() * (1.0 - static_cast<double>(p.progress));
        const double injection = std::max(0.0, to_build - p.escrow_yuan);
        w.gov.cash_yuan -= injection;
        w.developers[static_cast<size_t>(rescuer)].cash_yuan += injection;
        p.developer = rescuer;
        p.stalled = false;
        p.stall_months = 0;
        for (int32_t k = p.next_unsold_dwelling(); k < p.first_dwelling + p.units; ++k) {
            if (w.dw.owner_kind[k] == static_cast<uint8_t>(OwnerKind::developer)) {
                w.dw.owner[k] = rescuer;
            }
        }
        w.gov.projects_rescued += 1;
    }
}

}  // namespace housim
