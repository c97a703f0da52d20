#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A 200,000-character line (fields under the 64 KiB limit).
set -eu
d=$1
cat >"$d/scorecard.json" <<'JSON'
{"title": "T",
 "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}
JSON
awk 'BEGIN {
    n = ""; for (i = 0; i < 50000; i++) n = n "n"
    print "geo_id,year,a,b,c,d,value"
    print "06001,2019,,,,,40"
    print "06003,2019," n "," n "," n "," n ",x"
}' >"$d/x.csv"
