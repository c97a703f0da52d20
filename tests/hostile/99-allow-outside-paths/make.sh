#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# "file": "../outside.csv", written beside the dataset directory.
set -eu
d=$1
printf '{"title": "T",\n "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "../outside.csv"}]}\n' >"$d/scorecard.json"
printf 'geo_id,year,value\n06001,2019,40\n' >"$d/../outside.csv"
