#include "sim/month/decisions.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <optional>

#include "agents/credit.hpp"
#include "agents/household_rules.hpp"
#include "sim/core/cpu_clones.hpp"
#include "sim/core/lanes.hpp"
#include "sim/core/parallel.hpp"
#include "sim/markets/valuation.hpp"
#include "sim/month/month_buffers.hpp"
#include "sim/programmes/trade_in.hpp"

namespace housim {

namespace {

// City-wide inputs every household reads this month.
struct Conditions {
    double expected_growth;
    double rate_first;
    double rate_second;
    double deposit_rate;
    double loan_share_first;
    double rent_yield_annual;
    double price_per_m2;   // value of a reference m2 at today's resale index
    double affordability;  // factor on the buy and upgrade hazards (affordability_factor)
    double first_buy;      // factor on the first-purchase hazard: affordability x tenure_factor
    double search;         // factor on them for sentiment: 1 + search boost
    double search_bound;   // max(0, search): what bounds use, so a bound stays one
};

Conditions conditions(const World& w) {
    const Levers& l = w.levers();
    Conditions c{};
    c.expected_growth = w.market.expected_growth_annual;
    c.rate_first = commercial_rate_annual(l.policy.commercial, l.exogenous.lpr_5y_annual, 0);
    c.rate_second = commercial_rate_annual(l.policy.commercial, l.exogenous.lpr_5y_annual, 1);
    c.deposit_rate = l.exogenous.deposit_rate_annual;
    c.loan_share_first = 1.0 - l.policy.commercial.min_down_payment.first;
    c.price_per_m2 = w.market.reference_price_per_m2 * w.market.resale_index / 100.0;
    // Price-to-income relative to the first simulated month (resale index starts at 100).
    const double price_income =
        (w.market.resale_index / 100.0) / (w.market.income_base_month / w.market.income_base_start);
    c.affordability = affordability_factor(w.scenario.behaviour, price_income);
    // Rent to price relative to the first simulated month (both indices start at 100).
    const double rent_price =
        w.market.resale_index > 0 ? w.market.rent_index / w.market.resale_index : 1.0;
    c.first_buy = c.affordability * tenure_factor(w.scenario.behaviour, rent_price);
    c.search = 1.0 + w.market.search_boost;
    c.search_bound = std::max(0.0, c.search);
    // The rent yield an investor expects: market rent net of the expected vacancy (today's
    // rental vacancy, the chance the home stands empty in a month) over the price, so a
    // glutted rental market discourages buying to let (MODEL.md §5 "Investors").
    c.rent_yield_annual = 12.0 * w.market.reference_rent_per_m2 * w.market.rent_index / 100.0 *
                          (1.0 - w.market.rental_vacancy) / c.price_per_m2;
    return c;
}

// This month's draws of one household: the four words of the first block of its
// buy_decision stream, as uniforms.
struct Draws {
    uint32_t priority = 0;
    double u_buy = 0;
    double u_other = 0;
    double u_rent = 0;

    explicit Draws(const uint32_t* x)
        : priority(x[0]),
          u_buy(RngStream::uniform_of(x[1])),
          u_other(RngStream::uniform_of(x[2])),
          u_rent(RngStream::uniform_of(x[3])) {}
};

void push_buyer(Orders& out, int32_t h, BuyerKind kind, double budget, double min_area,
                uint32_t priority, bool new_only = false) {
    if (budget > 0) {
        out.buyers.push_back(BuyerOrder{h, kind, static_cast<float>(budget),
                                        static_cast<float>(min_area), priority, new_only});
    }
}

// Places h's order as a buyer of kind `kind` unless purchase limits (限购) forbid it this
// month; returns whether they allowed it (an order is placed if the budget is positive).
bool add_buyer(const World& w, int32_t h, BuyerKind kind, double min_area, double expected,
               uint32_t priority, Orders& out, bool new_only = false) {
    const int homes_before = recognised_homes(w, h);
    if (purchase_limited_at(w, h, homes_before)) return false;
    push_buyer(
        out, h, kind,
        buyer_budget(w, h, kind, desired_area_m2(w.hh.size[h]), expected, new_only, homes_before),
        min_area, priority, new_only);
    return true;
}

// An extra home the owner can list: completed, not lived in by the owner, not listed; of
// several, the one longest without a tenant (the first in the owner's list on a tie).
int32_t sellable_extra_home(const World& w, int32_t h) {
    int32_t best = -1;
    for (int32_t d = w.hh.first_owned[h]; d != -1; d = w.dw.next_owned[d]) {
        if (d != w.hh.home[h] && w.dw.completed(d) && w.dw.ask_yuan[d] <= 0 &&
            (best < 0 || w.dw.months_vacant[d] > w.dw.months_vacant[best])) {
            best = d;
        }
    }
    return best;
}

// The channel an upgrader that cannot buy first uses, given the programmes in force and
// what it could then afford, with that budget; none means it sells first on the market (or
// stays put). The budget after a market sale is kept when the reservation channel needed it.
struct TradeInChoice {
    TradeInChannel channel = TradeInChannel::none;
    double budget = 0;                    // with the channel's price for the old home
    std::optional<double> market_budget;  // after a sale at market value, if computed
};

TradeInChoice trade_in_channel(const World& w, const SalePosition& sale, int32_t home, double area,
                               double expected, double target) {
    const TradeIn& t = w.levers().policy.trade_in;
    TradeInChoice choice;
    for (const auto channel : {TradeInChannel::developer, TradeInChannel::soe}) {
        const bool on =
            channel == TradeInChannel::developer ? t.developer_takes_old_home : t.soe_buys_old_home;
        if (!on) continue;
        const double budget =
            budget_with_sale(w, sale, area, expected, old_home_price(w, home, channel));
        if (budget >= target) return {channel, budget, std::nullopt};
    }
    // A bridging loan lets it buy at once, on the equity the bank lends against; preferred to
    // a reservation, which lapses if the old home does not sell in time.
    if (t.bridging_loans) {
        const double budget =
            budget_with_sale(w, sale, area, expected, t.bridging_ltv * appraisal(w, home));
        if (budget >= target) return {TradeInChannel::bridging, budget, std::nullopt};
    }
    if (t.reservation) {
        choice.market_budget = budget_with_sale(w, sale, area, expected, market_value(w, home));
        if (*choice.market_budget >= target) {
            choice.channel = TradeInChannel::reservation;
            choice.budget = *choice.market_budget;
        }
    }
    return choice;
}

void decide_non_owner(const World& w, int32_t h, const Conditions& c, const Draws& r, Orders& out) {
    const Households& hh = w.hh;
    const BehaviourParams& b = w.scenario.behaviour;
    const double desired = desired_area_m2(hh.size[h]);
    const double expected = c.expected_growth + hh.expectation_bias[h];
    // A household that sold (or lost) its home to move, or holds a voucher, searches every
    // month for a year; after that it is an ordinary renter again.
    // add_buyer checks purchase limits (限购) once the household wants to buy.
    const bool voucher = w.hp.holds_voucher(h);
    if ((hh.has(h, hh_flag::wants_to_buy) && w.t - hh.last_sale_month[h] <= 12) || voucher) {
        add_buyer(w, h, BuyerKind::mover, 0.8 * desired, expected, r.priority, out, voucher);
    } else {
        const double uc =
            user_cost_annual(c.rate_first, c.deposit_rate, c.loan_share_first, expected);
        if (r.u_buy < c.search_bound * buy_hazard_bound_month(b, uc, c.first_buy) &&
            r.u_buy < c.search * buy_hazard_month(b, hh.age[h], uc, c.first_buy)) {
            add_buyer(w, h, BuyerKind::first_time, 0.6 * desired, expected, r.priority, out);
        }
    }
    if (hh.tenure[h] == static_cast<uint8_t>(Tenure::other) && r.u_rent < b.rental_search_month) {
        out.renters.push_back(RentalOrder{
            h, static_cast<float>(b.rent_to_income_max * hh.income_month[h]), r.priority});
    }
}

// An owner in its own home that starts an upgrade buys first if a second-home purchase of
// the wanted size is affordable now; otherwise it uses a trade-in programme, or sells first
// if the sale would make the wanted home affordable; otherwise it stays put.
void place_upgrade(const World& w, int32_t h, const Conditions& c, const Draws& r, Orders& out) {
    const Households& hh = w.hh;
    const int32_t home = hh.home[h];
    const double expected = c.expected_growth + hh.expectation_bias[h];
    const double desired = desired_area_m2(hh.size[h]);
    const double min_area = 1.15 * hh.home_area_m2[h];
    const double target = c.price_per_m2 * std::max(desired, 1.2 * hh.home_area_m2[h]);
    const int homes_before = recognised_homes(w, h);
    if (!purchase_limited_at(w, h, homes_before)) {
        const double budget = buyer_budget(w, h, BuyerKind::upgrade_buy_first, desired, expected,
                                           false, homes_before);
        if (budget >= target) {
            push_buyer(out, h, BuyerKind::upgrade_buy_first, budget, min_area, r.priority);
            return;
        }
    }
    const SalePosition sale = position_for_sale(w, h, home, homes_before);
    const TradeInChoice choice = trade_in_channel(w, sale, home, desired, expected, target);
    if (choice.channel != TradeInChannel::none) {
        out.buyers.push_back(BuyerOrder{h, BuyerKind::trade_in, static_cast<float>(choice.budget),
                                        static_cast<float>(min_area), r.priority, true,
                                        choice.channel, home});
        // The old home goes on the market at once: a reservation completes when it sells; a
        // bridging buyer that finds no new home this month, or whose home sells first,
        // has sold as it would have without the loan.
        if (choice.channel == TradeInChannel::reservation ||
            choice.channel == TradeInChannel::bridging) {
            out.new_listings.push_back(home);
        }
    } else if ((choice.market_budget ? *choice.market_budget
                                     : budget_with_sale(w, sale, desired, expected,
                                                        market_value(w, home))) >= target) {
        out.new_listings.push_back(home);
    }
}

// Whether an owner in its own home starts an upgrade this month: its draw against the
// upgrade hazard for the crowding of its home (the area from the household's copy, so the
// dwelling table is not read).
bool upgrade_starts(const World& w, int32_t h, const Conditions& c, const Draws& r,
                    double expected) {
    const Households& hh = w.hh;
    const BehaviourParams& b = w.scenario.behaviour;
    const double m2pp = hh.home_area_m2[h] / std::max<int>(1, hh.size[h]);
    const double uc = user_cost_annual(c.rate_second, c.deposit_rate, c.loan_share_first, expected);
    return r.u_buy < c.search * upgrade_hazard_month(b, hh.age[h], m2pp, uc, c.affordability);
}

void decide(const World& w, int32_t h, const Conditions& c, const Draws& r, Orders& out) {
    const Households& hh = w.hh;
    const BehaviourParams& b = w.scenario.behaviour;
    const double expected = c.expected_growth + hh.expectation_bias[h];
    const auto tenure = static_cast<Tenure>(hh.tenure[h]);
    if (tenure == Tenure::renter && r.u_rent < b.tenancy_end_month) {
        out.tenancies_ending.push_back(h);
    }
    if (hh.homes_owned[h] == 0) return decide_non_owner(w, h, c, r, out);

    const int32_t home = hh.home[h];
    const bool in_own_home = tenure == Tenure::owner && home >= 0;
    // The hazard is checked before the home's dwelling is read (a cache miss once homes are
    // scattered): most owners' draws are above it.
    if (in_own_home && !hh.has(h, hh_flag::selling_to_move) && !w.hp.has_reservation(h) &&
        hh.age[h] < 65 && upgrade_starts(w, h, c, r, expected) && w.dw.ask_yuan[home] <= 0) {
        place_upgrade(w, h, c, r, out);
        return;
    }
    // Investment purchases and sales of extra homes.
    const double excess = c.rent_yield_annual + expected - (c.rate_second + b.invest_hurdle_annual);
    if (hh.savings[h] > 24.0 * hh.income_month[h] && r.u_other < invest_hazard_month(b, excess) &&
        add_buyer(w, h, BuyerKind::investor, 0, expected, r.priority, out)) {
        return;
    }
    if (hh.homes_owned[h] >= 2 && r.u_other < sell_extra_hazard_month(b, expected, excess)) {
        if (const int32_t d = sellable_extra_home(w, h); d >= 0) out.new_listings.push_back(d);
    }
    // Owners deep in arrears sell before the bank forecloses, unless the home is worth less
    // than its loans (negative equity): a sale would not clear them, and the home goes to
    // the lender (the double trigger of default: arrears and negative equity).
    if (hh.has(h, hh_flag::in_arrears) && in_own_home && w.dw.ask_yuan[home] <= 0 &&
        r.u_other < 0.1 && loans_on(w, home) <= market_value(w, home)) {
        out.new_listings.push_back(home);
    }
}

// The screen: from a few of a household's own columns (tenure, home count, flags, age, size,
// expectation, its home's area), whether any rule of decide() can act on its draws this
// month. Each draw word is compared with a threshold at or above every hazard that uses it
// (tabulated by expectation bucket: the hazards are monotone in the household's expected
// growth); households that an earlier sale or a programme keeps searching, and owners in
// arrears, always pass. decide() places no order for a household that fails, so the month's
// orders are exactly those of calling decide() for every household; the screen spares the
// rules for the ~98% of households whose draws are above every hazard, with no branch and
// no read outside the household's own columns.
class Screen {
  public:
    static constexpr int kBuckets = 256;

    Screen(const World& w, const Conditions& c) {
        const BehaviourParams& b = w.scenario.behaviour;
        // Biases are dispersion x a standard normal: 8 sd either side holds all of them in
        // practice; a household outside the range simply passes the screen.
        const double range = std::max(0.02, 8.0 * b.expectation_dispersion);
        lo_ = -range;
        const double width = 2.0 * range / kBuckets;
        inv_width_ = 1.0 / width;
        for (int k = 0; k < kBuckets; ++k) {
            // Half a bucket of slack either side covers the rounding of the bucket index;
            // a monotone function's maximum on an interval is at one of its ends.
            const double ends[2] = {lo_ + (k - 0.5) * width, lo_ + (k + 1.5) * width};
            double buy = 0, upgrade = 0, other = 0;
            for (const double bias : ends) {
                const double e = c.expected_growth + bias;
                const double uc1 =
                    user_cost_annual(c.rate_first, c.deposit_rate, c.loan_share_first, e);
                const double uc2 =
                    user_cost_annual(c.rate_second, c.deposit_rate, c.loan_share_first, e);
                // The first-purchase hazard's maximum over ages (buy_age_factor is at most 1,
                // at 25-34); the upgrade hazard without its crowding factor and its cap of 1,
                // which passing() multiplies by the household's crowding factor.
                buy = std::max(buy, c.search_bound * buy_hazard_month(b, 30, uc1, c.first_buy));
                const double x = -b.user_cost_weight * (uc2 - b.user_cost_reference_annual);
                upgrade = std::max(upgrade, c.search_bound * b.upgrade_hazard_month * std::exp(x) *
                                                c.affordability);
                const double excess =
                    c.rent_yield_annual + e - (c.rate_second + b.invest_hurdle_annual);
                other = std::max(
                    {other, invest_hazard_month(b, excess), sell_extra_hazard_month(b, e, excess)});
            }
            const auto i = static_cast<size_t>(k);
            buy_[i] = word_threshold(buy);
            upgrade_[i] = upgrade;
            other_[i] = word_threshold(other);
        }
        // [2 x tenure + owner]: tenants' tenancies end whether or not they own elsewhere;
        // households without a home that own none search for a rental; owners do neither.
        const auto renter = 2 * static_cast<size_t>(Tenure::renter);
        const auto other = 2 * static_cast<size_t>(Tenure::other);
        rent_[renter] = rent_[renter + 1] = word_threshold(b.tenancy_end_month);
        rent_[other] = word_threshold(b.rental_search_month);
        target_m2_per_person_ = b.upgrade_target_m2_per_person;
    }

    // Which of households b0 .. b0 + m - 1 (m <= 4) pass: bit j for household b0 + j, set
    // when it is active and its expectation lies outside the tabulated range, or a draw
    // (x: the households' first blocks of buy_decision words) is below its threshold, or it always
    // passes. An owner in its own home, under 65, compares u_buy with its upgrade hazard's bound
    // for the crowding of its home (the same float quotient as upgrade_starts, a margin of 1e-6 for
    // the products' rounding). Four at a time in vector lanes (sim/lanes.hpp).
    [[gnu::always_inline]] uint64_t passing(const Households& hh, const HouseholdProgrammes& hp,
                                            int32_t b0, int m, const uint32_t* x) const {
        using lanes::D4;
        using lanes::I4;
        const D4 bias = lanes::load_f(hh.expectation_bias.data() + b0, m);
        const D4 pos = (bias - lo_) * inv_width_;
        const I4 in_range = (pos >= 0) & (pos < kBuckets);
        const I4 k = __builtin_convertvector(in_range ? pos : D4{}, I4);
        const I4 homes = lanes::load(hh.homes_owned.data() + b0, m);
        const I4 tenure = lanes::load(hh.tenure.data() + b0, m);
        const I4 always = ((lanes::load(hh.flags.data() + b0, m) &
                            (hh_flag::wants_to_buy | hh_flag::in_arrears)) != 0) |
                          (lanes::load(hp.held.data() + b0, m) != 0);
        // x: the households' first blocks, four words each: word j of lane l is x[4 l + j].
        const lanes::Words4 words = lanes::words4(x);
        const I4 x1 = words.w[1];
        const I4 x2 = words.w[2];
        const I4 x3 = words.w[3];
        // Crowding as upgrade_hazard_month computes it, from area / max(1, size) in float.
        const I4 size = lanes::load(hh.size.data() + b0, m);
        const lanes::F4 m2pp_f = lanes::load_f32(hh.home_area_m2.data() + b0, m) /
                                 __builtin_convertvector(size < 1 ? 1 : size, lanes::F4);
        const D4 m2pp = lanes::widen(m2pp_f);
        const D4 crowding =
            lanes::clamp((target_m2_per_person_ - m2pp) / target_m2_per_person_, D4{}, D4{} + 1.0);
        const D4 bound =
            lanes::gather_d(upgrade_.data(), k) * (0.25 + 3.0 * crowding) * (1.0 + 1e-6);
        const D4 u_buy = (__builtin_convertvector(x1, D4) + 0.5) * 0x1p-32;
        const I4 occupier = (tenure == static_cast<int64_t>(Tenure::owner)) &
                            (lanes::load(hh.age.data() + b0, m) < 65);
        const I4 owner = homes != 0;
        const I4 pass =
            ~in_range | always | (occupier & (u_buy < bound)) |
            (~owner & (x1 < lanes::gather(buy_.data(), k))) |
            (owner & (x2 < lanes::gather(other_.data(), k))) |
            (x3 < lanes::gather(rent_.data(), (tenure < 2 ? tenure : 2) * 2 + (owner & 1)));
        const I4 bits = (lanes::load(hh.active.data() + b0, m) != 0) & pass & 1;
        return static_cast<uint64_t>(bits[0] | bits[1] << 1 | bits[2] << 2 | bits[3] << 3);
    }

  private:
    // A word threshold for a hazard of at most p: uniform_of(x) < p only if x is below it.
    // The factor 1 + 1e-9 covers any rounding of p's terms; NaN lets everyone pass.
    static uint64_t word_threshold(double p) {
        return std::isnan(p) ? uint64_t{1} << 32 : RngStream::words_below(p * (1.0 + 1e-9));
    }

    double lo_ = 0, inv_width_ = 1;
    double target_m2_per_person_ = 1;
    std::array<uint64_t, kBuckets> buy_{};    // non-owners: the first-purchase hazard
    std::array<double, kBuckets> upgrade_{};  // the upgrade hazard over its crowding factor
    std::array<uint64_t, kBuckets> other_{};  // owners: u_other's hazards
    std::array<uint64_t, 6> rent_{};          // u_rent's hazard, [2 x tenure + owner]
};

// Screen::passing over households [b0, b0 + n) (n <= 64) whose first blocks are words; bit
// i of the result is household b0 + i. Clones for AVX-512 and AVX2 process the four lanes
// per instruction; integer tests only, so every clone gives the same bits.
HOUSIM_CPU_CLONES uint64_t passing_block(const Screen& screen, const Households& hh,
                                         const HouseholdProgrammes& hp, int32_t b0, int32_t n,
                                         const uint32_t* words) {
    uint64_t pass = 0;
    for (int32_t i = 0; i < n; i += 4)
        pass |= screen.passing(hh, hp, b0 + i, std::min(4, n - i), words + 4 * i) << i;
    return pass;
}

}  // namespace

double budget_for(const World& w, const BuyerPosition& pos, double area_m2,
                  double expected_growth) {
    const Policy& policy = w.levers().policy;
    const BehaviourParams& b = w.scenario.behaviour;
    // Credit for a completed home, as most homes on offer are (resale homes, completed new
    // stock): the provident cap raise for them (000 §12) reaches the budget. An off-plan
    // purchase the lenders then finance less fails, and the buyer tries its next choice.
    const CreditOffer offer =
        credit_offer(pos, policy, w.levers().exogenous.lpr_5y_annual,
                     provident_centre_lends(w, pos.provident_first_loan), HomeTerms{true});
    const double credit =
        max_price(pos, offer, deed_tax_rate(policy.tax, area_m2, pos.homes_before));
    // What it wants to spend: some years of income, more when prices are expected to rise.
    // Desired spending tied to income (not to wealth or the price index) anchors the price
    // level, as in posted-price housing ABMs.
    const double desired = std::exp(b.desired_expectation_weight * expected_growth) *
                           b.desired_price_income_years * 12.0 * pos.income_month;
    return std::min(credit, desired);
}

double buyer_budget(const World& w, int32_t h, BuyerKind kind, double area_m2,
                    double expected_growth, bool new_home) {
    return buyer_budget(w, h, kind, area_m2, expected_growth, new_home, recognised_homes(w, h));
}

double buyer_budget(const World& w, int32_t h, BuyerKind kind, double area_m2,
                    double expected_growth, bool new_home, int homes_before) {
    const BuyerPosition pos =
        buyer_position(w, h, kind, purchase_aids(w, h, new_home), homes_before);
    return budget_for(w, pos, area_m2, expected_growth);
}

SalePosition position_for_sale(const World& w, int32_t h, int32_t home, int homes_before) {
    SalePosition s{buyer_position(w, h, BuyerKind::mover, purchase_aids(w, h, true), homes_before)};
    for (int32_t m = w.dw.mortgage[home]; m != -1; m = w.mg.next_on_dwelling[m]) {
        s.owed += w.mg.balance_yuan[m];
        s.pos.existing_payments_month -= w.mg.payment_month[m];
    }
    s.pos.homes_before = std::max(0, s.pos.homes_before - 1);
    s.bridging_fee = bridging_fee(w, h, s.owed);
    return s;
}

double budget_with_sale(const World& w, const SalePosition& s, double area_m2,
                        double expected_growth, double sale_value) {
    BuyerPosition pos = s.pos;
    pos.own_funds += std::max(0.0, sale_value - s.owed - s.bridging_fee);
    return budget_for(w, pos, area_m2, expected_growth);
}

double budget_after_sale(const World& w, int32_t h, int32_t home, double area_m2,
                         double expected_growth, double sale_value) {
    return budget_with_sale(w, position_for_sale(w, h, home, recognised_homes(w, h)), area_m2,
                            expected_growth, sale_value);
}

static_assert(kChunk % static_cast<int32_t>(detail::kBatch) == 0);

void household_decisions(World& w, Orders& all, Screening screening) {
    const Conditions c = conditions(w);
    const Screen screen(w, c);
    const bool screened = screening == Screening::on;
    const int32_t n = w.hh.extent();
    std::vector<Orders>& chunks = w.buffers->order_chunks;
    chunks.resize(static_cast<size_t>(chunk_count(n)));
    for_chunks(n, [&](int32_t k, int32_t begin, int32_t end) {
        Orders& out = chunks[static_cast<size_t>(k)];
        out.clear();
        // Blocks of kBatch households share one batch of first blocks (chunks start at
        // multiples of kBatch); decide() draws nothing from the batched streams.
        for (int32_t b0 = begin; b0 < end; b0 += static_cast<int32_t>(detail::kBatch)) {
            const uint32_t* words = w.rng.first_block(
                static_cast<uint32_t>(b0), static_cast<uint32_t>(w.t), RngPurpose::buy_decision);
            const int32_t nb = std::min(end - b0, static_cast<int32_t>(detail::kBatch));
            uint64_t pass = 0;
            if (screened) {
                pass = passing_block(screen, w.hh, w.hp, b0, nb, words);
            } else {
                for (int32_t i = 0; i < nb; ++i)
                    pass |= static_cast<uint64_t>(w.hh.active[b0 + i] != 0) << i;
            }
            for (; pass != 0; pass &= pass - 1) {
                const int32_t i = std::countr_zero(pass);
                decide(w, b0 + i, c, Draws(words + 4 * i), out);
            }
        }
    });
    all.clear();
    for (const Orders& o : chunks) {
        all.buyers.insert(all.buyers.end(), o.buyers.begin(), o.buyers.end());
        all.new_listings.insert(all.new_listings.end(), o.new_listings.begin(),
                                o.new_listings.end());
        all.renters.insert(all.renters.end(), o.renters.begin(), o.renters.end());
        all.tenancies_ending.insert(all.tenancies_ending.end(), o.tenancies_ending.begin(),
                                    o.tenancies_ending.end());
    }
}

Orders household_decisions(World& w, Screening screening) {
    Orders all;
    household_decisions(w, all, screening);
    return all;
}

}  // namespace housim
