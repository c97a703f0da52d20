#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Validate real JSON output against engine/schema/scorecard.schema.json
# (SPEC §5.1), built with --split: the illustrative sample (with the schema
# test's corruptions), the default dataset, then the generated multi-state
# workload's (SPEC §3.10).
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
if ! "$1" build "$2/data/illustrative" -o "$tmp/out" --split -q; then
    echo "FAIL: '$1 build data/illustrative -o $tmp/out --split -q' failed" >&2
    exit 1
fi
/usr/bin/python3 "$2/tests/schema-test.py" \
    "$2/engine/schema/scorecard.schema.json" \
    "$tmp/out/scorecard.json" "$tmp/out/json"
rc=$?
[ $rc -eq 0 ] || exit $rc
# the default dataset (California's published data)
if ! "$1" build -o "$tmp/dout" --split -q 2>/dev/null; then
    echo "FAIL: '$1 build -o $tmp/dout --split -q' (the default dataset) failed" >&2
    exit 1
fi
/usr/bin/python3 "$2/tests/schema-test.py" \
    "$2/engine/schema/scorecard.schema.json" \
    "$tmp/dout/scorecard.json" "$tmp/dout/json" || exit $?
# several states (SPEC §3.10): the generated multi-state workload
if ! /usr/bin/python3 -c 'import numpy' 2>/dev/null; then
    echo "schema: no numpy for bench/generate.py; multi-state output not checked" >&2
    exit 0
fi
/usr/bin/python3 "$2/bench/generate.py" --workload multi "$tmp/multi" >/dev/null || exit 1
if ! "$1" build "$tmp/multi" -o "$tmp/mout" --split -q 2>/dev/null; then
    echo "FAIL: '$1 build $tmp/multi -o $tmp/mout --split -q' failed" >&2
    exit 1
fi
/usr/bin/python3 "$2/tests/schema-test.py" \
    "$2/engine/schema/scorecard.schema.json" \
    "$tmp/mout/scorecard.json" "$tmp/mout/json"
exit $?
