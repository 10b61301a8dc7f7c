// A small version of the default city for tests: the same real city at 1:160.
#pragma once

#include <string>
#include <vector>

#include "sim/scenario/scenario_load.hpp"

namespace housim::test {

inline Scenario small_city(std::vector<Override> extra = {}, int households = 6000) {
    std::vector<Override> o{{"run.households", std::to_string(households)},
                            {"run.scale", std::to_string(960000.0 / households)},
                            {"run.months", "24"},
                            {"run.burn_in_months", "6"},
                            {"run.replicates", "2"}};
    o.insert(o.end(), extra.begin(), extra.end());
    return load_scenario("", o);
}

}  // namespace housim::test
