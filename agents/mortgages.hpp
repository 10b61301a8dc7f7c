// Mortgage loans as struct-of-arrays, one row per loan. A purchase financed by a
// combination loan (组合贷) has two rows on the same dwelling: provident and commercial.
// Rows of repaid loans are reused through a free list.
#pragma once

#include <cstdint>
#include <vector>

namespace housim {

enum class Lender : uint8_t { commercial = 0, provident = 1 };

struct Mortgages {
    std::vector<uint8_t> active;
    std::vector<uint8_t> lender;          // Lender
    std::vector<uint8_t> arrears_months;  // installments missed and not yet made up
    std::vector<int32_t> borrower;
    std::vector<int32_t> dwelling;
    std::vector<int32_t> next_on_dwelling;  // second loan on the same dwelling, -1
    std::vector<double> balance_yuan;
    std::vector<float> rate_annual;
    // Fixed at origination: the rate over its reference, the 5-year LPR for a commercial
    // loan (LPR-linked since 2020), the first-home >5-year provident rate for a provident
    // loan (the four provident rates have moved together). The rate resets to the reference
    // then in force plus this on each repricing date (sim/month/finance_upkeep.cpp).
    std::vector<float> spread_annual;
    std::vector<float> payment_month;  // level annuity payment, yuan per month
    std::vector<int16_t> months_left;
    std::vector<int16_t> origin_month;  // simulated month of origination
    std::vector<int32_t> free_rows;

    int32_t capacity() const { return static_cast<int32_t>(active.size()); }
    int32_t add();  // a cleared row, reused or appended
    void remove(int32_t m);
};

// Level payment of an annuity loan; rate_annual may be zero.
double annuity_payment(double principal, double rate_annual, int months);
// Principal that a level payment can service.
double annuity_principal(double payment, double rate_annual, int months);

}  // namespace housim
