#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Real national data (issue 12 item 5; SPEC §2.4, §3.3, §3.5, §3.10).

A national manifest over the real files in ../shared/data/real (used in
place, by absolute path, with --allow-outside-paths):

  health_insurance      SAHIE children (<19) insured, every county,
                        2008-2016 (value pctic, counts nic/nipr, moe
                        pctic_moe, min_denominator 50 so that Loving TX,
                        47 children in 2016, is suppressed). No state or
                        nation rows: state and national benchmarks are
                        pooled (100·Σnic/Σnipr).
  not_in_poverty        CHR panel, children not in poverty, release 2011
                        only (filter): 1 nation row, 51 state rows, 3,141
                        counties, so the state and national benchmarks are
                        `reported` (100 − 100·value, 95% CI).
  not_in_poverty_panel  the same measure over every CHR release (2010-2018):
                        state rows 2010-2016 (no DC row 2014-2016), a nation
                        row 2010-2011, none in 2018 and no denominators, so
                        the benchmarks fall back to the median (§3.5).

The dataset is built twice: with geographies inferred from the
observations (§2.4: 00000 nation, SS000 state, other ids counties) and
with a geographies.csv written here (the nation, the states with parent
00000, the counties with their state as parent or, every other one, a
blank parent). Every figure below is computed independently here with
pandas from the raw CSVs (not from the engine's output) and compared with
`scorecard build --format json,csv` (numbers to 1e-6):

  * the geographies (ids, levels) and each county's state (= its FIPS
    prefix + 000), parent;
  * latest_year, ranked, the national benchmark series and every state's
    benchmark series (value and method, every year);
  * for every county and state: value, suppressed/reason, rank/of/quartile
    (§3.3 within the county's state; states among states, §3.10.5),
    national_rank/of/quartile, benchmark, vs_benchmark, national_benchmark,
    vs_national; domain and overall scores and ranks (in state, national,
    states among states);
  * every CSV row: state_id, benchmark, benchmark_method, vs_benchmark,
    national_benchmark, vs_national; on latest rows the ranks;
  * `scorecard validate` exits 0 and its warnings are exactly the ones
    §4 (and the README's choices) predict for these files: counties with no
    row in an indicator's latest year (FIPS vintage changes), and values
    more than 4 scaled MADs and 10 points from their series' median.

A Texas spotlight (Harris 48201, Travis 48453, Loving 48301) is printed.

Readings (as tests/multistate-test.py): a geography's benchmark at the
latest year is null when it has no row that year; states and the nation
get the national benchmark as `benchmark`; a state without its own value
is not ranked (SAHIE has no state rows, so no state is ranked on it).

Usage: real-national-test.py SCORECARD SOURCE_ROOT
Exit 0 pass, 1 fail, 77 skip (no ../shared/data/real, or no pandas).
"""
import bisect
import csv
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict

DEBIAN_PY = "/usr/bin/python3"
try:
    import numpy as np
    import pandas as pd
except ImportError as e:
    if os.path.exists(DEBIAN_PY) and os.path.realpath(sys.executable) != os.path.realpath(DEBIAN_PY):
        os.execv(DEBIAN_PY, [DEBIAN_PY] + sys.argv)       # meson's python3 may be a pyenv one
    print("SKIP: %s lacks numpy/pandas (%s)" % (sys.executable, e))
    sys.exit(77)

if len(sys.argv) != 3:
    print(__doc__)
    sys.exit(2)
EXE = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])
REAL = os.path.normpath(os.path.join(SRC, "..", "shared", "data", "real"))
SAHIE = os.path.join(REAL, "sahie", "sahie_county_under19_allincome_2008_2016.csv")
CHR = os.path.join(REAL, "chr", "chr_child_panel_2010_2018.csv")
if not os.path.isdir(REAL):
    print("SKIP: %s not found (the real data lives in ../shared beside the repository)" % REAL)
    sys.exit(77)
for p in (SAHIE, CHR):
    if not os.path.isfile(p):
        print("SKIP: %s not found (see %s/README.md)" % (p, REAL))
        sys.exit(77)

NATION = "00000"
MARKERS = {"*", "S", "N/A", "NA", "LNE", "-", ""}
SPOTLIGHT = ["48201", "48453", "48301"]          # Harris, Travis, Loving (Texas)
TEXAS = "48000"
DOMAINS = ["Health", "Family Economics"]

CHR_COLUMNS = {"geo_id": "fips", "year": "release_year", "value": "children_in_poverty_value",
               "ci_low": "children_in_poverty_cilow", "ci_high": "children_in_poverty_cihigh"}
# The three indicators: (manifest entry, what the independent reader needs).
INDICATORS = [
    ({"use": "health_insurance", "file": SAHIE,
      "columns": {"geo_id": "fips", "year": "year", "value": "pctic", "numerator": "nic",
                  "denominator": "nipr", "moe": "pctic_moe", "geo_name": "county"},
      "filter": {"agecat": "4", "iprcat": "0"},
      "min_denominator": 50},
     {"id": "health_insurance", "domain": "Health", "kind": "sahie", "min_den": 50}),
    ({"use": "not_in_poverty", "file": CHR,
      "columns": dict(CHR_COLUMNS, geo_name="county"), "ci_level": 95,
      "transform": {"scale": 100, "complement": True},
      "filter": {"release_year": "2011"}},
     {"id": "not_in_poverty", "domain": "Family Economics", "kind": "chr", "release": "2011",
      "min_den": 20}),
    ({"id": "not_in_poverty_panel", "name": "Children not in poverty (CHR releases 2010-2018)",
      "domain": "Family Economics", "file": CHR,
      "columns": dict(CHR_COLUMNS, geo_name="county"), "ci_level": 95,
      "transform": {"scale": 100, "complement": True},
      "source": "County Health Rankings & Roadmaps (SAIPE)"},
     {"id": "not_in_poverty_panel", "domain": "Family Economics", "kind": "chr", "release": None,
      "min_den": 20}),
]
DECIMALS = 1            # every definition: decimals 1, target 100, higher_is_better, weight 1,
TARGET = 100.0          # written into each entry so that a catalog change cannot move them
for _entry, _ in INDICATORS:
    _entry.update({"direction": "higher_is_better", "target": 100, "decimals": DECIMALS, "weight": 1})


# ----------------------------------------------------------------- helpers

def round_key(x, k=DECIMALS):
    """§3.9.1: sign(x)·floor(|x|·10^k + 0.5), an integer."""
    return int(math.copysign(math.floor(abs(x) * 10.0 ** k + 0.5), x))


def r6(x):
    """§3.9.3 output rounding."""
    if x is None:
        return None
    return math.copysign(math.floor(abs(x) * 1e6 + 0.5), x) / 1e6 + 0.0


def rank_triples(keys, descending=False):
    """{id: (rank, of, quartile)}: standard competition ranking (§3.3)."""
    vals = sorted(keys.values())
    of = len(vals)
    out = {}
    for g, k in keys.items():
        r = 1 + (of - bisect.bisect_right(vals, k) if descending else bisect.bisect_left(vals, k))
        out[g] = (r, of, math.ceil(4 * r / of))
    return out


def distance(v):
    return max(0.0, TARGET - v)


def vs(v, b):
    if v is None or b is None:
        return None
    kv, kb = round_key(v), round_key(b)
    return "same" if kv == kb else ("better" if kv > kb else "worse")


def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def same(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if is_num(a) and is_num(b):
        return abs(a - b) <= 1.01e-6 or abs(a - b) <= 1e-9 * max(abs(a), abs(b))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return sorted(a) == sorted(b) and all(same(a[k], b[k]) for k in a)
    return a == b


def short(x, n=300):
    t = repr(x)
    return t if len(t) <= n else t[:n] + "... (%d chars)" % len(t)


class Checks:
    def __init__(self):
        self.n = Counter()
        self.bad = []

    def eq(self, kind, where, got, want):
        self.n[kind] += 1
        if not same(got, want):
            self.bad.append((kind, where, got, want))
            return False
        return True


# ----------------------------------------------------------------- the model

def num(t):
    t = t.strip()
    return None if t in MARKERS else float(t)


class Obs:
    __slots__ = ("v", "reason", "n", "d", "line")

    def __init__(self, v, reason, n, d, line):
        self.v, self.reason, self.n, self.d, self.line = v, reason, n, d, line


def read_sahie(spec):
    """{(geo, year): Obs} from the SAHIE file: §2.3 / §3.1 / §3.9.4 for
    value pctic, numerator nic, denominator nipr."""
    raw = pd.read_csv(SAHIE, dtype=str, keep_default_na=False)
    raw["line"] = np.arange(len(raw)) + 2
    raw = raw[(raw.agecat.str.strip() == "4") & (raw.iprcat.str.strip() == "0")]
    out = {}
    for r in raw.itertuples(index=False):
        n, d = num(r.nic), num(r.nipr)
        vt = r.pctic.strip()
        counts = n is not None and d is not None
        if vt == "":
            v = 100.0 * n / d if counts and d > 0 else None
        elif vt in MARKERS:
            v = None
        else:
            v = float(vt)
        reason = None if v is not None else "source_suppressed"
        if v is not None and d is not None and (d < spec["min_den"] or d <= 0):
            v, reason = None, "low_denominator"
        out[(r.fips.strip(), int(r.year))] = Obs(v, reason, n if v is not None else None,
                                                 d if v is not None else None, r.line)
    return out


def read_chr(spec):
    """{(geo, year): Obs} from the CHR panel: value = 100 − 100·share in
    poverty (scale, then complement), no counts mapped."""
    raw = pd.read_csv(CHR, dtype=str, keep_default_na=False)
    raw["line"] = np.arange(len(raw)) + 2
    if spec["release"] is not None:
        raw = raw[raw.release_year.str.strip() == spec["release"]]
    out = {}
    for r in raw.itertuples(index=False):
        x = num(r.children_in_poverty_value)
        v = None if x is None else 100.0 - x * 100.0
        out[(r.fips.strip(), int(r.release_year))] = Obs(
            v, None if v is not None else "source_suppressed", None, None, r.line)
    return out


def level_of(gid):
    return "nation" if gid == NATION else "state" if gid[2:] == "000" else "county"


def bench(own, rows):
    """§3.5 / §3.9.11: (value, method) or None."""
    if own is not None:
        return (own, "reported")
    if not rows:
        return None
    if all(o.n is not None and o.d is not None for o in rows):
        sd = sum(o.d for o in rows)
        if sd > 0:
            return (100.0 * sum(o.n for o in rows) / sd, "pooled")
    return (float(np.median([o.v for o in rows])), "median")


class Model:
    def __init__(self):
        self.inds = []
        for _, spec in INDICATORS:
            d = dict(spec)
            d["obs"] = read_sahie(d) if d["kind"] == "sahie" else read_chr(d)
            self.inds.append(d)
        ids = sorted({g for d in self.inds for (g, _) in d["obs"]})
        self.level = {g: level_of(g) for g in ids}
        self.geos = ids
        self.counties = [g for g in ids if self.level[g] == "county"]
        self.states = [g for g in ids if self.level[g] == "state"]
        self.state_of = {c: (c[:2] + "000" if self.level.get(c[:2] + "000") == "state" else None)
                         for c in self.counties}
        self.groups = defaultdict(list)
        for c in self.counties:
            self.groups[self.state_of[c]].append(c)
        for d in self.inds:
            self._compute(d)
        self._composites()

    def _compute(self, d):
        obs = d["obs"]
        cty = set(self.counties)
        d["latest"] = L = max(y for (g, y), o in obs.items() if g in cty and o.v is not None)
        years = sorted({y for (_, y) in obs})
        by_y = defaultdict(list)
        for (g, y), o in obs.items():
            if g in cty and o.v is not None:
                by_y[y].append((g, o))
        d["state_bench"], d["nat_bench"] = {}, {}
        for st in self.states:
            mine = set(self.groups.get(st, []))
            for y in years:
                own = obs.get((st, y))
                b = bench(own.v if own else None, [o for g, o in by_y[y] if g in mine])
                if b is not None:
                    d["state_bench"][(st, y)] = b
        for y in years:
            own = obs.get((NATION, y))
            b = bench(own.v if own else None, [o for _, o in by_y[y]])
            if b is not None:
                d["nat_bench"][y] = b
        d["value"] = {g: (obs[(g, L)].v if (g, L) in obs else None) for g in self.geos}
        d["score"] = {g: (None if v is None else 100.0 - distance(v)) for g, v in d["value"].items()}
        keys = {g: round_key(distance(v)) for g, v in d["value"].items() if v is not None}
        d["in_state"] = {}
        for members in self.groups.values():
            d["in_state"].update(rank_triples({g: keys[g] for g in members if g in keys}))
        d["national"] = rank_triples({g: keys[g] for g in self.counties if g in keys})
        d["state_rank"] = rank_triples({g: keys[g] for g in self.states if g in keys})

    def benchmark_of(self, d, g, y):
        if self.level[g] == "county" and self.state_of[g] is not None:
            return d["state_bench"].get((self.state_of[g], y))
        return d["nat_bench"].get(y)

    def _composites(self):
        self.dom, self.overall = {g: {} for g in self.geos}, {}
        for g in self.geos:
            for dm in DOMAINS:
                mem = [d for d in self.inds if d["domain"] == dm]
                sc = [d["score"][g] for d in mem if d["score"][g] is not None]
                s = sum(sc) / len(sc) if sc and len(sc) >= len(mem) / 2 else None
                self.dom[g][dm] = {"score": s, "scored": len(sc), "total": len(mem)}
            ds = [self.dom[g][dm]["score"] for dm in DOMAINS if self.dom[g][dm]["score"] is not None]
            self.overall[g] = {"score": sum(ds) / len(ds) if ds and len(ds) >= len(DOMAINS) / 2 else None,
                               "scored": len(ds)}

        def ranks(get):
            keys = {g: round_key(get(g)) for g in self.geos if get(g) is not None}
            ins = {}
            for members in self.groups.values():
                ins.update(rank_triples({g: keys[g] for g in members if g in keys}, True))
            return (ins, rank_triples({g: keys[g] for g in self.counties if g in keys}, True),
                    rank_triples({g: keys[g] for g in self.states if g in keys}, True))
        self.dom_rank = {dm: ranks(lambda g, dm=dm: self.dom[g][dm]["score"]) for dm in DOMAINS}
        self.overall_rank = ranks(lambda g: self.overall[g]["score"])

    def ranks_of(self, g, maps):
        ins, nat, sts = maps
        if self.level[g] == "county":
            return ins.get(g), nat.get(g)
        if self.level[g] == "state":
            return sts.get(g), sts.get(g)
        return None, None

    # §4 warnings these files should give (README: series of unsuppressed
    # points of one geography, checked from 3 points; suppressed rows count
    # as present for the missing-county warning)
    def expected_warnings(self):
        """Counter of (code, file, geo, year[, line]) the validator should report."""
        want = Counter()
        for d in self.inds:
            path = SAHIE if d["kind"] == "sahie" else CHR
            present = {g for (g, y) in d["obs"] if y == d["latest"]}
            for c in self.counties:
                if c not in present:
                    want[("missing-county", path, c, d["latest"])] += 1
            series = defaultdict(list)
            for (g, y), o in d["obs"].items():
                if o.v is not None:
                    series[g].append((y, o))
            for g, pts in series.items():
                if len(pts) < 3:
                    continue
                vals = np.array([o.v for _, o in pts])
                med = float(np.median(vals))
                smad = 1.482602218505602 * float(np.median(np.abs(vals - med)))   # gsl_stats_mad
                for y, o in pts:
                    if abs(o.v - med) > 4 * smad and abs(o.v - med) > 10:
                        want[("outlier", path, g, y, o.line)] += 1
        return want


# ----------------------------------------------------------------- running

def run(argv):
    t = time.time()
    r = subprocess.run(argv, capture_output=True, text=True)
    return r, time.time() - t


def write_dataset(ddir, M, listed):
    os.makedirs(ddir)
    man = {"title": "Real national data: SAHIE and County Health Rankings (tests/real-national-test.py)",
           "domains": DOMAINS, "trend_years": 10,
           "indicators": []}
    for entry, _ in INDICATORS:
        e = json.loads(json.dumps(entry))
        if listed:
            e["columns"].pop("geo_name", None)     # names come from geographies.csv
        man["indicators"].append(e)
    if listed:
        man["geographies"] = "geographies.csv"
        names = {}
        for path, col, idcol in ((CHR, "county", "fips"), (SAHIE, "county", "fips")):
            raw = pd.read_csv(path, dtype=str, keep_default_na=False, usecols=[idcol, col])
            names.update(zip(raw[idcol].str.strip(), raw[col].str.strip()))
        with open(os.path.join(ddir, "geographies.csv"), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["geo_id", "name", "level", "parent"])
            for k, g in enumerate(M.geos):
                lv = M.level[g]
                parent = ("" if lv == "nation" else NATION if lv == "state"
                          else g[:2] + "000" if k % 2 == 0 else "")
                w.writerow([g, names.get(g) or g, lv, parent])
    with open(os.path.join(ddir, "scorecard.json"), "w", encoding="utf-8") as f:
        json.dump(man, f, indent=2)
        f.write("\n")


def file_parents(ddir):
    p = os.path.join(ddir, "geographies.csv")
    if not os.path.exists(p):
        return None
    g = pd.read_csv(p, dtype=str, keep_default_na=False)
    return dict(zip(g.geo_id, g.parent))


def check_validate(chk, tag, M, want, ddir):
    """scorecard validate: exit 0, no errors, and exactly the predicted warnings."""
    r, secs = run([EXE, "validate", "--allow-outside-paths", "--format", "json", "--max-errors", "0", ddir])
    chk.eq(tag + "validate exit code", "scorecard validate " + ddir, r.returncode, 0)
    try:
        rep = json.loads(r.stdout)
    except ValueError:
        chk.eq(tag + "validate exit code", "validate --format json output", r.stdout[:200], "JSON")
        return Counter(), secs
    got, other = Counter(), []
    for dg in rep.get("diagnostics", []):
        msg, code, sev = dg.get("message", ""), dg.get("code"), dg.get("severity")
        m1 = re.match(r"county (\d{5}) \(.*\) has no row in (.*) for (\d{4}), the indicator's latest year$", msg)
        m2 = re.match(r"value (\S+) for (\d{5}) \(All\), (\d{4}) is ", msg)
        if sev == "warning" and code == "missing-county" and m1:
            got[("missing-county", m1.group(2), m1.group(1), int(m1.group(3)))] += 1
        elif sev == "warning" and code == "outlier" and m2:
            got[("outlier", dg.get("file"), m2.group(2), int(m2.group(3)), dg.get("line"))] += 1
        else:
            other.append(dg)
    chk.eq(tag + "validate errors", "errors reported", rep.get("errors"), 0)
    chk.eq(tag + "validate: no other diagnostics", "unexpected diagnostics",
           ["%s:%s:%s: %s: %s" % (x.get("file"), x.get("line"), x.get("column"), x.get("severity"),
                                  x.get("message")) for x in other], [])
    for w in sorted((want - got).elements()):
        chk.eq(tag + "validate warnings = §4 prediction", "missing warning %s" % (w,), None, "reported")
    for w in sorted((got - want).elements()):
        chk.eq(tag + "validate warnings = §4 prediction", "unexpected warning %s" % (w,), "reported", None)
    chk.n[tag + "validate warnings = §4 prediction"] += sum((want & got).values())
    return got, secs


def check_json(chk, tag, M, doc, parents):
    chk.eq(tag + "schema_version", "schema_version", doc.get("schema_version"), "1.1")
    for j, e in enumerate(doc.get("indicators", [])):
        d = M.inds[j]
        w = "indicators[%s]" % d["id"]
        chk.eq(tag + "indicator id/latest_year/ranked", w + ".id", e.get("id"), d["id"])
        chk.eq(tag + "indicator id/latest_year/ranked", w + ".latest_year", e.get("latest_year"), d["latest"])
        chk.eq(tag + "indicator id/latest_year/ranked", w + ".ranked", e.get("ranked"), len(d["national"]))
        want = [{"year": y, "value": r6(b[0]), "method": b[1]} for y, b in sorted(d["nat_bench"].items())]
        chk.eq(tag + "national benchmark series", w + ".benchmark", e.get("benchmark"), want)
        sb = e.get("state_benchmarks") or []
        chk.eq(tag + "state benchmark series", w + ".state_benchmarks geo_ids",
               [x.get("geo_id") for x in sb], M.states)
        for x in sb:
            st = x.get("geo_id")
            want = [{"year": y, "value": r6(b[0]), "method": b[1]}
                    for (s, y), b in sorted(d["state_bench"].items()) if s == st]
            chk.eq(tag + "state benchmark series", "%s.state_benchmarks[%s].benchmark" % (w, st),
                   x.get("benchmark"), want)
    gids = [g.get("geo_id") for g in doc.get("geographies", [])]
    if not chk.eq(tag + "geographies", "geographies[].geo_id (sorted, complete)", gids == M.geos, True):
        chk.bad[-1] = (tag + "geographies", "geographies[].geo_id: missing %s, unexpected %s, sorted %s"
                       % (sorted(set(M.geos) - set(gids))[:20], sorted(set(gids) - set(M.geos))[:20],
                          gids == sorted(gids)), len(gids), len(M.geos))
    for g in doc.get("geographies", []):
        gid = g.get("geo_id")
        lv = M.level.get(gid)
        if lv is None:
            continue
        w = "geo " + gid
        chk.eq(tag + "geography level", w + ".level", g.get("level"), lv)
        if lv == "county":
            chk.eq(tag + "county's state = FIPS prefix", w + ".state", g.get("state"), gid[:2] + "000")
            chk.eq(tag + "county's state = FIPS prefix", w + ".state (model)", g.get("state"), M.state_of[gid])
            want_parent = (gid[:2] + "000") if parents is None else (parents[gid] or None)
            chk.eq(tag + "county parent", w + ".parent", g.get("parent"), want_parent)
        else:
            chk.eq(tag + "state/nation: state null", w + ".state", g.get("state"), None)
        kind = "state ranks among states" if lv == "state" else "county ranks (in state, national)"
        ov = g.get("overall") or {}
        chk.eq(tag + "domain/overall scores", w + ".overall.score", ov.get("score"), r6(M.overall[gid]["score"]))
        rk, nat = M.ranks_of(gid, M.overall_rank)
        chk.eq(tag + kind, w + ".overall rank/of/quartile",
               [ov.get("rank"), ov.get("of"), ov.get("quartile")], list(rk) if rk else [None] * 3)
        chk.eq(tag + kind, w + ".overall national_*",
               [ov.get("national_rank"), ov.get("national_of"), ov.get("national_quartile")],
               list(nat) if nat else [None] * 3)
        for dm, de in zip(DOMAINS, g.get("domains") or []):
            chk.eq(tag + "domain/overall scores", "%s.domains[%s].score" % (w, dm), de.get("score"),
                   r6(M.dom[gid][dm]["score"]))
            rk, nat = M.ranks_of(gid, M.dom_rank[dm])
            chk.eq(tag + kind, "%s.domains[%s] rank/of/quartile" % (w, dm),
                   [de.get("rank"), de.get("of"), de.get("quartile")], list(rk) if rk else [None] * 3)
            chk.eq(tag + kind, "%s.domains[%s] national_*" % (w, dm),
                   [de.get("national_rank"), de.get("national_of"), de.get("national_quartile")],
                   list(nat) if nat else [None] * 3)
        for d, e in zip(M.inds, g.get("indicators") or []):
            wi = "%s %s" % (w, d["id"])
            L = d["latest"]
            o = d["obs"].get((gid, L))
            chk.eq(tag + "entry id/year", wi + ".id/year", [e.get("id"), e.get("year")], [d["id"], L])
            chk.eq(tag + "value", wi + ".value", e.get("value"), r6(o.v) if o else None)
            if o is not None:
                chk.eq(tag + "suppressed/reason", wi + ".suppressed/reason",
                       [e.get("suppressed"), e.get("reason")], [o.v is None, o.reason])
            if lv == "county":
                rk, nat = d["in_state"].get(gid), d["national"].get(gid)
            elif lv == "state":
                rk = nat = d["state_rank"].get(gid)
            else:
                rk = nat = None
            chk.eq(tag + kind, wi + " rank/of/quartile", [e.get("rank"), e.get("of"), e.get("quartile")],
                   list(rk) if rk else [None] * 3)
            chk.eq(tag + kind, wi + " national_*",
                   [e.get("national_rank"), e.get("national_of"), e.get("national_quartile")],
                   list(nat) if nat else [None] * 3)
            v = o.v if o else None
            b = M.benchmark_of(d, gid, L) if o else None
            nb = d["nat_bench"].get(L) if o else None
            bv, nv = (b[0] if b else None), (nb[0] if nb else None)
            chk.eq(tag + "benchmark / vs_benchmark", wi + ".benchmark", e.get("benchmark"), r6(bv))
            chk.eq(tag + "benchmark / vs_benchmark", wi + ".vs_benchmark", e.get("vs_benchmark"),
                   vs(v, bv) if lv == "county" else None)
            chk.eq(tag + "national_benchmark / vs_national", wi + ".national_benchmark",
                   e.get("national_benchmark"), r6(nv))
            chk.eq(tag + "national_benchmark / vs_national", wi + ".vs_national", e.get("vs_national"),
                   vs(v, nv) if lv == "county" else None)


def check_csv(chk, tag, M, path):
    t = pd.read_csv(path, dtype=str, keep_default_na=False)
    t = t[t.subgroup == "All"]
    inds = {d["id"]: d for d in M.inds}
    want_rows = sum(1 for d in M.inds for (g, _) in d["obs"] if g in M.level)
    chk.eq(tag + "CSV rows", "rows of subgroup All", len(t), want_rows)

    def fnum(s):
        return None if s == "" else float(s)

    def inum(s):
        return None if s == "" else int(s)
    cols = ["geo_id", "level", "indicator", "year", "value", "suppressed", "reason", "benchmark",
            "benchmark_method", "vs_benchmark", "is_latest", "rank", "of", "quartile", "state_id",
            "national_rank", "national_of", "national_quartile", "national_benchmark", "vs_national"]
    for r in t[cols].itertuples(index=False):
        gid, d, y = r.geo_id, inds.get(r.indicator), int(r.year)
        lv = M.level.get(gid)
        w = "csv %s %s %d" % (gid, r.indicator, y)
        if d is None or lv is None or (gid, y) not in d["obs"]:
            chk.eq(tag + "CSV rows", w, "a row", "no such observation")
            continue
        o = d["obs"][(gid, y)]
        chk.eq(tag + "CSV value/suppressed", w + " value", fnum(r.value), r6(o.v))
        chk.eq(tag + "CSV value/suppressed", w + " suppressed/reason", [r.suppressed, r.reason or None],
               ["true" if o.v is None else "false", o.reason])
        chk.eq(tag + "CSV state_id", w + " state_id", r.state_id,
               (M.state_of.get(gid) or "") if lv == "county" else "")
        b = M.benchmark_of(d, gid, y)
        chk.eq(tag + "CSV benchmark, method, vs", w + " benchmark/method",
               [fnum(r.benchmark), r.benchmark_method or None], [r6(b[0]), b[1]] if b else [None, None])
        chk.eq(tag + "CSV benchmark, method, vs", w + " vs_benchmark", r.vs_benchmark or None,
               vs(o.v, b[0] if b else None) if lv == "county" else None)
        nb = d["nat_bench"].get(y)
        chk.eq(tag + "CSV national_benchmark, vs_national", w + " national_benchmark/vs_national",
               [fnum(r.national_benchmark), r.vs_national or None],
               [r6(nb[0]) if nb else None, vs(o.v, nb[0] if nb else None) if lv == "county" else None])
        latest = y == d["latest"]
        chk.eq(tag + "CSV is_latest", w + " is_latest", r.is_latest, "true" if latest else "false")
        if latest:
            if lv == "county":
                rk, nat = d["in_state"].get(gid), d["national"].get(gid)
            elif lv == "state":
                rk = nat = d["state_rank"].get(gid)
            else:
                rk = nat = None
            chk.eq(tag + "CSV ranks (latest rows)", w + " rank/of/quartile",
                   [inum(r.rank), inum(r.of), inum(r.quartile)], list(rk) if rk else [None] * 3)
            chk.eq(tag + "CSV ranks (latest rows)", w + " national_*",
                   [inum(r.national_rank), inum(r.national_of), inum(r.national_quartile)],
                   list(nat) if nat else [None] * 3)


def spotlight(M, doc):
    """Texas figures, expected (model) and got (engine), for the report."""
    lines = []
    geo = {g["geo_id"]: g for g in doc.get("geographies", [])}
    for j, d in enumerate(M.inds):
        L = d["latest"]
        tx = [c for c in M.groups.get(TEXAS, [])]
        b = d["state_bench"].get((TEXAS, L))
        nb = d["nat_bench"].get(L)
        of = sum(1 for c in tx if d["value"][c] is not None)
        lines.append("  %s %d: Texas benchmark %s (%s; %d Texas counties, %d rankable), national %s (%s)"
                     % (d["id"], L, "%.6f" % b[0] if b else None, b[1] if b else None, len(tx), of,
                        "%.6f" % nb[0] if nb else None, nb[1] if nb else None))
        if d["kind"] == "sahie":
            rows = [o for c in tx for (g, y), o in [((c, L), d["obs"].get((c, L)))] if o and o.v is not None]
            lines.append("      = 100 * %d / %d" % (sum(o.n for o in rows), sum(o.d for o in rows)))
        st = geo.get(TEXAS, {}).get("indicators", [{}] * 3)[j]
        sr = d["state_rank"].get(TEXAS)
        lines.append("      Texas among states: want %s, got rank %s of %s" % (
            "%d of %d" % sr[:2] if sr else None, st.get("rank"), st.get("of")))
        for c in SPOTLIGHT:
            if c not in geo:
                lines.append("      %s: not in the dataset" % c)
                continue
            e = geo[c]["indicators"][j]
            o = d["obs"].get((c, L))
            rk, nat = d["in_state"].get(c), d["national"].get(c)
            lines.append("      %s %-14s want v=%s rank %s nat %s bench %s %s nat %s %s\n"
                         "      %s %-14s got  v=%s %s rank %s/%s nat %s/%s bench %s %s nat %s %s"
                         % (c, geo[c]["name"][:14], r6(o.v) if o else None,
                            "%d/%d" % rk[:2] if rk else None, "%d/%d" % nat[:2] if nat else None,
                            r6(b[0]) if b else None, vs(o.v if o else None, b[0] if b else None),
                            r6(nb[0]) if nb else None, vs(o.v if o else None, nb[0] if nb else None),
                            "", "", e.get("value"), e.get("reason") or "", e.get("rank"), e.get("of"),
                            e.get("national_rank"), e.get("national_of"), e.get("benchmark"),
                            e.get("vs_benchmark"), e.get("national_benchmark"), e.get("vs_national")))
    return lines


def fmt1(x):
    """x at DECIMALS, half away from zero, as the page writes it."""
    from decimal import Decimal, ROUND_HALF_UP
    return format(Decimal(repr(x)).quantize(Decimal(1).scaleb(-DECIMALS),
                                            rounding=ROUND_HALF_UP), "f")


def check_texas_views(chk, M, out):
    """A Texas county in the page (html/<geo>.html of --split) and in the
    workbook shows Texas' benchmark, its rank among Texas counties and its
    national rank, as computed here (the model, not the engine's JSON)."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import htmlcheck as hc
    import openpyxl
    wb = openpyxl.load_workbook(os.path.join(out, "scorecard.xlsx"), read_only=True)
    for c in SPOTLIGHT:
        path = os.path.join(out, "html", c + ".html")
        if not chk.eq("[views] page", c + ": html/%s.html exists" % c, os.path.exists(path), True):
            continue
        with open(path, encoding="utf-8") as f:
            root = hc.parse(f.read())
        sec = root.first("section", id="g" + c)
        for j, d in enumerate(M.inds):
            L = d["latest"]
            tr = sec.first("tr", **{"data-indicator": d["id"]}) if sec else None
            rk, nat = d["in_state"].get(c), d["national"].get(c)
            b, nb = d["state_bench"].get((TEXAS, L)), d["nat_bench"].get(L)
            where = "%s %s" % (c, d["id"])
            rank = hc._txt(tr.first("td", cls="c-rank")) if tr else ""
            bench_cell = tr.first("td", cls="c-benchmark") if tr else None
            want_rank = ("%d of %d" % rk[:2] + "in Texas" + "nationally %d of %d" % nat[:2]
                         + "") if rk else None
            got_rank = re.sub(r"range .*?\(margins of error\)", "", rank or "") if rk else None
            chk.eq("[views] page: rank in Texas and nationally", where,
                   got_rank.replace(" ", "") if got_rank else None,
                   want_rank.replace(" ", "") if want_rank else None)
            chk.eq("[views] page: Texas' benchmark", where,
                   hc._txt(bench_cell.first(cls="b")) if bench_cell else None,
                   fmt1(b[0]) + "%" if b else None)
            chk.eq("[views] page: the nation's benchmark beside it", where,
                   "Nation %s%%" % fmt1(nb[0]) in (hc._txt(bench_cell) or ""), True)
            # the workbook: the indicator's sheet (named by its id), the county's row
            ws = wb[d["id"]]
            rows = ws.iter_rows(values_only=True)
            head = None
            for r in rows:
                if r and r[0] == "FIPS":
                    head = list(r)
                    break
            row = next((r for r in rows if r and r[0] == c), None)
            if not chk.eq("[views] workbook row", where, row is not None and head is not None, True):
                continue
            cell = dict(zip(head, row))
            chk.eq("[views] workbook: State", where, cell.get("State"), "Texas")
            got = [cell.get("Rank in state"), cell.get("Of (in state)"),
                   cell.get("National rank"), cell.get("Of (national)")]
            chk.eq("[views] workbook: rank in Texas and nationally", where, got,
                   [rk[0], rk[1], nat[0], nat[1]] if rk else [None] * 4)
            sb = cell.get("State benchmark, %d (%%)" % L)
            chk.eq("[views] workbook: Texas' benchmark", where,
                   round(sb, 6) if sb is not None else None, r6(b[0]) if b else None)
            nbv = cell.get("National benchmark, %d (%%)" % L)
            chk.eq("[views] workbook: the national benchmark", where,
                   round(nbv, 6) if nbv is not None else None, r6(nb[0]) if nb else None)
    wb.close()


def main():
    t0 = time.time()
    M = Model()
    t_model = time.time() - t0
    want_warn = M.expected_warnings()
    chk = Checks()
    timings = []
    docs = {}
    with tempfile.TemporaryDirectory(prefix="real-national-") as tmp:
        for variant, listed in (("inferred", False), ("listed", True)):
            tag = "[%s] " % variant
            ddir = os.path.join(tmp, variant)
            write_dataset(ddir, M, listed)
            parents = file_parents(ddir)
            warns, vsecs = check_validate(chk, tag, M, want_warn, ddir)
            out = os.path.join(tmp, variant + "-out")
            r, bsecs = run([EXE, "build", "--allow-outside-paths", ddir, "-o", out, "--format", "json,csv", "-q"])
            timings.append("%s: validate %.2f s, build %.2f s" % (variant, vsecs, bsecs))
            if not chk.eq(tag + "build exit code", "scorecard build " + ddir, r.returncode, 0):
                print("build stderr: " + r.stderr[-2000:])
                continue
            with open(os.path.join(out, "scorecard.json"), encoding="utf-8") as f:
                doc = json.load(f)
            docs[variant] = doc
            check_json(chk, tag, M, doc, parents)
            check_csv(chk, tag, M, os.path.join(out, "scorecard.csv"))
            if listed:
                vout = os.path.join(tmp, "views")
                r, _ = run([EXE, "build", "--allow-outside-paths", ddir, "-o", vout,
                            "--format", "html,xlsx", "--split", "-q"])
                if chk.eq("[views] build exit code", "build --format html,xlsx --split",
                          r.returncode, 0):
                    check_texas_views(chk, M, vout)
    # report
    print("real national data: %d geographies (%d counties, %d states, nation %s)"
          % (len(M.geos), len(M.counties), len(M.states), "yes" if NATION in M.level else "no"))
    print("counties without a state: %d" % sum(1 for c in M.counties if M.state_of[c] is None))
    for d in M.inds:
        n_st = len(d["state_rank"])
        methods = Counter(b[1] for (_, y), b in d["state_bench"].items() if y == d["latest"])
        print("%s: latest %d, %d counties ranked nationally, %d states ranked (1..%d), state benchmark "
              "methods at %d: %s, national %s"
              % (d["id"], d["latest"], len(d["national"]), n_st, n_st, d["latest"], dict(methods),
                 d["nat_bench"].get(d["latest"], (None, None))[1]))
    print("validate warnings predicted: %d (%s)" % (sum(want_warn.values()),
                                                   dict(Counter(w[0] for w in want_warn.elements()))))
    spot = {v: spotlight(M, doc) for v, doc in docs.items()}
    for v in ("listed", "inferred"):
        if v in spot and (v == "listed" or spot[v] != spot.get("listed")):
            print("Texas spotlight (%s geographies):" % v)
            print("\n".join(spot[v]))
    for v, doc in docs.items():
        for j, d in enumerate(M.inds):
            rk = [g["indicators"][j].get("rank") for g in doc["geographies"] if g.get("level") == "state"]
            of = {g["indicators"][j].get("of") for g in doc["geographies"] if g.get("level") == "state"}
            rk = [r for r in rk if r is not None]
            print("%s: states ranked on %s: %d, ranks %s..%s, of %s" % (
                v, d["id"], len(rk), min(rk) if rk else None, max(rk) if rk else None, sorted(of, key=str)))
    print("model %.2f s; %s; total %.1f s" % (t_model, "; ".join(timings), time.time() - t0))
    print("checked: %d figures" % sum(chk.n.values()))
    for k in sorted(chk.n):
        bad = sum(1 for b in chk.bad if b[0] == k)
        print("  %-60s %7d%s" % (k, chk.n[k], ("   %d MISMATCHES" % bad) if bad else ""))
    if chk.bad:
        print("FAIL: %d mismatches (got = engine, want = computed here), at most 6 per kind:" % len(chk.bad))
        shown = Counter()
        for kind, where, got, want in chk.bad:
            shown[kind] += 1
            if shown[kind] <= 6:
                print("  %s | %s: got %s, want %s" % (kind, where, short(got), short(want)))
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
