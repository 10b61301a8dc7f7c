#!/usr/bin/env bash
# Regenerates the key tables in scenarios/README.md from the code's schema (housim levers),
# between the markers <!-- keys:begin --> and <!-- keys:end -->. Run after adding a key.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
housim=${HOUSIM:-$root/build/housim}
table=$("$housim" levers --all --markdown)
python3 - "$root/scenarios/README.md" "$table" <<'PY'
import sys
path, table = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
begin, end = "<!-- keys:begin -->", "<!-- keys:end -->"
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(path, "w", encoding="utf-8").write(head + begin + "\n" + table + "\n" + end + tail)
PY
echo "updated scenarios/README.md"
levers=$("$housim" levers --markdown)
python3 - "$root/docs/levers.md" "$levers" <<'PY'
import sys
path, table = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
begin, end = "<!-- levers:begin -->", "<!-- levers:end -->"
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(path, "w", encoding="utf-8").write(head + begin + "\n" + table + "\n" + end + tail)
PY
echo "updated docs/levers.md"
{
    echo "# Output series"
    echo
    echo "Every dataset under \`/runs/<run>/series/\` (and \`summary/\`) of a housim/1 file."
    echo "Generated from the code by \`housim metrics --markdown\` (\`scripts/update-docs.sh\`)."
    echo "Series marked \"scaled\" are counts, areas or amounts of the real city (simulated"
    echo "value x run.scale); the others are indices, ratios, rates or durations. Flows are per"
    echo "month; stocks are at the end of the month."
    echo
    "$housim" metrics --markdown
} > "$root/docs/metrics.md"
echo "updated docs/metrics.md"
