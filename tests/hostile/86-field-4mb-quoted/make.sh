#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A 4,000,000-byte quoted field.
set -eu
d=$1
cat >"$d/scorecard.json" <<'JSON'
{"title": "T",
 "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}
JSON
{
    printf 'geo_id,year,value,geo_name\n06001,2019,40,"'
    head -c 4000000 /dev/zero | tr '\0' a
    printf '"\n06003,2019,x,B\n'
} >"$d/x.csv"
