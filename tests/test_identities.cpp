// The identities of MODEL.md §10 hold every month of a small default city, and a broken
// state is caught by the check with the identity, month and replicate named.
#include <gtest/gtest.h>

#include "sim/core/errors.hpp"
#include "sim/month/accounting.hpp"
#include "sim/month/step.hpp"
#include "sim/run/runner.hpp"
#include "sim/world.hpp"
#include "tests/small_world.hpp"

namespace housim {
namespace {

TEST(Identities, HoldEveryMonthOfTheDefaultCity) {
    const Scenario s = test::small_city({{"run.months", "60"}});
    EXPECT_NO_THROW(run_replicate(s, 0, true));
    EXPECT_NO_THROW(run_replicate(s, 1, true));
}

TEST(Identities, BrokenOwnershipIsCaught) {
    const Scenario s = test::small_city();
    World w(s, 3);
    w.t = 0;
    step_month(w, true);
    w.t = 1;
    step_month(w, true);
    // Give a household's dwelling to nobody behind the owners' lists' back.
    for (int32_t d = 0; d < w.dw.count(); ++d) {
        if (w.dw.owner_kind[d] == static_cast<uint8_t>(OwnerKind::household)) {
            w.dw.owner_kind[d] = static_cast<uint8_t>(OwnerKind::none);
            break;
        }
    }
    try {
        check_identities(w);
        FAIL() << "expected an IdentityError";
    } catch (const IdentityError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("one owner per dwelling"), std::string::npos) << what;
        EXPECT_NE(what.find("replicate 3"), std::string::npos) << what;
    }
}

TEST(Identities, MoneyCreatedFromNothingIsCaught) {
    const Scenario s = test::small_city();
    World w(s, 0);
    w.t = 0;
    step_month(w, true);
    w.hh.savings[0] += 1000.0;  // not recorded as a flow
    try {
        check_identities(w);
        FAIL() << "expected an IdentityError";
    } catch (const IdentityError& e) {
        EXPECT_NE(std::string(e.what()).find("money conservation"), std::string::npos);
    }
}

TEST(Identities, StockFlowIdentitiesAreChecked) {
    const Scenario s = test::small_city();
    World w(s, 0);
    w.t = 0;
    step_month(w, true);
    w.t = 1;
    step_month(w, true);
    w.month.completions_units += 1;  // a completion that added no dwelling
    try {
        check_identities(w);
        FAIL() << "expected an IdentityError";
    } catch (const IdentityError& e) {
        EXPECT_NE(std::string(e.what()).find("dwelling stock"), std::string::npos);
    }
}

}  // namespace
}  // namespace housim
