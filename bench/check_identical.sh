#!/usr/bin/env bash
# Bit-identity check of an optimisation: runs a reference housim binary and the new one on
# the default city at small sizes (several replicates, both thread counts) and compares
# every /runs/*/series and /runs/*/summary dataset bit for bit; with qemu-user installed,
# also the new binary emulating CPUs without AVX-512 and without AVX. With --cities, also the
# five seed-city scenarios (their programmes and timelines), with --check.
#   bench/check_identical.sh [--cities] REFERENCE_HOUSIM [NEW_HOUSIM]
set -euo pipefail
cities=0
if [[ ${1:-} == --cities ]]; then
    cities=1
    shift
fi
root=$(cd "$(dirname "$0")/.." && pwd)
ref=${1:?usage: check_identical.sh [--cities] REFERENCE_HOUSIM [NEW_HOUSIM]}
new=${2:-$root/build/housim}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
# households:scale:replicates:threads:extra
cases=("6000:160:4:2:" "100000:9.6:1:2:--months 24" "20000:48:2:1:" "20000:48:2:2:--check" "6000:160:3:2:--set run.burn_in_months=0 --months 36")
for c in "${cases[@]}"; do
    IFS=: read -r n scale r j extra <<<"$c"
    args=(run --quiet --households "$n" --set "run.scale=$scale" -r "$r" $extra)
    "$ref" "${args[@]}" -j 1 -o "$tmp/ref.h5" >/dev/null
    "$new" "${args[@]}" -j "$j" -o "$tmp/new.h5" >/dev/null
    echo -n "n=$n r=$r new -j $j $extra: "
    /usr/bin/python3 "$root/bench/compare_series.py" "$tmp/ref.h5" "$tmp/new.h5" || status=1
done
if ((cities)); then
    for f in weihai_2025 weihai_2024_soe yangquan_2024 ordos_2025 fuzhou_2014; do
        args=(run "$root/scenarios/$f.toml" --quiet --households 20000 -r 3 --check)
        "$ref" "${args[@]}" -j 1 -o "$tmp/ref.h5" >/dev/null
        "$new" "${args[@]}" -j 2 -o "$tmp/new.h5" >/dev/null
        echo -n "$f (20000, r=3, --check): "
        /usr/bin/python3 "$root/bench/compare_series.py" "$tmp/ref.h5" "$tmp/new.h5" || status=1
    done
fi
# The household loops are compiled for AVX-512, AVX2 and baseline x86-64 (target_clones) and
# must give the same bits on every CPU: when qemu-user is installed, the new binary also runs
# as a CPU without AVX (Nehalem: baseline clones) and one with AVX2 only (Haswell).
if command -v qemu-x86_64 >/dev/null; then
    args=(run --quiet --households 6000 --set run.scale=160 -r 2 -j 1 --months 36)
    "$ref" "${args[@]}" -o "$tmp/ref.h5" >/dev/null
    for cpu in Nehalem Haswell; do
        qemu-x86_64 -cpu "$cpu" "$new" "${args[@]}" -o "$tmp/new.h5" >/dev/null 2>/dev/null
        echo -n "n=6000 r=2 new as a $cpu CPU (qemu): "
        /usr/bin/python3 "$root/bench/compare_series.py" "$tmp/ref.h5" "$tmp/new.h5" || status=1
    done
else
    echo "qemu-x86_64 not installed: the baseline and AVX2 clones were not checked" >&2
fi
exit $status
