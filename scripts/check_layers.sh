#!/usr/bin/env bash
# Checks the include layers of docs/DESIGN.md ("Layers"): every project include of every
# source file under sim/ and agents/ must name a layer its own layer may see. Prints each
# offending line (file:line: include) and exits 1 if there is any; exits 0 otherwise.
#
#   scripts/check_layers.sh [ROOT]     (ROOT defaults to the repository root)
#
# The layers, lowest first (a layer sees itself and those below it):
#   core        sim/core/                              nothing else of the project
#   scenario    sim/scenario/                          core
#   agents      agents/                                core, scenario
#   world       sim/world.hpp, sim/metrics.*           core, scenario, agents
#   month       sim/{month,markets,programmes,init}/   core, scenario, agents, world
#               (the phases, the markets they clear and the programmes they run call one
#               another, and the initial city and the arrivals draw households alike, so
#               these four folders are one layer), and sim/world.cpp, which builds a world
#   run         sim/run/                               everything in sim/ and agents/
#   calibrate   sim/calibrate/                         core, scenario, world, run
# Nothing in sim/ or agents/ includes output/ or cli/.
set -euo pipefail
root="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
cd "$root"

layer_of() {  # the layer of a project path (a source file or an include target)
    case "$1" in
        sim/core/*) echo core ;;
        sim/scenario/*) echo scenario ;;
        agents/*) echo agents ;;
        sim/world.hpp | sim/metrics.hpp | sim/metrics.cpp | sim/version.hpp) echo world ;;
        sim/month/* | sim/markets/* | sim/programmes/* | sim/init/* | sim/world.cpp) echo month ;;
        sim/run/*) echo run ;;
        sim/calibrate/*) echo calibrate ;;
        output/*) echo output ;;
        cli/*) echo cli ;;
        *) echo unknown ;;
    esac
}

allowed() {  # whether layer $1 may include layer $2
    case "$1:$2" in
        core:core) return 0 ;;
        scenario:core | scenario:scenario) return 0 ;;
        agents:core | agents:scenario | agents:agents) return 0 ;;
        world:core | world:scenario | world:agents | world:world) return 0 ;;
        month:core | month:scenario | month:agents | month:world | month:month) return 0 ;;
        run:core | run:scenario | run:agents | run:world | run:month | run:run) return 0 ;;
        calibrate:core | calibrate:scenario | calibrate:world | calibrate:run) return 0 ;;
        calibrate:calibrate) return 0 ;;
    esac
    return 1
}

bad=0
files=$(find sim agents -type f \( -name '*.hpp' -o -name '*.cpp' \) | sort)
for f in $files; do
    from=$(layer_of "$f")
    if [[ "$from" == unknown ]]; then
        echo "$f: not in any layer (put it in a folder of docs/DESIGN.md's Layers)"
        bad=1
        continue
    fi
    while IFS=: read -r line target; do
        to=$(layer_of "$target")
        if ! allowed "$from" "$to"; then
            echo "$f:$line: includes \"$target\" ($from may not see $to)"
            bad=1
        fi
    done < <(grep -n '^#include "' "$f" | sed -E 's/^([0-9]+):#include "([^"]+)".*/\1:\2/')
done
if ((bad)); then
    echo "include layers: violations above (docs/DESIGN.md, Layers)"
    exit 1
fi
echo "include layers: $(echo "$files" | wc -l) files, no violation"
