#!/usr/bin/env bash
# Times one phase of one or more macro-benchmark builds, interleaved: each round runs every
# binary once, and the minimum of the phase's CPU seconds over the rounds is printed per
# binary. On a shared or virtual machine, single runs of one binary vary by 10-25%; the
# minimum over interleaved runs ranks small changes that single runs cannot.
#   bench/ab.sh PHASE ROUNDS MACRO_BENCH [MACRO_BENCH ...]
#   environment: SIZE (households, default 1e6), MONTHS (default 48)
#   e.g. bench/ab.sh decisions 5 /tmp/old/housim_macro_bench build/bench/housim_macro_bench
# PHASE is a row of the macro benchmark's phase table (init, life_events, decisions, ...).
set -euo pipefail
if (($# < 3)); then
    sed -n '2,9p' "$0" >&2
    exit 2
fi
phase=$1 rounds=$2
shift 2
declare -A best
for ((i = 0; i < rounds; i++)); do
    for b in "$@"; do
        v=$("$b" --months "${MONTHS:-48}" --no-scaling "${SIZE:-1e6}" 2>&1 |
            awk -v p="$phase" '$1 == p { print $2 }')
        if [[ -z $v ]]; then
            echo "ab.sh: $b printed no phase '$phase'" >&2
            exit 2
        fi
        if [[ -z ${best[$b]:-} ]] || awk -v v="$v" -v b="${best[$b]}" 'BEGIN { exit !(v < b) }'; then
            best[$b]=$v
        fi
    done
done
for b in "$@"; do
    printf '%s: %s min %s s over %d rounds (%s households, %s months)\n' "$b" "$phase" \
        "${best[$b]}" "$rounds" "${SIZE:-1e6}" "${MONTHS:-48}"
done
