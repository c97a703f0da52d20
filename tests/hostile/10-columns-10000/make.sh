#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A header and a row of 10,000 columns.
set -eu
d=$1
cat >"$d/scorecard.json" <<'JSON'
{"title": "T",
 "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}
JSON
awk 'BEGIN {
    h = "geo_id,year,value"; r = "06001,2019,40"
    for (i = 0; i < 9997; i++) { h = h ",c" i; r = r "," }
    print h; print r
}' >"$d/x.csv"
