#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Several states (SPEC §3.10) on a generated dataset
(`bench/generate.py --workload multi`: 6 real states and DC, 46 counties,
12 indicators, 12 years, 8 subgroups; a 00000 nation row for some
indicators, SS000 rows for some states, a state with a blank parent, an
unlisted state, counties with blank parents, one state lagging a year).

 a. every §3.10 figure of `scorecard build` (JSON) against an independent
    pandas computation written here, from the dataset's CSVs: in-state and
    national rank/of/quartile (indicators, domains, overall), state and
    national benchmarks with their methods, each county's benchmark,
    vs_benchmark, national_benchmark and vs_national, state ranks, domain
    and overall scores, and the shape of the new keys (§3.10.7);
 b. every other figure against the pandas peer (../shared/peers) run on
    each peer group cut out as its own single-state dataset (a state's
    counties and rows; the stateless counties), and on the "national cut"
    (all counties, the nation row standing in as the one state row, so the
    peer's ranks and benchmarks are the national ones), JSON and CSV, to
    1e-6 (rank_range within one rank: different random streams);
 c. our multi-state in-state figures against our own single-state run on
    each cut, rank_range exactly (§3.10.1: each peer group's draws are
    seeded with `seed`), plus the single-state values of the §3.10 keys,
    and our cut run against the peer on the same cut;
 d. the CSV columns state_id..vs_national after change_significant, equal
    to the JSON's and to the independent computation on every row.
When the peer itself reads the multi-state dataset and writes
state_benchmarks (the peer extended to §3.10), the whole multi-state JSON
is also compared with it.

Readings of SPEC §3.10 this test makes (see the report printed on failure):
  * a geography's benchmark / national_benchmark at the latest year (JSON)
    is null when it has no observation row that year, like benchmark was;
  * indicators[].ranked in a multi-state dataset = national_of (counties
    ranked anywhere);
  * states and the nation get the national benchmark as `benchmark`, and
    national_benchmark, in JSON and CSV (benchmark_method: the national
    method); vs_benchmark / vs_national only for counties.

Usage: multistate-test.py SCORECARD SOURCE_ROOT
Exit 0 pass, 1 fail, 77 skip (no ../shared peer, or no pandas/scipy).
"""
import csv
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor

DEBIAN_PY = "/usr/bin/python3"
try:
    import numpy as np
    import pandas as pd
    import scipy  # noqa: F401  (the peer needs it)
except ImportError as e:
    if os.path.exists(DEBIAN_PY) and os.path.realpath(sys.executable) != os.path.realpath(DEBIAN_PY):
        os.execv(DEBIAN_PY, [DEBIAN_PY] + sys.argv)       # meson's python3 may be a pyenv one
    print("SKIP: %s lacks numpy/pandas/scipy (%s; apt-get install python3-pandas python3-scipy)"
          % (sys.executable, e))
    sys.exit(77)

if len(sys.argv) != 3:
    print(__doc__)
    sys.exit(2)
EXE = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])
PEER = os.path.join(SRC, "..", "shared", "peers", "pandas_scorecard.py")
if not os.path.isfile(PEER):
    print("SKIP: %s not found (../shared beside the repository)" % os.path.normpath(PEER))
    sys.exit(77)
sys.path.insert(0, os.path.join(SRC, "tests"))
import compare_peer  # noqa: E402  (its tolerance rules: close(), walk())

PY = sys.executable
DRAWS = 20000           # as tests/peer.sh: rank ranges within one rank of the peer's
MARKERS = {"*", "S", "N/A", "NA", "LNE", "-", ""}
NATION = "00000"
NEW_KEYS = {"state", "national_rank", "national_of", "national_quartile", "national_benchmark",
            "vs_national", "state_benchmarks"}
OLD_CSV = ("geo_id,geo_name,level,indicator,domain,subgroup,year,year_label,value,moe,numerator,"
           "denominator,suppressed,reason,flags,distance,score,children_gap,benchmark,benchmark_method,"
           "vs_benchmark,is_latest,rank,of,quartile,rank_low,rank_high,trend_n,trend_method,slope,se,df,"
           "t,p,ci_low,ci_high,oriented_slope,status,projection,projected_year,projected_low,"
           "projected_high,required_slope,pace,change,change_from_year,change_z,"
           "change_significant").split(",")
NEW_CSV = ["state_id", "national_rank", "national_of", "national_quartile", "national_benchmark",
           "vs_national"]
KEYS = {  # §5.1 with §3.10.7's additions, in order
    "geo": ["geo_id", "name", "level", "parent", "state", "population", "overall", "domains", "indicators"],
    "overall": ["score", "rank", "of", "quartile", "national_rank", "national_of", "national_quartile",
                "domains_scored"],
    "domain": ["domain", "score", "rank", "of", "quartile", "national_rank", "national_of",
               "national_quartile", "indicators_scored", "indicators_total"],
    "entry": ["id", "year", "value", "moe", "numerator", "denominator", "suppressed", "reason", "flags",
              "distance", "score", "children_gap", "rank", "of", "quartile", "rank_range",
              "national_rank", "national_of", "national_quartile", "benchmark", "vs_benchmark",
              "national_benchmark", "vs_national", "trend", "series", "subgroups", "equity_gap"],
    "subgroup": ["subgroup", "value", "moe", "numerator", "denominator", "suppressed", "reason", "flags",
                 "distance", "score", "children_gap", "benchmark", "vs_benchmark", "national_benchmark",
                 "vs_national", "trend", "series"],
    "indicator": ["id", "name", "domain", "direction", "target", "unit", "decimals", "min_denominator",
                  "weight", "max_rse", "description", "source", "url", "latest_year", "trend_years",
                  "ranked", "benchmark", "subgroup_benchmarks", "state_benchmarks"],
    "state_benchmark": ["geo_id", "benchmark", "subgroup_benchmarks"],
}


# ----------------------------------------------------------------- checking

class Checks:
    """Figures compared per kind, and every mismatch."""

    def __init__(self):
        self.n = Counter()
        self.bad = []

    def eq(self, kind, where, ours, want, rank_tol=None):
        self.n[kind] += 1
        if not same(ours, want, where, rank_tol):
            self.bad.append((kind, where, ours, want))
            return False
        return True

    def fail(self, kind, where, ours, want):
        self.n[kind] += 1
        self.bad.append((kind, where, ours, want))


def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def same(a, b, path="", rank_tol=None):
    """Equal as the peer comparison means it: numbers to 1e-6 (compare_peer.close),
    rank_range ends within rank_tol (None: exactly), everything else exactly."""
    if rank_tol is not None and path.endswith("rank_range") and a is not None and b is not None:
        return (isinstance(a, list) and isinstance(b, list) and len(a) == len(b) == 2 and
                all(x is not None and y is not None and abs(x - y) <= rank_tol for x, y in zip(a, b)))
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if is_num(a) and is_num(b):
        if isinstance(b, float) and math.isnan(b):
            return False
        return compare_peer.close(float(a), float(b), path)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y, path, rank_tol) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k], path + "." + k, rank_tol) for k in a)
    return a == b


def leaves(x):
    if isinstance(x, dict):
        return sum(leaves(v) for v in x.values())
    if isinstance(x, list):
        return sum(leaves(v) for v in x) if x else 1
    return 1


def round_key(x, k):
    """§3.9.1: sign(x)·floor(|x|·10^k + 0.5), an integer."""
    return int(math.copysign(math.floor(abs(x) * 10.0 ** k + 0.5), x))


def r6(x):
    """§3.9.3 output rounding, to compare with what the engine printed."""
    if x is None:
        return None
    return math.copysign(math.floor(abs(x) * 1e6 + 0.5), x) / 1e6 + 0.0


def competition(keys, descending=False):
    """{id: rank} by standard competition ranking of integer keys."""
    vals = list(keys.values())
    if descending:
        return {g: 1 + sum(1 for v in vals if v > k) for g, k in keys.items()}
    return {g: 1 + sum(1 for v in vals if v < k) for g, k in keys.items()}


def rank_triples(keys, descending=False):
    """{id: (rank, of, quartile)} for the ids with a key."""
    r = competition(keys, descending)
    of = len(keys)
    return {g: (r[g], of, math.ceil(4 * r[g] / of)) for g in keys}


# ----------------------------------------------------------------- the model

class Dataset:
    """The dataset's CSVs as read per SPEC §2-§3.1 (canonical columns, no
    transforms: what bench/generate.py writes), and every §3.10 figure
    computed from them independently of the engine and of the peer."""

    def __init__(self, ddir):
        with open(os.path.join(ddir, "scorecard.json"), encoding="utf-8") as f:
            self.manifest = json.load(f)
        g = pd.read_csv(os.path.join(ddir, self.manifest["geographies"]), dtype=str, keep_default_na=False)
        self.geo = {r.geo_id: {"name": r.name, "level": r.level, "parent": r.parent} for r in g.itertuples()}
        self.level = {k: v["level"] for k, v in self.geo.items()}
        self.states = sorted(k for k, v in self.level.items() if v == "state")
        self.counties = sorted(k for k, v in self.level.items() if v == "county")
        self.nation = [k for k, v in self.level.items() if v == "nation"]
        self.state_of = {}
        for c in self.counties:                  # §2.4: parent, else SS000 of the FIPS code
            p = self.geo[c]["parent"]
            if p:
                assert self.level.get(p) == "state", (c, p)
                self.state_of[c] = p
            else:
                s = c[:2] + "000"
                self.state_of[c] = s if self.level.get(s) == "state" else None
        self.multi = len({s for s in self.state_of.values() if s is not None}) >= 2
        self.groups = defaultdict(list)          # peer groups: state geo_id or None
        for c in self.counties:
            self.groups[self.state_of[c]].append(c)
        self.domains = self.manifest["domains"]
        self.inds = []
        for e in self.manifest["indicators"]:
            d = dict(e)
            d.setdefault("direction", "higher_is_better")
            d.setdefault("target", 100 if d["direction"] == "higher_is_better" else 0)
            d.setdefault("decimals", 1)
            d.setdefault("min_denominator", 20)
            d.setdefault("weight", 1)
            self.inds.append(d)
        self.obs = {d["id"]: self._load(os.path.join(ddir, d["file"]), d) for d in self.inds}
        for d in self.inds:
            self._compute(d)
        self._composites()

    # -- reading
    @staticmethod
    def _num(t):
        t = t.strip()
        return math.nan if t in MARKERS else float(t)

    def _load(self, path, d):
        """{(geo, subgroup, year): (value or None if suppressed, numerator, denominator)}."""
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
        raw.columns = [c.strip().lower() for c in raw.columns]
        out = {}
        for r in raw.itertuples(index=False):
            vt = r.value.strip()
            n, den = self._num(r.numerator), self._num(r.denominator)
            counts = not math.isnan(n) and not math.isnan(den)
            if vt == "":
                v = 100.0 * n / den if counts and den > 0 else None
            elif vt in MARKERS:
                v = None
            else:
                v = float(vt)
            if not math.isnan(den) and (den < d["min_denominator"] or den <= 0):
                v = None
            sg = r.subgroup.strip() or "All"
            out[(r.geo_id.strip(), sg, int(r.year))] = (v, None if math.isnan(n) else n,
                                                        None if math.isnan(den) else den)
        return out

    # -- per indicator
    def distance(self, d, v):
        t = float(d["target"])
        return max(0.0, t - v) if d["direction"] == "higher_is_better" else max(0.0, v - t)

    def vs(self, d, v, b):
        if v is None or b is None:
            return None
        k = d["decimals"]
        kv, kb = round_key(v, k), round_key(b, k)
        if kv == kb:
            return "same"
        better = kv > kb if d["direction"] == "higher_is_better" else kv < kb
        return "better" if better else "worse"

    @staticmethod
    def _bench(own, rows):
        """§3.5 / §3.9.11: (value, method) or None. own: the state's (nation's)
        unsuppressed value or None; rows: the unsuppressed counties' (v, n, d)."""
        if own is not None:
            return (own, "reported")
        if not rows:
            return None
        if all(n is not None and dd is not None for _, n, dd in rows):
            sd = sum(dd for _, _, dd in rows)
            if sd > 0:
                return (100.0 * sum(n for _, n, _ in rows) / sd, "pooled")
        return (float(np.median([v for v, _, _ in rows])), "median")

    def _compute(self, d):
        i, k = d["id"], d["decimals"]
        obs = self.obs[i]
        cty = set(self.counties)
        years = [y for (g, s, y), o in obs.items() if g in cty and s == "All" and o[0] is not None]
        latest = max(years) if years else None
        d["latest"] = latest
        d["pairs"] = {(g, s) for (g, s, _) in obs}
        sgs = sorted({s for (_, s, _) in obs})
        yrs = sorted({y for (_, _, y) in obs})
        # benchmarks per (subgroup, year)
        by_sy = defaultdict(list)
        for (g, s, y), o in obs.items():
            if g in cty and o[0] is not None:
                by_sy[(s, y)].append((g, o))
        d["state_bench"] = {}
        for st in self.states:
            mine = set(self.groups.get(st, []))
            for s in sgs:
                for y in yrs:
                    own = obs.get((st, s, y), (None,))[0]
                    b = self._bench(own, [o for g, o in by_sy.get((s, y), []) if g in mine])
                    if b is not None:
                        d["state_bench"][(st, s, y)] = b
        d["nat_bench"] = {}
        for s in sgs:
            for y in yrs:
                own = obs.get((self.nation[0], s, y), (None,))[0] if self.nation else None
                b = self._bench(own, [o for _, o in by_sy.get((s, y), [])])
                if b is not None:
                    d["nat_bench"][(s, y)] = b
        # latest-year values, distances, scores of every geography (All)
        d["value"] = {g: obs.get((g, "All", latest), (None,))[0] for g in self.geo}
        d["score"] = {g: (None if v is None else 100.0 - self.distance(d, v)) for g, v in d["value"].items()}
        keys = {g: round_key(self.distance(d, v), k) for g, v in d["value"].items() if v is not None}
        d["in_state"] = {}
        for grp, members in self.groups.items():
            d["in_state"].update(rank_triples({g: keys[g] for g in members if g in keys}))
        d["national"] = rank_triples({g: keys[g] for g in self.counties if g in keys})
        d["state_rank"] = (rank_triples({g: keys[g] for g in self.states if g in keys})
                           if self.multi else {})

    def benchmark_of(self, d, g, s, y):
        """The benchmark series a geography is compared with at (s, y): a county's
        state's (stateless: the national); states and the nation: the national
        (multi-state; single-state: the state's own, as before)."""
        if self.level[g] == "county":
            st = self.state_of[g]
            if st is not None:
                return d["state_bench"].get((st, s, y))
            return d["nat_bench"].get((s, y))
        if self.multi or self.level[g] == "nation":
            return d["nat_bench"].get((s, y))
        return d["state_bench"].get((g, s, y))

    # -- §3.6 with §3.10 ranks
    def _composites(self):
        self.dom = {g: {} for g in self.geo}
        self.overall = {}
        with_inds = [dm for dm in self.domains if any(d["domain"] == dm for d in self.inds)]
        for g in self.geo:
            for dm in self.domains:
                mem = [d for d in self.inds if d["domain"] == dm]
                sc = [(d["score"][g], float(d["weight"])) for d in mem if d["score"][g] is not None]
                score = (sum(s * w for s, w in sc) / sum(w for _, w in sc)
                         if mem and sc and len(sc) >= len(mem) / 2 else None)
                self.dom[g][dm] = {"score": score, "scored": len(sc), "total": len(mem)}
            ds = [self.dom[g][dm]["score"] for dm in with_inds if self.dom[g][dm]["score"] is not None]
            score = sum(ds) / len(ds) if with_inds and ds and len(ds) >= len(with_inds) / 2 else None
            self.overall[g] = {"score": score, "scored": len(ds)}

        def ranks(get):
            keys = {g: round_key(get(g), 1) for g in self.geo if get(g) is not None}
            ins = {}
            for members in self.groups.values():
                ins.update(rank_triples({g: keys[g] for g in members if g in keys}, True))
            nat = rank_triples({g: keys[g] for g in self.counties if g in keys}, True)
            sts = rank_triples({g: keys[g] for g in self.states if g in keys}, True) if self.multi else {}
            return ins, nat, sts
        self.dom_rank = {dm: ranks(lambda g, dm=dm: self.dom[g][dm]["score"]) for dm in self.domains}
        self.overall_rank = ranks(lambda g: self.overall[g]["score"])

    def ranks_of(self, g, triple_maps):
        """(rank triple, national triple) expected for geography g, or Nones."""
        ins, nat, sts = triple_maps
        lv = self.level[g]
        if lv == "county":
            return ins.get(g), nat.get(g)
        if lv == "state" and self.multi:
            return sts.get(g), sts.get(g)
        return None, None

    @staticmethod
    def series(bmap, prefix=()):
        """Benchmark map -> (All series, [{"subgroup", "benchmark"}]) as in §5.1."""
        per = defaultdict(list)
        for key, (v, m) in bmap.items():
            if key[:len(prefix)] != prefix:
                continue
            s, y = key[len(prefix):]
            per[s].append({"year": y, "value": r6(v), "method": m})
        for s in per:
            per[s].sort(key=lambda e: e["year"])
        sub = [{"subgroup": s, "benchmark": per[s]} for s in sorted(per) if s != "All"]
        return per.get("All", []), sub


# ----------------------------------------------------------------- running

def run(argv, what):
    r = subprocess.run(argv, capture_output=True, text=True)
    if r.returncode != 0:
        return "%s exited %d: %s" % (what, r.returncode, (r.stderr.strip().splitlines() or [""])[-1][:300])
    return None


def build(ds, out):
    return run([EXE, "build", ds, "-o", out, "--format", "json,csv", "-q"], "scorecard build " + ds)


def peer(ds, out):
    return run([PY, PEER, ds, "-o", out, "--format", "json,csv", "--quiet"], "peer on " + ds)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def cut_dataset(src, dst, geos, nation_as_state=False):
    """A copy of dataset src keeping the geographies in `geos` (their
    geographies.csv rows and observation rows as written). With
    nation_as_state the 00000 row is kept with level `state` (for the
    peer, which knows no nation level) and every parent is blank; else a
    parent that is not in the cut (a state's 00000) is blanked."""
    os.makedirs(dst)
    with open(os.path.join(src, "scorecard.json"), encoding="utf-8") as f:
        man = json.load(f)
    man["rank_draws"] = 0 if nation_as_state else DRAWS    # the national cut: no ranges compared
    with open(os.path.join(dst, "scorecard.json"), "w", encoding="utf-8") as f:
        json.dump(man, f, indent=2)
    files = [man["geographies"]] + [e["file"] for e in man["indicators"]]
    for name in files:
        with open(os.path.join(src, name), newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        gi = [c.strip().lower() for c in rows[0]].index("geo_id")
        hdr = [c.strip().lower() for c in rows[0]]
        li = hdr.index("level") if name == man["geographies"] else None
        out = [rows[0]]
        for r in rows[1:]:
            if r[gi] in geos:
                if li is not None:
                    r = list(r)
                    pi = hdr.index("parent")
                    if nation_as_state or r[pi] not in geos:     # a state's 00000 parent is not in the cut
                        r[pi] = ""
                    if nation_as_state and r[li] == "nation":
                        r[li] = "state"
                out.append(r)
        with open(os.path.join(dst, name), "w", newline="", encoding="utf-8") as f:
            csv.writer(f, lineterminator="\n").writerows(out)


# ----------------------------------------------------------------- (a)

def check_model(chk, M, doc, csv_head, csv_rows):
    """Every §3.10 figure of our multi-state JSON and CSV against the model."""
    chk.eq("a: schema_version", "schema_version", doc.get("schema_version"), "1.1")
    inds = {d["id"]: d for d in M.inds}
    # indicators[]: national series, state_benchmarks
    for j, e in enumerate(doc["indicators"]):
        d = M.inds[j]
        w = "indicators[%s]" % d["id"]
        chk.eq("a: JSON key order", w + " keys", list(e), KEYS["indicator"])
        chk.eq("a: latest_year", w + ".latest_year", e.get("latest_year"), d["latest"])
        chk.eq("a: trend_years (the dataset's)", w + ".trend_years", e.get("trend_years"),
               doc["trend_years"])
        chk.eq("a: ranked (= national_of)", w + ".ranked", e.get("ranked"), len(d["national"]))
        allb, subb = M.series(d["nat_bench"])
        chk.eq("a: national benchmark series", w + ".benchmark", e.get("benchmark"), allb)
        chk.eq("a: national benchmark series", w + ".subgroup_benchmarks", e.get("subgroup_benchmarks"), subb)
        sb = e.get("state_benchmarks")
        if not isinstance(sb, list):
            chk.fail("a: state benchmark series", w + ".state_benchmarks", sb, "a list")
            continue
        chk.eq("a: state benchmark series", w + ".state_benchmarks geo_ids",
               [x.get("geo_id") for x in sb], M.states)
        for x in sb:
            if x.get("geo_id") not in M.states:
                continue
            chk.eq("a: JSON key order", w + ".state_benchmarks[] keys", list(x), KEYS["state_benchmark"])
            allb, subb = M.series(d["state_bench"], (x["geo_id"],))
            chk.eq("a: state benchmark series", "%s.state_benchmarks[%s].benchmark" % (w, x["geo_id"]),
                   x.get("benchmark"), allb)
            chk.eq("a: state benchmark series", "%s.state_benchmarks[%s].subgroup_benchmarks"
                   % (w, x["geo_id"]), x.get("subgroup_benchmarks"), subb)
    # geographies
    gids = [g["geo_id"] for g in doc["geographies"]]
    chk.eq("a: geographies", "geographies geo_ids", gids, sorted(M.geo))
    for g in doc["geographies"]:
        gid, lv = g["geo_id"], M.level.get(g["geo_id"])
        if lv is None:
            continue
        w = "geo %s" % gid
        chk.eq("a: JSON key order", w + " keys", list(g), KEYS["geo"])
        chk.eq("a: level, parent", w + ".level", g.get("level"), lv)
        chk.eq("a: level, parent", w + ".parent", g.get("parent"), M.geo[gid]["parent"] or None)
        chk.eq("a: state", w + ".state", g.get("state"), M.state_of.get(gid) if lv == "county" else None)
        # overall and domains: scores, in-peer-group and national ranks
        ov = g.get("overall", {})
        chk.eq("a: JSON key order", w + ".overall keys", list(ov), KEYS["overall"])
        chk.eq("a: domain/overall score", w + ".overall.score", ov.get("score"), r6(M.overall[gid]["score"]))
        chk.eq("a: domain/overall score", w + ".overall.domains_scored", ov.get("domains_scored"),
               M.overall[gid]["scored"])
        rk, nat = M.ranks_of(gid, M.overall_rank)
        kind = "a: state ranks" if lv == "state" else "a: domain/overall ranks"
        chk.eq(kind, w + ".overall rank/of/quartile", [ov.get("rank"), ov.get("of"), ov.get("quartile")],
               list(rk) if rk else [None] * 3)
        chk.eq(kind, w + ".overall national_*",
               [ov.get("national_rank"), ov.get("national_of"), ov.get("national_quartile")],
               list(nat) if nat else [None] * 3)
        for dm, de in zip(M.domains, g.get("domains", [])):
            chk.eq("a: JSON key order", w + ".domains[] keys", list(de), KEYS["domain"])
            want = M.dom[gid][dm]
            chk.eq("a: domain/overall score", "%s.domains[%s].score" % (w, dm), de.get("score"), r6(want["score"]))
            chk.eq("a: domain/overall score", "%s.domains[%s].indicators_scored" % (w, dm),
                   de.get("indicators_scored"), want["scored"])
            rk, nat = M.ranks_of(gid, M.dom_rank[dm])
            chk.eq(kind, "%s.domains[%s] rank/of/quartile" % (w, dm),
                   [de.get("rank"), de.get("of"), de.get("quartile")], list(rk) if rk else [None] * 3)
            chk.eq(kind, "%s.domains[%s] national_*" % (w, dm),
                   [de.get("national_rank"), de.get("national_of"), de.get("national_quartile")],
                   list(nat) if nat else [None] * 3)
        # indicators
        for e in g.get("indicators", []):
            d = inds.get(e.get("id"))
            if d is None:
                continue
            wi = "%s %s" % (w, d["id"])
            chk.eq("a: JSON key order", wi + " keys", list(e), KEYS["entry"])
            obs = M.obs[d["id"]]
            L = d["latest"]
            chk.eq("a: one latest year per indicator (year, trend window)", wi + ".year", e.get("year"), L)
            if lv == "county":
                rk, nat = d["in_state"].get(gid), d["national"].get(gid)
                kind = "a: in-state/national indicator ranks"
            elif lv == "state" and M.multi:
                rk = nat = d["state_rank"].get(gid)
                kind = "a: state ranks"
            else:
                rk = nat = None
                kind = "a: in-state/national indicator ranks"
            chk.eq(kind, wi + " rank/of/quartile", [e.get("rank"), e.get("of"), e.get("quartile")],
                   list(rk) if rk else [None] * 3)
            chk.eq(kind, wi + " national_*",
                   [e.get("national_rank"), e.get("national_of"), e.get("national_quartile")],
                   list(nat) if nat else [None] * 3)
            if lv != "county":
                chk.eq(kind, wi + " rank_range", e.get("rank_range"), None)
            for s, x in [("All", e)] + [(x.get("subgroup"), x) for x in e.get("subgroups", [])]:
                ws = wi if s == "All" else "%s [%s]" % (wi, s)
                if s != "All":
                    chk.eq("a: JSON key order", ws + " keys", list(x), KEYS["subgroup"])
                lo = L - int(M.manifest.get("trend_years", 10)) + 1
                npts = sum(1 for y in range(lo, L + 1) if obs.get((gid, s, y), (None,))[0] is not None)
                t = x.get("trend") or {}
                any_row = (gid, s) in d["pairs"]            # no row at all: an empty entry
                chk.eq("a: one latest year per indicator (year, trend window)", ws + ".trend from/to/n",
                       [t.get("from_year"), t.get("to_year"), t.get("n")],
                       [lo, L, npts] if any_row else [None] * 3)
                has_row = (gid, s, L) in obs
                v = obs[(gid, s, L)][0] if has_row else None
                b = M.benchmark_of(d, gid, s, L) if has_row else None
                nb = d["nat_bench"].get((s, L)) if has_row else None
                bv, nv = (b[0] if b else None), (nb[0] if nb else None)
                chk.eq("a: benchmark / vs_benchmark", ws + ".benchmark", x.get("benchmark"), r6(bv))
                chk.eq("a: benchmark / vs_benchmark", ws + ".vs_benchmark", x.get("vs_benchmark"),
                       M.vs(d, v, bv) if lv == "county" else None)
                chk.eq("a: national_benchmark / vs_national", ws + ".national_benchmark",
                       x.get("national_benchmark"), r6(nv))
                chk.eq("a: national_benchmark / vs_national", ws + ".vs_national", x.get("vs_national"),
                       M.vs(d, v, nv) if lv == "county" else None)
    # (d) the CSV
    check_csv_model(chk, M, doc, csv_head, csv_rows)


def check_csv_model(chk, M, doc, head, rows):
    chk.eq("d: CSV header", "scorecard.csv header", head, OLD_CSV + NEW_CSV)
    if head[:len(OLD_CSV)] != OLD_CSV or not set(NEW_CSV) <= set(head):
        return
    col = {c: i for i, c in enumerate(head)}
    inds = {d["id"]: d for d in M.inds}
    entry = {(g["geo_id"], e["id"]): e for g in doc["geographies"] for e in g["indicators"]}

    def num(t):
        return None if t == "" else float(t)

    def ival(t):
        return None if t == "" else int(t)
    for n, r in enumerate(rows, start=2):
        gid, iid, s, y = r[col["geo_id"]], r[col["indicator"]], r[col["subgroup"]], int(r[col["year"]])
        d = inds.get(iid)
        lv = M.level.get(gid)
        if d is None or lv is None:
            chk.fail("d: CSV rows", "line %d" % n, (gid, iid), "a known geography and indicator")
            continue
        w = "csv line %d (%s %s %s %d)" % (n, gid, iid, s, y)
        v = M.obs[iid].get((gid, s, y), (None,))[0]
        chk.eq("d: CSV state_id", w + " state_id", r[col["state_id"]],
               (M.state_of.get(gid) or "") if lv == "county" else "")
        latest_all = r[col["is_latest"]] == "true" and s == "All"
        e = entry.get((gid, iid), {})
        for c in ("national_rank", "national_of", "national_quartile"):
            want = e.get(c) if latest_all else None
            chk.eq("d: CSV national rank columns (= JSON)", w + " " + c, ival(r[col[c]]), want)
        nb = d["nat_bench"].get((s, y))
        nv = nb[0] if nb else None
        chk.eq("d: CSV national_benchmark (every row)", w + " national_benchmark",
               num(r[col["national_benchmark"]]), r6(nv))
        chk.eq("d: CSV vs_national (every row)", w + " vs_national", r[col["vs_national"]] or None,
               M.vs(d, v, nv) if lv == "county" else None)
        b = M.benchmark_of(d, gid, s, y)
        chk.eq("d: CSV benchmark columns (every row)", w + " benchmark", num(r[col["benchmark"]]),
               r6(b[0]) if b else None)
        chk.eq("d: CSV benchmark columns (every row)", w + " benchmark_method",
               r[col["benchmark_method"]] or None, b[1] if b else None)
        chk.eq("d: CSV benchmark columns (every row)", w + " vs_benchmark", r[col["vs_benchmark"]] or None,
               M.vs(d, v, b[0] if b else None) if lv == "county" else None)
        if latest_all:
            for c in ("rank", "of", "quartile"):
                chk.eq("d: CSV rank columns (= JSON)", w + " " + c, ival(r[col[c]]), e.get(c))
        if lv == "county" and y == d["latest"] and (gid, s, y) in M.obs[iid]:
            x = e if s == "All" else next((q for q in e.get("subgroups", []) if q["subgroup"] == s), {})
            chk.eq("d: CSV = JSON at the latest year", w + " national_benchmark",
                   num(r[col["national_benchmark"]]), x.get("national_benchmark"))
            chk.eq("d: CSV = JSON at the latest year", w + " vs_national",
                   r[col["vs_national"]] or None, x.get("vs_national"))


# ----------------------------------------------------------------- (b), (c)

class Cut:
    def __init__(self, name, kind, geos, state, lagged):
        self.name, self.kind, self.geos, self.state, self.lagged = name, kind, geos, state, lagged


def compare_cut(chk, tag, M, cut, ours, ref, rank_tol, ref_is_self):
    """Our multi-state JSON (ours) against a single-state run (ref) on a cut:
    every figure the ref has, except the §3.10 ones, which part a checks."""
    pre = "%s|%s|" % (tag, cut.name)
    lagdom = {d["domain"] for d in M.inds if d["id"] in cut.lagged}
    for k in ("title", "goal_year", "trend_years", "alpha", "domains"):
        chk.eq(pre + "head", k, ours.get(k), ref.get(k))
    if not cut.lagged:
        chk.eq(pre + "head", "latest_year", ours.get("latest_year"), ref.get("latest_year"))
    for j, re_ in enumerate(ref["indicators"]):
        oe = ours["indicators"][j]
        iid = re_["id"]
        w = "indicators[%s]" % iid
        for k in compare_peer_def_keys(re_):
            if k == "latest_year" and iid in cut.lagged:
                continue
            chk.eq(pre + "indicator definitions", w + "." + k, oe.get(k), re_.get(k))
        if cut.kind == "state":
            sb = next((x for x in oe.get("state_benchmarks") or [] if x.get("geo_id") == cut.state), {})
            pair = (sb.get("benchmark"), sb.get("subgroup_benchmarks"))
        elif cut.kind == "national":
            pair = (oe.get("benchmark"), oe.get("subgroup_benchmarks"))
        else:
            continue                 # stateless counties: benchmarked on the national series (part a)
        n = leaves([re_["benchmark"], re_["subgroup_benchmarks"]])
        chk.n[pre + "benchmark series"] += n - 1
        chk.eq(pre + "benchmark series", w + ".benchmark" + (" vs state_benchmarks[%s]" % cut.state
                                                             if cut.kind == "state" else ""),
               list(pair), [re_["benchmark"], re_["subgroup_benchmarks"]])
    og = {g["geo_id"]: g for g in ours["geographies"]}
    chk.eq(pre + "geographies", "geo_ids", [g["geo_id"] for g in ref["geographies"]], sorted(cut.geos))
    for rg in ref["geographies"]:
        gid = rg["geo_id"]
        g = og.get(gid)
        if g is None:
            chk.fail(pre + "geographies", gid, None, "present")
            continue
        county = M.level[gid] == "county"
        w = "geo " + gid
        for k in ("name", "population", "parent", "level"):
            if (k == "parent" and (cut.kind == "national" or not county)) or \
                    (k == "level" and cut.kind == "national" and not county):
                continue                        # cut parents are blanked (see cut_dataset)
            chk.eq(pre + "geography fields", w + "." + k, g.get(k), rg.get(k))

        def ranks(kind, wx, o, r):
            if not county:
                return
            if cut.kind == "national":
                chk.eq(kind, wx + " rank/of/quartile vs national_*",
                       [o.get("national_rank"), o.get("national_of"), o.get("national_quartile")],
                       [r.get("rank"), r.get("of"), r.get("quartile")])
            else:
                chk.eq(kind, wx + " rank/of/quartile", [o.get("rank"), o.get("of"), o.get("quartile")],
                       [r.get("rank"), r.get("of"), r.get("quartile")])
        if not lagdom:                                   # a lagged indicator changes the overall
            ro, oo = rg["overall"], g.get("overall", {})
            for k in ("score", "domains_scored"):
                chk.eq(pre + "domain/overall scores", w + ".overall." + k, oo.get(k), ro.get(k))
            ranks(pre + "domain/overall ranks", w + ".overall", oo, ro)
        for j, rd in enumerate(rg["domains"]):
            od = (g.get("domains") or [{}] * (j + 1))[j]
            if rd["domain"] in lagdom:
                continue
            for k in ("domain", "score", "indicators_scored", "indicators_total"):
                chk.eq(pre + "domain/overall scores", "%s.domains[%s].%s" % (w, rd["domain"], k),
                       od.get(k), rd.get(k))
            ranks(pre + "domain/overall ranks", "%s.domains[%s]" % (w, rd["domain"]), od, rd)
        oi = {e.get("id"): e for e in g.get("indicators", [])}
        for re_ in rg["indicators"]:
            iid = re_["id"]
            if iid in cut.lagged:
                continue
            oe = oi.get(iid, {})
            wi = "%s %s" % (w, iid)
            for k, rv in re_.items():
                if k in NEW_KEYS:
                    continue
                if k in ("rank", "of", "quartile"):
                    continue
                if k == "rank_range":
                    if county and cut.kind != "national":
                        chk.eq(pre + "rank_range" + (" (exact)" if not rank_tol else " (within 1)"),
                               wi + ".rank_range", oe.get(k), rv, rank_tol or 0)
                    continue
                if k in ("benchmark", "vs_benchmark"):
                    bench(chk, pre, cut, county, wi, oe, re_, k)
                    continue
                if k == "subgroups":
                    os_ = oe.get("subgroups") or []
                    chk.eq(pre + "subgroup entries", wi + " subgroups",
                           [x.get("subgroup") for x in os_], [x["subgroup"] for x in rv])
                    for ox, rx in zip(os_, rv):
                        ws = "%s [%s]" % (wi, rx["subgroup"])
                        for k2, rv2 in rx.items():
                            if k2 in NEW_KEYS:
                                continue
                            if k2 in ("benchmark", "vs_benchmark"):
                                bench(chk, pre, cut, county, ws, ox, rx, k2)
                                continue
                            n = leaves(rv2)
                            chk.n[pre + "subgroups: " + cat(k2)] += n - 1
                            chk.eq(pre + "subgroups: " + cat(k2), ws + "." + k2,
                                   strip(ox.get(k2)), rv2)
                    continue
                n = leaves(rv)
                chk.n[pre + cat(k)] += n - 1
                chk.eq(pre + cat(k), wi + "." + k, strip(oe.get(k)), rv)
            ranks(pre + "indicator ranks", wi, oe, re_)
    if ref_is_self:
        check_single_state(chk, pre, M, cut, ref)


def compare_peer_def_keys(e):
    return [k for k in e if k not in ("benchmark", "subgroup_benchmarks", "state_benchmarks", "ranked")]


def cat(k):
    return {"trend": "trends", "series": "series", "equity_gap": "equity gaps"}.get(k, "values, scores, flags")


def strip(x):
    """x without the §3.10 keys (for a JSON subtree)."""
    if isinstance(x, dict):
        return {k: strip(v) for k, v in x.items() if k not in NEW_KEYS}
    if isinstance(x, list):
        return [strip(v) for v in x]
    return x


def bench(chk, pre, cut, county, w, o, r, k):
    """A county's benchmark / vs_benchmark against the ref's."""
    if not county or cut.kind == "stateless":
        return
    mine = k if cut.kind == "state" else {"benchmark": "national_benchmark", "vs_benchmark": "vs_national"}[k]
    chk.eq(pre + "county benchmark / vs_benchmark", "%s.%s%s" % (w, mine, "" if mine == k else " vs " + k),
           o.get(mine), r.get(k))


def check_single_state(chk, pre, M, cut, doc):
    """Our own run on a cut: the §3.10 keys with their single-state values."""
    kind = pre + "§3.10 keys, single-state values"
    chk.eq(kind, "schema_version", doc.get("schema_version"), "1.1")
    for e in doc["indicators"]:
        sb = e.get("state_benchmarks")
        want = ([{"geo_id": cut.state, "benchmark": e["benchmark"],
                  "subgroup_benchmarks": e["subgroup_benchmarks"]}] if cut.kind == "state" else [])
        chk.eq(kind, "indicators[%s].state_benchmarks" % e["id"], sb, want)
    for g in doc["geographies"]:
        gid = g["geo_id"]
        county = M.level[gid] == "county"
        chk.eq(kind, gid + ".state", g.get("state"), M.state_of[gid] if county else None)
        for nm, o in [("overall", g["overall"])] + [("domains[%s]" % x["domain"], x) for x in g["domains"]]:
            chk.eq(kind, "%s.%s national_* = rank/of/quartile" % (gid, nm),
                   [o.get("national_rank"), o.get("national_of"), o.get("national_quartile")],
                   [o.get("rank"), o.get("of"), o.get("quartile")])
            if not county:
                chk.eq(kind, "%s.%s state rank null (single state)" % (gid, nm), o.get("rank"), None)
        for e in g["indicators"]:
            chk.eq(kind, "%s %s national_* = rank/of/quartile" % (gid, e["id"]),
                   [e.get("national_rank"), e.get("national_of"), e.get("national_quartile")],
                   [e.get("rank"), e.get("of"), e.get("quartile")])
            if not county:
                chk.eq(kind, "%s %s state rank null (single state)" % (gid, e["id"]), e.get("rank"), None)
            for x in [e] + e.get("subgroups", []):
                chk.eq(kind, "%s %s %s national_benchmark, vs_national null (no nation row)"
                       % (gid, e["id"], x.get("subgroup", "All")),
                       [x.get("national_benchmark"), x.get("vs_national")], [None, None])


def compare_cut_csv(chk, tag, M, cut, ours_head, ours_rows, ref_head, ref_rows, rank_tol, ref_is_self):
    """Our multi-state CSV rows of the cut's geographies against the ref's CSV."""
    pre = "%s|%s|CSV " % (tag, cut.name)
    oc = {c: i for i, c in enumerate(ours_head)}
    rc = {c: i for i, c in enumerate(ref_head)}
    mine = [r for r in ours_rows if r[0] in cut.geos]
    if len(mine) != len(ref_rows):
        chk.fail(pre + "rows", "rows of the cut's geographies", len(mine), len(ref_rows))
        return
    key = ("geo_id", "indicator", "subgroup", "year")
    for n, (o, r) in enumerate(zip(mine, ref_rows), start=2):
        ko, kr = [o[oc[c]] for c in key], [r[rc[c]] for c in key]
        if ko != kr:
            chk.fail(pre + "rows", "ref line %d key" % n, ko, kr)
            return
        if kr[1] in cut.lagged:
            continue
        county = M.level[kr[0]] == "county"
        w = "ref line %d (%s)" % (n, " ".join(kr))
        for c in OLD_CSV:
            mc = c
            tol = None
            if c in key:
                continue
            if c == "level" and cut.kind == "national" and not county:
                continue
            if c in ("rank", "of", "quartile", "rank_low", "rank_high"):
                if not county:
                    continue
                if cut.kind == "national":
                    if c in ("rank_low", "rank_high"):
                        continue
                    mc = "national_" + c
                elif c in ("rank_low", "rank_high"):
                    tol = rank_tol or 0
            if c in ("benchmark", "benchmark_method", "vs_benchmark"):
                if not county or cut.kind == "stateless":
                    continue
                if cut.kind == "national":
                    if c == "benchmark_method":
                        continue
                    mc = {"benchmark": "national_benchmark", "vs_benchmark": "vs_national"}[c]
            if mc not in oc:
                chk.fail(pre + "columns", "column " + mc, None, "present")
                return
            x, y = o[oc[mc]], r[rc[c]]
            kind = pre + ("ranks" if c.startswith("rank") or c in ("of", "quartile") else
                          "benchmarks" if "benchmark" in c else "cells")
            chk.n[kind] += 1
            if x == y:
                continue
            try:
                fx, fy = float(x), float(y)
            except ValueError:
                chk.bad.append((kind, w + " " + c + ("" if mc == c else " vs our " + mc), x, y))
                continue
            ok = abs(fx - fy) <= tol if tol is not None else compare_peer.close(fx, fy, "." + c)
            if not ok:
                chk.bad.append((kind, w + " " + c + ("" if mc == c else " vs our " + mc), x, y))
        if ref_is_self and not set(NEW_CSV) <= set(rc):
            chk.fail(pre + "§3.10 columns, single-state values", "header", ref_head[len(OLD_CSV):], NEW_CSV)
            ref_is_self = False
        if ref_is_self:
            k2 = pre + "§3.10 columns, single-state values"
            chk.eq(k2, w + " state_id", r[rc["state_id"]], o[oc["state_id"]])
            for c in ("rank", "of", "quartile"):
                chk.eq(k2, w + " national_%s = %s" % (c, c), r[rc["national_" + c]], r[rc[c]])
            chk.eq(k2, w + " national_benchmark, vs_national empty",
                   [r[rc["national_benchmark"]], r[rc["vs_national"]]], ["", ""])


# ----------------------------------------------------------------- main

def main():
    tmp = tempfile.mkdtemp(prefix="multistate-test-")
    try:
        return body(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


T0 = time.time()


LOW_DRAWS = 200         # c'': few draws, so a range depends on its stream


def low_draws_check(chk, tmp, ds, cuts):
    """c'': SPEC §3.10.1 says each peer group's draws restart the seeded
    stream in geo_id order. With 20,000 draws a range hardly depends on the
    stream; with 200 it does, so every county's rank_range of the
    multi-state run must equal that of its state cut run alone, exactly."""
    def with_draws(src, dst):
        shutil.copytree(src, dst, symlinks=True)
        mp = os.path.join(dst, "scorecard.json")
        with open(mp, encoding="utf-8") as f:
            man = json.load(f)
        man["rank_draws"] = LOW_DRAWS
        with open(mp, "w", encoding="utf-8") as f:
            json.dump(man, f)
        return dst
    out = os.path.join(tmp, "out-low")
    err = build(with_draws(ds, os.path.join(tmp, "multi-low")), out)
    if err:
        chk.fail("c'': rank_range with %d draws = the state alone" % LOW_DRAWS, "build", err, "exit 0")
        return
    doc = load_json(os.path.join(out, "scorecard.json"))
    by = {g["geo_id"]: g for g in doc["geographies"]}
    moved = 0
    for c in cuts:
        if c.kind == "national":
            continue
        cout = os.path.join(tmp, "ours-low-" + c.name)
        err = build(with_draws(c.dir, os.path.join(tmp, "cut-low-" + c.name)), cout)
        if err:
            chk.fail("c'': rank_range with %d draws = the state alone" % LOW_DRAWS, c.name, err, "exit 0")
            continue
        ref = load_json(os.path.join(cout, "scorecard.json"))
        for g in ref["geographies"]:
            if g["level"] != "county":
                continue
            for gi, mi in zip(g["indicators"], by[g["geo_id"]]["indicators"]):
                if gi["id"] in c.lagged:
                    continue
                chk.eq("c'': rank_range with %d draws = the state alone" % LOW_DRAWS,
                       "%s %s %s" % (c.name, g["geo_id"], gi["id"]), mi["rank_range"], gi["rank_range"])
                moved += mi["rank_range"] is not None
    print("c'': %d rank ranges with %d draws compared with each state run alone" % (moved, LOW_DRAWS))


def phase(what):
    print("[%5.1fs] %s" % (time.time() - T0, what), flush=True)


def body(tmp):
    gen = os.path.join(tmp, "gen")
    r = subprocess.run([PY, os.path.join(SRC, "bench", "generate.py"), "--workload", "multi", gen],
                       capture_output=True, text=True)
    if r.returncode != 0:
        print("FAIL: bench/generate.py --workload multi:", r.stderr.strip()[-500:])
        return 1
    print("generated:", " ".join(r.stdout.split()))
    ds = os.path.join(tmp, "multi")                      # rank_draws raised, like tests/peer.sh
    M0 = Dataset(gen)
    cut_dataset(gen, ds, set(M0.geo))
    M = Dataset(ds)
    assert M.multi
    print("model: %d counties in %d peer groups (%s), %d states, nation %s; %d indicators"
          % (len(M.counties), len(M.groups), ", ".join("%s:%d" % (k or "none", len(v))
                                                       for k, v in sorted(M.groups.items(),
                                                                          key=lambda kv: kv[0] or "")),
             len(M.states), M.nation[0] if M.nation else "none", len(M.inds)))

    # the cuts: each state with counties, the stateless counties, the national cut
    cuts = []
    for st, members in sorted(M.groups.items(), key=lambda kv: kv[0] or "~"):
        geos = set(members) | ({st} if st else set())
        cuts.append(Cut(st or "stateless", "state" if st else "stateless", geos, st, set()))
    cuts.append(Cut("national", "national", set(M.counties) | set(M.nation), None, set()))
    for c in cuts:
        c.dir = os.path.join(tmp, "cut-" + c.name)
        cut_dataset(ds, c.dir, c.geos, nation_as_state=(c.kind == "national"))
        # an indicator whose latest year differs in the cut: its figures are not comparable
        cm = Dataset(c.dir)
        c.lagged = {d["id"] for d, e in zip(cm.inds, M.inds) if d["latest"] != e["latest"]}

    phase("cut datasets written")
    out = os.path.join(tmp, "out")
    err = build(ds, out)
    if err:
        print("FAIL:", err)
        return 1
    jobs = []
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as ex:
        peer_multi = ex.submit(peer, ds, os.path.join(tmp, "peer-multi"))
        for c in cuts:
            c.peer_out = os.path.join(tmp, "peer-" + c.name)
            c.our_out = os.path.join(tmp, "ours-" + c.name)
            jobs.append((c, ex.submit(peer, c.dir, c.peer_out),
                         ex.submit(build, c.dir, c.our_out) if c.kind != "national" else None))
    chk = Checks()
    doc = load_json(os.path.join(out, "scorecard.json"))
    head, rows = read_csv(os.path.join(out, "scorecard.csv"))

    phase("engine and peer runs done")
    # (a) and (d)
    check_model(chk, M, doc, head, rows)
    phase("a, d checked")

    # (b) against the peer per cut, (c) against our own run per cut
    for c, pj, oj in jobs:
        e = pj.result()
        if e:
            chk.fail("b: peer runs", c.name, e, "exit 0")
        else:
            ref = load_json(os.path.join(c.peer_out, "scorecard.json"))
            compare_cut(chk, "b: peer", M, c, doc, ref, 1, False)
            rh, rr = read_csv(os.path.join(c.peer_out, "scorecard.csv"))
            compare_cut_csv(chk, "b: peer", M, c, head, rows, rh, rr, 1, False)
        if oj is None:
            continue
        e2 = oj.result()
        if e2:
            chk.fail("c: our cut runs", c.name, e2, "exit 0")
            continue
        ref = load_json(os.path.join(c.our_out, "scorecard.json"))
        compare_cut(chk, "c: ours", M, c, doc, ref, None, True)
        rh, rr = read_csv(os.path.join(c.our_out, "scorecard.csv"))
        compare_cut_csv(chk, "c: ours", M, c, head, rows, rh, rr, None, True)
        if not e:           # our single-state run against the peer on the same cut (tests/peer.sh)
            peer_doc = load_json(os.path.join(c.peer_out, "scorecard.json"))
            diffs = []
            mine = strip(ref)
            mine["schema_version"] = peer_doc.get("schema_version")
            for x in mine["indicators"]:  # ours (a manifest entry's own window)
                x.pop("trend_years", None)
            compare_peer.walk(mine, peer_doc, "", diffs)
            chk.n["c': our cut run = peer (compare_peer.walk)"] += leaves(peer_doc)
            for p, a, b in diffs:
                chk.bad.append(("c': our cut run = peer (compare_peer.walk)", c.name + " " + p, a, b))

    low_draws_check(chk, tmp, ds, cuts)
    phase("b, c checked")
    # the peer extended to §3.10: the whole multi-state output
    e = peer_multi.result()
    if e is None and "state_benchmarks" in load_json(os.path.join(tmp, "peer-multi", "scorecard.json"))[
            "indicators"][0]:
        pdoc = load_json(os.path.join(tmp, "peer-multi", "scorecard.json"))
        diffs = []
        compare_peer.walk(doc, pdoc, "", diffs)
        chk.n["e: whole multi-state JSON = peer"] += leaves(pdoc)
        for p, a, b in diffs:
            chk.bad.append(("e: whole multi-state JSON = peer", p, a, b))
        print("the peer reads several states: whole multi-state JSON compared with it too")
    else:
        print("the peer does not read several states (%s): §3.10 figures checked against the "
              "computation in this test only" % (e or "no state_benchmarks"))

    print("cuts: " + "; ".join("%s %d geographies%s" % (c.name, len(c.geos),
                                                       " (latest year differs for %s: not compared)"
                                                       % ",".join(sorted(c.lagged)) if c.lagged else "")
                               for c in cuts))
    summary(chk)
    return 1 if chk.bad else 0


def summary(chk):
    def group(kind):
        p = kind.split("|")
        return kind if len(p) < 3 else "%s: %s" % (p[0], p[2])
    agg, bad, per_cut, bad_cut = Counter(), Counter(), Counter(), Counter()
    for k, n in chk.n.items():
        agg[group(k)] += n
        if k.count("|") == 2:
            per_cut[" ".join(k.split("|")[:2])] += n
    for k, *_ in chk.bad:
        bad[group(k)] += 1
        if k.count("|") == 2:
            bad_cut[" ".join(k.split("|")[:2])] += 1
    print("figures compared (b and c: all cuts together):")
    for k in sorted(agg):
        print("  %8d  %s%s" % (agg[k], k, ("   -- %d DIFFER" % bad[k]) if bad[k] else ""))
    print("per cut: " + "; ".join("%s %d%s" % (k, n, (" (%d differ)" % bad_cut[k]) if bad_cut[k] else "")
                                  for k, n in sorted(per_cut.items())))
    print("total %d figures, %d mismatches" % (sum(agg.values()), len(chk.bad)))
    for kind, where, ours, want in chk.bad[:int(os.environ.get("MS_SHOW", "30"))]:
        o, w = json.dumps(ours)[:160], json.dumps(want)[:160]
        print("  MISMATCH [%s] %s: ours %s, expected %s" % (group(kind), where, o, w))
    if len(chk.bad) > 30:
        print("  ... %d more; per kind:" % (len(chk.bad) - 30))
        for k, n in Counter(group(k) for k, *_ in chk.bad).most_common():
            ex = next(b for b in chk.bad if group(b[0]) == k)
            print("  %6d  %s   e.g. %s: ours %s, expected %s" % (n, k, ex[1], json.dumps(ex[2])[:80],
                                                                  json.dumps(ex[3])[:80]))
    print("PASS" if not chk.bad else "FAIL")


if __name__ == "__main__":
    sys.exit(main())
