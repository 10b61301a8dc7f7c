// A validated, immutable scenario: what to simulate. The world state and the runner are
// elsewhere (sim/world.hpp, sim/runner.hpp).
#pragma once

#include <string>
#include <vector>

#include "sim/scenario/params.hpp"
#include "sim/scenario/policy.hpp"

namespace housim {

// The part of a scenario that the timeline may change while a run goes on.
struct Levers {
    Policy policy;
    ExogenousParams exogenous;
};

// One dated change of one lever: "from month `at`, key takes `value`".
struct TimelineEvent {
    YearMonth at;
    std::string key;
    std::string value_toml;  // the value as TOML text, already validated against the key
    std::string note;        // the clause it enacts, for the reader
    bool measure = false;    // one of the measures under study: skipped when run.measures off
    std::string measure_id;  // its name, for studying one measure alone (run.only_measure)
};

struct Scenario {
    RunParams run;
    CityParams city;
    BehaviourParams behaviour;
    Levers levers;
    std::vector<TimelineEvent> timeline;  // sorted by month, stable in file order

    // The lever values in force in each reported month 0 .. run.months-1, with the timeline
    // applied. Computed once after validation so the monthly loop never looks up a key.
    std::vector<Levers> lever_path;
};

// The levers in force at a simulated month t (0 .. burn_in + months - 1): the start values
// during burn-in, then the timeline's snapshots.
const Levers& levers_at(const Scenario& s, int simulated_month);

}  // namespace housim
