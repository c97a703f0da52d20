#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Out of memory: fail one allocation at a time (the 1st, 2nd, ... N-th
# malloc/calloc/realloc) while `scorecard build` runs on a small dataset.
# Every run must end normally: success (the failure was recovered), or
# exit 3/4 with a message naming memory. A signal (crash) fails the test.
# Usage: oom.sh SCORECARD FAILMALLOC.so
set -u
sc=$1
shim=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/ds"
cat >"$tmp/ds/scorecard.json" <<'JSON'
{ "title": "OOM", "rank_draws": 20, "domains": ["Health", "Education"],
  "indicators": [
    { "id": "a", "name": "A", "domain": "Health" },
    { "id": "b", "name": "B", "domain": "Education",
      "direction": "lower_is_better" } ] }
JSON
printf 'geo_id,year,subgroup,value,numerator,denominator,moe\n' >"$tmp/ds/a.csv"
printf 'geo_id,year,value\n' >"$tmp/ds/b.csv"
for g in 06000 06001 06003 06005; do
    for y in 2019 2020 2021; do
        printf '%s,%s,All,50.0,50,100,2\n%s,%s,Latino,*,,,\n' $g $y $g $y >>"$tmp/ds/a.csv"
        printf '%s,%s,12.5\n' $g $y >>"$tmp/ds/b.csv"
    done
done
run() { # $1: allocation to fail (0: none)
    SC_FAILMALLOC_AT=$1 SC_FAILMALLOC_REPORT=$tmp/count LD_PRELOAD=$shim \
        "$sc" build "$tmp/ds" -o "$tmp/out" --format json,csv,html --split -q \
        >"$tmp/log" 2>&1
}
run 0 || { echo "FAIL: the build fails without injected failures"; cat "$tmp/log"; exit 1; }
total=$(cat "$tmp/count")
step=$(( total / 2500 + 1 ))
echo "a build makes $total allocations; failing each ${step}th one"
pass=0
fail=0
for n in $(seq 1 "$step" "$total"); do
    run "$n"
    code=$?
    if [ "$code" -ge 128 ] || grep -q "runtime error\|AddressSanitizer" "$tmp/log"; then
        echo "FAIL: allocation $n: exit $code"; sed 's/^/  | /' "$tmp/log" | head -5
        fail=$((fail + 1))
    elif [ "$code" -eq 0 ]; then
        pass=$((pass + 1))
    elif { [ "$code" -eq 3 ] || [ "$code" -eq 4 ]; } &&
         grep -qi "memory" "$tmp/log"; then
        pass=$((pass + 1))
    else
        echo "FAIL: allocation $n: exit $code without naming memory"
        sed 's/^/  | /' "$tmp/log" | head -5
        fail=$((fail + 1))
    fi
done
echo "oom: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
