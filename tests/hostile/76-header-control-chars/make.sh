#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ESC [2J and an OSC title sequence in the first header name.
set -eu
d=$1
cat >"$d/scorecard.json" <<'JSON'
{"title": "T",
 "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}
JSON
printf 'gid\033[2J\033]0;pwned\007,year,value\n06001,2019,40\n' >"$d/x.csv"
