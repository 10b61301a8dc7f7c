#include "sim/month/accounting.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "sim/core/errors.hpp"
#include "sim/core/parallel.hpp"
#include "sim/markets/ownership.hpp"
#include "sim/markets/transactions.hpp"
#include "sim/markets/valuation.hpp"
#include "sim/month/finance_upkeep.hpp"
#include "sim/month/prices.hpp"

namespace housim {

double total_money(const World& w) {
    double money = w.bank.cash_yuan + w.pf.cash_yuan + w.gov.cash_yuan + w.soe.cash_yuan;
    // Only the identity check reads this total, so its summation order (chunk partials in
    // chunk order) is free to differ from a single running sum.
    money += reduce_chunks(
        w.hh.extent(), 0.0,
        [&](int32_t begin, int32_t end) {
            double s = 0;
            for (int32_t h = begin; h < end; ++h)
                s += w.hh.active[h] ? w.hh.savings[h] : 0.0;
            return s;
        },
        [](double& acc, double s) { acc += s; });
    for (const Developer& d : w.developers)
        money += d.cash_yuan;
    for (const Project& p : w.projects)
        money += p.escrow_yuan;
    return money;
}

double trailing_sales_m2(const std::vector<double>& new_sales_m2) {
    const size_t n = new_sales_m2.size();
    const size_t k = n < 12 ? n : 12;
    double s = 0;
    for (size_t i = n - k; i < n; ++i)
        s += new_sales_m2[i];
    return k > 0 ? s / static_cast<double>(k) : 0.0;
}

double cycle_months(double stock_m2, double sales_m2_per_month) {
    if (sales_m2_per_month > 0) return stock_m2 / sales_m2_per_month;
    return stock_m2 > 0 ? std::numeric_limits<double>::infinity() : 0.0;
}

namespace {

void record_stocks(World& w) {
    MonthMetrics& m = w.month;
    m.dwellings_total = static_cast<double>(
        count_if_parallel(w.dw.count(), [&](int32_t d) { return w.dw.completed(d); }));
    for (const Project& p : w.projects) {
        const double unsold = p.unsold();
        const double area = unsold * p.unit_area_m2;
        ZoneMetrics& z = w.zones[p.zone].month;
        m.unsold_new_units += unsold;
        m.unsold_new_m2 += area;
        if (p.permitted()) {
            m.unsold_permitted_m2 += area;
            z.unsold_permitted_m2 += area;
        } else {
            m.unsold_unpermitted_m2 += area;
            z.unsold_unpermitted_m2 += area;
        }
        if (p.stage == Stage::completed) {
            m.unsold_completed_m2 += area;
            z.unsold_completed_m2 += area;
        }
        m.escrow_balance_yuan += p.escrow_yuan;
        m.trade_in_reservations += p.units_reserved;
    }
    m.projects_rescued = w.gov.projects_rescued;
    for (const Parcel& pa : w.parcels) {
        if (pa.holder >= 0 && !pa.started && !pa.retired) {
            m.land_bank_m2 += pa.floor_area_m2;
            w.zones[pa.zone].month.land_bank_m2 += pa.floor_area_m2;
        }
    }
    for (const Developer& d : w.developers) {
        m.developers_active += d.distress != Distress::defaulted;
        m.developers_stalled += d.distress == Distress::stalled;
        m.developers_defaulted += d.distress == Distress::defaulted;
    }
}

void record_households(World& w) {
    MonthMetrics& m = w.month;
    const Households& hh = w.hh;
    // Counts are integers (exact in any form); the sums keep their household order. A
    // household without a loan adds 0 / income = +0.0 to the burden, which leaves a sum of
    // non-negative terms unchanged bit for bit and spares an unpredictable branch.
    int64_t n = 0, owners = 0, multi = 0, borrowers = 0, jobless = 0;
    double income = 0, burden = 0, pf = 0;
    const int32_t extent = hh.extent();
    const uint8_t* active = hh.active.data();
    const uint8_t* homes = hh.homes_owned.data();
    const uint8_t* flags = hh.flags.data();
    const float* income_month = hh.income_month.data();
    const double* pf_balance = hh.pf_balance.data();
    const double* debt = hh.debt_payment_month.data();
    for (int32_t h = 0; h < extent; ++h) {
        if (!active[h]) continue;
        n += 1;
        owners += homes[h] >= 1;
        multi += homes[h] >= 2;
        jobless += (flags[h] & hh_flag::unemployed) != 0;
        income += income_month[h];
        pf += pf_balance[h];
        borrowers += debt[h] > 0;
        burden += debt[h] / std::max(1.0f, income_month[h]);
    }
    const auto households = static_cast<double>(n);
    m.households_total = households;
    m.homeownership_rate = n > 0 ? static_cast<double>(owners) / households : 0;
    m.multi_home_share = n > 0 ? static_cast<double>(multi) / households : 0;
    m.unemployment_rate = n > 0 ? static_cast<double>(jobless) / households : 0;
    m.mortgage_burden_mean = borrowers > 0 ? burden / static_cast<double>(borrowers) : 0;
    m.provident_fund_balance_yuan = pf;
    m.provident_fund_cash_yuan = w.pf.cash_yuan;
    const double mean_income = n > 0 ? income / households : 0;
    w.market.mean_income_month = mean_income;

    // Balances are non-negative: x * 1.0 == x and x * 0.0 == +0.0, so multiplying by the
    // condition adds exactly what the branch did (or +0.0, which changes nothing).
    double balance = 0, bad = 0, pf_loans = 0, rate_weighted = 0;
    int64_t loans = 0, in_arrears = 0;
    const Mortgages& mg = w.mg;
    for (int32_t k = 0; k < mg.capacity(); ++k) {
        if (!mg.active[k]) continue;
        const double b = mg.balance_yuan[k];
        balance += b;
        bad += b * static_cast<double>(npl(mg, k));
        pf_loans += b * static_cast<double>(static_cast<Lender>(mg.lender[k]) == Lender::provident);
        rate_weighted += b * static_cast<double>(mg.rate_annual[k]);
        loans += 1;
        in_arrears += mg.arrears_months[k] > 0;
    }
    m.mortgage_npl_ratio = balance > 0 ? bad / balance : 0;
    m.mortgage_rate_outstanding_mean = balance > 0 ? rate_weighted / balance : 0;
    m.mortgage_arrears_share =
        loans > 0 ? static_cast<double>(in_arrears) / static_cast<double>(loans) : 0;
    w.pf.loans_yuan = pf_loans;
    // Mortgaged homes whose loans exceed their market value, each counted at its first loan
    // (counts: any chunking gives the same). Each home's value is four scattered reads, so
    // the share is measured in the last month of each quarter and carried between (at
    // 1e6 households a monthly scan cost 4% of a run).
    if (w.calendar_month() % 3 == 0 || w.market.negative_equity_share < 0) {
        struct Counts {
            int64_t mortgaged = 0;
            int64_t underwater = 0;
        };
        const Counts c = reduce_chunks(
            mg.capacity(), Counts{},
            [&](int32_t begin, int32_t end) {
                Counts k;
                for (int32_t j = begin; j < end; ++j) {
                    if (!mg.active[j] || mg.dwelling[j] < 0) continue;
                    const int32_t d = mg.dwelling[j];
                    if (w.dw.mortgage[d] != j) continue;
                    k.mortgaged += 1;
                    k.underwater += loans_on(w, d) > market_value(w, d);
                }
                return k;
            },
            [](Counts& acc, const Counts& k) {
                acc.mortgaged += k.mortgaged;
                acc.underwater += k.underwater;
            });
        w.market.negative_equity_share =
            c.mortgaged > 0 ? static_cast<double>(c.underwater) / static_cast<double>(c.mortgaged)
                            : 0;
    }
    m.negative_equity_share = w.market.negative_equity_share;

    // Prices: means of the month's trades; list prices when nothing new sold.
    if (m.new_sales_m2 > 0) {
        m.new_price_per_m2 /= m.new_sales_m2;
    } else {
        double value = 0, area = 0;
        for (const Project& p : w.projects) {
            if (!p.permitted() || p.unsold() <= 0) continue;
            value += p.list_price_per_m2 * p.unsold() * p.unit_area_m2;
            area += p.unsold() * static_cast<double>(p.unit_area_m2);
        }
        m.new_price_per_m2 = area > 0 ? value / area : w.market.last_new_price_per_m2;
    }
    w.market.last_new_price_per_m2 = m.new_price_per_m2;
    m.resale_price_per_m2 = m.resale_sales_units > 0 ? m.resale_price_per_m2 / m.resale_sales_units
                                                     : w.market.last_resale_price_per_m2;
    w.market.last_resale_price_per_m2 = m.resale_price_per_m2;
    m.price_to_income = mean_income > 0 ? m.new_price_per_m2 * 90.0 / (12.0 * mean_income) : 0;
    if (w.financed_purchases > 0) {
        m.new_loan_ltv_mean /= w.financed_purchases;
        m.new_loan_pti_mean /= w.financed_purchases;
    }
}

void record_indices_and_cycles(World& w) {
    MonthMetrics& m = w.month;
    MarketState& mk = w.market;
    if (w.t == w.scenario.run.burn_in_months) {
        mk.index_base_new = mk.new_index;
        mk.index_base_resale = mk.resale_index;
        mk.index_base_rent = mk.rent_index;
    }
    auto rebased = [](double raw, double base) { return base > 0 ? 100.0 * raw / base : raw; };
    m.price_index_new = rebased(mk.new_index, mk.index_base_new);
    m.price_index_resale = rebased(mk.resale_index, mk.index_base_resale);
    m.rent_index = rebased(mk.rent_index, mk.index_base_rent);
    m.expected_growth_annual = mk.expected_growth_annual;

    History& h = w.history;
    h.new_sales_m2.push_back(m.new_sales_m2);
    const double sales = trailing_sales_m2(h);
    m.digestion_cycle_narrow_months = cycle_months(m.unsold_permitted_m2, sales);
    m.digestion_cycle_completed_months = cycle_months(m.unsold_completed_m2, sales);
    m.digestion_cycle_broad_months =
        cycle_months(m.unsold_permitted_m2 + m.unsold_unpermitted_m2 + m.land_bank_m2, sales);
    h.cycle_narrow.push_back(m.digestion_cycle_narrow_months);
    h.cycle_broad.push_back(m.digestion_cycle_broad_months);
    h.cycle_completed.push_back(m.digestion_cycle_completed_months);

    // Each zone's cycles and quality-adjusted indices, built like the city's from the zone's
    // own stock and trades (an index carries its last value through months without trades).
    for (ZoneState& z : w.zones) {
        ZoneMetrics& zm = z.month;
        z.new_index = trailing_index(z.new_price_sum, z.new_ref_sum, z.new_index);
        z.resale_index = trailing_index(z.resale_price_sum, z.resale_ref_sum, z.resale_index);
        if (w.t == w.scenario.run.burn_in_months) {
            z.index_base_new = z.new_index;
            z.index_base_resale = z.resale_index;
        }
        zm.price_index_new = rebased(z.new_index, z.index_base_new);
        zm.price_index_resale = rebased(z.resale_index, z.index_base_resale);
        z.new_sales_m2.push_back(zm.new_sales_m2);
        const double zone_sales = trailing_sales_m2(z.new_sales_m2);
        zm.digestion_cycle_narrow_months = cycle_months(zm.unsold_permitted_m2, zone_sales);
        z.cycle_narrow.push_back(zm.digestion_cycle_narrow_months);
        z.cycle_completed.push_back(cycle_months(zm.unsold_completed_m2, zone_sales));
        z.cycle_broad.push_back(cycle_months(
            zm.unsold_permitted_m2 + zm.unsold_unpermitted_m2 + zm.land_bank_m2, zone_sales));
    }
}

[[noreturn]] void fail(const World& w, const char* identity, const std::string& detail) {
    throw IdentityError(fmt::format(
        "identity '{}' failed in {} (simulated month {}), replicate {}, seed {}: {}", identity,
        w.calendar().str(), w.t, w.rng.replicate(), w.scenario.run.seed, detail));
}

void check_ownership(const World& w) {
    const Households& hh = w.hh;
    std::vector<uint8_t> seen(static_cast<size_t>(w.dw.count()), 0);
    int32_t vouchers = 0, reservations = 0;
    for (int32_t h = 0; h < hh.capacity(); ++h) {
        vouchers += w.hp.holds_voucher(h);
        reservations += w.hp.has_reservation(h);
        const ProgrammeHolding& held = w.hp.holding(h);
        if (w.hp.holds_voucher(h) != (held.voucher_yuan > 0) ||
            w.hp.has_reservation(h) != (held.reserved_project >= 0)) {
            fail(w, "programme holdings",
                 fmt::format("household {}'s held bits do not match its voucher of {} yuan and "
                             "reserved project {}",
                             h, held.voucher_yuan, held.reserved_project));
        }
        if (!hh.active[h]) {
            if (hh.first_owned[h] != -1 && hh.homes_owned[h] != 0) {
                fail(w, "one owner per dwelling",
                     fmt::format("departed household {} still owns", h));
            }
            continue;
        }
        int count = 0;
        for (int32_t d = hh.first_owned[h]; d != -1; d = w.dw.next_owned[d]) {
            if (seen[static_cast<size_t>(d)]++ || ++count > 255) {
                fail(w, "no household owns a dwelling twice",
                     fmt::format("dwelling {} listed twice (household {})", d, h));
            }
            if (w.dw.owner_kind[d] != static_cast<uint8_t>(OwnerKind::household) ||
                w.dw.owner[d] != h) {
                fail(w, "one owner per dwelling",
                     fmt::format("dwelling {} in household {}'s list has another owner", d, h));
            }
        }
        if (count != hh.homes_owned[h]) {
            fail(w, "one owner per dwelling",
                 fmt::format("household {} owns {} dwellings but counts {}", h, count,
                             hh.homes_owned[h]));
        }
        const int32_t home = hh.home[h];
        if (home >= 0 && w.dw.occupant[home] != h) {
            fail(w, "occupancy",
                 fmt::format("household {} lives in {} occupied by {}", h, home,
                             w.dw.occupant[home]));
        }
        if (hh.home_area_m2[h] != (home >= 0 ? w.dw.area_m2[home] : 0.0f)) {
            fail(w, "occupancy",
                 fmt::format("household {} keeps {} m2 as its home's area, not {}", h,
                             hh.home_area_m2[h], home >= 0 ? w.dw.area_m2[home] : 0.0f));
        }
        const bool public_home =
            home >= 0 && w.dw.owner_kind[home] == static_cast<uint8_t>(OwnerKind::government);
        if (hh.has(h, hh_flag::public_tenant) != public_home) {
            fail(w, "occupancy",
                 fmt::format("household {}'s public-tenant flag does not match its home {}", h,
                             home));
        }
    }
    if (vouchers != w.hp.voucher_holders || reservations != w.hp.reservation_holders) {
        fail(w, "programme holdings",
             fmt::format("{} vouchers and {} reservations held, counted as {} and {}", vouchers,
                         reservations, w.hp.voucher_holders, w.hp.reservation_holders));
    }
    for (int32_t d = 0; d < w.dw.count(); ++d) {
        const bool household = w.dw.owner_kind[d] == static_cast<uint8_t>(OwnerKind::household);
        if (household != (seen[static_cast<size_t>(d)] == 1)) {
            fail(w, "one owner per dwelling",
                 fmt::format("dwelling {} owner state does not match the owners' lists", d));
        }
    }
}

// The districts' stocks and flows add up to the city's (MODEL.md "Districts"). The sums run
// over other groupings of the same terms, so they agree to rounding: 1e-9 of the total.
void check_zone_sums(const World& w) {
    for (const ZoneMetricInfo& zi : zone_metric_registry()) {
        if (!zi.sums_to_city) continue;
        double total = 0, magnitude = 0;
        for (const ZoneState& z : w.zones) {
            total += z.month.*zi.field;
            magnitude += std::abs(z.month.*zi.field);
        }
        const double city = w.month.*(find_metric(zi.name)->field);
        if (std::abs(total - city) > 1e-9 * magnitude + 1e-9) {
            fail(w, "districts add up to the city",
                 fmt::format("{}: the zones sum to {} but the city has {}", zi.name, total, city));
        }
    }
}

}  // namespace

void record_month(World& w) {
    record_stocks(w);
    record_households(w);
    record_indices_and_cycles(w);
}

void check_identities(const World& w) {
    const MonthMetrics& m = w.month;
    const MonthMetrics& p = w.previous;
    if (w.t > 0) {
        const double expected = p.dwellings_total + m.completions_units - m.demolitions_units;
        if (m.dwellings_total != expected) {
            fail(w, "dwelling stock",
                 fmt::format("stock {} != previous {} + completions {} - demolitions {}",
                             m.dwellings_total, p.dwellings_total, m.completions_units,
                             m.demolitions_units));
        }
        const double unsold =
            p.unsold_new_units + m.starts_units - m.new_sales_units - m.soe_acquired_units;
        if (m.unsold_new_units != unsold) {
            fail(w, "unsold new homes",
                 fmt::format("unsold {} != previous {} + starts {} - sales {} - acquisitions {}",
                             m.unsold_new_units, p.unsold_new_units, m.starts_units,
                             m.new_sales_units, m.soe_acquired_units));
        }
    }
    const double money = total_money(w);
    const double change = money - w.ledger.money_at_start;
    const double tolerance = 1e-9 * (std::abs(w.ledger.money_at_start) + w.ledger.gross()) + 1e-3;
    if (std::abs(change - w.ledger.net()) > tolerance) {
        fail(w, "money conservation",
             fmt::format("money changed by {:.3f} yuan but recorded outside flows net {:.3f}",
                         change, w.ledger.net()));
    }
    const double sales = trailing_sales_m2(w.history);
    const double narrow = cycle_months(m.unsold_permitted_m2, sales);
    if (!(narrow == m.digestion_cycle_narrow_months)) {
        fail(w, "digestion cycle",
             fmt::format("narrow cycle {} != stock / trailing sales {}",
                         m.digestion_cycle_narrow_months, narrow));
    }
    check_zone_sums(w);
    check_ownership(w);
}

}  // namespace housim
