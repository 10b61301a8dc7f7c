#!/usr/bin/env bash
# `mpirun -np N housim run|sweep|calibrate|sensitivity` writes the file one process writes (every dataset and
# attribute but the provenance and mpi_ranks), at N = 1, 2 and 3 on this machine; a run and
# a sweep killed part-way continue under mpirun with --resume to the same file; the comparison
# itself can fail (a different seed differs). Needs a housim built with -DHOUSIM_WITH_MPI=ON,
# OpenMPI's mpirun and h5py (Debian's /usr/bin/python3).
#   tests/mpi/identical.sh MPI_HOUSIM PLAIN_HOUSIM
set -euo pipefail
mpi=${1:?usage: identical.sh MPI_HOUSIM PLAIN_HOUSIM}
plain=${2:?usage: identical.sh MPI_HOUSIM PLAIN_HOUSIM}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# As root in a container: allowed explicitly; more ranks than cores; no cross-memory attach.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
same() { /usr/bin/python3 "$here/compare_files.py" "$1" "$2"; }
ranks_of() { /usr/bin/python3 -c "import h5py,sys; print(h5py.File(sys.argv[1])['/'].attrs['mpi_ranks'])" "$1"; }
status=0
expect_ranks() {
    if [[ $(ranks_of "$1") != "$2" ]]; then echo "FAIL: $1 records mpi_ranks $(ranks_of "$1"), not $2"; status=1; fi
}

run=(run --quiet --households 6000 --months 24 -r 5)
"$plain" "${run[@]}" -j 2 -o "$tmp/run.h5"
expect_ranks "$tmp/run.h5" 1
for n in 1 2 3; do
    mpirun -np "$n" "$mpi" "${run[@]}" -j 1 -o "$tmp/run$n.h5"
    echo -n "run, $n ranks: "; same "$tmp/run.h5" "$tmp/run$n.h5" || status=1
    expect_ranks "$tmp/run$n.h5" "$n"
done

# A sweep whose cells differ in cost (agents) and in the land rule.
cat > "$tmp/sweep.toml" <<TOML
name = "mpi-check"
replicates = 3
set = { "run.months" = 18 }
[[axis]]
key = "run.households"
values = [4000, 8000]
[[axis]]
key = "policy.land.destock_rule.halt_above_months"
values = [24.0, 36.0]
TOML
"$plain" sweep "$tmp/sweep.toml" --quiet -j 2 -o "$tmp/sweep.h5"
for n in 1 2 3; do
    mpirun -np "$n" "$mpi" sweep "$tmp/sweep.toml" --quiet -j 1 -o "$tmp/sweep$n.h5"
    echo -n "sweep, $n ranks: "; same "$tmp/sweep.h5" "$tmp/sweep$n.h5" || status=1
done

# Killed part-way as one process, continued by two ranks.
long=(run --households 6000 --months 24 -r 8)
"$plain" "${long[@]}" --quiet -j 2 -o "$tmp/long.h5"
"$plain" "${long[@]}" --quiet -j 1 -o "$tmp/killed.h5" &
pid=$!
journal="$tmp/killed.h5.partial"
for _ in $(seq 1 600); do [[ -s "$journal" ]] && break; sleep 0.01; done
header=$(stat -c %s "$journal")  # written before any replicate finishes
for _ in $(seq 1 3000); do
    [[ $(stat -c %s "$journal") -gt $header ]] && break  # one replicate journalled
    sleep 0.01
done
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
resumed=$(mpirun -np 2 "$mpi" "${long[@]}" -j 1 -o "$tmp/killed.h5" --resume 2>&1 >/dev/null |
          grep -o 'resuming: [0-9]* of' || true)
echo -n "killed, resumed with 2 ranks (${resumed:-no journal} 8 kept): "
same "$tmp/long.h5" "$tmp/killed.h5" || status=1
if [[ ! $resumed =~ resuming:\ [1-7]\ of ]]; then
    echo "FAIL: the resume kept no finished replicate (or all): '$resumed'"; status=1
fi

# A sweep killed part-way, continued by three ranks.
"$plain" sweep "$tmp/sweep.toml" --quiet -j 1 -o "$tmp/sweepk.h5" &
pid=$!
journal="$tmp/sweepk.h5.partial"
for _ in $(seq 1 600); do [[ -s "$journal" ]] && break; sleep 0.01; done
header=$(stat -c %s "$journal")
for _ in $(seq 1 3000); do
    [[ $(stat -c %s "$journal") -gt $header ]] && break
    sleep 0.01
done
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
resumed=$(mpirun -np 3 "$mpi" sweep "$tmp/sweep.toml" -j 1 -o "$tmp/sweepk.h5" --resume 2>&1 >/dev/null |
          grep -o 'resuming: [0-9]* of' || true)
echo -n "sweep killed, resumed with 3 ranks (${resumed:-no journal} 12 kept): "
same "$tmp/sweep.h5" "$tmp/sweepk.h5" || status=1
if [[ ! $resumed =~ resuming:\ ([1-9]|1[01])\ of ]]; then
    echo "FAIL: the resume kept no finished replicate (or all): '$resumed'"; status=1
fi

# calibrate and sensitivity: their evaluations spread over the ranks, the fit and the screen
# the same (every rank takes the optimiser's next step from rank 0's moments).
cat > "$tmp/cal.toml" <<TOML
replicates = 2
seed = 3
set = { "run.months" = 12, "run.households" = 6000 }
[[parameter]]
key = "behaviour.buy_hazard_month"
min = 0.008
max = 0.02
[[parameter]]
key = "behaviour.desired_price_income_years"
min = 8
max = 12
[[target]]
metric = "new_sales_units"
window = "2025-01:2025-12"
statistic = "mean"
value = 1200
sd = 100
[[target]]
metric = "price_index_resale"
at = "2025-12"
statistic = "last"
value = 96
sd = 2
TOML
sed -e 's/^\[\[target\]\]/[[metric]]/' -e '/^value = /d' -e '/^sd = /d' \
    -e 's/^replicates = 2/replicates = 2\ntrajectories = 3/' "$tmp/cal.toml" > "$tmp/sens.toml"
"$plain" calibrate "$tmp/cal.toml" --quiet -j 2 -o "$tmp/cal.h5"
mpirun -np 2 "$mpi" calibrate "$tmp/cal.toml" --quiet -j 1 -o "$tmp/cal2.h5"
echo -n "calibrate, 2 ranks: "; same "$tmp/cal.h5" "$tmp/cal2.h5" || status=1
"$plain" sensitivity "$tmp/sens.toml" --quiet -j 2 -o "$tmp/sens.h5"
mpirun -np 3 "$mpi" sensitivity "$tmp/sens.toml" --quiet -j 1 -o "$tmp/sens3.h5"
echo -n "sensitivity, 3 ranks: "; same "$tmp/sens.h5" "$tmp/sens3.h5" || status=1

# The comparison can fail.
"$plain" "${run[@]}" --seed 7 -j 2 -o "$tmp/other.h5"
if same "$tmp/run.h5" "$tmp/other.h5" >/dev/null; then
    echo "FAIL: runs of different seeds compare the same"; status=1
else
    echo "a different seed differs: the comparison can fail"
fi
exit $status
