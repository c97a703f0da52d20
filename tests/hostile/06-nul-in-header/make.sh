#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A NUL byte inside the first header name.
set -eu
d=$1
cat >"$d/scorecard.json" <<'JSON'
{"title": "T",
 "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}
JSON
printf 'geo_id\000,year,value\n06001,2019,40\n' >"$d/x.csv"
