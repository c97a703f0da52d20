#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# x.csv is a symlink that leaves the dataset (committable in git).
set -eu
d=$1
cat >"$d/scorecard.json" <<'JSON'
{"title": "T",
 "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "x.csv"}]}
JSON
ln -s /etc/passwd "$d/x.csv"
