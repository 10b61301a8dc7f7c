// Households' state for the policy programmes of MODEL.md §7 (eligibility classes, loan
// history for home-count recognition, housing vouchers, trade-in reservations, tax
// rebates). Kept apart from the hot household columns: touched only in transactions.
#pragma once

#include <emmintrin.h>

#include <bit>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <vector>

namespace housim {

// Bits of HouseholdProgrammes::eligibility. The talent class (0 none, 1..4) is in the low
// three bits.
namespace eligibility {
inline constexpr uint8_t talent_mask = 0x7;
inline constexpr uint8_t military = 1u << 3;         // current military family
inline constexpr uint8_t homes_elsewhere = 1u << 4;  // owns a home outside the city
inline constexpr uint8_t new_citizen = 1u << 5;      // arrived from outside the city
inline constexpr uint8_t talent_subsidised = 1u << 6;
inline constexpr uint8_t voucher_transferred = 1u << 7;
}  // namespace eligibility

// Bits of HouseholdProgrammes::history.
namespace loan_history {
inline constexpr uint8_t commercial = 1u << 0;  // has had a commercial mortgage
inline constexpr uint8_t provident = 1u << 1;   // has had a provident mortgage
inline constexpr uint8_t displaced = 1u << 2;   // lost its home to urban renewal
}  // namespace loan_history

// What a household holds under a programme: money and dates that only a small share of
// households has at any time (a voucher, a trade-in reservation, a rebate claim, a talent
// subsidy under its service commitment).
struct ProgrammeHolding {
    double voucher_yuan = 0;           // housing voucher (房票) held
    double iit_rebate_yuan = 0;        // income tax paid on its last sale (refundable)
    double talent_subsidy_yuan = 0;    // received, repaid if it leaves early
    double reserved_deposit_yuan = 0;  // trade-in reservation deposit
    int32_t reserved_project = -1;     // trade-in reservation, -1 none
    int16_t voucher_month = 0;         // month the voucher was issued
    int16_t reserved_month = 0;        // month the reservation was made

    bool empty() const {
        return voucher_yuan == 0 && iit_rebate_yuan == 0 && talent_subsidy_yuan == 0 &&
               reserved_deposit_yuan == 0 && reserved_project < 0;
    }
};

// Bits of HouseholdProgrammes::held: what the decisions phase must know of a household's
// holding without looking it up.
namespace held {
inline constexpr uint8_t voucher = 1u << 0;      // voucher_yuan > 0
inline constexpr uint8_t reservation = 1u << 1;  // reserved_project >= 0
}  // namespace held

// Dense columns (6 bytes per household slot) for what every household has, and a sparse
// table for the holdings: each slot's place in a pool of holdings (4 bytes per slot, -1 for
// none), places freed by departures and empty holdings reused. A dense column per holding
// cost 40 bytes per slot, a sixth of a replicate's memory, for state that at most a few
// percent of households have. The monthly programme scans walk the places in household
// order (the order the dense scans had); a look-up is one read, where the ordered map the
// table replaced walked a tree of tens of thousands of rebate claims.
struct HouseholdProgrammes {
    std::vector<uint8_t> eligibility;
    std::vector<uint8_t> history;
    std::vector<uint8_t> held;
    std::vector<int16_t> pf_loan_month;  // origination of its latest provident loan
    std::vector<int16_t> arrival_month;  // for talent windows and new-citizen status
    // Households with each bit of `held` set (kept by every change of `held`): a scan for
    // vouchers or reservations is skipped when nobody holds one.
    int32_t voucher_holders = 0;
    int32_t reservation_holders = 0;

    void resize(int32_t n);
    int talent_class(int32_t h) const { return eligibility[h] & eligibility::talent_mask; }
    bool has(int32_t h, uint8_t bit) const { return (eligibility[h] & bit) != 0; }
    void set(int32_t h, uint8_t bit, bool on) {
        eligibility[h] =
            static_cast<uint8_t>(on ? (eligibility[h] | bit) : (eligibility[h] & ~bit));
    }
    void clear(int32_t h);  // a new household in a reused slot

    bool holds_voucher(int32_t h) const { return (held[h] & held::voucher) != 0; }
    bool has_reservation(int32_t h) const { return (held[h] & held::reservation) != 0; }
    // The holding of h, or an empty one.
    const ProgrammeHolding& holding(int32_t h) const;
    double voucher_yuan(int32_t h) const { return holds_voucher(h) ? holding(h).voucher_yuan : 0; }
    int32_t reserved_project(int32_t h) const {
        return has_reservation(h) ? holding(h).reserved_project : -1;
    }

    void set_voucher(int32_t h, double yuan, int16_t month);
    void clear_voucher(int32_t h) { set_voucher(h, 0, 0); }  // spent, lapsed or passed on
    void reserve(int32_t h, int32_t project, int16_t month, double deposit_yuan);
    void end_reservation(int32_t h);  // project -1, deposit 0 (the caller moves the money)
    void set_iit_rebate(int32_t h, double yuan);
    void set_talent_subsidy(int32_t h, double yuan);
    // Drops the holding of h, which has left: its entry emptied (then pruned), no bit held.
    void forget(ProgrammeHolding& e, int32_t h) {
        e = ProgrammeHolding{};
        set_held(h, 0);
    }

    // Calls f(h, holding) for each household h with a holding, in household order. A holding
    // created during the walk for a later household is visited, one for an earlier household
    // is not (as a scan of every household would). Holdings keep their addresses while
    // others are created (the pool is a deque), so f may create and change them; entries
    // are created by the setters and never dropped by them.
    // The places are read sixteen at a time (SSE2: their sign bits), and a group's again after
    // each call, since f may create or drop holdings in it.
    template <class F>
    void for_each_holding(F&& f) {
        const auto n = static_cast<int32_t>(place_.size());
        int32_t h = 0;
        for (; h + 16 <= n; h += 16) {
            for (unsigned m = holders16(h); m != 0;) {
                const int j = std::countr_zero(m);
                f(h + j, pool_[static_cast<size_t>(place_[static_cast<size_t>(h + j)])]);
                m = holders16(h) & ~((2u << j) - 1);  // those after h + j
            }
        }
        for (; h < n; ++h) {
            if (place_[static_cast<size_t>(h)] >= 0)
                f(h, pool_[static_cast<size_t>(place_[static_cast<size_t>(h)])]);
        }
    }
    // Drops h's holding from the table (the month's prune, for empty ones; clear()).
    void drop(int32_t h);
    // Holdings in the table (for --check and tests).
    int32_t holding_count() const { return static_cast<int32_t>(pool_.size() - free_.size()); }

  private:
    // Bit j: household h + j has a holding (its place is not negative).
    unsigned holders16(int32_t h) const {
        const auto* p = reinterpret_cast<const __m128i*>(place_.data() + h);
        unsigned negative = 0;
        for (int q = 0; q < 4; ++q) {
            negative |=
                static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(_mm_loadu_si128(p + q))))
                << (4 * q);
        }
        return ~negative & 0xFFFFu;
    }
    ProgrammeHolding& entry(int32_t h);
    std::vector<int32_t> place_;         // per slot: index in pool_, or -1
    std::deque<ProgrammeHolding> pool_;  // holdings (addresses stable as it grows)
    std::vector<int32_t> free_;          // indices of pool_ free for reuse
    void set_held(int32_t h, uint8_t bits) {
        const uint8_t before = held[h];
        voucher_holders += ((bits & held::voucher) != 0) - ((before & held::voucher) != 0);
        reservation_holders +=
            ((bits & held::reservation) != 0) - ((before & held::reservation) != 0);
        held[h] = bits;
    }
    void mark(int32_t h, uint8_t bit, bool on) {
        set_held(h, static_cast<uint8_t>(on ? (held[h] | bit) : (held[h] & ~bit)));
    }
};

}  // namespace housim
