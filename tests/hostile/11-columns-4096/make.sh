#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A header and rows of exactly 4,096 columns (the limit).
set -eu
d=$1
cat >"$d/scorecard.json" <<'JSON'
{"title": "T",
 "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}
JSON
awk 'BEGIN {
    h = "geo_id,year,value"; r = "06001,2019,40"; b = "06003,2019,x"
    for (i = 0; i < 4093; i++) { h = h ",c" i; r = r ","; b = b "," }
    print h; print r; print b
}' >"$d/x.csv"
