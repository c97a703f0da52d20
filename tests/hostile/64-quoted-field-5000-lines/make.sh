#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A geo_name holding 5,000 line breaks.
set -eu
d=$1
cat >"$d/scorecard.json" <<'JSON'
{"title": "T",
 "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}
JSON
awk 'BEGIN {
    printf "geo_id,year,value,geo_name\n06001,2019,40,\""
    for (i = 0; i < 5000; i++) printf "a\n"
    printf "\"\n06003,2019,x,B\n"
}' >"$d/x.csv"
