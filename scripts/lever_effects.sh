#!/usr/bin/env bash
# Measures the effect of each seed city's measures, together and one at a time, against the
# city's no-measures baseline (paired, common random numbers), averaged over the first year
# after the measures' date and over the two years after that, and writes the table between
# the markers of docs/levers.md.
#   scripts/lever_effects.sh [REPLICATES]        (default 16; about 10 minutes on 2 cores)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
housim=${HOUSIM:-$root/build/housim}
replicates=${1:-16}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# city file, measure month
cities=(
  "weihai_2025 2025-03"
  "weihai_2024_soe 2024-06"
  "yangquan_2024 2024-10"
  "ordos_2025 2025-08"
  "fuzhou_2014 2014-08"
)
metrics=(new_sales_units price_index_new digestion_cycle_narrow_months)

month_plus() {  # YYYY-MM + N months
    local y=${1%-*} m=${1#*-}
    local i=$(( 10#$y * 12 + 10#$m - 1 + $2 ))
    printf '%04d-%02d' $(( i / 12 )) $(( i % 12 + 1 ))
}

for entry in "${cities[@]}"; do
    read -r city date <<< "$entry"
    ids=$(grep -o 'measure = "[a-z_]*"' "$root/scenarios/$city.toml" | cut -d'"' -f2 | awk '!seen[$0]++')
    sweep="$work/$city.toml"
    {
        echo "name = \"effects-$city\""
        echo "base = \"$root/scenarios/$city.toml\""
        echo "replicates = $replicates"
        echo '[[cell]]'; echo 'name = "baseline"'; echo 'set = { "run.measures" = false }'
        echo '[[cell]]'; echo 'name = "all"'; echo 'set = {}'
        for id in $ids; do
            echo '[[cell]]'; echo "name = \"$id\""; echo "set = { \"run.only_measure\" = \"$id\" }"
        done
    } > "$sweep"
    "$housim" sweep "$sweep" -o "$work/$city.h5" --quiet
    for k in 12 36; do
        if [ "$k" = 12 ]; then
            window="$date:$(month_plus "$date" 11)"
        else
            window="$(month_plus "$date" 12):$(month_plus "$date" 35)"
        fi
        args=()
        for m in "${metrics[@]}"; do args+=(--metric "$m"); done
        "$housim" compare "$work/$city.h5" --baseline baseline --window "$window" --csv "${args[@]}" |
            sed "s/^/$city,$k,/" >> "$work/effects.csv"
    done
done

python3 - "$work/effects.csv" "$root/docs/levers.md" "$replicates" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
table = {}
for r in rows:
    if r[2] == "run":
        continue
    city, k, run, metric = r[0], r[1], r[2], r[4]
    lo, hi, mean = float(r[13]), float(r[14]), float(r[11])
    table.setdefault((city, run), {})[(metric, k)] = (mean, lo, hi)
def cell(v):
    mean, lo, hi = v
    def f(x):
        return f"{x:+.3g}" if abs(x) < 1000 else f"{x:+,.0f}"
    sig = "" if lo <= 0 <= hi else " *"
    return f"{f(mean)} [{f(lo)}, {f(hi)}]{sig}"
out = ["| city | measures | new sales, year 1 | new sales, years 2-3 | new price index, year 1 | "
       "new price index, years 2-3 | narrow cycle, year 1 | narrow cycle, years 2-3 |",
       "|---|---|---|---|---|---|---|---|"]
for (city, run), d in table.items():
    cells = []
    for metric in ["new_sales_units", "price_index_new", "digestion_cycle_narrow_months"]:
        for k in ["12", "36"]:
            cells.append(cell(d[(metric, k)]) if (metric, k) in d else "n/a")
    out.append(f"| {city} | {run} | " + " | ".join(cells) + " |")
text = open(sys.argv[2], encoding="utf-8").read()
begin, end = "<!-- effects:begin -->", "<!-- effects:end -->"
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
note = (f"\n{sys.argv[3]} replicates per cell; paired mean difference (measures - baseline) "
        "of the monthly values averaged over the first 12 months from the measures' date "
        "(year 1) and over months 13-36 (years 2-3), with its 95% interval; * marks an "
        "interval that excludes zero.\n\n")
open(sys.argv[2], "w", encoding="utf-8").write(head + begin + note + "\n".join(out) + "\n" + end + tail)
print("updated", sys.argv[2])
PY
