#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Compare scorecard.json written by the C engine with the one written by
the pandas peer (../shared/peers/pandas_scorecard.py), field by field.

Numbers must agree to 1e-6 (absolute, or relative for large magnitudes);
`rank_range` ends within one rank (the two use different random streams);
`t` relatively (it is b/se and explodes for near-perfect fits); the
generator block is skipped. Known, documented differences between the peer
and SPEC are listed in KNOWN and counted separately (see the README).

The peer implements SPEC 3.1-3.9 (schema 1.0). While it writes 1.0, the
engine's 3.10 additions (keys and CSV columns listed in S310_KEYS and
S310_COLS) are cut from the engine's side before comparing, and
schema_version is expected to be 1.1 against 1.0; tests/
single-state-identity.py checks those additions' single-state values, and
tests/multistate-test.py their multi-state figures. Once the peer writes
1.1, nothing is cut and the comparison covers them too.

Usage: compare_peer.py ENGINE.json PEER.json
       compare_peer.py ENGINE.csv PEER.csv
Exit 0 when every compared figure agrees, 1 otherwise.
"""
import json
import math
import re
import sys
from collections import Counter

TOL = 1e-6
S310_KEYS = ("state", "national_rank", "national_of", "national_quartile",
             "national_benchmark", "vs_national", "state_benchmarks")
S310_COLS = ("state_id", "national_rank", "national_of", "national_quartile",
             "national_benchmark", "vs_national")


def cut_310(x):
    """The engine's document without SPEC 3.10's additions (schema 1.0)."""
    if isinstance(x, dict):
        return {k: cut_310(v) for k, v in x.items() if k not in S310_KEYS}
    if isinstance(x, list):
        return [cut_310(v) for v in x]
    return x


def pattern(path):
    return re.sub(r"\[\d+\]", "[]", path)


def close(a, b, path):
    if path.endswith(".t"):
        return abs(a - b) <= TOL * max(1.0, abs(a), abs(b))
    return abs(a - b) <= TOL or abs(a - b) <= 1e-9 * max(abs(a), abs(b))


def walk(a, b, path, out):
    if path == ".generator":
        return
    if path.endswith(".rank_range") and a is not None and b is not None:
        if len(a) != 2 or len(b) != 2 or abs(a[0] - b[0]) > 1 or abs(a[1] - b[1]) > 1:
            out.append((path, a, b))
        return
    if isinstance(a, dict) and isinstance(b, dict):
        if list(a.keys()) != list(b.keys()):
            out.append((path + " (keys)", list(a.keys()), list(b.keys())))
        for k in a:
            if k in b:
                walk(a[k], b[k], path + "." + k, out)
        return
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append((path + " (length)", len(a), len(b)))
            return
        for i, (x, y) in enumerate(zip(a, b)):
            walk(x, y, "%s[%d]" % (path, i), out)
        return
    num = (int, float)
    if isinstance(a, bool) or isinstance(b, bool):
        if a != b:
            out.append((path, a, b))
        return
    if isinstance(a, num) and isinstance(b, num):
        if not close(float(a), float(b), path):
            out.append((path, a, b))
        return
    if a != b:
        out.append((path, a, b))


def compare_csv(a_path, b_path):
    """Cell by cell: same header, same rows in the same order; numbers to
    TOL, rank_low/rank_high within one rank, other text exactly."""
    import csv
    with open(a_path, newline="", encoding="utf-8") as f:
        a = list(csv.reader(f))
    with open(b_path, newline="", encoding="utf-8") as f:
        b = list(csv.reader(f))
    diffs = []
    if a[0][-len(S310_COLS):] == list(S310_COLS) and b[0][-len(S310_COLS):] != list(S310_COLS):
        n = len(a[0]) - len(S310_COLS)  # the peer has no 3.10 columns yet
        a = [r[:n] for r in a]
    if a[0] != b[0]:
        return 1, [("header", a[0], b[0])]
    if len(a) != len(b):
        return 1, [("rows", len(a), len(b))]
    head = a[0]
    cells = 0
    for i, (ra, rb) in enumerate(zip(a[1:], b[1:]), start=2):
        for col, x, y in zip(head, ra, rb):
            cells += 1
            if x == y:
                continue
            try:
                fx, fy = float(x), float(y)
            except ValueError:
                diffs.append(("line %d %s" % (i, col), x, y))
                continue
            if col in ("rank_low", "rank_high"):
                ok = abs(fx - fy) <= 1
            else:
                ok = close(fx, fy, "." + col)
            if not ok:
                diffs.append(("line %d %s" % (i, col), x, y))
    return cells, diffs


def main():
    if sys.argv[1].endswith(".csv"):
        cells, diffs = compare_csv(sys.argv[1], sys.argv[2])
        by = Counter(re.sub(r"line \d+ ", "", p) for p, _, _ in diffs)
        print("compared %d CSV cells; %d differ" % (cells, len(diffs)))
        for pat, n in by.most_common():
            ex = next(d for d in diffs if d[0].endswith(pat))
            print("  %6d  %s   e.g. %s: engine %r, peer %r" % (n, pat, *ex))
        return 1 if diffs else 0
    with open(sys.argv[1], encoding="utf-8") as f:
        eng = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        peer = json.load(f)
    diffs = []
    if peer.get("schema_version") == "1.0":
        if eng.get("schema_version") != "1.1":
            diffs.append((".schema_version", eng.get("schema_version"), "1.1"))
        eng = cut_310(eng)
        eng["schema_version"] = "1.0"
    # an indicator's own trend window (a manifest entry's trend_years) is
    # ours; the peer knows the dataset's only, so each must equal it
    for k, ind in enumerate(eng.get("indicators", [])):
        own = ind.pop("trend_years", eng.get("trend_years"))
        if own != eng.get("trend_years"):
            diffs.append((".indicators[%d].trend_years" % k, own,
                          eng.get("trend_years")))
    walk(eng, peer, "", diffs)
    figures = [0]

    def count(x):
        if isinstance(x, dict):
            for v in x.values():
                count(v)
        elif isinstance(x, list):
            for v in x:
                count(v)
        else:
            figures[0] += 1
    count(eng)
    by = Counter(pattern(p) for p, _, _ in diffs)
    print("compared %d values; %d differ" % (figures[0], len(diffs)))
    for pat, n in by.most_common():
        ex = next((p, a, b) for p, a, b in diffs if pattern(p) == pat)
        print("  %6d  %s   e.g. %s: engine %r, peer %r" % (n, pat, ex[0], ex[1], ex[2]))
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
