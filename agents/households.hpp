// Households as struct-of-arrays. A household id is a slot index; a slot freed by
// dissolution or out-migration is reused by a later formation or arrival (free list in
// Population). Hot columns first; cold columns (touched only in transactions) after.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace housim {

enum class Tenure : uint8_t {
    owner = 0,   // lives in a dwelling it owns
    renter = 1,  // lives in a dwelling rented from another household
    other = 2,   // dormitory, urban village, with relatives: no market dwelling
};

// Bits of Households::flags.
namespace hh_flag {
inline constexpr uint8_t unemployed = 1u << 0;
inline constexpr uint8_t pf_member = 1u << 1;        // contributes to the provident fund
inline constexpr uint8_t selling_to_move = 1u << 2;  // listed its home to buy another (sell first)
inline constexpr uint8_t wants_to_buy = 1u << 3;     // sold to move and now searches
inline constexpr uint8_t in_arrears = 1u << 4;       // missed this month's mortgage payment
inline constexpr uint8_t ever_borrowed = 1u << 5;    // has had a mortgage (认贷 rules)
inline constexpr uint8_t paid_rent = 1u << 6;        // paid this month's rent
// Lives in a dwelling the government owns (a copy of the home's owner kind, kept by
// sim/ownership.cpp: the waiting-list scan reads it without a cache miss).
inline constexpr uint8_t public_tenant = 1u << 7;
}  // namespace hh_flag

struct Households {
    // hot
    std::vector<uint8_t> active;  // 0: free slot
    std::vector<uint8_t> age;     // head's age in years
    std::vector<uint8_t> size;    // persons
    std::vector<uint8_t> children;
    std::vector<uint8_t> flags;
    std::vector<uint8_t> tenure;             // Tenure
    std::vector<uint8_t> homes_owned;        // dwellings owned in the city, incl. presold ones
    std::vector<float> income_z;             // persistent log-income deviation
    std::vector<float> income_z_exp;         // std::exp(income_z) (float), kept with income_z
    std::vector<float> income_month;         // disposable income, yuan per month
    std::vector<double> savings;             // liquid deposits, yuan
    std::vector<double> pf_balance;          // provident account, yuan (a claim on the fund)
    std::vector<uint16_t> pf_months;         // months of provident contributions (capped)
    std::vector<double> debt_payment_month;  // sum of mortgage payments due, yuan per month
    std::vector<int32_t> home;               // dwelling lived in (owned or rented), -1 none
    std::vector<float> home_area_m2;         // that dwelling's area (a copy: the decisions
                                             // read it without a cache miss), 0 if none
    // cold
    std::vector<int32_t> first_owned;      // head of this household's owned-dwelling list
    std::vector<int32_t> parent;           // household it was formed from, -1
    std::vector<int16_t> formed_month;     // simulated month the slot's household appeared
    std::vector<int16_t> last_sale_month;  // simulated month of its last home sale, -1
    std::vector<float> expectation_bias;   // personal offset to the city's expected growth

    // The household h was formed from, if it still lives here (a reused slot is not it).
    int32_t living_parent(int32_t h) const {
        const int32_t p = parent[h];
        return (p >= 0 && active[p] && formed_month[p] < formed_month[h]) ? p : -1;
    }
    int32_t capacity() const { return static_cast<int32_t>(active.size()); }
    // One past the last slot ever made active: slots from here to the capacity have always
    // been free, so loops over households stop here (same results, no work on slots that
    // were never used). Slots are taken lowest first (life_events.cpp take_slot).
    int32_t extent() const { return live_end; }
    void activate(int32_t h) {
        active[h] = 1;
        live_end = std::max(live_end, h + 1);
    }
    void resize(int32_t n);

    int32_t live_end = 0;  // see extent()
    bool has(int32_t h, uint8_t bit) const { return (flags[h] & bit) != 0; }
    // Sets the log-income deviation and its cached exponential together.
    void set_income_z(int32_t h, float z);
    void set(int32_t h, uint8_t bit, bool on) {
        flags[h] = static_cast<uint8_t>(on ? (flags[h] | bit) : (flags[h] & ~bit));
    }
};

}  // namespace housim
