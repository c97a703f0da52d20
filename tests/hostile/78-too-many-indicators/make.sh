#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A manifest with 65,001 indicator entries (about 4.5 MB).
set -eu
d=$1
awk 'BEGIN {
    printf "{\"title\": \"T\",\n \"indicators\": ["
    for (i = 0; i < 65001; i++)
        printf "%s{\"id\": \"x%d\", \"name\": \"X\", \"domain\": \"Health\", \"file\": \"x.csv\"}", (i ? "," : ""), i
    printf "]}\n"
}' >"$d/scorecard.json"
printf 'geo_id,year,value\n06001,2019,40\n' >"$d/x.csv"
