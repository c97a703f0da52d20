#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# One parent cycle through 5,000 counties: C00001 -> C00002 -> ... ->
# C05000 -> C00001, beside a well-formed state and county.
set -eu
d=$1
cat >"$d/scorecard.json" <<'JSON'
{"title": "T", "geographies": "geo.csv",
 "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}
JSON
awk 'BEGIN {
    print "geo_id,name,level,parent"
    print "06000,California,state,"
    print "06001,Alameda,county,06000"
    for (i = 1; i <= 5000; i++) printf "C%05d,N,county,C%05d\n", i, i % 5000 + 1
}' >"$d/geo.csv"
awk 'BEGIN {
    print "geo_id,year,value"
    print "06001,2019,50"
    for (i = 1; i <= 5000; i++) printf "C%05d,2019,%d\n", i, i % 101
}' >"$d/x.csv"
