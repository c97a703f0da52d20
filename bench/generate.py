#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Generate the benchmark workloads of SPEC section 8 (synthetic, seeded).

    bench/generate.py --workload ca|us [--fraction F] OUTDIR

  ca   58 California counties (plus the state row) x 12 indicators x 15 years
       x 8 subgroups: about 84k observation rows.
  us   3,143 counties in 51 states x 40 indicators x 20 years x 8 subgroups:
       about 20.1M rows and 0.7 GB of CSV.
  --fraction F keeps the first F of the counties of every state (at least
       one each), for the growth runs (1/8, 1/4, 1/2 of us).

EVERY VALUE IS SYNTHETIC. The state FIPS codes and each state's number of
counties are real; county codes are the odd numbers 001, 003, ... and names
are made up ("County 017 (TX)"). Do not cite any figure.

The dataset is in the canonical format (SPEC section 2): a manifest with
inline indicator definitions (no catalog needed, so the pandas peer reads it
as is), geographies.csv, and one CSV per indicator with the columns
geo_id,year,subgroup,value,numerator,denominator,moe. It exercises what a
national run meets: counts with MOEs, value-only indicators (median
benchmark), counts-only indicators (value computed), indicators without a
MOE (OLS trends, no rank range), lower_is_better indicators, suppression
markers, blank values, and tiny counties whose subgroups fall below
min_denominator.

Deterministic: numpy's PCG64 seeded per workload and indicator, all numbers
printed with fixed formats. The same arguments give the same bytes. The last
line of stdout is "rows=N".
"""

import argparse
import json
import os
import sys

import numpy as np

SEED = 20261123

# State FIPS code, postal code, number of counties (sums to 3,143).
STATES = [
    ("01", "AL", 67), ("02", "AK", 30), ("04", "AZ", 15), ("05", "AR", 75),
    ("06", "CA", 58), ("08", "CO", 64), ("09", "CT", 8), ("10", "DE", 3),
    ("11", "DC", 1), ("12", "FL", 67), ("13", "GA", 159), ("15", "HI", 5),
    ("16", "ID", 44), ("17", "IL", 102), ("18", "IN", 92), ("19", "IA", 99),
    ("20", "KS", 105), ("21", "KY", 120), ("22", "LA", 64), ("23", "ME", 16),
    ("24", "MD", 24), ("25", "MA", 14), ("26", "MI", 83), ("27", "MN", 87),
    ("28", "MS", 82), ("29", "MO", 115), ("30", "MT", 56), ("31", "NE", 93),
    ("32", "NV", 17), ("33", "NH", 10), ("34", "NJ", 21), ("35", "NM", 33),
    ("36", "NY", 62), ("37", "NC", 100), ("38", "ND", 53), ("39", "OH", 88),
    ("40", "OK", 77), ("41", "OR", 36), ("42", "PA", 67), ("44", "RI", 5),
    ("45", "SC", 46), ("46", "SD", 66), ("47", "TN", 95), ("48", "TX", 254),
    ("49", "UT", 29), ("50", "VT", 14), ("51", "VA", 133), ("53", "WA", 39),
    ("54", "WV", 55), ("55", "WI", 72), ("56", "WY", 23),
]

SUBGROUPS = ["All", "Asian", "Black", "Latino", "Native American",
             "Pacific Islander", "Two or more", "White"]
DOMAINS = ["Education", "Health", "Child Welfare", "Family Economics",
           "Community"]
MARKERS = ["*", "S", "N/A", "LNE", "-"]
MIN_DEN = 20

WORKLOADS = {
    # name: (states, indicators, first year, years, state rows)
    "ca": (["06"], 12, 2009, 15, True),
    "us": ([s[0] for s in STATES], 40, 2004, 20, False),
}


def geographies(states, fraction, rng):
    """[(geo_id, name, level, parent, population)] for counties, and the
    state rows. Child populations are log-normal: a few large counties,
    many small ones, some with a few hundred children."""
    rows, counties = [], []
    for fips, postal, n in STATES:
        if fips not in states:
            continue
        keep = max(1, int(round(n * fraction)))
        pops = np.exp(rng.normal(8.6, 1.5, n))[:keep]
        pops = np.clip(pops, 60, 2_500_000).round().astype(np.int64)
        state_pop = int(pops.sum())
        rows.append((fips + "000", "State of " + postal, "state", "", state_pop))
        for k in range(keep):
            gid = "%s%03d" % (fips, 2 * k + 1)
            counties.append((gid, "County %03d (%s)" % (2 * k + 1, postal),
                             "county", fips + "000", int(pops[k])))
    return rows, counties


def definitions(n):
    """Inline indicator definitions, cycling through the kinds of file."""
    defs = []
    for i in range(n):
        lower = i % 5 == 4
        defs.append({
            "id": "ind%02d" % (i + 1),
            "name": "Synthetic indicator %02d%s" % (i + 1, " (lower is better)" if lower else ""),
            "domain": DOMAINS[i % len(DOMAINS)],
            "direction": "lower_is_better" if lower else "higher_is_better",
            "decimals": 1,
            "min_denominator": MIN_DEN,
            "source": "Synthetic benchmark data (bench/generate.py)",
            "file": "ind%02d.csv" % (i + 1),
        })
    return defs


def indicator_rows(i, lower, counties, states, first_year, nyears, rng):
    """The CSV lines of indicator i (kind = i % 4):
    0 value, counts and moe; 1 counts and moe (value blank);
    2 value and moe only; 3 value and counts, no moe."""
    kind = i % 4
    pop = np.array([c[4] for c in counties], dtype=float)
    nc, ns, ny = len(counties), len(SUBGROUPS), nyears
    coverage = rng.uniform(0.08, 0.9)          # share of children measured
    share = rng.dirichlet(np.array([0.6, 0.9, 3.0, 0.2, 0.15, 0.5, 4.0]), nc)
    den = np.empty((nc, ns))
    den[:, 0] = pop * coverage
    den[:, 1:] = den[:, :1] * share
    den = den[:, :, None] * np.exp(np.linspace(0, rng.normal(0, 0.1), ny))[None, None, :]
    den = np.maximum(np.round(den), 1)

    mu = rng.uniform(10, 30) if lower else rng.uniform(55, 92)
    level = mu + rng.normal(0, 6, (nc, 1)) + rng.normal(0, 4, (1, ns)) + rng.normal(0, 2, (nc, ns))
    slope = rng.normal(0.35, 0.3, (nc, ns)) * (-1 if lower else 1)
    t = np.arange(ny) - (ny - 1)
    se = 100 * np.sqrt(0.2 / np.maximum(den, 1))
    p = level[:, :, None] + slope[:, :, None] * t + rng.normal(0, 1, (nc, ns, ny)) * np.minimum(se, 3)
    p = np.clip(p, 0.5, 99.5)
    num = np.round(p * den / 100)
    with np.errstate(divide="ignore", invalid="ignore"):
        val = np.where(den > 0, 100 * num / den, p)
    moe = np.maximum(np.round(1.645 * 1.4 * 100 * np.sqrt(val / 100 * (1 - val / 100) / np.maximum(den, 1)), 1), 0.1)
    mark = rng.random((nc, ns, ny))

    years = [str(first_year + y) for y in range(ny)]
    out = []
    for y in range(ny):
        yr = years[y]
        for c in range(nc):
            gid = counties[c][0]
            for s in range(ns):
                d, n, v, m, u = den[c, s, y], num[c, s, y], val[c, s, y], moe[c, s, y], mark[c, s, y]
                sg = SUBGROUPS[s]
                if u < 0.004:                    # source suppression marker
                    out.append("%s,%s,%s,%s,,,\n" % (gid, yr, sg, MARKERS[int(u * 1250) % 5]))
                elif u < 0.006:                  # blank value without counts
                    out.append("%s,%s,%s,,,,\n" % (gid, yr, sg))
                elif kind == 0:
                    out.append("%s,%s,%s,%.1f,%d,%d,%.1f\n" % (gid, yr, sg, v, n, d, m))
                elif kind == 1:
                    out.append("%s,%s,%s,,%d,%d,%.1f\n" % (gid, yr, sg, n, d, m))
                elif kind == 2 and d < MIN_DEN:  # publishers suppress these
                    out.append("%s,%s,%s,*,,,\n" % (gid, yr, sg))
                elif kind == 2:
                    out.append("%s,%s,%s,%.1f,,,%.1f\n" % (gid, yr, sg, v, m))
                else:
                    out.append("%s,%s,%s,%.1f,%d,%d,\n" % (gid, yr, sg, v, n, d))
        for st in states:                        # state rows: pooled counts
            sl = [c for c in range(nc) if counties[c][3] == st[0]]
            for s in range(ns):
                d = den[sl, s, y].sum()
                n = num[sl, s, y].sum()
                v = 100 * n / d if d > 0 else 0.0
                m = max(round(1.645 * 100 * np.sqrt(v / 100 * (1 - v / 100) / max(d, 1)), 1), 0.1)
                out.append("%s,%s,%s,%.1f,%d,%d,%.1f\n" % (st[0], yr, SUBGROUPS[s], v, n, d, m))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--workload", choices=sorted(WORKLOADS), required=True)
    ap.add_argument("--fraction", type=float, default=1.0,
                    help="share of each state's counties to keep (0 < F <= 1)")
    ap.add_argument("outdir")
    args = ap.parse_args()
    if not 0 < args.fraction <= 1:
        ap.error("--fraction must be in (0, 1]")

    states, nind, first_year, nyears, state_rows = WORKLOADS[args.workload]
    rng = np.random.default_rng([SEED, ord(args.workload[0]), int(args.fraction * 1000)])
    srows, counties = geographies(states, args.fraction, rng)
    defs = definitions(nind)
    os.makedirs(args.outdir, exist_ok=True)

    manifest = {
        "title": "Benchmark workload '%s' (synthetic, fraction %g)" % (args.workload, args.fraction),
        "geographies": "geographies.csv",
        "goal_year": first_year + nyears + 6,
        "trend_years": 10,
        "domains": DOMAINS,
        "indicators": defs,
    }
    with open(os.path.join(args.outdir, "scorecard.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    with open(os.path.join(args.outdir, "geographies.csv"), "w", encoding="utf-8") as f:
        f.write("geo_id,name,level,parent,population\n")
        for g in srows + counties:
            f.write("%s,%s,%s,%s,%d\n" % g)

    total = 0
    for i, d in enumerate(defs):
        irng = np.random.default_rng([SEED, ord(args.workload[0]), int(args.fraction * 1000), i + 1])
        lines = indicator_rows(i, d["direction"] == "lower_is_better", counties,
                               srows if state_rows else [], first_year, nyears, irng)
        with open(os.path.join(args.outdir, d["file"]), "w", encoding="utf-8") as f:
            f.write("geo_id,year,subgroup,value,numerator,denominator,moe\n")
            f.writelines(lines)
        total += len(lines)
    print("counties=%d indicators=%d years=%d subgroups=%d" % (len(counties), nind, nyears, len(SUBGROUPS)))
    print("rows=%d" % total)
    return 0


if __name__ == "__main__":
    sys.exit(main())
