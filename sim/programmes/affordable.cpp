#include "sim/programmes/affordable.hpp"

#include <algorithm>
#include <cmath>

#include "sim/core/parallel.hpp"
#include "sim/markets/ownership.hpp"
#include "sim/markets/transactions.hpp"
#include "sim/markets/valuation.hpp"

namespace housim {

namespace {

const Affordable& policy_of(const World& w) {
    return w.levers().policy.affordable;
}

// The SOE's money for an acquisition: the relending share from the central bank (money
// entering the city), the rest from the government.
void fund_purchase(World& w, double price) {
    const Affordable& a = policy_of(w);
    const double relent = a.relending_share * price;
    w.soe.relending_debt_yuan += relent;
    w.soe.cash_yuan += relent;
    w.ledger.add(Flow::relending, relent);
    w.gov.cash_yuan -= price - relent;
    w.soe.cash_yuan += price - relent;
    w.soe.funding_used_yuan += price;
}

// The SOE's cost of funds on the acquisition line (seed 002 §2(4)): the relending share at
// the relending rate, the rest at the bank's rate, taken as the 5-year LPR (assumption).
double funding_rate_annual(const World& w) {
    const Affordable& a = policy_of(w);
    return a.relending_share * a.relending_rate_annual +
           (1.0 - a.relending_share) * w.levers().exogenous.lpr_5y_annual;
}

// What the SOE offers for a completed unsold home: its price cap, and no more than the
// social rent it will collect carries at its cost of funds, so that a let unit pays its
// interest (the reason uptake of the 2024 relending line was slow: FACTS §5). Cheaper funds
// (a larger relending share, a lower relending rate) let it pay more, and more developers
// accept.
double soe_offer(const World& w, int32_t d) {
    const double rate = funding_rate_annual(w);
    const double carried = rate > 0 ? 12.0 * rent_due_to_soe(w, d) / rate : 1e300;
    return std::min(soe_price_cap(w, d), carried);
}

// A sale from the stock repays the line (it revolves): what the sale brings in, the
// relending share of it to the central bank.
void repay_line(World& w, double price) {
    const double freed = std::min(w.soe.funding_used_yuan, price);
    w.soe.funding_used_yuan -= freed;
    const double repaid = std::min(w.soe.relending_debt_yuan, policy_of(w).relending_share * freed);
    w.soe.relending_debt_yuan -= repaid;
    w.soe.cash_yuan -= repaid;
    w.ledger.add(Flow::relending, -repaid);
}

void add_to_stock(World& w, int32_t d) {
    give_title_to_institution(w, d, OwnerKind::government, 0);
    if (w.dw.completed(d)) w.dw.use[d] = static_cast<uint8_t>(DwellingUse::affordable);
    w.soe.stock.push_back(d);
}

// Completed unsold homes, project by project, within the pace, the funding line, and the
// waiting list's need (以需定购); a developer sells if the SOE's price covers its build cost.
void acquire(World& w, int64_t need) {
    const Affordable& a = policy_of(w);
    w.soe.pace_carry += a.max_units_per_month / w.scale;
    int64_t pace = static_cast<int64_t>(w.soe.pace_carry);
    w.soe.pace_carry -= static_cast<double>(pace);
    pace = std::min(pace, need);
    const double line = a.funding_yuan / w.scale;
    for (size_t i = 0; i < w.projects.size() && pace > 0; ++i) {
        Project& p = w.projects[i];
        const Developer& dev = w.developers[static_cast<size_t>(p.developer)];
        if (p.stage != Stage::completed || p.available() <= 0 || p.unit_area_m2 > a.max_area_m2 ||
            dev.distress == Distress::defaulted || dev.soe) {
            continue;
        }
        while (p.available() > 0 && pace > 0) {
            const int32_t d = p.next_unsold_dwelling();
            const double price = soe_offer(w, d);
            if (price < p.cost_per_m2_yuan * p.unit_area_m2) break;  // the developer declines
            if (w.soe.funding_used_yuan + price > line) return;
            if (!pledge_allows_sale(w, p)) break;  // pledged for the developer's loan (001 §14)
            fund_purchase(w, price);
            w.soe.cash_yuan -= price;
            w.developers[static_cast<size_t>(p.developer)].cash_yuan += price;
            release_unit_pledge(w, p);
            p.units_acquired += 1;
            add_to_stock(w, d);
            w.month.soe_acquired_units += 1;
            w.month.soe_acquired_m2 += p.unit_area_m2;
            w.month.soe_acquired_yuan += price;
            --pace;
        }
    }
}

// Vacant homes of the stock go to waiting-list households in a random order: sold at
// cost plus a small margin (配售) or let at a discount (配租).
bool vacant_in_stock(const World& w, int32_t d) {
    return w.dw.completed(d) && w.dw.occupant[d] < 0 &&
           w.dw.owner_kind[d] == static_cast<uint8_t>(OwnerKind::government);
}

int64_t vacant_stock(const World& w) {
    int64_t vacant = 0;
    for (int32_t d : w.soe.stock)
        vacant += vacant_in_stock(w, d);
    return vacant;
}

void allocate(World& w, const std::vector<int32_t>& queue) {
    const Affordable& a = policy_of(w);
    const auto take = std::min(static_cast<size_t>(vacant_stock(w)), queue.size());
    if (take > 0) {
        // The queue's order is its households' first draws; only the first `take` places
        // are needed (the pairs are distinct, so the partial order is the full order's).
        std::vector<std::pair<uint32_t, int32_t>>& order = w.scratch.affordable_order;
        order.resize(queue.size());
        for_chunks(static_cast<int32_t>(queue.size()), [&](int32_t, int32_t begin, int32_t end) {
            for (int32_t i = begin; i < end; ++i) {
                const int32_t h = queue[static_cast<size_t>(i)];
                order[static_cast<size_t>(i)] = {
                    w.rng.stream(static_cast<uint32_t>(h), static_cast<uint32_t>(w.t),
                                 RngPurpose::affordable)(),
                    h};
            }
        });
        std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(take),
                          order.end());
        size_t next = 0;
        for (size_t k = 0; k < w.soe.stock.size() && next < take; ++k) {
            const int32_t d = w.soe.stock[k];
            if (!vacant_in_stock(w, d)) continue;
            const int32_t h = order[next++].second;
            RngStream s = w.rng.stream(static_cast<uint32_t>(h), static_cast<uint32_t>(w.t),
                                       RngPurpose::affordable);
            s();  // the first word ordered the queue
            const double price = soe_price_cap(w, d) * (1.0 + a.sale_margin);
            if (s.uniform() < a.sale_share && buy_affordable_home(w, h, d, price).done) {
                w.dw.listed_month[d] = static_cast<int16_t>(w.t);  // idle clock starts now
                repay_line(w, price);
            } else {
                move_in(w, h, d);  // let by the SOE
            }
            w.month.affordable_allocated_units += 1;
        }
    }
    std::erase_if(w.soe.stock, [&](int32_t d) {
        return w.dw.owner_kind[d] != static_cast<uint8_t>(OwnerKind::government);
    });
}

// Sold homes left empty too long are bought back (seed 002 §2(6)).
void buy_back_idle(World& w) {
    const int idle = policy_of(w).buyback_idle_months;
    // Households' closed-loop homes, in id order (a buy-back changes only its own home).
    std::vector<int32_t>& homes = w.scratch.ids;
    gather_where_byte(
        w.dw.count(), w.dw.acquired.data(), static_cast<uint8_t>(Acquired::affordable),
        [&](int32_t d) { return w.dw.owner_kind[d] == static_cast<uint8_t>(OwnerKind::household); },
        homes, w.scratch.id_parts);
    for (const int32_t d : homes) {
        if (w.dw.occupant[d] >= 0) {
            w.dw.listed_month[d] = static_cast<int16_t>(w.t);
        } else if (w.t - w.dw.listed_month[d] >= idle) {
            soe_buy_back(w, d);
        }
    }
}

void pay_relending_interest(World& w) {
    const double interest = w.soe.relending_debt_yuan * policy_of(w).relending_rate_annual / 12.0;
    w.soe.cash_yuan -= interest;
    w.ledger.add(Flow::relending, -interest);
}

}  // namespace

double soe_price_cap(const World& w, int32_t d) {
    const Affordable& a = policy_of(w);
    const double by_value = a.price_cap_share_of_value * appraisal(w, d);
    const double by_cost =
        w.market.construction_cost_per_m2 * (1.0 + a.price_cap_cost_markup) * w.dw.area_m2[d];
    return std::min(by_value, by_cost);
}

double rent_due_to_soe(const World& w, int32_t d) {
    return market_rent(w, d) * policy_of(w).rent_share_of_market;
}

double rent_due(const World& w, int32_t d) {
    const double rent = market_rent(w, d);
    if (w.dw.owner_kind[d] == static_cast<uint8_t>(OwnerKind::government)) {
        return rent_due_to_soe(w, d);
    }
    return rent;
}

bool soe_can_fund(const World& w, double price) {
    return w.soe.funding_used_yuan + price <= policy_of(w).funding_yuan / w.scale;
}

void soe_take_old_home(World& w, int32_t d, double price) {
    fund_purchase(w, price);
    institution_buys(w, d, OwnerKind::government, 0, price);
    add_to_stock(w, d);
    w.month.soe_buybacks_units += 1;
}

void soe_buy_back(World& w, int32_t d) {
    const double price = soe_price_cap(w, d) * (1.0 + policy_of(w).sale_margin);
    institution_buys(w, d, OwnerKind::government, 0, price);
    add_to_stock(w, d);
    w.month.soe_buybacks_units += 1;
}

int32_t quota_units(const World& w, const Parcel& parcel, int32_t units) {
    const Affordable& a = policy_of(w);
    if (a.quota_share <= 0 || parcel.zone > a.quota_max_zone ||
        parcel.floor_area_m2 * w.scale < a.quota_min_parcel_m2) {
        return 0;
    }
    // At least one unit (003 §4(1): 最低不少于1个单元), never the whole project.
    return std::clamp(static_cast<int32_t>(std::lround(a.quota_share * units)), 1, units - 1);
}

void run_affordable_housing(World& w) {
    const Affordable& a = policy_of(w);
    // Queued: households owning no home, with income below the ceiling, not already housed by
    // the government (hh_flag::public_tenant is the household's copy of its home's owner
    // kind, so no dwelling is read). The list itself is needed only when a home is vacant
    // to allocate (acquisition changes no household), so it is counted first.
    const Households& hh = w.hh;
    const double ceiling = a.waiting_income_ceiling_share * w.market.mean_income_month;
    const auto queued = [&](int32_t h) {
        return (hh.active[h] != 0) & (hh.homes_owned[h] == 0) & (hh.income_month[h] < ceiling) &
               !hh.has(h, hh_flag::public_tenant);
    };
    const int64_t waiting = count_if_parallel(hh.extent(), queued);
    w.month.affordable_waiting_list = static_cast<double>(waiting);
    if (a.acquisition) acquire(w, waiting - vacant_stock(w));
    std::vector<int32_t>& queue = w.scratch.waiting;
    queue.clear();
    if (waiting > 0 && vacant_stock(w) > 0)
        gather_if_parallel(hh.extent(), queued, queue, w.scratch.id_parts);
    allocate(w, queue);
    buy_back_idle(w);
    pay_relending_interest(w);
    w.month.affordable_stock_units = static_cast<double>(w.soe.stock.size());
}

}  // namespace housim
