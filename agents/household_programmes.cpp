#include "agents/household_programmes.hpp"

#include <cstddef>

namespace housim {

namespace {
const ProgrammeHolding none{};
}  // namespace

void HouseholdProgrammes::resize(int32_t n) {
    const auto m = static_cast<std::size_t>(n);
    eligibility.resize(m, 0);
    history.resize(m, 0);
    held.resize(m, 0);
    pf_loan_month.resize(m, -32768);
    arrival_month.resize(m, -32768);
    place_.resize(m, -1);
}

void HouseholdProgrammes::clear(int32_t h) {
    eligibility[h] = 0;
    history[h] = 0;
    set_held(h, 0);
    pf_loan_month[h] = -32768;
    arrival_month[h] = -32768;
    drop(h);
}

const ProgrammeHolding& HouseholdProgrammes::holding(int32_t h) const {
    const int32_t k = place_[static_cast<size_t>(h)];
    return k < 0 ? none : pool_[static_cast<size_t>(k)];
}

ProgrammeHolding& HouseholdProgrammes::entry(int32_t h) {
    int32_t& k = place_[static_cast<size_t>(h)];
    if (k < 0) {
        if (free_.empty()) {
            k = static_cast<int32_t>(pool_.size());
            pool_.emplace_back();
        } else {
            k = free_.back();
            free_.pop_back();
            pool_[static_cast<size_t>(k)] = ProgrammeHolding{};
        }
    }
    return pool_[static_cast<size_t>(k)];
}

void HouseholdProgrammes::drop(int32_t h) {
    int32_t& k = place_[static_cast<size_t>(h)];
    if (k < 0) return;
    free_.push_back(k);
    k = -1;
}

void HouseholdProgrammes::set_voucher(int32_t h, double yuan, int16_t month) {
    if (yuan == 0 && place_[static_cast<size_t>(h)] < 0) return;
    ProgrammeHolding& e = entry(h);
    e.voucher_yuan = yuan;
    e.voucher_month = month;
    mark(h, held::voucher, yuan > 0);
}

void HouseholdProgrammes::reserve(int32_t h, int32_t project, int16_t month, double deposit_yuan) {
    ProgrammeHolding& e = entry(h);
    e.reserved_project = project;
    e.reserved_month = month;
    e.reserved_deposit_yuan = deposit_yuan;
    mark(h, held::reservation, project >= 0);
}

void HouseholdProgrammes::end_reservation(int32_t h) {
    if (place_[static_cast<size_t>(h)] < 0) return;
    ProgrammeHolding& e = entry(h);
    e.reserved_project = -1;
    e.reserved_deposit_yuan = 0;
    mark(h, held::reservation, false);
}

void HouseholdProgrammes::set_iit_rebate(int32_t h, double yuan) {
    if (yuan == 0 && place_[static_cast<size_t>(h)] < 0) return;
    entry(h).iit_rebate_yuan = yuan;
}

void HouseholdProgrammes::set_talent_subsidy(int32_t h, double yuan) {
    if (yuan == 0 && place_[static_cast<size_t>(h)] < 0) return;
    entry(h).talent_subsidy_yuan = yuan;
}

}  // namespace housim
