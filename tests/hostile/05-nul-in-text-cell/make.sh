#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A NUL byte in the subgroup cell of line 2 (column 15).
set -eu
d=$1
cat >"$d/scorecard.json" <<'JSON'
{"title": "T",
 "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}
JSON
printf 'geo_id,year,value,subgroup\n06001,2019,40,Lat\000ino\n' >"$d/x.csv"
