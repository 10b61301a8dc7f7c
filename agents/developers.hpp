// Developers, their land bank (parcels) and their projects. These are few (tens of
// developers, hundreds of projects) and touched once a month each, so plain
// arrays of structs are clearer than struct-of-arrays here.
#pragma once

#include <cstdint>
#include <vector>

namespace housim {

enum class Rating : uint8_t { A = 0, B = 1, C = 2 };
enum class Distress : uint8_t { normal = 0, stalled = 1, defaulted = 2 };

struct Developer {
    double cash_yuan = 0;
    double loan_yuan = 0;  // development loans outstanding
    Rating rating = Rating::B;
    bool white_list = true;
    Distress distress = Distress::normal;
    int16_t stall_months = 0;  // consecutive months with a stalled project
    int16_t entry_month = 0;
    bool soe = false;  // a state rescuer that completes stalled projects
};

// Land held by a developer or still with the government, in floor area (parcel area x plot
// ratio), which is what the land plan and the digestion cycle count.
struct Parcel {
    int32_t holder = -1;  // developer id; -1 while the government holds it
    uint8_t zone = 0;
    float floor_area_m2 = 0;
    double price_yuan = 0;        // contract price
    double paid_yuan = 0;         // paid so far
    double installment_yuan = 0;  // monthly installment after the first payment
    int16_t purchase_month = 0;   // simulated month of the auction
    int16_t offered = 0;          // times offered without a sale
    int16_t rest_until = 0;       // not offered again before this simulated month
    int16_t arrears_months = 0;   // consecutive missed installments
    bool started = false;
    bool retired = false;            // started, recovered or otherwise gone from the land bank
    bool quality_condition = false;  // sold on condition of high quality (定品质, 003 §1(2))
};

enum class Stage : uint8_t {
    construction = 0,  // before the presale condition
    presale = 1,       // permitted for sale, not complete
    completed = 2,
};

struct Project {
    int32_t developer = -1;
    int32_t parcel = -1;
    uint8_t zone = 0;
    uint8_t quality = 0;
    Stage stage = Stage::construction;
    bool stalled = false;
    float unit_area_m2 = 0;
    int32_t units = 0;
    int32_t first_dwelling = 0;   // dwellings first_dwelling .. first_dwelling + units - 1
    int32_t units_sold = 0;       // to households
    int32_t units_acquired = 0;   // by the SOE acquirer, or handed over as the affordable quota
    int32_t units_reserved = 0;   // held for trade-in reservations (unsold, not on offer)
    int16_t land_month = -32768;  // simulated month its land was sold (sales rule by date)
    int16_t start_month = 0;
    int16_t stall_months = 0;
    int16_t filing_month = -1;  // completion filing, when the last escrow is released
    float progress = 0;         // construction progress 0..1
    double cost_per_m2_yuan = 0;
    double list_price_per_m2 = 0;
    double filed_price_per_m2 = 0;    // list price filed at launch (price-filing rules)
    double escrow_yuan = 0;           // presale money held in the supervised account
    double escrow_paid_in_yuan = 0;   // all presale money ever paid in
    double escrow_released_yuan = 0;  // released to the developer so far
    double loan_yuan = 0;             // development loan drawn for this project
    double guarantee_yuan = 0;        // bank guarantee standing in for supervised escrow
    float recent_sales = 0;           // exponentially smoothed units sold per month
    int32_t month_sales = 0;          // units sold this month

    int32_t unsold() const { return units - units_sold - units_acquired; }
    int32_t available() const { return unsold() - units_reserved; }  // on offer
    double floor_area_m2() const { return static_cast<double>(units) * unit_area_m2; }
    bool permitted() const { return stage != Stage::construction; }
    // Units are sold in order; reserved units are the next ones after those sold.
    int32_t next_unsold_dwelling() const { return first_dwelling + units_sold + units_acquired; }
    int32_t next_available_dwelling() const { return next_unsold_dwelling() + units_reserved; }
};

}  // namespace housim
