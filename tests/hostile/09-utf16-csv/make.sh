#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The CSV saved as UTF-16LE with a BOM (as Excel "Unicode text" does).
set -eu
d=$1
cat >"$d/scorecard.json" <<'JSON'
{"title": "T",
 "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}
JSON
printf '\377\376g\000e\000o\000_\000i\000d\000,\000y\000e\000a\000r\000\n\000' >"$d/x.csv"
