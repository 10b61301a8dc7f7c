// Households' state for the policy programmes of MODEL.md §7 (eligibility classes, loan
// history for home-count recognition, housing vouchers, trade-in reservations, tax
// rebates). Kept apart from the hot household columns: touched only in transactions.
#pragma once

#include <cstdint>
#include <map>
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
// table ordered by household index for the holdings. A dense column per holding cost 40
// bytes per slot, a sixth of a replicate's memory, for state that at most a few percent of
// households have; the ordered table keeps the monthly programme scans in household order
// (the order the dense scans had) and makes them visit only the holders.
struct HouseholdProgrammes {
    std::vector<uint8_t> eligibility;
    std::vector<uint8_t> history;
    std::vector<uint8_t> held;
    std::vector<int16_t> pf_loan_month;  // origination of its latest provident loan
    std::vector<int16_t> arrival_month;  // for talent windows and new-citizen status
    // Entries are created by the setters below and never erased by them (a scan may hold an
    // iterator); the month's prune (sim/programmes.cpp) drops the empty ones, clear() a
    // departed household's.
    std::map<int32_t, ProgrammeHolding> holdings;
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

  private:
    ProgrammeHolding& entry(int32_t h) { return holdings[h]; }
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
