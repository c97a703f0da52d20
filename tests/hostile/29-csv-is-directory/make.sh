#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# x.csv is a directory (git cannot commit an empty one).
set -eu
d=$1
cat >"$d/scorecard.json" <<'JSON'
{"title": "T",
 "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}
JSON
mkdir "$d/x.csv"
