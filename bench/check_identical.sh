#!/usr/bin/env bash
# Bit-identity check of an optimisation: runs a reference housim binary and the new one on
# the default city at small sizes (several replicates, both thread counts) and compares
# every /runs/*/series and /runs/*/summary dataset bit for bit.
#   bench/check_identical.sh REFERENCE_HOUSIM [NEW_HOUSIM]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ref=${1:?usage: check_identical.sh REFERENCE_HOUSIM [NEW_HOUSIM]}
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
exit $status
