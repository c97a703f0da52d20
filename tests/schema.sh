#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Validate real JSON output (the bundled sample, built with --split) against
# engine/schema/scorecard.schema.json (SPEC §5.1).
# Usage: schema.sh SCORECARD_BIN SOURCE_ROOT
# Exit status is schema-test.py's: 0 valid, 1 invalid, 77 skipped (no
# python3-jsonschema).
set -u
if [ $# -ne 2 ]; then
    echo "usage: schema.sh SCORECARD_BIN SOURCE_ROOT" >&2
    exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! "$1" build -o "$tmp/out" --split -q; then
    echo "FAIL: '$1 build -o $tmp/out --split -q' failed" >&2
    exit 1
fi
/usr/bin/python3 "$2/tests/schema-test.py" \
    "$2/engine/schema/scorecard.schema.json" \
    "$tmp/out/scorecard.json" "$tmp/out/json"
exit $?
