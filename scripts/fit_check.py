#!/usr/bin/env python3
"""Scores a housim output file against the targets of a calibration file: for each
[[target]], the moment computed as `housim calibrate` does (the statistic on each
replicate's series over the window, then the mean over replicates), its 5th-95th percentile
over replicates, and the standardised distance (simulated - value) / sd; then the objective
(sum of squared distances). Use it to check a fit out of sample: another seed, more
replicates, or the full resolution of the city.

    scripts/fit_check.py CALIB.toml OUT.h5 [RUN]

Reads the calibration file with tomllib and the output with h5py (no housim). [[series]]
tables are not scored.
"""
import sys
import tomllib

import h5py
import numpy as np


def statistic(values, name):
    if name == "mean":
        return values.mean(axis=1)
    if name == "last":
        return values[:, -1]
    if name == "change":
        return values[:, -1] - values[:, 0]
    if name == "growth":
        return values[:, -1] / values[:, 0] - 1.0
    raise SystemExit(f"unknown statistic {name!r}")


def main():
    if len(sys.argv) not in (3, 4):
        raise SystemExit(__doc__)
    with open(sys.argv[1], "rb") as fh:
        calib = tomllib.load(fh)
    f = h5py.File(sys.argv[2], "r")
    runs = list(f["runs"])
    run = sys.argv[3] if len(sys.argv) == 4 else runs[0]
    months = [m.decode() for m in f["time/month"][:]]
    objective = 0.0
    print(f"| target | value | sd | simulated | p05 | p95 | distance |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for t in calib.get("target", []):
        if "window" in t:
            first, last = t["window"].split(":")
        else:
            first = last = t["at"]
        i, j = months.index(first), months.index(last)
        series = f["runs"][run]["series"][t["metric"]][:, i:j + 1]
        per_rep = statistic(series, t.get("statistic", "mean"))
        sim = float(per_rep.mean())
        d = (sim - t["value"]) / t["sd"]
        objective += d * d
        where = t.get("window", t.get("at"))
        print(f"| {t['metric']} {t.get('statistic', 'mean')} {where} | {t['value']:.4g} | "
              f"{t['sd']:.3g} | {sim:.4g} | {np.percentile(per_rep, 5):.4g} | "
              f"{np.percentile(per_rep, 95):.4g} | {d:+.2f} |")
    print(f"\nobjective {objective:.2f} over {len(calib.get('target', []))} moments "
          f"({series.shape[0]} replicates)")


if __name__ == "__main__":
    main()
