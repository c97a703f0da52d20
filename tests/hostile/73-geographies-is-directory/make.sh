#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# geographies.csv is a directory.
set -eu
d=$1
printf '{"title": "T", "geographies": "geo.csv",\n "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}\n' >"$d/scorecard.json"
printf 'geo_id,year,value\n06001,2019,40\n06003,2019,41\n' >"$d/x.csv"
mkdir "$d/geo.csv"
