// Storage helpers of the struct-of-arrays tables.
#include <cmath>

#include "agents/dwellings.hpp"
#include "agents/households.hpp"
#include "agents/mortgages.hpp"

namespace housim {

void Households::resize(int32_t n) {
    const auto m = static_cast<size_t>(n);
    active.resize(m, 0);
    age.resize(m, 0);
    size.resize(m, 0);
    children.resize(m, 0);
    flags.resize(m, 0);
    tenure.resize(m, static_cast<uint8_t>(Tenure::other));
    homes_owned.resize(m, 0);
    income_z.resize(m, 0);
    income_z_exp.resize(m, 1.0f);
    income_month.resize(m, 0);
    savings.resize(m, 0);
    pf_balance.resize(m, 0);
    pf_months.resize(m, 0);
    debt_payment_month.resize(m, 0);
    home.resize(m, -1);
    home_area_m2.resize(m, 0);
    first_owned.resize(m, -1);
    parent.resize(m, -1);
    formed_month.resize(m, -32000);
    last_sale_month.resize(m, -1);
    expectation_bias.resize(m, 0);
}

void Households::set_income_z(int32_t h, float z) {
    income_z[h] = z;
    income_z_exp[h] = std::exp(z);  // the float overload, as income is computed from a float
}

void Dwellings::reserve(int32_t n) {
    const auto m = static_cast<size_t>(n);
    area_m2.reserve(m);
    zone.reserve(m);
    quality.reserve(m);
    use.reserve(m);
    owner_kind.reserve(m);
    acquired.reserve(m);
    build_month.reserve(m);
    owner.reserve(m);
    occupant.reserve(m);
    next_owned.reserve(m);
    project.reserve(m);
    purchase_month.reserve(m);
    purchase_price_yuan.reserve(m);
    ask_yuan.reserve(m);
    listed_month.reserve(m);
    mortgage.reserve(m);
    months_vacant.reserve(m);
}

int32_t Dwellings::add() {
    area_m2.push_back(0);
    zone.push_back(0);
    quality.push_back(0);
    use.push_back(static_cast<uint8_t>(DwellingUse::vacant));
    owner_kind.push_back(static_cast<uint8_t>(OwnerKind::none));
    acquired.push_back(static_cast<uint8_t>(Acquired::initial));
    build_month.push_back(kNotBuilt);
    owner.push_back(-1);
    occupant.push_back(-1);
    next_owned.push_back(-1);
    project.push_back(-1);
    purchase_month.push_back(0);
    purchase_price_yuan.push_back(0);
    ask_yuan.push_back(0);
    listed_month.push_back(0);
    mortgage.push_back(-1);
    months_vacant.push_back(0);
    return count() - 1;
}

int32_t Mortgages::add() {
    int32_t m;
    if (!free_rows.empty()) {
        m = free_rows.back();
        free_rows.pop_back();
    } else {
        m = capacity();
        active.push_back(0);
        lender.push_back(0);
        arrears_months.push_back(0);
        borrower.push_back(-1);
        dwelling.push_back(-1);
        next_on_dwelling.push_back(-1);
        balance_yuan.push_back(0);
        rate_annual.push_back(0);
        spread_annual.push_back(0);
        payment_month.push_back(0);
        months_left.push_back(0);
        origin_month.push_back(0);
    }
    active[m] = 1;
    arrears_months[m] = 0;
    next_on_dwelling[m] = -1;
    return m;
}

void Mortgages::remove(int32_t m) {
    active[m] = 0;
    balance_yuan[m] = 0;
    payment_month[m] = 0;
    borrower[m] = -1;
    dwelling[m] = -1;
    free_rows.push_back(m);
}

double annuity_payment(double principal, double rate_annual, int months) {
    if (months <= 0 || principal <= 0) return 0;
    const double r = rate_annual / 12.0;
    if (r <= 0) return principal / months;
    return principal * r / (1.0 - std::pow(1.0 + r, -months));
}

double annuity_principal(double payment, double rate_annual, int months) {
    if (months <= 0 || payment <= 0) return 0;
    const double r = rate_annual / 12.0;
    if (r <= 0) return payment * months;
    return payment * (1.0 - std::pow(1.0 + r, -months)) / r;
}

}  // namespace housim
