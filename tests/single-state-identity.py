#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""A single-state dataset is unchanged by SPEC §3.10 (issue 12): its JSON
and CSV are byte-identical to the engine's before §3.10 once the added
keys and columns are cut out textually and `schema_version` is set back
to "1.0"; and the added keys carry their single-state values.

The reference is the sha256 of the pre-§3.10 engine's outputs (commit
d6017d6, `SOURCE_DATE_EPOCH=0 scorecard build DS -o OUT --format
json,csv -q`) on the illustrative sample (data/illustrative/, as it is
since its title and sources say its values are synthetic) and on the generated `ca`
workload (bench/generate.py --workload ca). The cut is textual, on the
bytes we write, so any other change (a number's digits, a key's order)
fails the test. When a later issue changes these outputs on purpose, the
hashes below are updated with the reason in the commit.

Usage: single-state-identity.py SCORECARD SOURCE_ROOT
"""
import csv
import hashlib
import io
import json
import os
import subprocess
import re
import sys
import tempfile

GOLDEN = {
    "data": ("703cac5abac92e855a0390083d0eb59a4d78adfb6e66d4c1130dd9070dec9608",
             "a32bbc571bad0850f0231551e0a3dbbc02634bd1befee022a855aa52be1d7916"),
    "ca": ("887075e3e28cc5f65d894d5877241628e84a3d315c0e0b21b5a21b23b4cf171c",
           "c6f4f6ed19aff190fdbbe34e33218147bc3c3c13d6f45694d07cb29f66d31dd9"),
}
NEW_KEYS = ["state", "national_rank", "national_of", "national_quartile",
            "national_benchmark", "vs_national", "state_benchmarks"]
NEW_COLS = ["state_id", "national_rank", "national_of", "national_quartile",
            "national_benchmark", "vs_national"]

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL " + msg)


def skip_value(s, i):
    """Index just past the JSON value starting at s[i] (compact JSON)."""
    if s[i] == '"':
        i += 1
        while s[i] != '"':
            i += 2 if s[i] == "\\" else 1
        return i + 1
    if s[i] in "[{":
        depth = 0
        while True:
            c = s[i]
            if c == '"':
                i = skip_value(s, i)
                continue
            if c in "[{":
                depth += 1
            elif c in "]}":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
    while s[i] not in ",]}":
        i += 1
    return i


def strip_json(s):
    """Cut every `,"key":value` of NEW_KEYS out of the text, and each
    indicator's `trend_years` (added after §3.10, right after the
    indicator's latest_year; the top level's stays)."""
    s = re.sub(r'("latest_year":[0-9]+),"trend_years":[0-9]+', r"\1", s)
    pats = ['"%s":' % k for k in NEW_KEYS]
    out, i, n = [], 0, len(s)
    while i < n:
        c = s[i]
        if c == '"':
            j = skip_value(s, i)
            out.append(s[i:j])
            i = j
            continue
        if c == ",":
            hit = next((p for p in pats if s.startswith(p, i + 1)), None)
            if hit:
                i = skip_value(s, i + 1 + len(hit))
                continue
        out.append(c)
        i += 1
    text = "".join(out)
    head = '{"schema_version":"1.1",'
    if not text.startswith(head):
        fail("JSON does not start with %r" % head)
        return text
    return '{"schema_version":"1.0",' + text[len(head):]


def records(text):
    """The CSV's physical records (a quoted field may hold a line break)."""
    out, start, quoted = [], 0, False
    for i, c in enumerate(text):
        if c == '"':
            quoted = not quoted
        elif c == "\n" and not quoted:
            out.append(text[start:i])
            start = i + 1
    return out


def strip_csv(text):
    recs = records(text)
    out = []
    for n, rec in enumerate(recs, start=1):
        row = next(csv.reader(io.StringIO(rec)))
        tail = row[-len(NEW_COLS):]
        quoted = ["\"%s\"" % c.replace('"', '""') if any(x in c for x in ',"\r\n') else c
                  for c in tail]
        suffix = "," + ",".join(quoted)
        if n == 1 and tail != NEW_COLS:
            fail("CSV header ends %r, want %r" % (tail, NEW_COLS))
        if not rec.endswith(suffix):
            fail("CSV line %d does not end with its last six cells" % n)
            return ""
        out.append(rec[: len(rec) - len(suffix)] + "\n")
    return "".join(out)


def check_values(tag, doc, rows):
    """The added keys' single-state values (SPEC §3.10.2-4, §3.10.7)."""
    if doc["schema_version"] != "1.1":
        fail("%s: schema_version %r" % (tag, doc["schema_version"]))
    level = {g["geo_id"]: g["level"] for g in doc["geographies"]}
    states = sorted(g for g, lv in level.items() if lv == "state")
    nchecked = 0
    for e in doc["indicators"]:
        want = [{"geo_id": s, "benchmark": e["benchmark"],
                 "subgroup_benchmarks": e["subgroup_benchmarks"]} for s in states]
        if e["state_benchmarks"] != want:
            fail("%s: %s state_benchmarks differ from the state's own series" % (tag, e["id"]))
        nchecked += 1
    for g in doc["geographies"]:
        county = g["level"] == "county"
        want_state = (g["parent"] if g["parent"] in level else None) if county else None
        if g["state"] != want_state:
            fail("%s: %s state %r, want %r" % (tag, g["geo_id"], g["state"], want_state))
        comps = [g["overall"]] + g["domains"]
        for x in comps + g["indicators"]:
            if [x["national_rank"], x["national_of"], x["national_quartile"]] != \
                    [x["rank"], x["of"], x["quartile"]]:
                fail("%s: %s national ranks differ from ranks" % (tag, g["geo_id"]))
            nchecked += 1
        for e in g["indicators"]:
            for x in [e] + e["subgroups"]:
                if x["national_benchmark"] is not None or x["vs_national"] is not None:
                    fail("%s: %s %s national benchmark without a nation row"
                         % (tag, g["geo_id"], e["id"]))
                nchecked += 1
    head = rows[0]
    col = {c: i for i, c in enumerate(head)}
    state_of = {g["geo_id"]: g["state"] or "" for g in doc["geographies"]}
    for r in rows[1:]:
        lv = r[col["level"]]
        want = state_of[r[0]]
        if r[col["state_id"]] != want:
            fail("%s: CSV state_id %r for %s" % (tag, r[col["state_id"]], r[0]))
            break
        for a, b in (("national_rank", "rank"), ("national_of", "of"),
                     ("national_quartile", "quartile")):
            if r[col[a]] != r[col[b]]:
                fail("%s: CSV %s %r != %s %r (%s)" % (tag, a, r[col[a]], b, r[col[b]], r[0]))
                break
        if r[col["national_benchmark"]] or r[col["vs_national"]]:
            fail("%s: CSV national benchmark without a nation row (%s, %s)" % (tag, r[0], lv))
            break
        nchecked += 1
    return nchecked


def build(exe, ds, out):
    env = dict(os.environ, SOURCE_DATE_EPOCH="0")
    subprocess.run([exe, "build", ds, "-o", out, "--format", "json,csv", "-q"],
                   check=True, env=env)
    with open(os.path.join(out, "scorecard.json"), encoding="utf-8", newline="") as f:
        js = f.read()
    with open(os.path.join(out, "scorecard.csv"), encoding="utf-8", newline="") as f:
        cs = f.read()
    return js, cs


def sha(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def main():
    exe, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory() as tmp:
        ca = os.path.join(tmp, "ca")
        subprocess.run([sys.executable, os.path.join(src, "bench", "generate.py"),
                        "--workload", "ca", ca], check=True, stdout=subprocess.DEVNULL)
        for tag, ds in (("data", os.path.join(src, "data", "illustrative")), ("ca", ca)):
            js, cs = build(exe, ds, os.path.join(tmp, "out-" + tag))
            doc = json.loads(js)
            n = check_values(tag, doc, list(csv.reader(io.StringIO(cs))))
            gj, gc = sha(strip_json(js)), sha(strip_csv(cs))
            if gj != GOLDEN[tag][0]:
                fail("%s: JSON minus the §3.10 keys has sha256 %s, want %s (pre-§3.10)"
                     % (tag, gj, GOLDEN[tag][0]))
            if gc != GOLDEN[tag][1]:
                fail("%s: CSV minus the §3.10 columns has sha256 %s, want %s (pre-§3.10)"
                     % (tag, gc, GOLDEN[tag][1]))
            print("%s: JSON %d bytes, CSV %d bytes; %d added values checked"
                  % (tag, len(js), len(cs), n))
    if failures:
        print("%d failure(s)" % len(failures))
        return 1
    print("single-state outputs identical to pre-§3.10 apart from the added keys")
    return 0


if __name__ == "__main__":
    sys.exit(main())
