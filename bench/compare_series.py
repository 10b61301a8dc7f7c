#!/usr/bin/python3
"""Compares two housim output files bit for bit: every dataset under /runs/*/series and
/runs/*/summary. Exit 0 when identical, 1 otherwise (names the first differing datasets).
Needs h5py (Debian's /usr/bin/python3 has it)."""
import sys

import h5py
import numpy as np


def datasets(f):
    out = {}
    for run in f["runs"]:
        for group in ("series", "summary"):
            g = f["runs"][run].get(group)
            if g is None:
                continue
            for name in g:
                out[f"runs/{run}/{group}/{name}"] = g[name][()]
    return out


def main(a_path, b_path):
    with h5py.File(a_path, "r") as fa, h5py.File(b_path, "r") as fb:
        a, b = datasets(fa), datasets(fb)
    if a.keys() != b.keys():
        print("dataset sets differ:", sorted(set(a) ^ set(b)))
        return 1
    bad = []
    for k in sorted(a):
        x, y = a[k], b[k]
        if x.shape != y.shape or x.dtype != y.dtype or x.tobytes() != y.tobytes():
            diff = np.nan if x.shape != y.shape else np.nanmax(np.abs(x - y))
            bad.append(f"{k} (max abs diff {diff})")
    if bad:
        print(f"{len(bad)} of {len(a)} datasets differ:")
        for line in bad[:20]:
            print("  ", line)
        return 1
    print(f"identical: {len(a)} datasets")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
