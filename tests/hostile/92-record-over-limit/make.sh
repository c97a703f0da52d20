#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A quote opened on line 3 and never closed, followed by 5 MB of rows.
set -eu
d=$1
cat >"$d/scorecard.json" <<'JSON'
{"title": "T",
 "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}
JSON
awk 'BEGIN {
    print "geo_id,year,value,geo_name"; print "06001,2019,40,A"; print "06003,2019,41,\"B"
    for (i = 0; i < 100000; i++) printf "%05d,2019,40,name name name name name name name\n", i
}' >"$d/x.csv"
