#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A manifest with a 1,000,000-character key.
set -eu
d=$1
{
    printf '{"title": "T", "'
    head -c 1000000 /dev/zero | tr '\0' k
    printf '": 1,\n "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}\n'
} >"$d/scorecard.json"
printf 'geo_id,year,value\n06001,2019,40\n' >"$d/x.csv"
