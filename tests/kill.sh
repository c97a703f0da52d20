#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Nothing lost (SPEC §4): `scorecard build` killed with SIGKILL at many
# points while it writes must leave the previous outputs intact and
# byte-identical; a build that hits a write error (the file-size limit,
# like a full disk) or fails validation must exit non-zero and leave them
# untouched; the next successful run must leave no temporary file behind.
# Usage: kill.sh SCORECARD
set -u
sc=$1
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

# A dataset large enough that writing takes a while (~300,000 rows).
ds=$tmp/ds
mkdir -p "$ds"
cat >"$ds/scorecard.json" <<'JSON'
{ "title": "Kill test", "rank_draws": 50,
  "indicators": [
    { "id": "a", "name": "A", "domain": "Health" },
    { "id": "b", "name": "B", "domain": "Education" } ] }
JSON
"$py" - "$ds" <<'PY'
import sys
for ind in ("a", "b"):
    with open("%s/%s.csv" % (sys.argv[1], ind), "w") as f:
        f.write("geo_id,year,subgroup,value,moe\n")
        for g in range(1500):
            for y in range(2004, 2024):
                for s in ("All", "A", "B", "C", "D"):
                    f.write("%05d,%d,%s,%.1f,%.1f\n" % (10001 + g, y, s,
                            30 + (g * 7 % 50) + 0.3 * (y - 2004), 1 + g % 3))
PY

out=$tmp/out
files="scorecard.xlsx scorecard.json scorecard.csv"
"$sc" build "$ds" -o "$out" -q || { bad "first build"; exit 1; }
for f in $files; do cp "$out/$f" "$tmp/good-$f"; done
t0=$(date +%s%N)
"$sc" build "$ds" -o "$out" -q
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
echo "a full build takes ${ms} ms"

same() {
    for f in $files; do
        cmp -s "$out/$f" "$tmp/good-$f" || return 1
    done
}

# SIGKILL at 12 points spread over the whole build
killed=0
for k in $(seq 1 12); do
    delay=$(( ms * k / 13 ))
    "$sc" build "$ds" -o "$out" -q &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    if kill -9 "$pid" 2>/dev/null; then
        killed=$((killed + 1))
    fi
    wait "$pid" 2>/dev/null
    if same; then ok "kill at ${delay} ms: outputs intact"; else bad "kill at ${delay} ms: outputs changed"; fi
done
[ "$killed" -ge 6 ] && ok "$killed of 12 builds were killed mid-run" || bad "only $killed builds were killed"

# a write error midway (file-size limit: writes fail with EFBIG)
( trap '' XFSZ; ulimit -f 2048; exec "$sc" build "$ds" -o "$out" -q ) \
    >"$tmp/err" 2>&1
code=$?
if [ "$code" -eq 3 ] && grep -q "cannot write" "$tmp/err"; then
    ok "write error: exit 3 with a message"
else
    bad "write error: exit $code"; sed 's/^/  | /' "$tmp/err" | head -5
fi
same && ok "write error: outputs intact" || bad "write error: outputs changed"

# validation errors: nothing written
printf 'geo_id,year,subgroup,value,moe\n10001,2020,All,4x,1\n' >"$ds/b.csv"
"$sc" build "$ds" -o "$out" -q >/dev/null 2>&1
code=$?
[ "$code" -eq 1 ] && ok "bad data: exit 1" || bad "bad data: exit $code"
same && ok "bad data: outputs intact" || bad "bad data: outputs changed"

# the next good run: same bytes again, and no temporary file left behind
"$py" - "$ds" <<'PY'
import sys
with open("%s/b.csv" % sys.argv[1], "w") as f:
    f.write("geo_id,year,subgroup,value,moe\n")
    for g in range(1500):
        for y in range(2004, 2024):
            for s in ("All", "A", "B", "C", "D"):
                f.write("%05d,%d,%s,%.1f,%.1f\n" % (10001 + g, y, s,
                        30 + (g * 7 % 50) + 0.3 * (y - 2004), 1 + g % 3))
PY
"$sc" build "$ds" -o "$out" -q || bad "final build"
same && ok "final build: same bytes" || bad "final build: different bytes"
left=$(find "$out" -name '*.tmp-*' | wc -l)
[ "$left" -eq 0 ] && ok "no temporary file left" || bad "$left temporary files left"

echo "kill: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
