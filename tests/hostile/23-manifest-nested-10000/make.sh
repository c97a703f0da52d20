#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A manifest with an x_ value nested 10,000 arrays deep.
set -eu
d=$1
awk 'BEGIN {
    s = ""; e = ""
    for (i = 0; i < 10000; i++) { s = s "["; e = e "]" }
    printf "{\"title\": \"T\", \"x_deep\": %s%s,\n", s, e
    printf " \"indicators\": [{\"id\": \"x\", \"name\": \"X\", \"domain\": \"Health\", \"file\": \"x.csv\"}]}\n"
}' >"$d/scorecard.json"
printf 'geo_id,year,value\n06001,2019,40\n' >"$d/x.csv"
