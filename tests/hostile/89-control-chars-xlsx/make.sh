#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Geography names holding U+0001 and DEL.
set -eu
d=$1
printf '{"title": "T", "geographies": "geo.csv",\n "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}\n' >"$d/scorecard.json"
printf 'geo_id,name,level,parent\n06001,Ala\001meda,county,\n06003,Alp\177ine,county,\n' >"$d/geo.csv"
printf 'geo_id,year,value\n06001,2019,40\n06003,2019,41\n' >"$d/x.csv"
