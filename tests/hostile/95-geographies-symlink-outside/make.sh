#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# geo.csv -> /etc/passwd
set -eu
d=$1
printf '{"title": "T", "geographies": "geo.csv",\n "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}\n' >"$d/scorecard.json"
printf 'geo_id,year,value\n06001,2019,40\n' >"$d/x.csv"
ln -s /etc/passwd "$d/geo.csv"
