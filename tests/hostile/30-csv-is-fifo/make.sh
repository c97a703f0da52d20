#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# x.csv is a named pipe (also unreadable for root in practice: no writer).
set -eu
d=$1
cat >"$d/scorecard.json" <<'JSON'
{"title": "T",
 "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}
JSON
mkfifo "$d/x.csv"
