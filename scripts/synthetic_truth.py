#!/usr/bin/env python3
"""Synthetic-truth validation of `housim calibrate` (docs/validation.md).

Runs the engine at known parameter values with one seed (`housim run`), takes the targets'
moments from that run (mean over its replicates; sd = their standard error, the sd across
replicates over sqrt(replicates)), writes a calibration file that fits the same parameters
back with another seed, runs `housim calibrate`, and prints truth, estimate, standard error
and error per parameter.

  scripts/synthetic_truth.py OUTDIR --param KEY=TRUTH:MIN:MAX ... [--households N]
      [--months M] [--replicates R] [--truth-replicates RT] [--global G] [--local L] [-j J]

Targets are the default list below unless --target METRIC:WINDOW:STATISTIC is given.
"""
import argparse
import math
import os
import subprocess
import sys

import h5py
import numpy as np

HOUSIM = os.environ.get("HOUSIM", os.path.join(os.path.dirname(__file__), "..", "build", "housim"))

DEFAULT_TARGETS = [
    "new_sales_m2:{all}:mean",
    "resale_sales_units:{all}:mean",
    "first_time_buyers:{all}:mean",
    "upgraders:{all}:mean",
    "resale_listings:{all}:mean",
    "new_price_per_m2:{all}:mean",
    "price_index_resale:{all}:growth",
    "homeownership_rate:{last}:last",
]


def month_add(start, k):
    y, m = map(int, start.split("-"))
    i = y * 12 + (m - 1) + k
    return f"{i // 12:04d}-{i % 12 + 1:02d}"


def statistic(series, first, last, stat):
    if stat == "mean":
        return series[:, first:last + 1].mean(axis=1)
    if stat == "last":
        return series[:, last]
    if stat == "change":
        return series[:, last] - series[:, first]
    if stat == "growth":
        return series[:, last] / series[:, first] - 1
    raise ValueError(stat)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--param", action="append", required=True)
    ap.add_argument("--target", action="append")
    ap.add_argument("--households", type=int, default=20000)
    ap.add_argument("--months", type=int, default=36)
    ap.add_argument("--replicates", type=int, default=4)
    ap.add_argument("--truth-replicates", type=int, default=8)
    ap.add_argument("--truth-seed", type=int, default=99)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--global", dest="glob", type=int, default=40)
    ap.add_argument("--local", type=int, default=60)
    ap.add_argument("-j", type=int, default=2)
    a = ap.parse_args()
    os.makedirs(a.outdir, exist_ok=True)
    params = []
    for p in a.param:
        key, rest = p.split("=")
        truth, lo, hi = map(float, rest.split(":"))
        params.append((key, truth, lo, hi))
    start = "2025-01"
    window = {"all": f"{start}:{month_add(start, a.months - 1)}",
              "last": month_add(start, a.months - 1)}
    targets = [t.format(**window) for t in (a.target or DEFAULT_TARGETS)]

    truth_h5 = os.path.join(a.outdir, "truth.h5")
    sets = [f"--set={k}={v!r}" for k, v, _, _ in params]
    subprocess.run([HOUSIM, "run", "--quiet", "-o", truth_h5, "-j", str(a.j),
                    "-r", str(a.truth_replicates), "--seed", str(a.truth_seed),
                    "--households", str(a.households), "--months", str(a.months)] + sets,
                   check=True)
    f = h5py.File(truth_h5, "r")
    months = [m.decode() for m in f["time/month"][:]]
    lines = [f"replicates = {a.replicates}", f"seed = {a.seed}",
             f"evaluations_global = {a.glob}", f"evaluations_local = {a.local}",
             f'set = {{ "run.households" = {a.households}, "run.months" = {a.months} }}', ""]
    for key, _, lo, hi in params:
        lines += ["[[parameter]]", f'key = "{key}"', f"min = {lo!r}", f"max = {hi!r}", ""]
    for t in targets:
        metric, rest = t.split(":", 1)
        win, stat = rest.rsplit(":", 1)
        first, last = win.split(":") if ":" in win else (win, win)
        i, j = months.index(first), months.index(last)
        series = f[f"runs/{list(f['runs'])[0]}/series/{metric}"][:]
        v = statistic(series, i, j, stat)
        sd = max(v.std(ddof=1) / math.sqrt(len(v)), 1e-6 * abs(v.mean()) + 1e-12)
        where = f'window = "{win}"' if ":" in win else f'at = "{win}"'
        lines += ["[[target]]", f'metric = "{metric}"', where, f'statistic = "{stat}"',
                  f"value = {v.mean()!r}", f"sd = {sd!r}", ""]
    calib = os.path.join(a.outdir, "calib.toml")
    with open(calib, "w") as out:
        out.write("\n".join(lines))
    fit_h5 = os.path.join(a.outdir, "fit.h5")
    r = subprocess.run([HOUSIM, "calibrate", calib, "-o", fit_h5, "-j", str(a.j)],
                       capture_output=True, text=True)
    print(r.stdout)
    if r.returncode != 0:
        print(r.stderr, file=sys.stderr)
        sys.exit(r.returncode)
    g = h5py.File(fit_h5, "r")["calibration"]
    est, se = g["estimate"][:], g["standard_error"][:]
    print(f"{'parameter':<40} {'truth':>10} {'estimate':>10} {'std.err':>10} {'error':>10} "
          f"{'error/se':>9} {'error/range':>11}")
    for (key, truth, lo, hi), e, s in zip(params, est, se):
        print(f"{key:<40} {truth:>10.5g} {e:>10.5g} {s:>10.3g} {e - truth:>10.3g} "
              f"{(e - truth) / s:>9.2f} {(e - truth) / (hi - lo):>11.3f}")


if __name__ == "__main__":
    main()
