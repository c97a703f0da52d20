#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Agreement with an independent implementation: runs the engine and the
# pandas peer (../shared/peers/pandas_scorecard.py) on the bundled sample
# and compares every figure they share, JSON and CSV, to 1e-6.
#
# rank_draws is raised to 20,000 for this comparison: rank ranges are 5th
# and 95th percentiles of simulated ranks, and the two implementations
# draw from different generators (GSL mt19937 vs numpy PCG64). At the
# default 1,000 draws two independent streams -- even this engine with two
# seeds -- differ by up to 4 ranks at the ends; at 20,000 they agree
# within one rank, which is what the comparison checks.
# Usage: peer.sh SCORECARD SOURCE_ROOT. Exit 77 (skipped) without ../shared
# or without Debian's python3-pandas/python3-scipy.
set -u
sc=$1
src=$2
peer=$src/../shared/peers/pandas_scorecard.py
py=/usr/bin/python3
if [ ! -f "$peer" ]; then
    echo "SKIP: $peer not found (../shared beside the repository)"
    exit 77
fi
if ! "$py" -c 'import pandas, scipy' 2>/dev/null; then
    echo "SKIP: $py lacks pandas or scipy (apt-get install python3-pandas python3-scipy)"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/ds"
cp "$src"/data/illustrative/*.csv "$tmp/ds/"
cp -r "$src/indicators" "$tmp/ds/indicators" # the peer reads DATASET/indicators
"$py" - "$src/data/illustrative/scorecard.json" "$tmp/ds/scorecard.json" <<'PY' || exit 1
import json, sys
m = json.load(open(sys.argv[1], encoding="utf-8"))
m["rank_draws"] = 20000
json.dump(m, open(sys.argv[2], "w", encoding="utf-8"), indent=2)
PY
"$sc" build "$tmp/ds" -o "$tmp/engine" --format json,csv -q || exit 1
"$py" "$peer" "$tmp/ds" -o "$tmp/peer" --format json,csv --quiet || exit 1
status=0
for f in scorecard.json scorecard.csv; do
    echo "== $f"
    "$py" "$src/tests/compare_peer.py" "$tmp/engine/$f" "$tmp/peer/$f" || status=1
done
exit $status
