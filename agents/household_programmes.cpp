#include "agents/household_programmes.hpp"

#include <cstddef>

namespace housim {

void HouseholdProgrammes::resize(int32_t n) {
    const auto m = static_cast<std::size_t>(n);
    eligibility.resize(m, 0);
    history.resize(m, 0);
    pf_loan_month.resize(m, -32768);
    arrival_month.resize(m, -32768);
    voucher_yuan.resize(m, 0);
    voucher_month.resize(m, 0);
    iit_rebate_yuan.resize(m, 0);
    talent_subsidy_yuan.resize(m, 0);
    reserved_project.resize(m, -1);
    reserved_month.resize(m, 0);
    reserved_deposit_yuan.resize(m, 0);
}

void HouseholdProgrammes::clear(int32_t h) {
    eligibility[h] = 0;
    history[h] = 0;
    pf_loan_month[h] = -32768;
    arrival_month[h] = -32768;
    voucher_yuan[h] = 0;
    voucher_month[h] = 0;
    iit_rebate_yuan[h] = 0;
    talent_subsidy_yuan[h] = 0;
    reserved_project[h] = -1;
    reserved_month[h] = 0;
    reserved_deposit_yuan[h] = 0;
}

}  // namespace housim
