#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A parent chain 5,000 deep: county C00001's parent is county C00002, whose
# parent is C00003, ... C05000's parent is the state ST, whose parent is
# the nation US. Every county but the last has a county parent.
set -eu
d=$1
cat >"$d/scorecard.json" <<'JSON'
{"title": "T", "geographies": "geo.csv",
 "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}
JSON
awk 'BEGIN {
    print "geo_id,name,level,parent"
    print "US,Nation,nation,"
    print "ST,State,state,US"
    for (i = 1; i < 5000; i++) printf "C%05d,N,county,C%05d\n", i, i + 1
    print "C05000,N,county,ST"
}' >"$d/geo.csv"
awk 'BEGIN {
    print "geo_id,year,value"
    for (i = 1; i <= 5000; i++) printf "C%05d,2019,%d\n", i, i % 101
}' >"$d/x.csv"
