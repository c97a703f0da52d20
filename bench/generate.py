#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Generate the benchmark workloads of SPEC section 8 (synthetic, seeded).

    bench/generate.py --workload ca|us|multi [--fraction F] OUTDIR

  ca   58 California counties (plus the state row) x 12 indicators x 15 years
       x 8 subgroups: about 84k observation rows.
  us   3,143 counties in 51 states x 40 indicators x 20 years x 8 subgroups:
       about 20.1M rows and 0.7 GB of CSV.
  multi  several states (SPEC section 3.10), small: 46 counties of CT (8),
       DE (3), DC (1), HI (5), NH (10), RI (5) and VT (14) x 12 indicators
       x 12 years (2012-2023) x 8 subgroups: 57,096 rows, under a second.
       geographies.csv lists the nation 00000 (level nation, blank parent)
       and the states 09000, 10000, 33000, 50000 (parent 00000) and 44000
       (blank parent, which is allowed); DC and HI are not listed, so their
       counties (blank parents) have no state: one peer group of their own,
       benchmarked on the national series. In the listed states every
       county 2k+1 with k % 3 == 1 has a blank parent (its state is SS000
       of its FIPS code). SS000 rows: CT for every indicator, NH for every
       other, RI for all, VT for all but ind04, ind08 and ind12, DE for none
       (pooled or median benchmarks from its counties); 00000 rows for
       ind01, ind04, ind07 and ind10 only (the others: pooled or median
       national benchmarks). State and nation rows are their counties'
       pooled counts plus about one point of noise (a reported benchmark
       differs from the pooled one), 4% of them suppressed by a marker,
       small subgroups below min_denominator: both fall back to pooled,
       then median. Kinds cycle i % 5 (value+counts+moe, counts+moe,
       value+moe, value+counts without moe, value+moe with counts on ~90%
       of rows: pooled or median by state and year); decimals cycle 1, 0,
       2; ind06 and ind12 are lower_is_better (ind12 with target 5, ind03
       with target 90); ind07 weighs 2; ind04 has min_denominator 50; seed
       7. DE's counties have no ind12 rows in 2023, the indicator's latest
       year (a state lagging a year). tests/multistate-test.py uses it.
       --fraction does not apply.
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


def simulate(lower, counties, nyears, rng):
    """Counts, values, moes and the suppression draw of one indicator:
    arrays (counties x subgroups x years) den, num, val, moe, mark."""
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
    return den, num, val, moe, mark


def indicator_rows(i, lower, counties, states, first_year, nyears, rng):
    """The CSV lines of indicator i (kind = i % 4):
    0 value, counts and moe; 1 counts and moe (value blank);
    2 value and moe only; 3 value and counts, no moe."""
    kind = i % 4
    nc, ns, ny = len(counties), len(SUBGROUPS), nyears
    den, num, val, moe, mark = simulate(lower, counties, nyears, rng)

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


# ---------------------------------------------------------------- multi
# The several-states workload (SPEC section 3.10). Each state:
# (FIPS, listed in geographies.csv, parent of its state row, which
# indicators (0-based) have SS000 rows). Counties number 2k+1 with k % 3 == 1
# in a listed state have a blank parent (their state is SS000 of the FIPS
# code); counties of an unlisted state always have a blank parent.
MULTI_STATES = [
    ("09", True, "00000", lambda i: True),          # CT: rows for every indicator
    ("10", True, "00000", lambda i: False),         # DE: no state rows (pooled/median)
    ("11", False, "", lambda i: False),             # DC: not listed (no state)
    ("15", False, "", lambda i: False),             # HI: not listed (no state)
    ("33", True, "00000", lambda i: i % 2 == 0),    # NH: rows for every other indicator
    ("44", True, "", lambda i: True),               # RI: state row with a blank parent
    ("50", True, "00000", lambda i: i % 4 != 3),    # VT: rows for most indicators
]
MULTI_INDICATORS = 12
MULTI_FIRST_YEAR = 2012
MULTI_YEARS = 12
MULTI_LAG = (11, "10")      # indicator 12 has no DE county rows in its last year


def multi_nation_rows(i):
    """Indicators with a 00000 row (the others: pooled or median nationally)."""
    return i % 3 == 0


def multi_geographies(rng):
    """[(geo_id, name, level, parent, population)]: the nation, the listed
    states and the counties, and {county geo_id: its state geo_id or None}."""
    postal = {f: p for f, p, _ in STATES}
    size = {f: n for f, _, n in STATES}
    counties, states, state_of = [], [], {}
    for fips, listed, sparent, _ in MULTI_STATES:
        n = size[fips]
        pops = np.clip(np.exp(rng.normal(8.6, 1.5, n)), 60, 2_500_000).round().astype(np.int64)
        if listed:
            states.append((fips + "000", "State of " + postal[fips], "state", sparent, int(pops.sum())))
        for k in range(n):
            gid = "%s%03d" % (fips, 2 * k + 1)
            parent = fips + "000" if listed and k % 3 != 1 else ""
            counties.append((gid, "County %03d (%s)" % (2 * k + 1, postal[fips]), "county", parent, int(pops[k])))
            state_of[gid] = fips + "000" if listed else None
    nation = ("00000", "United States", "nation", "", int(sum(c[4] for c in counties)))
    return [nation] + states, counties, state_of


def multi_definitions():
    """Inline definitions: kinds cycle (i % 5), decimals 1, 0, 2, two
    lower_is_better, one target below 100, one weight 2, one min_denominator 50."""
    defs = []
    for i in range(MULTI_INDICATORS):
        lower = i % 6 == 5
        d = {
            "id": "ind%02d" % (i + 1),
            "name": "Synthetic indicator %02d%s" % (i + 1, " (lower is better)" if lower else ""),
            "domain": DOMAINS[i % len(DOMAINS)],
            "direction": "lower_is_better" if lower else "higher_is_better",
            "decimals": [1, 0, 2][i % 3],
            "min_denominator": 50 if i == 3 else MIN_DEN,
            "source": "Synthetic benchmark data (bench/generate.py)",
            "file": "ind%02d.csv" % (i + 1),
        }
        if i == 2:
            d["target"] = 90
        if i == 11:
            d["target"] = 5
        if i == 6:
            d["weight"] = 2
        defs.append(d)
    return defs


def multi_indicator_rows(i, d, counties, state_of, rng):
    """The CSV lines of multi indicator i (kind = i % 5): 0 value, counts and
    moe; 1 counts and moe; 2 value and moe; 3 value and counts, no moe;
    4 value and moe, counts on about 90% of the rows (pooled where every
    county has them, else median). State and nation rows: the pooled counts
    of their counties with about 1 point of noise (so a reported benchmark
    differs from the pooled one), 4% of them suppressed by a marker."""
    kind = i % 5
    lower = d["direction"] == "lower_is_better"
    prec = max(1, d["decimals"])
    nc, ns, ny = len(counties), len(SUBGROUPS), MULTI_YEARS
    den, num, val, moe, mark = simulate(lower, counties, ny, rng)
    has_counts = rng.random((nc, ns, ny)) < 0.9
    noise = rng.normal(0, 0.01, (len(MULTI_STATES) + 1, ns, ny))
    smark = rng.random((len(MULTI_STATES) + 1, ns, ny))
    years = [str(MULTI_FIRST_YEAR + y) for y in range(ny)]
    F = "%." + str(prec) + "f"

    def obs(gid, yr, sg, v, n, dd, m, counts=True):
        vt = F % v
        if kind == 0:
            return "%s,%s,%s,%s,%d,%d,%.1f\n" % (gid, yr, sg, vt, n, dd, m)
        if kind == 1:
            return "%s,%s,%s,,%d,%d,%.1f\n" % (gid, yr, sg, n, dd, m)
        if kind == 2 or (kind == 4 and not counts):
            return "%s,%s,%s,%s,,,%.1f\n" % (gid, yr, sg, vt, m)
        if kind == 3:
            return "%s,%s,%s,%s,%d,%d,\n" % (gid, yr, sg, vt, n, dd)
        return "%s,%s,%s,%s,%d,%d,%.1f\n" % (gid, yr, sg, vt, n, dd, m)

    def pooled(gid, sl, j, y):
        lines = []
        for s in range(ns):
            dd = den[sl, s, y].sum()
            n = min(max(np.round(num[sl, s, y].sum() + noise[j, s, y] * dd), 0), dd)
            v = 100 * n / dd if dd > 0 else 0.0
            m = max(round(1.645 * 100 * np.sqrt(v / 100 * (1 - v / 100) / max(dd, 1)), 1), 0.1)
            if smark[j, s, y] < 0.04:
                lines.append("%s,%s,%s,%s,,,\n" % (gid, years[y], SUBGROUPS[s], MARKERS[int(smark[j, s, y] * 125) % 5]))
            else:
                lines.append(obs(gid, years[y], SUBGROUPS[s], v, n, dd, m))
        return lines

    out = []
    for y in range(ny):
        yr = years[y]
        for c in range(nc):
            gid = counties[c][0]
            if (i, gid[:2]) == MULTI_LAG and y == ny - 1:
                continue
            for s in range(ns):
                dd, n, v, m, u = den[c, s, y], num[c, s, y], val[c, s, y], moe[c, s, y], mark[c, s, y]
                sg = SUBGROUPS[s]
                if u < 0.004:                    # source suppression marker
                    out.append("%s,%s,%s,%s,,,\n" % (gid, yr, sg, MARKERS[int(u * 1250) % 5]))
                elif u < 0.006:                  # blank value without counts
                    out.append("%s,%s,%s,,,,\n" % (gid, yr, sg))
                elif (kind == 2 or (kind == 4 and not has_counts[c, s, y])) and dd < MIN_DEN:
                    out.append("%s,%s,%s,*,,,\n" % (gid, yr, sg))
                else:
                    out.append(obs(gid, yr, sg, v, n, dd, m, has_counts[c, s, y]))
        for j, (fips, listed, _, rows) in enumerate(MULTI_STATES):
            if listed and rows(i):
                sl = [c for c in range(nc) if state_of[counties[c][0]] == fips + "000"]
                out.extend(pooled(fips + "000", sl, j, y))
        if multi_nation_rows(i):
            out.extend(pooled("00000", list(range(nc)), len(MULTI_STATES), y))
    return out


def main_multi(args):
    rng = np.random.default_rng([SEED, ord("m"), 1000])
    geos, counties, state_of = multi_geographies(rng)
    defs = multi_definitions()
    os.makedirs(args.outdir, exist_ok=True)
    manifest = {
        "title": "Benchmark workload 'multi' (synthetic, several states)",
        "geographies": "geographies.csv",
        "goal_year": MULTI_FIRST_YEAR + MULTI_YEARS + 6,
        "trend_years": 10,
        "seed": 7,
        "domains": DOMAINS,
        "indicators": defs,
    }
    with open(os.path.join(args.outdir, "scorecard.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    with open(os.path.join(args.outdir, "geographies.csv"), "w", encoding="utf-8") as f:
        f.write("geo_id,name,level,parent,population\n")
        for g in geos + counties:
            f.write("%s,%s,%s,%s,%d\n" % g)
    total = 0
    for i, d in enumerate(defs):
        irng = np.random.default_rng([SEED, ord("m"), 1000, i + 1])
        lines = multi_indicator_rows(i, d, counties, state_of, irng)
        with open(os.path.join(args.outdir, d["file"]), "w", encoding="utf-8") as f:
            f.write("geo_id,year,subgroup,value,numerator,denominator,moe\n")
            f.writelines(lines)
        total += len(lines)
    print("counties=%d states=%d indicators=%d years=%d subgroups=%d"
          % (len(counties), len(geos) - 1, len(defs), MULTI_YEARS, len(SUBGROUPS)))
    print("rows=%d" % total)
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--workload", choices=sorted(WORKLOADS) + ["multi"], required=True)
    ap.add_argument("--fraction", type=float, default=1.0,
                    help="share of each state's counties to keep (0 < F <= 1)")
    ap.add_argument("outdir")
    args = ap.parse_args()
    if not 0 < args.fraction <= 1:
        ap.error("--fraction must be in (0, 1]")
    if args.workload == "multi":
        if args.fraction != 1.0:
            ap.error("--fraction applies to ca and us only")
        return main_multi(args)

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
