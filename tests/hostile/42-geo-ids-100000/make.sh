#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# 100,000 distinct geo_ids, no geographies file.
set -eu
d=$1
cat >"$d/scorecard.json" <<'JSON'
{"title": "T",
 "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}
JSON
awk 'BEGIN {
    print "geo_id,year,value"
    for (i = 0; i < 100000; i++) printf "%05d,2019,%d\n", i, i % 101
}' >"$d/x.csv"
