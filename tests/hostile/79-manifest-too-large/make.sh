#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A 17 MiB manifest (a huge x_ string).
set -eu
d=$1
{
    printf '{"title": "T", "x_pad": "'
    head -c 17825792 /dev/zero | tr '\0' a
    printf '",\n "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}\n'
} >"$d/scorecard.json"
printf 'geo_id,year,value\n06001,2019,40\n' >"$d/x.csv"
