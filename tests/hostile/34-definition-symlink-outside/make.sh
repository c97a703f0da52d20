#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# indicators/evil.json -> /etc/passwd, used by the manifest.
set -eu
d=$1
printf '{"title": "T",\n "indicators": [{"use": "evil", "file": "x.csv"}]}\n' >"$d/scorecard.json"
printf 'geo_id,year,value\n06001,2019,40\n' >"$d/x.csv"
mkdir "$d/indicators"
ln -s /etc/passwd "$d/indicators/evil.json"
