#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A Latin-1 e-acute in the title (line 1, column 15).
set -eu
d=$1
printf '{"title": "Caf\351",\n "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}\n' >"$d/scorecard.json"
printf 'geo_id,year,value\n06001,2019,40\n' >"$d/x.csv"
