#include "sim/month/life_events.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

#include "agents/household_rules.hpp"
#include "sim/core/cpu_clones.hpp"
#include "sim/core/lanes.hpp"
#include "sim/core/parallel.hpp"
#include "sim/init/init_city.hpp"
#include "sim/markets/ownership.hpp"
#include "sim/markets/transactions.hpp"
#include "sim/markets/valuation.hpp"
#include "sim/month/month_buffers.hpp"
#include "sim/month/programmes.hpp"

namespace housim {

namespace {

double migration_age_factor(int age) {
    return age < 35 ? 2.0 : (age < 55 ? 0.8 : 0.4);
}

// Income buckets of the job hazards: log-income deviations z in [kJobZLow, -kJobZLow) in
// steps of 1 / kJobPerZ, the ends open. The same arithmetic for one household and for four
// in lanes (truncation towards zero, then the clamp), so both give the same bucket.
constexpr int kJobBuckets = 64;
constexpr double kJobZLow = -2.4;
constexpr double kJobPerZ = kJobBuckets / 4.8;

inline int64_t job_bucket(float z) {
    const auto k = static_cast<int64_t>((static_cast<double>(z) - kJobZLow) * kJobPerZ);
    return std::clamp<int64_t>(k, 0, kJobBuckets - 1);
}
[[gnu::always_inline]] inline lanes::I4 job_bucket(lanes::D4 z) {
    lanes::I4 k = __builtin_convertvector((z - kJobZLow) * kJobPerZ, lanes::I4);
    k = k < 0 ? 0 : k;
    return k > kJobBuckets - 1 ? kJobBuckets - 1 : k;
}

// This month's city-wide inputs of the household loop, with the age-dependent terms
// tabulated by age (the same expressions, evaluated once per age instead of once per
// household: the values are identical).
struct MonthTables {
    int birthday_residue = 0;  // households h with h % 12 == this residue age this month
    double rho = 0;            // AR(1) coefficient of log income
    double innovation_sd = 0;  // sd of the annual log-income innovation
    // Job loss and finding by the household's income bucket (job_bucket).
    std::array<double, kJobBuckets> job_find{};
    std::array<double, kJobBuckets> job_loss{};
    double replacement = 0;  // unemployment benefit over income
    double birth = 0;        // monthly birth probability, heads aged 22-39
    double p_form = 0;       // monthly formation probability of an eligible household
    std::array<double, 256> income_base{};                // income base x age profile, by age
    std::array<double, 256> mortality{};                  // monthly mortality, by age
    std::array<std::array<double, 256>, 2> emigration{};  // monthly, by [owner][age]
    // The same probabilities as word thresholds (RngStream::words_below), for quiet_group.
    std::array<uint64_t, kJobBuckets> job_find_words{};
    std::array<uint64_t, kJobBuckets> job_loss_words{};
    uint64_t birth_words = 0;
    uint64_t form_words = 0;
    std::array<uint64_t, 256> mortality_words{};
    std::array<uint64_t, 512> emigration_words{};  // [256 x owner + age]
};

struct JobHazards {
    double loss = 0;
    double find = 0;
};

// Job loss and finding in income bucket k, at the bucket's middle z: each is its base
// hazard times exp(-+g z) in standard deviations, normalised by the mean of exp(+-g Z) over
// a normal Z (exp(g^2 / 2)) so that the city's mean hazards stay the base ones.
JobHazards job_hazards(const World& w, int k) {
    const BehaviourParams& b = w.scenario.behaviour;
    const ExogenousParams& e = w.levers().exogenous;
    const double sd = w.scenario.city.income_log_sd;
    const double g = b.job_income_gradient;
    const double norm = std::exp(0.5 * g * g);
    const double z = (kJobZLow + (k + 0.5) / kJobPerZ) / sd;  // in standard deviations
    return {std::min(1.0, b.job_loss_month * e.job_loss_multiplier * std::exp(-g * z) / norm),
            std::min(1.0, b.job_find_month * e.job_find_multiplier * std::exp(g * z) / norm)};
}

MonthTables month_tables(const World& w, double p_form) {
    const BehaviourParams& b = w.scenario.behaviour;
    const ExogenousParams& e = w.levers().exogenous;
    MonthTables m;
    m.birthday_residue = w.calendar_month() - 1;
    m.rho = b.income_persistence_annual;
    m.innovation_sd = w.scenario.city.income_log_sd * std::sqrt(1.0 - m.rho * m.rho);
    // Each bucket's hazards at its middle z, normalised by the mean of exp(+-g Z) over a
    // normal Z (exp(g^2 / 2)): the city's mean hazards stay the base ones.
    for (int k = 0; k < kJobBuckets; ++k) {
        const auto i = static_cast<size_t>(k);
        const JobHazards j = job_hazards(w, k);
        m.job_loss[i] = j.loss;
        m.job_find[i] = j.find;
        m.job_loss_words[i] = RngStream::words_below(m.job_loss[i]);
        m.job_find_words[i] = RngStream::words_below(m.job_find[i]);
    }
    m.replacement = b.unemployment_replacement;
    m.birth = b.birth_annual / 12.0;
    m.p_form = p_form;
    for (int age = 0; age < 256; ++age) {
        const auto a = static_cast<size_t>(age);
        m.income_base[a] = w.market.income_base_month * income_age_profile(age);
        m.mortality[a] = mortality_annual(age, b.mortality_scale) / 12.0;
        // Owners leave far less often than renters (assumption: a quarter of the rate).
        m.emigration[0][a] = e.out_migration_annual / 12.0 * migration_age_factor(age) * 1.0;
        m.emigration[1][a] = e.out_migration_annual / 12.0 * migration_age_factor(age) * 0.25;
        m.mortality_words[a] = RngStream::words_below(m.mortality[a]);
        m.emigration_words[a] = RngStream::words_below(m.emigration[0][a]);
        m.emigration_words[256 + a] = RngStream::words_below(m.emigration[1][a]);
    }
    m.birth_words = RngStream::words_below(m.birth);
    m.form_words = RngStream::words_below(m.p_form);
    return m;
}

// The household columns the loop reads and writes, as local pointers: byte-sized stores
// (age, size, children, flags) may alias anything, so through the vectors the compiler
// would reload every column pointer after each one.
struct LifeColumns {
    const uint8_t* active;
    uint8_t* age;
    uint8_t* size;
    uint8_t* children;
    uint8_t* flags;
    const uint8_t* homes_owned;
    float* income_z;
    float* income_z_exp;
    float* income_month;

    explicit LifeColumns(Households& hh)
        : active(hh.active.data()),
          age(hh.age.data()),
          size(hh.size.data()),
          children(hh.children.data()),
          flags(hh.flags.data()),
          homes_owned(hh.homes_owned.data()),
          income_z(hh.income_z.data()),
          income_z_exp(hh.income_z_exp.data()),
          income_month(hh.income_month.data()) {}
};

// Draws this month's events for one household; updates its own fields only.
void household_month(const World& w, const LifeColumns& c, const MonthTables& m, int32_t h,
                     LifeEventsChunk& out) {
    const auto entity = static_cast<uint32_t>(h);
    const auto month = static_cast<uint32_t>(w.t);
    RngStream s = w.rng.stream(entity, month, RngPurpose::life_events);
    // Birthdays and the annual income innovation fall in the household's own month.
    if (static_cast<int>(h % 12) == m.birthday_residue) {
        c.age[h] = static_cast<uint8_t>(std::min(c.age[h] + 1, 99));
        RngStream si = w.rng.stream(entity, month, RngPurpose::income_shock);
        const auto z = static_cast<float>(m.rho * c.income_z[h] + m.innovation_sd * si.normal());
        c.income_z[h] = z;
        c.income_z_exp[h] = std::exp(z);  // as Households::set_income_z
    }
    uint8_t flags = c.flags[h];
    const bool unemployed = (flags & hh_flag::unemployed) != 0;
    const double u_job = s.uniform();
    const auto bucket = static_cast<size_t>(job_bucket(c.income_z[h]));
    if (unemployed ? u_job < m.job_find[bucket] : u_job < m.job_loss[bucket]) {
        flags = static_cast<uint8_t>(flags ^ hh_flag::unemployed);
        c.flags[h] = flags;
    }
    const int age = c.age[h];
    const double base = m.income_base[static_cast<size_t>(age)] * c.income_z_exp[h];
    c.income_month[h] =
        static_cast<float>((flags & hh_flag::unemployed) != 0 ? base * m.replacement : base);

    uint8_t size = c.size[h];
    uint8_t children = c.children[h];
    if (age >= 22 && age < 40 && size < 6 && s.uniform() < m.birth) {
        children += 1;
        size += 1;
        c.children[h] = children;
        c.size[h] = size;
    }
    if (s.uniform() < m.mortality[static_cast<size_t>(age)]) {
        if (size <= 1) {
            out.events.push_back({h, LifeEvent::dissolve});
            return;
        }
        size -= 1;
        children = static_cast<uint8_t>(std::min<int>(children, size - 1));
        c.size[h] = size;
        c.children[h] = children;
    }
    if (s.uniform() < m.emigration[c.homes_owned[h] > 0 ? 1 : 0][static_cast<size_t>(age)]) {
        out.events.push_back({h, LifeEvent::emigrate});
        return;
    }
    if (children > 0 && age >= 45) {  // can form a child household
        out.formation_eligible += 1;
        if (s.uniform() < m.p_form) out.events.push_back({h, LifeEvent::form_child});
    }
}

// Quiet households: those none of whose events falls due this month (no birthday, and each
// draw of the life_events stream above its probability: the same words and probabilities as
// household_month, which takes them in the same order, compared as words, which is exact).
// A quiet household's month is its income, set exactly as household_month would set it, and
// its eligibility to form a child household, counted; about nine in ten are quiet. Four
// households at a time (sim/lanes.hpp): returns the lanes (bit j: household h + j) of active
// households that are not quiet and need household_month.
[[gnu::always_inline]] inline uint64_t quiet_group(const LifeColumns& c, const MonthTables& m,
                                                   int32_t h, int k, const uint32_t* x,
                                                   int birthday_lane, int& formation_eligible) {
    using lanes::I4;
    const I4 on = lanes::load(c.active + h, k) != 0;
    const I4 age = lanes::load(c.age + h, k);
    const I4 flags = lanes::load(c.flags + h, k);
    const lanes::Words4 words = lanes::words4(x);  // word j of lane l is x[4 l + j]
    const I4 x0 = words.w[0];
    const I4 x1 = words.w[1];
    const I4 x2 = words.w[2];
    const I4 x3 = words.w[3];
    const I4 lane{0, 1, 2, 3};
    const I4 unemployed = (flags & hh_flag::unemployed) != 0;
    const I4 bucket = job_bucket(lanes::load_f(c.income_z + h, k));
    const I4 job = unemployed ? lanes::gather(m.job_find_words.data(), bucket)
                              : lanes::gather(m.job_loss_words.data(), bucket);
    const I4 can_birth = (age >= 22) & (age < 40) & (lanes::load(c.size + h, k) < 6);
    // Mortality and emigration take the next words after the birth draw, if any; only
    // heads aged 45 and over can form a child household, so its draw is always word 3.
    const I4 x_death = can_birth ? x2 : x1;
    const I4 x_leave = can_birth ? x3 : x2;
    const I4 can_form = (lanes::load(c.children + h, k) > 0) & (age >= 45);
    const I4 owner = (lanes::load(c.homes_owned + h, k) > 0) & 1;
    const I4 event = (lane == birthday_lane) | (x0 < job) |
                     (can_birth & (x1 < static_cast<int64_t>(m.birth_words))) |
                     (x_death < lanes::gather(m.mortality_words.data(), age)) |
                     (x_leave < lanes::gather(m.emigration_words.data(), owner * 256 + age)) |
                     (can_form & (x3 < static_cast<int64_t>(m.form_words)));
    const lanes::D4 base =
        lanes::gather_d(m.income_base.data(), age) * lanes::load_f(c.income_z_exp + h, k);
    const I4 quiet = on & ~event;
    lanes::store_f_where(c.income_month + h, quiet, unemployed ? base * m.replacement : base, k);
    const I4 counted = quiet & can_form & 1;
    formation_eligible += static_cast<int>(counted[0] + counted[1] + counted[2] + counted[3]);
    const I4 loud = on & event & 1;
    return static_cast<uint64_t>(loud[0] | loud[1] << 1 | loud[2] << 2 | loud[3] << 3);
}

// quiet_group over households [b0, b0 + n) (n <= 64) whose first blocks are words; bit i of
// the result is household b0 + i. Clones for AVX-512 and AVX2 process the four lanes per
// instruction; every clone gives the same bits (integer tests; products as in the scalar
// rule, no fused multiply-adds).
HOUSIM_CPU_CLONES uint64_t quiet_block(const LifeColumns& c, const MonthTables& m, int32_t b0,
                                       int32_t n, const uint32_t* words, int& formation_eligible) {
    uint64_t loud = 0;
    // The lane of the first household of a group of four whose birthday month this is, if
    // any: h % 12 == residue.
    int first_residue = b0 % 12;
    for (int32_t i = 0; i < n; i += 4) {
        const int birthday_lane = (m.birthday_residue - first_residue + 12) % 12;
        loud |= quiet_group(c, m, b0 + i, std::min(4, n - i), words + 4 * i, birthday_lane,
                            formation_eligible)
                << i;
        first_residue = (first_residue + 4) % 12;
    }
    return loud;
}

int32_t take_slot(World& w) {
    if (w.free_households.empty()) {
        const int32_t h = w.hh.capacity();
        w.resize_households(h + h / 8 + 64);
        for (int32_t k = w.hh.capacity() - 1; k > h; --k)
            w.free_households.push_back(k);
        return h;
    }
    const int32_t h = w.free_households.back();
    w.free_households.pop_back();
    return h;
}

void set_income(World& w, int32_t h) {
    w.hh.income_month[h] = static_cast<float>(
        w.market.income_base_month * income_age_profile(w.hh.age[h]) * w.hh.income_z_exp[h]);
}

// An estate with no heir in the city, or an emigrating household: homes are put up for
// sale with nobody as owner; money leaves the city.
void leave_city(World& w, int32_t h) {
    settle_programmes_on_departure(w, h);
    Households& hh = w.hh;
    for (int32_t d = hh.first_owned[h]; d != -1;) {
        const int32_t next = w.dw.next_owned[d];
        if (w.dw.occupant[d] == h) move_out(w, h);
        clear_title(w, d);
        for (int32_t m = w.dw.mortgage[d]; m != -1; m = w.mg.next_on_dwelling[m]) {
            w.mg.borrower[m] = -1;  // repaid from the sale
        }
        if (w.dw.completed(d)) {
            list_for_resale(w, d, market_value(w, d) * (1.0 + w.market.resale_markup));
        }
        d = next;
    }
    move_out(w, h);
    w.pf.cash_yuan -= hh.pf_balance[h];
    w.ledger.add(Flow::departures, -(hh.savings[h] + hh.pf_balance[h]));
    hh.savings[h] = 0;
    hh.pf_balance[h] = 0;
    hh.debt_payment_month[h] = 0;
    hh.active[h] = 0;
    w.free_households.push_back(h);
}

int32_t find_heir(const World& w, int32_t h, RngStream& s) {
    for (int tries = 0; tries < 16; ++tries) {
        const auto c =
            static_cast<int32_t>(s.uniform_index(static_cast<uint32_t>(w.hh.capacity())));
        if (c != h && w.hh.active[c] && w.hh.age[c] >= 30 && w.hh.age[c] <= 65) return c;
    }
    return -1;
}

void dissolve(World& w, int32_t h) {
    RngStream s =
        w.rng.stream(static_cast<uint32_t>(h), static_cast<uint32_t>(w.t), RngPurpose::inheritance);
    const int32_t heir =
        s.uniform() < w.scenario.behaviour.heir_local_share ? find_heir(w, h, s) : -1;
    if (heir < 0) return leave_city(w, h);
    settle_programmes_on_departure(w, h);
    Households& hh = w.hh;
    move_out(w, h);
    for (int32_t d = hh.first_owned[h]; d != -1;) {
        const int32_t next = w.dw.next_owned[d];
        give_title_to_household(w, d, heir, Acquired::inherited);
        for (int32_t m = w.dw.mortgage[d]; m != -1; m = w.mg.next_on_dwelling[m]) {
            w.mg.borrower[m] = heir;
            hh.debt_payment_month[heir] += w.mg.payment_month[m];
        }
        d = next;
    }
    w.pf.cash_yuan -= hh.pf_balance[h];
    hh.savings[heir] += hh.savings[h] + hh.pf_balance[h];
    hh.savings[h] = 0;
    hh.pf_balance[h] = 0;
    hh.debt_payment_month[h] = 0;
    hh.active[h] = 0;
    w.free_households.push_back(h);
}

void form_child(World& w, int32_t parent) {
    Households& hh = w.hh;
    const int32_t h = take_slot(w);
    RngStream s =
        w.rng.stream(static_cast<uint32_t>(h), static_cast<uint32_t>(w.t), RngPurpose::formation);
    draw_new_household(w, h, s, 22, 30, 0.4 * hh.income_z[parent]);
    draw_eligibility(w, h, false);
    hh.parent[h] = parent;
    hh.formed_month[h] = static_cast<int16_t>(w.t);
    hh.children[parent] -= 1;
    hh.size[parent] = static_cast<uint8_t>(std::max(1, hh.size[parent] - 1));
    set_income(w, h);
    // A start from the parents, and the young adult's own small savings (earned before, in
    // the income flows of the parent household).
    const double gift = 0.05 * std::max(0.0, hh.savings[parent]);
    hh.savings[parent] -= gift;
    hh.savings[h] = gift;
}

void arrive(World& w, uint32_t k) {
    const int32_t h = take_slot(w);
    RngStream s = w.rng.stream(k, static_cast<uint32_t>(w.t), RngPurpose::migration_in);
    draw_new_household(w, h, s, 22, 45, 0.0);
    draw_eligibility(w, h, true);
    w.hh.formed_month[h] = static_cast<int16_t>(w.t);
    set_income(w, h);
    w.hh.savings[h] = 12.0 * w.hh.income_month[h] * (0.3 + 1.2 * s.uniform());
    w.ledger.add(Flow::arrivals, w.hh.savings[h]);
}

static_assert(kChunk % static_cast<int32_t>(detail::kBatch) == 0);

}  // namespace

double stationary_unemployment(const World& w, float income_z) {
    const JobHazards j = job_hazards(w, static_cast<int>(job_bucket(income_z)));
    return j.loss + j.find > 0 ? j.loss / (j.loss + j.find) : 0.0;
}

void run_life_events(World& w, Screening screening) {
    Households& hh = w.hh;
    const int32_t n = hh.extent();
    int active = 0;
    for (int32_t h = 0; h < n; ++h)
        active += hh.active[h];
    const MarketState& market = w.market;
    const double real_rent =
        market.income_base_start > 0 && market.income_base_month > 0
            ? (market.rent_index / 100.0) / (market.income_base_month / market.income_base_start)
            : 1.0;
    const double p_form = std::min(1.0, w.levers().exogenous.formation_annual / 12.0 * active /
                                            std::max(1, w.formation_eligible) *
                                            formation_rent_factor(w.scenario.behaviour, real_rent));

    const MonthTables tables = month_tables(w, p_form);
    std::vector<LifeEventsChunk>& chunks = w.buffers->life_events;
    chunks.resize(static_cast<size_t>(chunk_count(n)));
    for_chunks(n, [&](int32_t c, int32_t begin, int32_t end) {
        LifeEventsChunk& out = chunks[static_cast<size_t>(c)];
        out.events.clear();
        out.formation_eligible = 0;
        const LifeColumns columns(hh);
        // Blocks of kBatch households share one batch of first blocks (chunks start at
        // multiples of kBatch); household_month makes its stream from the same batch.
        for (int32_t b0 = begin; b0 < end; b0 += static_cast<int32_t>(detail::kBatch)) {
            const uint32_t* words = w.rng.first_block(
                static_cast<uint32_t>(b0), static_cast<uint32_t>(w.t), RngPurpose::life_events);
            const int32_t nb = std::min(end - b0, static_cast<int32_t>(detail::kBatch));
            uint64_t loud = 0;
            if (screening == Screening::on) {
                loud = quiet_block(columns, tables, b0, nb, words, out.formation_eligible);
            } else {
                for (int32_t i = 0; i < nb; ++i)
                    loud |= static_cast<uint64_t>(columns.active[b0 + i] != 0) << i;
            }
            for (; loud != 0; loud &= loud - 1)
                household_month(w, columns, tables, b0 + std::countr_zero(loud), out);
        }
    });

    // Apply in chunk order: deterministic whatever the thread count.
    int eligible = 0;
    for (const LifeEventsChunk& c : chunks) {
        eligible += c.formation_eligible;
        for (const LifeEventRecord& r : c.events) {
            if (!hh.active[r.h]) continue;  // an heir chosen earlier may have left since
            switch (r.event) {
                case LifeEvent::dissolve:
                    dissolve(w, r.h);
                    break;
                case LifeEvent::emigrate:
                    leave_city(w, r.h);
                    break;
                case LifeEvent::form_child:
                    if (hh.children[r.h] > 0) form_child(w, r.h);
                    break;
            }
        }
    }
    w.formation_eligible = eligible;

    // Arrivals: the expected number, rounded stochastically.
    RngStream s = w.rng.stream(0, static_cast<uint32_t>(w.t), RngPurpose::migration_in);
    const double expected = w.levers().exogenous.in_migration_annual / 12.0 * active;
    const auto arrivals = static_cast<uint32_t>(expected + s.uniform());
    for (uint32_t k = 1; k <= arrivals; ++k)
        arrive(w, k);
}

}  // namespace housim
