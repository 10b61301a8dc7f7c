// Dwellings as struct-of-arrays. A dwelling exists from the start of its project's
// construction (use under_construction, owned by the developer) so that a presale buyer
// holds title to a definite unit; it enters the housing stock at completion.
#pragma once

#include <cstdint>
#include <vector>

namespace housim {

enum class OwnerKind : uint8_t { household = 0, developer = 1, government = 2, none = 3 };

enum class DwellingUse : uint8_t {
    owner_occupied = 0,
    rented = 1,
    vacant = 2,
    for_sale_new = 3,        // a developer's unit, completed or not
    under_construction = 4,  // sold off-plan, waiting for completion
    affordable = 5,          // closed-loop affordable housing
    demolished = 6,
};

enum class Quality : uint8_t { ordinary = 0, high = 1 };  // "好房子" is high

// How the current owner acquired it (home-count recognition rules exclude some). Legacy
// homes are self-built, reform (房改房), old affordable or resettlement homes; affordable
// ones were bought from the closed-loop affordable stock and may only be sold back to it.
enum class Acquired : uint8_t {
    initial = 0,
    new_purchase = 1,
    resale = 2,
    inherited = 3,
    legacy = 4,
    affordable = 5,
};

struct Dwellings {
    std::vector<float> area_m2;
    std::vector<uint8_t> zone;
    std::vector<uint8_t> quality;  // Quality
    std::vector<uint8_t> use;      // DwellingUse
    std::vector<uint8_t> owner_kind;
    std::vector<uint8_t> acquired;     // Acquired
    std::vector<int16_t> build_month;  // simulated month of completion (negative: before run)
    std::vector<int32_t> owner;        // household id, developer id, or -1
    std::vector<int32_t> occupant;     // household living here, -1
    std::vector<int32_t> next_owned;   // next dwelling of the same household owner, -1
    std::vector<int32_t> project;      // developer project, -1 for the initial stock
    std::vector<int16_t> purchase_month;
    std::vector<float> purchase_price_yuan;  // what the owner paid (initial stock: see init)
    std::vector<float> ask_yuan;             // resale ask price; 0 when not listed
    std::vector<int16_t> listed_month;       // simulated month listed for resale
    std::vector<int32_t> mortgage;           // first loan secured on it, -1
    // Months a lettable home has been offered for rent without a tenant (saturates at 255);
    // 0 once anyone lives there or it is listed for sale. Landlords cut the asking rent and
    // finally sell as it grows (sim/markets/rental_market.cpp).
    std::vector<uint8_t> months_vacant;

    int32_t count() const { return static_cast<int32_t>(area_m2.size()); }
    int32_t add();  // appends one dwelling with neutral fields; returns its id
    void reserve(int32_t n);
    // Both tests always (& rather than &&): scans over every dwelling count or combine it
    // without a branch.
    bool completed(int32_t d) const {
        return (build_month[d] != kNotBuilt) &
               (use[d] != static_cast<uint8_t>(DwellingUse::demolished));
    }
    static constexpr int16_t kNotBuilt = 32767;
};

}  // namespace housim
