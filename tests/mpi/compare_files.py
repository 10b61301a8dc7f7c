#!/usr/bin/python3
"""Compares two housim output files: every dataset bit for bit and every attribute, except
the provenance that differs between two invocations (created_utc, command_line) and the
number of MPI ranks (mpi_ranks). Exit 0 when the same, 1 otherwise, naming what differs.
Needs h5py (Debian's /usr/bin/python3 has it)."""
import sys

import h5py
import numpy as np

SKIP_ATTRS = {"created_utc", "command_line", "mpi_ranks"}


def walk(f):
    items = {}

    def visit(name, obj):
        attrs = {k: v for k, v in obj.attrs.items() if k not in SKIP_ATTRS}
        data = obj[()] if isinstance(obj, h5py.Dataset) else None
        items[name] = (attrs, data)

    visit("/", f)
    f.visititems(visit)
    return items


def same(x, y):
    if isinstance(x, np.ndarray) or isinstance(y, np.ndarray):
        x, y = np.asarray(x), np.asarray(y)
        if x.dtype == object or y.dtype == object:  # strings: compare the values
            return x.shape == y.shape and x.tolist() == y.tolist()
        return x.shape == y.shape and x.dtype == y.dtype and x.tobytes() == y.tobytes()
    return x == y


def main(a_path, b_path):
    with h5py.File(a_path, "r") as fa, h5py.File(b_path, "r") as fb:
        a, b = walk(fa), walk(fb)
    if a.keys() != b.keys():
        print("objects differ:", sorted(set(a) ^ set(b))[:20])
        return 1
    bad = []
    for k in sorted(a):
        (aa, ad), (ba, bd) = a[k], b[k]
        if aa.keys() != ba.keys() or any(not same(aa[n], ba[n]) for n in aa):
            bad.append(f"{k}: attributes")
        if (ad is None) != (bd is None) or (ad is not None and not same(ad, bd)):
            bad.append(f"{k}: data")
    if bad:
        print(f"{len(bad)} of {len(a)} objects differ:", *bad[:20], sep="\n  ")
        return 1
    print(f"same: {len(a)} objects")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
