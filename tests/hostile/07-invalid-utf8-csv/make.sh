#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Latin-1 (line 2), an overlong '/' (line 3), a UTF-16 surrogate (line 4) and
# a sequence cut by the end of the file (line 5).
set -eu
d=$1
cat >"$d/scorecard.json" <<'JSON'
{"title": "T",
 "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}
JSON
printf 'geo_id,year,value,subgroup\n06001,2019,40,Lat\351no\n06003,2019,40,\300\257\n06005,2019,40,\355\240\200\n06007,2019,40,ab\342\202' >"$d/x.csv"
