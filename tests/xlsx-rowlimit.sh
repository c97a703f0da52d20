#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The Data sheet splits past Excel's row limit (SPEC §5.2): a generated
# dataset of 1,050,000 observations (1,000 counties x 21 years x 50
# subgroups) must give "Data" with 1,048,575 rows under its header and
# "Data 2" with the remaining 1,425. Slow (about half a minute).
# Usage: xlsx-rowlimit.sh SCORECARD. Exit 77 without python3-openpyxl.
set -u
sc=$1
py=/usr/bin/python3
"$py" -c 'import openpyxl' 2>/dev/null || { echo "SKIP: no python3-openpyxl"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/scorecard.json" <<'JSON'
{ "title": "Row limit", "rank_draws": 0,
  "indicators": [ { "id": "x", "name": "X", "domain": "Health" } ] }
JSON
"$py" - "$tmp/x.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("geo_id,year,subgroup,value\n")
    for g in range(1000):
        for y in range(2000, 2021):
            for s in range(50):
                sg = "All" if s == 0 else "S%02d" % s
                f.write("%05d,%d,%s,%.1f\n" % (10001 + g, y, sg, 40 + (g % 37) + 0.1 * (y - 2000) + (s % 7)))
PY
"$sc" build "$tmp" -o "$tmp/out" --format xlsx -q || exit 1
"$py" - "$tmp/out/scorecard.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
names = wb.sheetnames
print("sheets:", names)
ok = names[-4:] == ["Data", "Data 2", "Indicators", "About"]
d1, d2 = wb["Data"], wb["Data 2"]
print("Data rows:", d1.max_row, " Data 2 rows:", d2.max_row)
ok &= d1.max_row == 1048576 and d2.max_row == 1 + 1425
head = [c.value for c in next(d2.iter_rows(min_row=1, max_row=1))]
ok &= head[:4] == ["geo_id", "geo_name", "level", "indicator"]
first = [c.value for c in next(d2.iter_rows(min_row=2, max_row=2))]
print("Data 2 first row:", first[:8])
ok &= isinstance(first[8], float)   # value: a number, not text
sys.exit(0 if ok else 1)
PY
