#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# NUL bytes in a CSV cell (not committed as binary).
set -eu
d=$1
cat >"$d/scorecard.json" <<'JSON'
{"title": "T",
 "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}
JSON
printf 'geo_id,year,value\n06001,2019,40\n06003,2019,4\0001\n' >"$d/x.csv"
