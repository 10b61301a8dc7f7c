// Households' state for the policy programmes of MODEL.md §7 (eligibility classes, loan
// history for home-count recognition, housing vouchers, trade-in reservations, tax
// rebates). Kept apart from the hot household columns: touched only in transactions.
#pragma once

#include <cstdint>
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

struct HouseholdProgrammes {
    std::vector<uint8_t> eligibility;
    std::vector<uint8_t> history;
    std::vector<int16_t> pf_loan_month;       // origination of its latest provident loan
    std::vector<int16_t> arrival_month;       // for talent windows and new-citizen status
    std::vector<double> voucher_yuan;         // housing voucher (房票) held
    std::vector<int16_t> voucher_month;       // month it was issued
    std::vector<double> iit_rebate_yuan;      // income tax paid on its last sale (refundable)
    std::vector<double> talent_subsidy_yuan;  // received, repaid if it leaves early
    std::vector<int32_t> reserved_project;    // trade-in reservation, -1 none
    std::vector<int16_t> reserved_month;
    std::vector<double> reserved_deposit_yuan;

    void resize(int32_t n);
    int talent_class(int32_t h) const { return eligibility[h] & eligibility::talent_mask; }
    bool has(int32_t h, uint8_t bit) const { return (eligibility[h] & bit) != 0; }
    void set(int32_t h, uint8_t bit, bool on) {
        eligibility[h] =
            static_cast<uint8_t>(on ? (eligibility[h] | bit) : (eligibility[h] & ~bit));
    }
    void clear(int32_t h);  // a new household in a reused slot
};

}  // namespace housim
