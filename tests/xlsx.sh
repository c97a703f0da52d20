#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Build the bundled sample's workbook and JSON, then read the workbook back
# with openpyxl (tests/xlsx-test.py). Usage: xlsx.sh SCORECARD SOURCE_ROOT
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$1" build -o "$tmp/out" --format xlsx,json -q || exit 1
/usr/bin/python3 "$2/tests/xlsx-test.py" "$tmp/out/scorecard.xlsx" \
    "$tmp/out/scorecard.json"
