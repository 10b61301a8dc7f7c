#!/usr/bin/env bash
# Regenerates the tables generated from the code's schema: the key tables in
# scenarios/README.md (housim levers --all) and docs/levers.md (housim levers), each between
# its markers, and docs/metrics.md (housim metrics). Run after adding a key or a series.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
housim=${HOUSIM:-$root/build/housim}

# replace_between FILE MARKER TEXT: TEXT between <!-- MARKER:begin --> and <!-- MARKER:end -->.
replace_between() {
    python3 - "$1" "$2" "$3" <<'PY'
import sys
path, marker, table = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path, encoding="utf-8").read()
begin, end = f"<!-- {marker}:begin -->", f"<!-- {marker}:end -->"
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(path, "w", encoding="utf-8").write(head + begin + "\n" + table + "\n" + end + tail)
PY
    echo "updated ${1#"$root"/}"
}

replace_between "$root/scenarios/README.md" keys "$("$housim" levers --all --markdown)"
replace_between "$root/docs/levers.md" levers "$("$housim" levers --markdown)"
{
    echo "# Output series"
    echo
    echo "Every dataset under \`/runs/<run>/series/\` (and \`summary/\`) of a housim/1 file."
    echo "Generated from the code by \`housim metrics --markdown\` (\`scripts/update-docs.sh\`)."
    echo "Series marked \"scaled\" are counts, areas or amounts of the real city (simulated"
    echo "value x run.scale); the others are indices, ratios, rates or durations. Flows are per"
    echo "month; stocks are at the end of the month."
    echo
    echo "Series marked \"by district\" also have a district form,"
    echo "\`/runs/<run>/series_by_zone/<metric>\` [replicates x months x zones], whose \`zones\`"
    echo "attribute names the districts (\`city.zones.names\`). Stocks and flows (\"sums\") add up"
    echo "to the city's series; a district's cycle and price indices are its own, built like the"
    echo "city's from the district's stock and trades. There is no summary for the districts."
    echo
    "$housim" metrics --markdown
} > "$root/docs/metrics.md"
echo "updated docs/metrics.md"
