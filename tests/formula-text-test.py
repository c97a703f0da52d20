#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Text that a spreadsheet would run as a formula (CSV injection).

A dataset whose title, domain, indicator name and source, county name and
subgroup begin with '=', '+', '-' or '@':
- `scorecard validate` passes with one formula-like-text warning per text,
  each at file:line:column (--format json);
- the workbook holds every such text as text: no cell of any sheet has a
  formula (<f>), and each text is a string cell (t="s", the shared
  strings table holds it verbatim), read back by openpyxl as a string;
- the CSV keeps the texts as given (R and pandas read them as data).

Usage: formula-text-test.py SCORECARD
"""
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

exe = sys.argv[1]
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL " + msg)


TEXTS = ["=SUM(A1)", "@Health", "+Insured", "-Census",
         "=HYPERLINK(\"http://example.invalid\",\"x\")", "-Latino"]

with tempfile.TemporaryDirectory() as tmp:
    d = os.path.join(tmp, "ds")
    os.mkdir(d)
    with open(os.path.join(d, "scorecard.json"), "w") as f:
        f.write('{\n'
                '  "title": "=SUM(A1)",\n'
                '  "geographies": "geo.csv",\n'
                '  "domains": ["@Health"],\n'
                '  "indicators": [{\n'
                '    "id": "ins",\n'
                '    "name": "+Insured",\n'
                '    "domain": "@Health",\n'
                '    "source": "-Census",\n'
                '    "file": "ins.csv"\n'
                '  }]\n'
                '}\n')
    with open(os.path.join(d, "geo.csv"), "w") as f:
        f.write('geo_id,name,level,parent\n'
                '06000,California,state,\n'
                '06001,"=HYPERLINK(""http://example.invalid"",""x"")",'
                'county,06000\n'
                '06003,Alpine,county,06000\n')
    with open(os.path.join(d, "ins.csv"), "w") as f:
        f.write('geo_id,year,value,subgroup\n'
                '06001,2020,90,\n06001,2020,80,-Latino\n06003,2020,85,\n'
                '06001,2021,91,-Latino\n06001,2021,92,\n06003,2021,86,\n')

    v = subprocess.run([exe, "validate", d, "--format", "json"],
                       capture_output=True, text=True)
    check(v.returncode == 0, "validate exits %d, expected 0 (warnings only)"
          % v.returncode)
    rep = json.loads(v.stdout)
    got = sorted((os.path.basename(x["file"]), x["line"], x["column"])
                 for x in rep["diagnostics"]
                 if x["code"] == "formula-like-text")
    want = sorted([("scorecard.json", 2, 12), ("scorecard.json", 4, 15),
                   ("scorecard.json", 7, 13), ("scorecard.json", 8, 15),
                   ("scorecard.json", 9, 15), ("geo.csv", 3, 7),
                   ("ins.csv", 3, 15)])
    check(got == want, "formula-like-text warnings at %s, expected %s"
          % (got, want))
    for x in rep["diagnostics"]:
        if x["code"] == "formula-like-text":
            check(x["severity"] == "warning" and "would run it as a formula"
                  in x["message"], "message: %r" % x)

    out = os.path.join(tmp, "out")
    b = subprocess.run([exe, "build", d, "-o", out, "-q",
                        "--format", "xlsx,csv"],
                       capture_output=True, text=True)
    check(b.returncode == 0, "build exits %d: %s" % (b.returncode, b.stderr))

    with zipfile.ZipFile(os.path.join(out, "scorecard.xlsx")) as z:
        sheets = [n for n in z.namelist()
                  if n.startswith("xl/worksheets/sheet")]
        check(len(sheets) >= 4, "only %d sheets" % len(sheets))
        for n in sheets:
            x = z.read(n).decode()
            check("<f>" not in x and "<f " not in x,
                  "%s has a formula cell" % n)
            check('t="str"' not in x, "%s has a formula string cell" % n)
        sst = z.read("xl/sharedStrings.xml").decode()
        items = [re.sub(r"<[^>]+>", "", si)
                 for si in re.findall(r"<si>(.*?)</si>", sst, re.S)]
        items = [s.replace("&quot;", '"').replace("&amp;", "&")
                 .replace("&lt;", "<").replace("&gt;", ">") for s in items]
        for t in TEXTS:
            check(t in items, "%r is not a shared string of the workbook" % t)

    try:
        import openpyxl
    except ImportError:
        openpyxl = None
    if openpyxl:
        wb = openpyxl.load_workbook(os.path.join(out, "scorecard.xlsx"))
        seen = {}
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    if isinstance(c.value, str) and c.value in TEXTS:
                        seen.setdefault(c.value, []).append(
                            (ws.title, c.coordinate, c.data_type))
        for t in TEXTS:
            cells = seen.get(t, [])
            check(cells, "%r not found in any cell" % t)
            for where in cells:
                check(where[2] == "s", "%r at %s!%s is of type %r, "
                      "expected a string" % (t, where[0], where[1], where[2]))
        print("openpyxl: %d cells hold the texts, all strings"
              % sum(len(x) for x in seen.values()))

    with open(os.path.join(out, "scorecard.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    names = {r["geo_name"] for r in rows}
    check('=HYPERLINK("http://example.invalid","x")' in names,
          "the CSV changed the county name: %s" % sorted(names))
    check({r["subgroup"] for r in rows} >= {"All", "-Latino"},
          "the CSV changed the subgroup")

if failures:
    print("%d failure(s)" % len(failures))
    sys.exit(1)
print("formula-like text: 7 warnings at their cells; the workbook holds "
      "every text as a string, no formula; the CSV keeps them as given")
