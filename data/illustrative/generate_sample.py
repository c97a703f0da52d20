#!/usr/bin/env python3
"""Generate the bundled illustrative sample dataset for scorecard.

THE VALUES WRITTEN BY THIS SCRIPT ARE SYNTHETIC. County names, FIPS codes and
the rough size of each county's child population are real; every indicator
value, count and margin of error is made up. Do not cite them.

Usage:  python3 data/illustrative/generate_sample.py

Python 3 standard library only. The output is deterministic: the same bytes on
every run (one random.Random(SEED) stream consumed in a fixed order, and all
rounding done with integers or decimal.Decimal). Files are written into the
directory that holds this script:

  scorecard.json        the manifest (SPEC section 2.1)
  geographies.csv       California plus its 58 counties
  <indicator>.csv       one observation file per indicator (10 files)
"""

import json
import math
import os
import random
from decimal import Decimal, ROUND_HALF_UP

SEED = 20240601

YEARS = list(range(2012, 2024))          # 12 data years
MID_YEAR = 2017.5                         # levels are defined at the window middle
NO_TEST_YEARS = {2020}                    # no state assessment during COVID
STATE_ID = "06000"
SUBGROUPS = ["Asian", "Black", "Latino", "Native American", "White"]
MIN_DEN = 20                              # catalog min_denominator

# (geo_id, name, approximate child population 0-17,
#  approximate child shares in percent: Latino, White, Asian, Black, Native American)
# Populations and shares are rounded, order-of-magnitude figures for realism only.
COUNTIES = [
    ("06001", "Alameda",          340000, 33, 23, 28,  9.0, 0.3),
    ("06003", "Alpine",              200, 15, 55,  1,  0.5, 25),
    ("06005", "Amador",             5700, 22, 68,  2,  1.5, 1.5),
    ("06007", "Butte",             44000, 28, 58,  5,  2.0, 2.0),
    ("06009", "Calaveras",          7600, 20, 72,  1.5, 1.0, 1.5),
    ("06011", "Colusa",             5700, 65, 30,  1,  0.5, 1.5),
    ("06013", "Contra Costa",     260000, 32, 33, 18,  9.0, 0.3),
    ("06015", "Del Norte",          5600, 25, 55,  4,  1.5, 10),
    ("06017", "El Dorado",         38000, 20, 70,  4,  1.0, 1.0),
    ("06019", "Fresno",           270000, 63, 20, 10,  4.0, 0.7),
    ("06021", "Glenn",              7200, 55, 40,  2,  0.5, 1.5),
    ("06023", "Humboldt",          26000, 20, 62,  3,  1.5, 7),
    ("06025", "Imperial",          50000, 88,  8,  1.5, 2.0, 1.0),
    ("06027", "Inyo",               3700, 35, 50,  1.5, 0.5, 10),
    ("06029", "Kern",             250000, 63, 25,  4,  5.0, 0.7),
    ("06031", "Kings",             39000, 63, 25,  3,  5.0, 1.0),
    ("06033", "Lake",              13000, 32, 56,  1.5, 2.0, 4),
    ("06035", "Lassen",             5300, 25, 65,  1.5, 2.0, 4),
    ("06037", "Los Angeles",     2100000, 62, 17, 12,  7.0, 0.2),
    ("06039", "Madera",            41000, 67, 27,  2,  2.0, 1.5),
    ("06041", "Marin",             53000, 28, 57,  7,  2.0, 0.3),
    ("06043", "Mariposa",           2800, 20, 70,  1.5, 1.0, 3),
    ("06045", "Mendocino",         18000, 38, 50,  2,  1.0, 6),
    ("06047", "Merced",            77000, 67, 20,  8,  3.0, 0.5),
    ("06049", "Modoc",              1600, 28, 62,  1,  0.5, 5),
    ("06051", "Mono",               2600, 45, 48,  2,  0.5, 3),
    ("06053", "Monterey",         110000, 75, 16,  5,  2.0, 0.3),
    ("06055", "Napa",              30000, 48, 40,  7,  2.0, 0.3),
    ("06057", "Nevada",            17000, 14, 78,  2,  0.7, 1.0),
    ("06059", "Orange",           700000, 46, 30, 20,  1.8, 0.2),
    ("06061", "Placer",            85000, 18, 64,  9,  2.0, 0.6),
    ("06063", "Plumas",             3100, 16, 75,  1,  1.0, 4),
    ("06065", "Riverside",        600000, 58, 26,  6,  6.0, 0.5),
    ("06067", "Sacramento",       350000, 31, 35, 17, 11.0, 0.5),
    ("06069", "San Benito",        15000, 67, 27,  3,  0.8, 0.5),
    ("06071", "San Bernardino",   560000, 61, 21,  7,  8.0, 0.4),
    ("06073", "San Diego",        710000, 46, 34, 11,  5.0, 0.4),
    ("06075", "San Francisco",    120000, 25, 30, 35,  6.0, 0.2),
    ("06077", "San Joaquin",      200000, 50, 23, 16,  7.0, 0.5),
    ("06079", "San Luis Obispo",   50000, 35, 58,  3,  1.5, 0.5),
    ("06081", "San Mateo",        160000, 36, 32, 25,  2.0, 0.2),
    ("06083", "Santa Barbara",     98000, 60, 32,  5,  1.5, 0.4),
    ("06085", "Santa Clara",      430000, 35, 23, 37,  2.5, 0.2),
    ("06087", "Santa Cruz",        53000, 48, 45,  4,  1.0, 0.4),
    ("06089", "Shasta",            37000, 17, 72,  3,  1.5, 3),
    ("06091", "Sierra",              430, 15, 78,  1,  0.5, 2.5),
    ("06093", "Siskiyou",           8500, 20, 68,  2,  1.5, 6),
    ("06095", "Solano",            98000, 32, 30, 16, 13.0, 0.5),
    ("06097", "Sonoma",            99000, 42, 48,  5,  2.0, 0.7),
    ("06099", "Stanislaus",       140000, 58, 32,  5,  3.0, 0.5),
    ("06101", "Sutter",            25000, 38, 40, 17,  2.0, 1.0),
    ("06103", "Tehama",            15000, 38, 56,  1,  0.8, 2.0),
    ("06105", "Trinity",            2100, 10, 78,  1,  0.8, 6),
    ("06107", "Tulare",           140000, 74, 20,  3,  1.2, 0.8),
    ("06109", "Tuolumne",           8800, 20, 72,  1.5, 2.0, 2.0),
    ("06111", "Ventura",          200000, 56, 34,  7,  1.5, 0.3),
    ("06113", "Yolo",              45000, 42, 38, 14,  2.5, 0.5),
    ("06115", "Yuba",              20000, 36, 47,  8,  3.0, 2.0),
]
SHARE_INDEX = {"Latino": 3, "White": 4, "Asian": 5, "Black": 6, "Native American": 7}

# The six smallest counties: a subgroup with fewer than 20 children in the
# county is withheld by the (pretend) publisher in every file and year.
TINY_COUNTIES = {"06003", "06091", "06049", "06051", "06105", "06063"}

# Hand-set "advantage" factor (roughly -2..+2) for some counties so that the
# synthetic geography of advantage looks familiar; the rest are drawn at random.
ADVANTAGE = {
    "06041": 1.8, "06081": 1.5, "06085": 1.4, "06061": 1.3, "06017": 1.0,
    "06075": 0.9, "06059": 0.8, "06013": 0.8, "06057": 0.7, "06079": 0.6,
    "06001": 0.5, "06055": 0.5, "06097": 0.4, "06111": 0.3, "06073": 0.3,
    "06037": -0.2, "06067": -0.1, "06065": -0.3, "06071": -0.5, "06053": -0.4,
    "06077": -0.6, "06099": -0.6, "06007": -0.4, "06089": -0.4, "06023": -0.5,
    "06045": -0.6, "06093": -0.7, "06103": -0.9, "06021": -0.7, "06011": -0.5,
    "06115": -0.9, "06105": -1.0, "06049": -0.8, "06031": -0.9, "06039": -1.0,
    "06019": -1.0, "06029": -1.0, "06015": -1.2, "06033": -1.4, "06047": -1.2,
    "06107": -1.3, "06025": -1.5,
}

# Indicator generation parameters.
#   kind:   "counts" (value,numerator,denominator), "counts_moe" (value,numerator,
#           denominator,moe) or "moe" (value,moe)
#   base:   statewide level (percent) at the middle of the window
#   spread: points per unit of county advantage
#   gap:    scale of the subgroup gaps
#   st:     statewide trend (points a year, "better" direction)
#   tscale: scale of county trends (county trends lie in tscale * [-0.5, 1.0])
#   den:    cohort size as a fraction of the child population
#   neff:   (fraction, floor): survey sample size behind the moe = floor + fraction * cohort
#   state:  whether the state row 06000 is published
INDICATORS = [
    dict(id="preschool_attendance", kind="moe", base=48.0, spread=5.0, gap=0.7,
         st=0.2, tscale=1.0, den=2 / 18, neff=(0.05, 25), state=True, lo=5, hi=97),
    dict(id="ela_3rd_grade", kind="counts", base=45.0, spread=7.0, gap=1.0,
         st=0.3, tscale=1.0, den=0.97 / 18, state=True, lo=3, hi=97),
    dict(id="math_3rd_grade", kind="counts", base=47.0, spread=7.0, gap=1.0,
         st=0.3, tscale=1.0, den=0.97 / 18, state=True, lo=3, hi=97),
    dict(id="hs_graduation", kind="counts", base=84.0, spread=4.0, gap=0.9,
         st=0.4, tscale=1.0, den=1.02 / 18, state=True, lo=30, hi=99),
    dict(id="chronic_absenteeism", kind="counts", base=11.5, spread=2.5, gap=0.8,
         st=0.1, tscale=0.5, den=0.70, state=True, lo=1.5, hi=60, lower=True),
    dict(id="health_insurance", kind="counts_moe", base=96.0, spread=0.8, gap=0.25,
         st=0.12, tscale=0.3, den=1.0, neff=(0.02, 400), state=True, lo=85, hi=99.5),
    dict(id="dental_visit", kind="moe", base=80.0, spread=3.5, gap=0.5,
         st=0.2, tscale=0.8, den=1.0, neff=(0.001, 30), state=True, lo=40, hi=98),
    dict(id="healthy_weight", kind="counts", base=60.0, spread=4.0, gap=0.8,
         st=0.05, tscale=0.6, den=0.95 / 18, state=False, lo=20, hi=95),
    dict(id="placement_stability", kind="counts", base=85.0, spread=2.5, gap=0.35,
         st=0.2, tscale=0.8, den=1 / 300, state=False, lo=50, hi=99),
    dict(id="not_in_poverty", kind="moe", base=80.0, spread=6.0, gap=1.0,
         st=0.35, tscale=1.0, den=1.0, neff=(0.003, 40), state=True, lo=40, hi=98),
]

# Subgroup gaps at gap scale 1 (points, "better" direction), before centering.
SUBGROUP_OFFSET = {"Asian": 7.0, "White": 5.0, "Latino": -4.0, "Black": -8.0,
                   "Native American": -8.0}

# Chronic absenteeism: statewide post-pandemic rise (points), kept moderate so
# that no county series has a point more than 10 points from its own median.
ABSENCE_BUMP = {2020: 1.0, 2021: 4.0, 2022: 8.0, 2023: 6.0}

# Deliberately small (real) denominators: the engine suppresses these as
# low_denominator. (indicator, geo_id, subgroup, year) -> denominator.
LOW_DENOMINATORS = {
    ("ela_3rd_grade", "06003", "Native American", 2014): 12,
    ("ela_3rd_grade", "06091", "Latino", 2016): 14,
    ("math_3rd_grade", "06003", "Native American", 2014): 12,
    ("math_3rd_grade", "06091", "Latino", 2016): 14,
    ("hs_graduation", "06049", "Native American", 2013): 15,
    ("hs_graduation", "06051", "Asian", 2018): 11,
    ("chronic_absenteeism", "06003", "Latino", 2012): 17,
    ("healthy_weight", "06105", "Native American", 2019): 13,
    ("healthy_weight", "06063", "Asian", 2021): 16,
    ("placement_stability", "06003", "All", 2013): 12,
    ("placement_stability", "06003", "All", 2014): 14,
    ("placement_stability", "06091", "All", 2015): 9,
    ("placement_stability", "06049", "Latino", 2017): 10,
}
# Years in which a county's whole foster population is below 20: every
# subgroup row is withheld by the publisher that year.
WITHHELD_SUBGROUP_YEARS = {
    ("placement_stability", "06003", 2013), ("placement_stability", "06003", 2014),
    ("placement_stability", "06091", 2015),
}
# A couple of cells published as "N/A" (survey estimate not available).
NA_CELLS = {
    ("dental_visit", "06091", "All", 2013),
    ("dental_visit", "06003", "All", 2016),
    ("dental_visit", "06105", "Latino", 2017),
}

NOISE_RHO = 0.5
MAX_DEVIATION = 8.5   # cap on |point - series median| of the latent series
OUTLIER_POINTS = 9.5  # published values stay within this of the median (SPEC 4: 10)


def round1(x):
    """Half-up rounding to one decimal, returned as text ("12.3")."""
    return str(Decimal(repr(x)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def pct_text(n, d):
    """100*n/d rounded half up to one decimal, exactly, as text."""
    t = (2000 * n + d) // (2 * d)         # floor(1000*n/d + 1/2)
    return "%d.%d" % (t // 10, t % 10)


def median(xs):
    s = sorted(xs)
    k = len(s)
    return s[k // 2] if k % 2 else (s[k // 2 - 1] + s[k // 2]) / 2


def clip(x, lo, hi):
    return lo if x < lo else hi if x > hi else x


def moe_for(p, n_eff):
    """90% margin of error (points) of a proportion p (percent), sample n_eff."""
    q = clip(p, 1.0, 99.0) / 100.0
    return max(0.1, 1.645 * 100.0 * math.sqrt(q * (1 - q) / n_eff))


def shares(c):
    return {s: c[SHARE_INDEX[s]] / 100.0 for s in SUBGROUPS}


def withheld_pair(c, s):
    """Tiny-county subgroups with fewer than 20 children are not published."""
    return c[0] in TINY_COUNTIES and c[2] * shares(c)[s] < MIN_DEN


def make_cell(ind, p, d):
    """One published cell from the latent percentage p and the cohort size d."""
    cell = {"p": p, "size": d}
    if ind["kind"] in ("counts", "counts_moe"):
        n = clip(int(round(p * d / 100.0)), 0, d)
        cell["numerator"] = n
        cell["denominator"] = d
        # Publishers round the percentage and the counts separately (SAHIE).
        cell["value"] = pct_text(n, d) if ind["kind"] == "counts" else round1(p)
    else:
        cell["value"] = round1(p)
    if ind["kind"] in ("counts_moe", "moe"):
        frac, floor = ind["neff"]
        cell["moe"] = round1(moe_for(p, floor + d * frac))
    return cell


def settle_outliers(ind, series):
    """Keep a published series free of SPEC section 4 outlier warnings.

    Rounding counts of small cohorts can leave a trending series looking flat
    with a jump at the end. While some point is more than 4 scaled MADs and
    more than OUTLIER_POINTS from the series median, move its latent value
    half a point toward the median and publish it again.
    """
    for _ in range(200):
        pts = [(y, float(c["value"])) for y, c in sorted(series.items()) if "p" in c]
        if len(pts) < 3:
            return
        m = median([v for _, v in pts])
        mad = 1.4826 * median([abs(v - m) for _, v in pts])
        worst = max(pts, key=lambda t: (abs(t[1] - m), t[0]))
        dev = abs(worst[1] - m)
        if not (dev > 4 * mad and dev > OUTLIER_POINTS):
            return
        c = series[worst[0]]
        step = -0.5 if worst[1] > m else 0.5
        series[worst[0]] = make_cell(ind, c["p"] + step, c["size"])
    raise RuntimeError("could not settle an outlier")


def build(rng):
    geo_ids = [c[0] for c in COUNTIES]
    cpop = {c[0]: c[2] for c in COUNTIES}

    # County-wide random draws shared by all indicators.
    adv = {}
    trend_factor = {}
    growth = {}
    for c in COUNTIES:
        g = c[0]
        a = ADVANTAGE.get(g)
        adv[g] = (a if a is not None else rng.gauss(0.0, 0.5)) + rng.gauss(0.0, 0.2)
        trend_factor[g] = rng.gauss(0.0, 1.0)
        growth[g] = rng.uniform(-0.012, 0.006)
    pop_year = {}
    for c in COUNTIES:
        g = c[0]
        for y in YEARS:
            pop_year[g, y] = cpop[g] * (1 + growth[g] * (y - 2020)) * (1 + rng.gauss(0, 0.006))

    out = {}
    for ind in INDICATORS:
        iid = ind["id"]
        lower = ind.get("lower", False)
        sign = -1.0 if lower else 1.0        # "better" direction in value units
        years = [y for y in YEARS if not (iid in ("ela_3rd_grade", "math_3rd_grade")
                                          and y in NO_TEST_YEARS)]

        # County levels around the state, centered on the population-weighted mean.
        raw_level = {}
        for c in COUNTIES:
            g = c[0]
            raw_level[g] = ind["spread"] * adv[g] + rng.gauss(0.0, 0.35 * ind["spread"])
        wsum = sum(cpop.values())
        center = sum(raw_level[g] * cpop[g] for g in geo_ids) / wsum
        level = {g: ind["base"] + sign * (raw_level[g] - center) for g in geo_ids}

        # Oriented trends in [-0.5, 1.0] points a year (times the indicator's scale).
        # The population-weighted mean trend is set to the statewide trend "st".
        t_raw = {g: 0.3 * trend_factor[g] + 0.3 * rng.gauss(0.0, 1.0) for g in geo_ids}
        t_center = sum(t_raw[g] * cpop[g] for g in geo_ids) / wsum
        trend = {}
        for g in geo_ids:
            t = ind["st"] / ind["tscale"] + t_raw[g] - t_center
            trend[g] = sign * ind["tscale"] * clip(t, -0.5, 1.0)
        bump_factor = {g: rng.uniform(0.8, 1.1) for g in geo_ids}

        # Latent smooth series (percent) per county and subgroup.
        rows = {}     # (geo, subgroup) -> {year: dict(value=..., ...)}
        latent = {}   # (geo, subgroup) -> {year: p}
        for c in COUNTIES:
            g = c[0]
            sh = shares(c)
            # subgroup offsets, centered so that the share-weighted mean is 0
            off = {s: ind["gap"] * SUBGROUP_OFFSET[s] + rng.gauss(0.0, 1.5) for s in SUBGROUPS}
            mean_off = sum(sh[s] * off[s] for s in SUBGROUPS)
            off = {s: off[s] - mean_off for s in SUBGROUPS}
            sub_trend = {s: rng.gauss(0.0, 0.12) * ind["tscale"] for s in SUBGROUPS}
            sub_bump = {s: rng.uniform(0.9, 1.15) for s in SUBGROUPS}
            for s in ["All"] + SUBGROUPS:
                size = cpop[g] * ind["den"] * (1.0 if s == "All" else sh[s])
                sd = min(1.3, 0.45 + 5.0 / math.sqrt(max(size, 1.0)))
                if iid == "health_insurance":
                    sd *= 0.4
                series = {}
                e = rng.gauss(0.0, sd)
                for y in years:
                    # AR(1) noise (rho 0.5): small, smooth year-to-year changes
                    e = NOISE_RHO * e + math.sqrt(1 - NOISE_RHO ** 2) * rng.gauss(0.0, sd)
                    p = level[g] + trend[g] * (y - MID_YEAR)
                    if s != "All":
                        p += sign * off[s] + sign * sub_trend[s] * (y - MID_YEAR)
                    if iid == "chronic_absenteeism":
                        p += ABSENCE_BUMP.get(y, 0.0) * bump_factor[g] * (
                            1.0 if s == "All" else sub_bump[s])
                    p += e
                    series[y] = clip(p, ind["lo"], ind["hi"])
                m = median(list(series.values()))
                for y in years:
                    series[y] = clip(series[y], m - MAX_DEVIATION, m + MAX_DEVIATION)
                latent[g, s] = series

        # Denominators and published cells. A cohort too small to be scored is
        # inflated to a fixed per-series size of about 24-36 (see README).
        small_size = {(c[0], s): 24 + int(abs(rng.gauss(0.0, 4.0)))
                      for c in COUNTIES for s in SUBGROUPS}
        for c in COUNTIES:
            g = c[0]
            sh = shares(c)
            for y in years:
                base = pop_year[g, y] * ind["den"] * (1 + rng.gauss(0, 0.01))
                subs = {s: base * sh[s] * (1 + rng.gauss(0, 0.03)) for s in SUBGROUPS}
                cells = {}
                shown_sub_den = 0
                for s in SUBGROUPS:
                    if withheld_pair(c, s) or (iid, g, y) in WITHHELD_SUBGROUP_YEARS:
                        cells[s] = None
                        continue
                    d = int(round(subs[s]))
                    if d < small_size[g, s]:
                        d = max(MIN_DEN + 2, int(round(small_size[g, s] * (1 + rng.gauss(0, 0.05)))))
                    d = LOW_DENOMINATORS.get((iid, g, s, y), d)
                    cells[s] = d
                    shown_sub_den += d
                d_all = int(round(base))
                d_all = max(d_all, int(math.ceil(shown_sub_den * 1.04)) + 2, MIN_DEN + 5)
                d_all = LOW_DENOMINATORS.get((iid, g, "All", y), d_all)
                cells["All"] = d_all
                for s in ["All"] + SUBGROUPS:
                    d = cells[s]
                    if d is None:
                        cell = dict(value="*")
                    elif (iid, g, s, y) in NA_CELLS:
                        cell = dict(value="N/A")
                    else:
                        cell = make_cell(ind, latent[g, s][y], d)
                    rows.setdefault((g, s), {})[y] = cell

        for g in geo_ids:
            for s in ["All"] + SUBGROUPS:
                settle_outliers(ind, rows[g, s])

        # State rows.
        if ind["state"]:
            for s in ["All"] + SUBGROUPS:
                for y in years:
                    cells = [rows[g, s][y] for g in geo_ids]
                    cells = [x for x in cells if "p" in x]
                    cell = {}
                    if ind["kind"] in ("counts", "counts_moe"):
                        n = sum(x["numerator"] for x in cells)
                        d = sum(x["denominator"] for x in cells)
                        cell["numerator"], cell["denominator"] = n, d
                        cell["value"] = pct_text(n, d)
                        p = 100.0 * n / d
                    else:
                        w = sum(x["size"] for x in cells)
                        p = sum(x["p"] * x["size"] for x in cells) / w
                        d = w
                        cell["value"] = round1(p)
                    if ind["kind"] in ("counts_moe", "moe"):
                        frac, floor = ind["neff"]
                        cell["moe"] = round1(moe_for(p, floor + d * frac))
                    rows.setdefault((STATE_ID, s), {})[y] = cell
        out[iid] = (years, rows)
    return out


def csv_field(x):
    t = "" if x is None else str(x)
    if any(ch in t for ch in ',"\n\r'):
        t = '"' + t.replace('"', '""') + '"'
    return t


# Every file says what it is, row by row, in a last column the engine
# ignores (SPEC 2.3: extra columns are ignored), so a copy taken out of
# this folder still says it.
SYNTHETIC_COL = "synthetic"


def write_csv(path, header, rows, note):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(",".join(header + [SYNTHETIC_COL]) + "\n")
        for r in rows:
            f.write(",".join(csv_field(x) for x in list(r) + [note]) + "\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    rng = random.Random(SEED)
    data = build(rng)

    state_pop = sum(c[2] for c in COUNTIES)
    geo_rows = [(STATE_ID, "California", "state", "", state_pop)]
    geo_rows += [(c[0], c[1], "county", STATE_ID, c[2]) for c in sorted(COUNTIES)]
    write_csv(os.path.join(here, "geographies.csv"),
              ["geo_id", "name", "level", "parent", "population"], geo_rows,
              "real name and FIPS code; population rounded")

    order = ["All"] + sorted(SUBGROUPS)
    for ind in INDICATORS:
        iid = ind["id"]
        years, rows = data[iid]
        if ind["kind"] == "counts":
            cols = ["value", "numerator", "denominator"]
        elif ind["kind"] == "counts_moe":
            cols = ["value", "numerator", "denominator", "moe"]
        else:
            cols = ["value", "moe"]
        out = []
        geos = sorted({g for g, _ in rows})
        for g in geos:
            for y in years:
                for s in order:
                    cell = rows[g, s][y]
                    out.append([g, y, s] + [cell.get(k, "") for k in cols])
        write_csv(os.path.join(here, iid + ".csv"),
                  ["geo_id", "year", "subgroup"] + cols, out,
                  "made-up value")

    manifest_lines = [
        "{",
        '  "title": "California County Scorecard of Children\'s Well-Being (illustrative sample, synthetic values)",',
        '  "geographies": "geographies.csv",',
        '  "goal_year": 2030,',
        '  "trend_years": 10,',
        '  "alpha": 0.05,',
        '  "domains": ["Education", "Health", "Child Welfare", "Family Economics"],',
        '  "indicators": [',
    ]
    # the catalog's sources are real publishers: say instead that these
    # values are made up, wherever the source is shown
    source = ("Synthetic: values made up by data/illustrative/generate_sample.py "
              "for the illustrative sample (not real data; do not cite)")
    entries = ['    {"use": %s, "file": %s,\n     "source": %s, "url": ""}'
               % (json.dumps(i["id"]), json.dumps(i["id"] + ".csv"), json.dumps(source))
               for i in INDICATORS]
    manifest_lines.append(",\n".join(entries))
    manifest_lines += ["  ]", "}"]
    text = "\n".join(manifest_lines) + "\n"
    json.loads(text)  # sanity: valid JSON
    with open(os.path.join(here, "scorecard.json"), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


if __name__ == "__main__":
    main()
