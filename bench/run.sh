#!/usr/bin/env bash
# Runs the benchmarks and writes their figures into bench/RESULTS.md, between the markers
# <!-- results:begin --> and <!-- results:end --> (the rest of the file, the findings, is
# kept). Usage:
#   bench/run.sh [--build DIR] [--months N] [--sizes "1e4 1e5 1e6"] [--repeat R]
#                [--batch-replicates K] [--no-write]
# The machine may be shared: the script waits (up to 5 minutes) for the 1-minute load
# average to fall below 1, reports the load with every size, and rates are per CPU second
# of a one-thread run. The batch figure runs K replicates of the 1e5-household default city
# (120 months plus its 12-month burn-in, output written) on 2 threads and projects 1000.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build
months=120
sizes="10000 100000 1000000"
repeat=1
batch=40
write=1
while (($#)); do
    case $1 in
        --build) build=$2; shift 2 ;;
        --months) months=$2; shift 2 ;;
        --sizes) sizes=$2; shift 2 ;;
        --repeat) repeat=$2; shift 2 ;;
        --batch-replicates) batch=$2; shift 2 ;;
        --no-write) write=0; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

wait_for_quiet() {
    for _ in $(seq 30); do
        awk '{exit !($1 < 1.0)}' /proc/loadavg && return 0
        sleep 10
    done
    echo "note: load average still $(cut -d' ' -f1 /proc/loadavg); measuring anyway" >&2
}

out=$(mktemp)
trap 'rm -f "$out" "$out".*' EXIT
{
    echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) on commit $(git -C "$root" rev-parse --short=12 HEAD)$(git -C "$root" diff --quiet || echo ' (with local changes)')."
    echo "Machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"\
         "($(lscpu | sed -n 's/^L3 cache: *//p') L3), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM,"\
         "$(uname -sr)."
    echo
    echo "### Whole engine: the default city, one replicate, $months months, no burn-in"
    echo
    wait_for_quiet
    # shellcheck disable=SC2086
    "$build/bench/housim_macro_bench" --markdown --months "$months" --repeat "$repeat" $sizes
    echo
    echo "### Phase micro-benchmarks (1e5 households, three months in; ms per month)"
    echo
    wait_for_quiet
    "$build/bench/housim_phase_bench" --benchmark_format=csv 2>/dev/null >"$out.csv"
    /usr/bin/env python3 - "$out.csv" <<'PY'
import csv, sys
rows = [r for r in csv.reader(open(sys.argv[1])) if r and r[0] != "name"]
print("| benchmark | threads | ms | ns per household |")
print("|---|---:|---:|---:|")
scale = {"ms": 1.0, "us": 1e-3, "ns": 1e-6}
for r in rows:
    name, real, unit = r[0], float(r[2]), r[4]
    ms = real * scale[unit]
    if name == "rng_stream":
        print(f"| one Philox stream, 4 draws | 1 | | {real:.1f} (per stream) |")
        continue
    parts = name.split("/iterations")[0].split("/")
    print(f"| {'/'.join(parts[:-1])} | {parts[-1]} | {ms:.3f} | {ms * 1e6 / 1e5:.1f} |")
PY
    echo
    echo "### Batch: 1e5 households, 120 months + 12 burn-in, output written, 2 threads"
    echo
    wait_for_quiet
    h5=$(mktemp --suffix=.h5)
    start=$(date +%s.%N)
    "$build/housim" run --quiet --households 100000 --set run.scale=9.6 -r "$batch" -j 2 \
        -o "$h5" >/dev/null
    end=$(date +%s.%N)
    rm -f "$h5"
    awk -v s="$start" -v e="$end" -v k="$batch" 'BEGIN {
        t = e - s; printf "%d replicates in %.1f s (%.2f s each); 1000 replicates projected: %.0f s (%.1f min); ", k, t, t / k, 1000 * t / k, 1000 * t / k / 60;
        printf "%.3g household-months/s on 2 cores\n", 1e5 * 132 * k / t }'
} >"$out"

cat "$out"
if ((write)); then
    results=$root/bench/RESULTS.md
    /usr/bin/env python3 - "$results" "$out" <<'PY'
import sys
path, new = sys.argv[1], open(sys.argv[2]).read()
text = open(path).read()
begin, end = "<!-- results:begin -->", "<!-- results:end -->"
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(path, "w").write(head + begin + "\n" + new + end + tail)
PY
    echo "updated $results"
fi
