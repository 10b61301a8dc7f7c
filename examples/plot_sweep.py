#!/usr/bin/env python3
"""Plot one figure from a housim sweep file, with h5py and matplotlib only (no housim code).

    python3 examples/plot_sweep.py dp_halt.h5 cycle.png [METRIC]

For each value of the sweep's second axis (one line each), the median across replicates of
METRIC (default: the narrow digestion cycle) in the last reported month, against the first
axis. The file layout (housim/1) is described in docs/studies.md.
"""
import sys

import h5py
import matplotlib

matplotlib.use("Agg")  # no display needed
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def main(path, out, metric="digestion_cycle_narrow_months"):
    with h5py.File(path, "r") as f:
        cells = f["sweep/cells"][:]
        axes = [name for name in cells.dtype.names if name not in ("cell_index", "run")]
        months = [m.decode() for m in f["time/month"][:]]
        x_key = axes[0]
        y_key = axes[1] if len(axes) > 1 else None
        unit = f["runs"][cells["run"][0].decode()]["series"][metric].attrs["unit"]
        fig, ax = plt.subplots(figsize=(7, 4.5))
        groups = sorted(set(cells[y_key])) if y_key else [None]
        for g in groups:
            rows = cells if g is None else cells[cells[y_key] == g]
            rows = np.sort(rows, order=x_key)
            medians = [np.nanmedian(f["runs"][r["run"].decode()]["series"][metric][:, -1])
                       for r in rows]
            label = "all cells" if g is None else f"{y_key.split('.')[-1]} = {g:g}"
            ax.plot(rows[x_key], medians, marker="o", label=label)
        ax.set_xlabel(x_key)
        ax.set_ylabel(f"{metric} ({unit}), median, {months[-1]}")
        ax.set_title(f"{f['sweep'].attrs['name']}: {metric}")
        ax.legend()
        ax.grid(alpha=0.3)
        fig.tight_layout()
        fig.savefig(out, dpi=100)


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    main(*sys.argv[1:])
