#include "agents/recognition.hpp"

#include <algorithm>

namespace housim {

int recognised_homes_before(const Holdings& h, const Recognition& r) {
    // 认房: homes owned, less the kinds the rules exclude.
    int homes = h.local_homes;
    if (r.exclude_inherited) homes -= h.inherited_homes;
    if (r.exclude_legacy) homes -= h.legacy_homes;
    if (r.first_hand_only) {
        homes -= h.resale_homes;  // the registry certifies first-hand homes only
    } else if (r.exclude_paid_off_resale) {
        homes -= h.paid_off_resale_homes;
    }
    if (!r.local_homes_only && h.homes_elsewhere) homes += 1;
    homes = std::max(0, homes);
    // 认贷: a loan on record makes the purchase at least a second one, unless it was repaid
    // and repaid loans no longer count, or it is a provident loan older than the cutoff.
    if (r.count_mortgage_history) {
        bool counted =
            h.commercial_history || (h.provident_history && !h.provident_loans_all_before_cutoff);
        if (r.paid_off_loans_not_counted) counted = counted && h.mortgage_outstanding;
        if (counted) homes = std::max(homes, 1);
    }
    // Families with two or more children have homes discounted (核减).
    if (h.children >= 2) homes = std::max(0, homes - r.multi_child_discount);
    // A household with one home buying another to improve its housing buys it on first-home
    // terms (首改房按首套房认定). Every second purchase is taken as an upgrade: investors with
    // one home are few.
    if (r.upgrade_as_first && homes == 1) homes = 0;
    return homes;
}

}  // namespace housim
