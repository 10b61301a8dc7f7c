#!/usr/bin/env python3
"""Prints the markdown table of docs/plausibility.md from a housim output file: for each
series, the median across replicates with the 5th-95th percentile band in brackets, at the
first month, the end of year 1, 2, 3, 5 and 10 (the months the run has).

    scripts/plausibility_table.py OUT.h5 [RUN]

Reads the file with h5py only (no housim); RUN defaults to the file's only run.
"""
import sys

import h5py
import numpy as np

SERIES = [
    "new_price_per_m2", "resale_price_per_m2", "price_index_new", "price_index_resale",
    "rent_index", "price_to_income", "new_sales_units", "resale_sales_units", "bid_up_share",
    "first_time_buyers", "upgraders", "investor_purchases", "resale_listings",
    "digestion_cycle_narrow_months", "digestion_cycle_broad_months",
    "homeownership_rate", "multi_home_share", "rental_vacancy_rate", "vacancy_rate",
    "new_loan_ltv_mean", "new_loan_pti_mean", "mortgage_burden_mean",
    "mortgage_rate_outstanding_mean", "prepayments_yuan", "mortgage_arrears_share",
    "mortgage_npl_ratio", "foreclosures", "negative_equity_share", "unemployment_rate",
    "land_sold_m2", "starts_units", "completions_units", "developers_defaulted",
    "households_total", "dwellings_total", "expected_growth_annual",
]


def fmt(x):
    a = abs(x)
    if a == 0:
        return "0"
    if a >= 10000:
        return f"{x:,.0f}"
    if a >= 100:
        return f"{x:.0f}"
    if a >= 1:
        return f"{x:.3g}"
    return f"{x:.3g}"


def main():
    f = h5py.File(sys.argv[1], "r")
    run = sys.argv[2] if len(sys.argv) > 2 else list(f["runs"])[0]
    g = f["runs"][run]["series"]
    labels = [m.decode() if isinstance(m, bytes) else str(m) for m in f["time/month"][:]]
    n = len(labels)
    cols = [m for m in (0, 11, 23, 35, 59, 119) if m < n]
    print("| series | unit | " + " | ".join(labels[m] for m in cols) + " |")
    print("|---|---|" + "---|" * len(cols))
    for name in SERIES:
        if name not in g:
            continue
        x = g[name][:]
        unit = g[name].attrs.get("unit", "")
        unit = unit.decode() if isinstance(unit, bytes) else unit
        cells = []
        for m in cols:
            v = x[:, m]
            cells.append(f"{fmt(np.median(v))} [{fmt(np.percentile(v, 5))}, "
                         f"{fmt(np.percentile(v, 95))}]")
        print(f"| `{name}` | {unit} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
