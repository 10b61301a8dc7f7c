#include "sim/month/construction.hpp"

#include <algorithm>
#include <cmath>

#include "sim/markets/ownership.hpp"
#include "sim/markets/valuation.hpp"
#include "sim/month/prices.hpp"
#include "sim/programmes/affordable.hpp"
#include "sim/programmes/developer_finance.hpp"

namespace housim {

namespace {

double retention_share(const World& w, const Developer& d) {
    const Escrow& e = w.levers().policy.escrow;
    return d.rating == Rating::C ? e.retention_share : e.retention_share_ab;
}

// The supervised amount a retention share applies to: the construction cost, or what was
// paid in if less.
double retention_base(const Project& p) {
    return std::min(p.cost_per_m2_yuan * p.floor_area_m2(), p.escrow_paid_in_yuan);
}

double monthly_cost(const World& w, const Project& p) {
    return p.cost_per_m2_yuan * p.floor_area_m2() / w.scenario.city.construction_months;
}

// Draws development loan for `need` if the white list allows; returns the amount drawn.
double draw_loan(World& w, Project& p, double need) {
    Developer& dev = w.developers[static_cast<size_t>(p.developer)];
    if (!loan_eligible(w, dev) || need <= 0) return 0;
    const double limit = loan_limit(w, p);
    const double draw = std::clamp(limit - p.loan_yuan, 0.0, need);
    p.loan_yuan += draw;
    dev.loan_yuan += draw;
    dev.cash_yuan += draw;
    w.bank.dev_loans_yuan += draw;
    w.bank.cash_yuan -= draw;
    return draw;
}

void release_escrow(World& w, Project& p, double amount) {
    amount = std::min(amount, p.escrow_yuan);
    if (amount <= 0) return;
    p.escrow_yuan -= amount;
    p.escrow_released_yuan += amount;
    w.developers[static_cast<size_t>(p.developer)].cash_yuan += amount;
}

void repay_project_loan(World& w, Project& p) {
    Developer& dev = w.developers[static_cast<size_t>(p.developer)];
    const double repay = std::min(p.loan_yuan, std::max(0.0, dev.cash_yuan));
    dev.cash_yuan -= repay;
    dev.loan_yuan -= repay;
    w.bank.dev_loans_yuan -= repay;
    w.bank.cash_yuan += repay;
    // Any rest stays the developer's debt (dev.loan_yuan); without 带押过户 for new homes
    // (001 §14) it also stays pledged on the project's unsold homes.
    p.loan_yuan = w.levers().policy.sales.new_transfer_with_mortgage ? 0.0 : p.loan_yuan - repay;
}

void complete_project(World& w, Project& p) {
    p.stage = Stage::completed;
    p.progress = 1;
    p.stalled = false;
    for (int32_t k = 0; k < p.units; ++k) {
        const int32_t d = p.first_dwelling + k;
        w.dw.build_month[d] = static_cast<int16_t>(w.t);
        if (w.dw.owner_kind[d] == static_cast<uint8_t>(OwnerKind::government)) {
            w.dw.use[d] = static_cast<uint8_t>(DwellingUse::affordable);  // the quota's homes
        }
        if (w.dw.owner_kind[d] != static_cast<uint8_t>(OwnerKind::household)) continue;
        const int32_t h = w.dw.owner[d];
        w.dw.use[d] = static_cast<uint8_t>(DwellingUse::vacant);
        // A buyer without a home of its own moves in; an investor leaves it to let.
        const int32_t home = w.hh.home[h];
        const bool in_own_home =
            home >= 0 && w.dw.owner[home] == h &&
            w.dw.owner_kind[home] == static_cast<uint8_t>(OwnerKind::household);
        if (!in_own_home || w.hh.has(h, hh_flag::selling_to_move)) move_in(w, h, d);
    }
    w.month.completions_units += p.units;
    w.month.completions_m2 += p.floor_area_m2();
    w.revitalise(p.zone, p.floor_area_m2());  // land completed: 盘活 (seed 003 §1(1))
    // Delivery. The retained escrow waits for completion filing, less what a delivery node
    // releases now (seed 001 §16).
    const Escrow& e = w.levers().policy.escrow;
    if (e.filing_lag_months > 0) {
        // A bank guarantee stands in for part of it, as during construction (003 §6(4)).
        double keep = (1.0 - guarantee_share(w)) * escrow_retained(w, p);
        if (e.delivery_node) {
            const Developer& dev = w.developers[static_cast<size_t>(p.developer)];
            const double share = dev.rating == Rating::C ? e.delivery_retention_share
                                                         : e.delivery_retention_share_ab;
            keep = std::min(keep, share * retention_base(p));
        }
        release_escrow(w, p, p.escrow_yuan - keep);
        p.filing_month = static_cast<int16_t>(w.t + e.filing_lag_months);
        if (p.escrow_yuan > 0) {
            w.awaiting_filing.push_back(static_cast<int32_t>(&p - w.projects.data()));
        }
    } else {
        release_escrow(w, p, p.escrow_yuan);
    }
    repay_project_loan(w, p);
}

// Completion filing: the escrow still held on delivered projects is released.
void file_completions(World& w) {
    std::erase_if(w.awaiting_filing, [&](int32_t id) {
        Project& p = w.projects[static_cast<size_t>(id)];
        if (w.t < p.filing_month) return false;
        release_escrow(w, p, p.escrow_yuan);
        return true;
    });
}

void advance_project(World& w, Project& p) {
    Developer& dev = w.developers[static_cast<size_t>(p.developer)];
    if (dev.distress == Distress::defaulted) {
        p.stalled = true;
        p.stall_months += 1;
        return;
    }
    release_escrow(w, p, escrow_free(w, p));
    if (p.permitted()) {
        const double to_complete =
            p.cost_per_m2_yuan * p.floor_area_m2() * (1.0 - static_cast<double>(p.progress));
        p.guarantee_yuan = guarantee_share(w) * std::max(to_complete, escrow_retained(w, p));
    }
    // Bills are paid from escrow down to the retained share, then from the developer's
    // cash, then from a development loan; failing all three the project stalls.
    const double cost = monthly_cost(w, p);
    const double from_escrow = std::clamp(p.escrow_yuan - escrow_retained(w, p), 0.0, cost);
    const double from_developer = cost - from_escrow;
    if (dev.cash_yuan < from_developer) {
        draw_loan(w, p, from_developer - std::max(0.0, dev.cash_yuan));
    }
    if (dev.cash_yuan < from_developer) {
        p.stalled = true;
        p.stall_months += 1;
        return;
    }
    p.escrow_yuan -= from_escrow;
    p.escrow_released_yuan += from_escrow;
    dev.cash_yuan -= from_developer;
    w.ledger.add(Flow::construction_cost, -cost);
    p.stalled = false;
    p.stall_months = 0;
    p.progress =
        std::min(1.0f, p.progress + 1.0f / static_cast<float>(w.scenario.city.construction_months));
    if (p.stage == Stage::construction && presale_threshold(w, p) < 1.0 &&
        p.progress >= presale_threshold(w, p) - 1e-6) {
        p.stage = Stage::presale;
        p.list_price_per_m2 = launch_list_price_per_m2(w, p.zone, p.quality);
        p.filed_price_per_m2 = p.list_price_per_m2;
    }
    if (p.progress >= 1.0f - 1e-6f) {
        if (p.list_price_per_m2 <= 0) {
            p.list_price_per_m2 = launch_list_price_per_m2(w, p.zone, p.quality);
            p.filed_price_per_m2 = p.list_price_per_m2;
        }
        complete_project(w, p);
    }
}

// The affordable quota (001 §15, 003 §4(1)): the first units of a new project go to the
// government's stock, paid at construction cost.
void hand_over_quota(World& w, Project& p, int32_t quota) {
    if (quota <= 0) return;
    const double cost = p.cost_per_m2_yuan * p.unit_area_m2 * quota;
    for (int32_t k = 0; k < quota; ++k) {
        const int32_t d = p.next_unsold_dwelling();
        p.units_acquired += 1;
        give_title_to_institution(w, d, OwnerKind::government, 0);
        w.dw.use[d] = static_cast<uint8_t>(DwellingUse::under_construction);
        w.soe.stock.push_back(d);
    }
    w.gov.cash_yuan -= cost;
    w.developers[static_cast<size_t>(p.developer)].cash_yuan += cost;
    w.month.soe_acquired_units += quota;
    w.month.soe_acquired_m2 += quota * static_cast<double>(p.unit_area_m2);
    w.month.soe_acquired_yuan += cost;
}

// Developer's unsold permitted area and smoothed monthly sales area, for start decisions.
struct DeveloperBook {
    double unsold_m2 = 0;
    double sales_m2 = 0;
    double monthly_cost = 0;
};

std::vector<DeveloperBook> developer_books(const World& w) {
    std::vector<DeveloperBook> books(w.developers.size());
    for (const Project& p : w.projects) {
        DeveloperBook& b = books[static_cast<size_t>(p.developer)];
        if (p.permitted()) b.unsold_m2 += p.unsold() * static_cast<double>(p.unit_area_m2);
        b.sales_m2 += p.recent_sales * static_cast<double>(p.unit_area_m2);
        if (p.stage != Stage::completed) b.monthly_cost += monthly_cost(w, p);
    }
    return books;
}

void start_projects(World& w) {
    const Policy& policy = w.levers().policy;
    const CityParams& c = w.scenario.city;
    auto books = developer_books(w);
    for (size_t i = 0; i < w.parcels.size(); ++i) {
        Parcel& pa = w.parcels[i];
        if (pa.holder < 0 || pa.started || pa.retired) continue;
        Developer& dev = w.developers[static_cast<size_t>(pa.holder)];
        const int held = w.t - pa.purchase_month;
        if (dev.distress != Distress::normal || held < policy.land.min_start_lag_months) continue;
        if (pa.paid_yuan + 1e-6 < policy.land.first_installment_share * pa.price_yuan) continue;
        // A parcel sold on a quality condition must carry a high-quality project.
        const uint8_t required = pa.quality_condition ? 1 : 0;
        const double cost_per_m2 = w.market.construction_cost_per_m2;
        const double total_cost =
            construction_cost_per_m2(w, cost_per_m2, required) * pa.floor_area_m2;
        // Start when the contract deadline comes, or earlier when the market can absorb
        // more: the developer's own unsold stock below 18 months of its sales, and prices
        // above cost.
        DeveloperBook& book = books[static_cast<size_t>(pa.holder)];
        const bool deadline = held >= policy.land.start_window_months;
        const bool absorbs =
            book.unsold_m2 < 18.0 * std::max(book.sales_m2, 1e-9) || book.unsold_m2 <= 0;
        const bool margin = launch_price_per_m2(w, pa.zone, required) >
                            1.1 * construction_cost_per_m2(w, cost_per_m2, required);
        if (!deadline && !(absorbs && margin)) continue;
        const double loan_room =
            loan_eligible(w, dev) ? policy.developer_finance.loan_to_cost * total_cost : 0.0;
        if (dev.cash_yuan + loan_room <
            w.scenario.behaviour.min_cash_share * total_cost + book.monthly_cost * 3) {
            continue;
        }
        RngStream s = w.rng.stream(static_cast<uint32_t>(i), static_cast<uint32_t>(w.t),
                                   RngPurpose::project_start);
        const auto unit_area = static_cast<float>(70.0 + 70.0 * s.uniform());
        const uint8_t quality = s.uniform() < c.high_quality_share ? 1 : required;
        const auto units =
            std::max<int32_t>(1, static_cast<int32_t>(std::lround(pa.floor_area_m2 / unit_area)));
        const int32_t id = create_project(w, pa.holder, static_cast<int32_t>(i), pa.zone, quality,
                                          unit_area, units, cost_per_m2, w.t);
        hand_over_quota(w, w.projects[static_cast<size_t>(id)], quota_units(w, pa, units));
        w.active_projects.push_back(id);
        pa.started = true;
        pa.retired = true;
        book.monthly_cost += monthly_cost(w, w.projects[static_cast<size_t>(id)]);
        w.month.starts_units += units;
        w.month.starts_m2 += units * static_cast<double>(unit_area);
        w.zones[pa.zone].month.starts_m2 += units * static_cast<double>(unit_area);
    }
}

// Land not started long after purchase goes back to the government without refund
// (闲置土地: FACTS §1, MNR 2024), and counts as revitalised.
void recover_idle_land(World& w) {
    const int limit = w.levers().policy.land.idle_recovery_months;
    for (Parcel& pa : w.parcels) {
        if (pa.holder < 0 || pa.started || pa.retired) continue;
        if (w.t - pa.purchase_month < limit) continue;
        pa.holder = -1;
        pa.offered = 0;
        pa.installment_yuan = 0;
        w.revitalise(pa.zone, pa.floor_area_m2);
    }
}

void pay_interest_and_update_distress(World& w) {
    const double rate =
        (w.levers().exogenous.lpr_5y_annual + w.scenario.behaviour.dev_loan_spread_annual) / 12.0;
    std::vector<uint8_t> stalled(w.developers.size(), 0);
    for (int32_t id : w.active_projects) {
        const Project& p = w.projects[static_cast<size_t>(id)];
        if (p.stalled) stalled[static_cast<size_t>(p.developer)] = 1;
    }
    for (size_t i = 0; i < w.developers.size(); ++i) {
        Developer& dev = w.developers[i];
        if (dev.distress == Distress::defaulted) continue;
        const double interest = dev.loan_yuan * rate;
        const double paid = std::min(interest, std::max(0.0, dev.cash_yuan));
        dev.cash_yuan -= paid;
        w.bank.cash_yuan += paid;
        dev.loan_yuan += interest - paid;  // unpaid interest is capitalised
        w.bank.dev_loans_yuan += interest - paid;
        if (!stalled[i]) {
            dev.stall_months = 0;
            dev.distress = Distress::normal;
            continue;
        }
        dev.distress = Distress::stalled;
        dev.stall_months += 1;
        if (dev.stall_months < w.scenario.behaviour.stall_default_months) continue;
        // Default: the bank writes off the development loans and pays its guarantees into
        // escrow; the land goes back.
        dev.distress = Distress::defaulted;
        call_guarantees(w, static_cast<int32_t>(i));
        w.bank.losses_yuan += dev.loan_yuan;
        w.bank.dev_loans_yuan -= dev.loan_yuan;
        dev.loan_yuan = 0;
        for (Project& p : w.projects) {
            if (p.developer == static_cast<int32_t>(i)) p.loan_yuan = 0;
        }
        for (Parcel& pa : w.parcels) {
            if (pa.holder == static_cast<int32_t>(i) && !pa.started && !pa.retired) {
                pa.holder = -1;
                pa.offered = 0;
                pa.installment_yuan = 0;
                w.revitalise(pa.zone, pa.floor_area_m2);
            }
        }
    }
}

void admit_new_developer(World& w) {
    int active = 0;
    for (const Developer& d : w.developers)
        active += d.distress != Distress::defaulted && !d.soe;
    if (active >= w.scenario.behaviour.min_active_developers) return;
    Developer d;
    d.cash_yuan = w.scenario.city.developer_cash_yuan / w.scale;
    d.rating = Rating::B;
    d.entry_month = static_cast<int16_t>(w.t);
    w.ledger.add(Flow::developer_capital, d.cash_yuan);
    w.developers.push_back(d);
}

}  // namespace

int32_t create_project(World& w, int32_t developer, int32_t parcel, uint8_t zone, uint8_t quality,
                       float unit_area_m2, int32_t units, double cost_per_m2, int start_month) {
    Project p;
    p.developer = developer;
    p.parcel = parcel;
    p.zone = zone;
    p.quality = quality;
    p.unit_area_m2 = unit_area_m2;
    p.units = units;
    p.cost_per_m2_yuan = construction_cost_per_m2(w, cost_per_m2, quality);
    p.start_month = static_cast<int16_t>(start_month);
    p.land_month = parcel >= 0 ? w.parcels[static_cast<size_t>(parcel)].purchase_month
                               : static_cast<int16_t>(-32768);
    p.first_dwelling = w.dw.count();
    for (int32_t k = 0; k < units; ++k) {
        const int32_t d = w.dw.add();
        w.dw.area_m2[d] = unit_area_m2;
        w.dw.zone[d] = zone;
        w.dw.quality[d] = quality;
        w.dw.use[d] = static_cast<uint8_t>(DwellingUse::for_sale_new);
        give_title_to_institution(w, d, OwnerKind::developer, developer);
        w.dw.project[d] = static_cast<int32_t>(w.projects.size());
    }
    w.projects.push_back(p);
    return static_cast<int32_t>(w.projects.size()) - 1;
}

double construction_cost_per_m2(const World& w, double ordinary, uint8_t quality) {
    return quality != 0 ? ordinary * (1.0 + w.scenario.city.high_quality_cost_premium) : ordinary;
}

double launch_price_per_m2(const World& w, uint8_t zone, uint8_t quality) {
    // Comparables: the value of an equivalent new home at the resale price level, with the
    // premium buyers give a new home. The level is the city's resale index, blended with the
    // district's own by behaviour.local_market_weight.
    const double weight = w.scenario.behaviour.local_market_weight;
    const double index =
        weight > 0 ? (1.0 - weight) * w.market.resale_index + weight * w.zones[zone].resale_index
                   : w.market.resale_index;
    return w.market.reference_price_per_m2 * index / 100.0 *
           w.scenario.city.zones.price_factor[zone] * quality_factor(quality) *
           (1.0 + w.scenario.behaviour.new_home_preference);
}

double launch_list_price_per_m2(const World& w, uint8_t zone, uint8_t quality) {
    // Launches price off comparables, at a premium when the city's unsold stock is thin and
    // a discount when it is long (launch_tightness_elasticity per log of the target
    // sell-off time over the published cycle, within +-10%).
    const double premium = std::clamp(
        w.scenario.behaviour.launch_tightness_elasticity * market_pressure(w, zone), -0.1, 0.1);
    return launch_price_per_m2(w, zone, quality) * (1.0 + premium);
}

double escrow_retained(const World& w, const Project& p) {
    const Developer& dev = w.developers[static_cast<size_t>(p.developer)];
    return retention_share(w, dev) * retention_base(p);
}

double escrow_free(const World& w, const Project& p) {
    const double to_complete =
        p.cost_per_m2_yuan * p.floor_area_m2() * (1.0 - static_cast<double>(p.progress));
    // A bank guarantee stands in for part of the supervised amount (003 §6(4)).
    const double supervised =
        (1.0 - guarantee_share(w)) * std::max(to_complete, escrow_retained(w, p));
    return std::max(0.0, p.escrow_yuan - supervised);
}

double presale_threshold(const World& w, const Project& p) {
    const Sales& s = w.levers().policy.sales;
    const int from = s.new_land_rule_from - w.scenario.run.start + w.scenario.run.burn_in_months;
    if (p.land_month >= from) return s.new_land_presale_threshold;
    if (s.old_land_funded_presale) {
        // Old land (001 §20): the permit needs the rest of construction funded, by the
        // developer's own cash or through the white list; else it waits for topping-out.
        const Developer& dev = w.developers[static_cast<size_t>(p.developer)];
        const double to_complete =
            p.cost_per_m2_yuan * p.floor_area_m2() * (1.0 - static_cast<double>(p.progress));
        if (dev.cash_yuan < to_complete && !loan_eligible(w, dev)) {
            return std::max(s.presale_progress_threshold, s.new_land_presale_threshold);
        }
    }
    return s.presale_progress_threshold;
}

void run_construction(World& w) {
    recover_idle_land(w);
    start_projects(w);
    for (int32_t id : w.active_projects)
        advance_project(w, w.projects[static_cast<size_t>(id)]);
    std::erase_if(w.active_projects, [&](int32_t id) {
        return w.projects[static_cast<size_t>(id)].stage == Stage::completed;
    });
    file_completions(w);
    charge_guarantee_fees(w);
    pay_interest_and_update_distress(w);
    rescue_stalled_projects(w);
    admit_new_developer(w);
}

}  // namespace housim
