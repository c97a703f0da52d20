#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# 10,001 distinct subgroups.
set -eu
d=$1
cat >"$d/scorecard.json" <<'JSON'
{"title": "T",
 "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}
JSON
awk 'BEGIN {
    print "geo_id,year,subgroup,value"
    for (i = 0; i < 10001; i++) printf "06001,2019,g%d,40\n", i
}' >"$d/x.csv"
