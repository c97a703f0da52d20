#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A 1 MiB field (too big to commit).
set -eu
d=$1
cat >"$d/scorecard.json" <<'JSON'
{"title": "T",
 "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}
JSON
big=$(head -c 1048576 /dev/zero | tr '\0' a)
{
    printf 'geo_id,year,value,geo_name\n06001,2019,40,Alameda\n'
    printf '06003,2019,41,%s\n' "$big"
    printf '06005,2019,42,"%s"\n' "$big"
    printf '06007,2019,x,Butte\n'
} >"$d/x.csv"
