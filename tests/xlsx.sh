#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Build the bundled sample's workbook and JSON, then read the workbook back
# with openpyxl (tests/xlsx-test.py); the same for two generated multi-state
# datasets (SPEC §3.10): the multi workload, and a slice of the us workload
# (one county in a hundred, at least one per state) for a Texas county.
# Usage: xlsx.sh SCORECARD SOURCE_ROOT
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sc=$1 root=$2
"$1" build "$root/data/illustrative" -o "$tmp/out" --format xlsx,json -q || exit 1
/usr/bin/python3 "$2/tests/xlsx-test.py" "$tmp/out/scorecard.xlsx" \
    "$tmp/out/scorecard.json"
status=$?
# SOURCE_DATE_EPOCH sets the workbook's creation time (reproducible builds)
SOURCE_DATE_EPOCH=1700000000 "$1" build "$root/data/illustrative" -o "$tmp/epoch" --format xlsx -q || exit 1
if ! /usr/bin/python3 - "$tmp/epoch/scorecard.xlsx" <<'PY'
import sys, zipfile
core = zipfile.ZipFile(sys.argv[1]).read("docProps/core.xml").decode()
sys.exit(0 if "2023-11-14T22:13:20Z" in core else 1)
PY
then
    echo "FAIL: SOURCE_DATE_EPOCH not used as the creation time"
    status=1
fi
# SOURCE_DATE_EPOCH=0 too (libxlsxwriter would take 0 for "now")
SOURCE_DATE_EPOCH=0 "$1" build "$root/data/illustrative" -o "$tmp/epoch0" --format xlsx -q || exit 1
if ! /usr/bin/python3 - "$tmp/epoch0/scorecard.xlsx" <<'PY'
import sys, zipfile
core = zipfile.ZipFile(sys.argv[1]).read("docProps/core.xml").decode()
sys.exit(0 if "1970-01-01T00:00:01Z" in core else 1)
PY
then
    echo "FAIL: SOURCE_DATE_EPOCH=0 did not give a fixed creation time"
    status=1
fi
# sheet names: at most 31 characters and unique, even when two long
# indicator ids share their first 31 characters
mkdir -p "$tmp/long"
cat >"$tmp/long/scorecard.json" <<'JSON'
{ "title": "Long ids", "indicators": [
  { "id": "children_with_a_dental_visit_this_year", "name": "A",
    "domain": "Health", "file": "a.csv" },
  { "id": "children_with_a_dental_visit_this_month", "name": "B",
    "domain": "Health", "file": "a.csv" } ] }
JSON
printf 'geo_id,year,value\n06001,2020,50\n06003,2020,60\n' >"$tmp/long/a.csv"
"$1" build "$tmp/long" -o "$tmp/long/out" --format xlsx -q || exit 1
if ! /usr/bin/python3 - "$tmp/long/out/scorecard.xlsx" <<'PY'
import sys, openpyxl
names = openpyxl.load_workbook(sys.argv[1]).sheetnames
print("sheets:", names)
want = ["Scorecard", "Trends", "children_with_a_dental_visit_th",
        "children_with_a_dental_visit_~2", "Data", "Indicators", "About"]
sys.exit(0 if names == want else 1)
PY
then
    echo "FAIL: sheet names not truncated to 31 characters and unique"
    status=1
fi
# several states: bench/generate.py's datasets (build warnings, such as
# outliers, are expected and kept out of the log unless the build fails)
multi() { # NAME GENERATOR-ARGS... -- XLSX-TEST-ARGS...
    name=$1; shift
    gen=(); while [ "$1" != -- ]; do gen+=("$1"); shift; done; shift
    if ! /usr/bin/python3 "$root/bench/generate.py" "${gen[@]}" "$tmp/$name" \
        >/dev/null; then
        echo "FAIL: bench/generate.py ${gen[*]}"; status=1; return
    fi
    if ! "$sc" build "$tmp/$name" -o "$tmp/$name/out" --format xlsx,json -q \
        2>"$tmp/$name.log"; then
        cat "$tmp/$name.log"; echo "FAIL: build of $name"; status=1; return
    fi
    echo "$name:"
    /usr/bin/python3 "$root/tests/xlsx-test.py" "$tmp/$name/out/scorecard.xlsx" \
        "$tmp/$name/out/scorecard.json" "$@"
    case $? in 0 | 77) ;; *) status=1 ;; esac
}
multi multi --workload multi --
multi us-slice --workload us --fraction 0.01 -- --state 48
exit $status
