#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# x.csv -> data/x.csv, inside the dataset.
set -eu
d=$1
cat >"$d/scorecard.json" <<'JSON'
{"title": "T",
 "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}
JSON
mkdir "$d/data"
printf 'geo_id,year,value\n06001,2019,40\n' >"$d/data/x.csv"
ln -s data/x.csv "$d/x.csv"
