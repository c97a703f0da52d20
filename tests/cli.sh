#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# CLI tests against the real scorecard binary: exit codes 0/1/2/3, output
# formats, --strict, --max-errors, list, help and version.
# Usage: cli.sh SCORECARD SOURCE_ROOT
set -u
sc=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# check NAME EXPECTED_EXIT PATTERN_IN_OUTPUT -- COMMAND...
check() {
    local name=$1 want=$2 pattern=$3
    shift 4
    "$@" >"$tmp/out" 2>"$tmp/err"
    local got=$?
    if [ "$got" -ne "$want" ]; then
        echo "FAIL $name: exit $got, expected $want"
        sed 's/^/  | /' "$tmp/out" "$tmp/err" | head -20
        fail=$((fail + 1))
        return
    fi
    if [ -n "$pattern" ] && ! grep -qE -- "$pattern" "$tmp/out" "$tmp/err"; then
        echo "FAIL $name: output lacks /$pattern/"
        sed 's/^/  | /' "$tmp/out" "$tmp/err" | head -20
        fail=$((fail + 1))
        return
    fi
    echo "ok   $name"
    pass=$((pass + 1))
}

# A broken dataset: one bad value on line 3, column 12.
bad=$tmp/bad
mkdir -p "$bad"
cat >"$bad/scorecard.json" <<'JSON'
{ "title": "Bad",
  "indicators": [ { "id": "x", "name": "X", "domain": "Health" } ] }
JSON
printf 'geo_id,year,value\n06001,2019,40\n06003,2019,4x\n' >"$bad/x.csv"

# A dataset with one warning only (a county missing from the latest year).
warn=$tmp/warn
mkdir -p "$warn"
cp "$bad/scorecard.json" "$warn/"
printf 'geo_id,year,value\n06001,2019,40\n06003,2018,41\n' >"$warn/x.csv"

# exit 0: the default dataset validates, and the illustrative sample (the
# checks below that need its figures name it) by path and manifest
ill=$src/data/illustrative
check sample-default 0 ' errors, [0-9]+ warnings?; valid' -- "$sc" validate
check sample-path 0 '0 errors, 0 warnings; valid' -- "$sc" validate "$ill"
check sample-manifest 0 'valid' -- "$sc" validate "$ill/scorecard.json"
check sample-strict 0 'valid' -- "$sc" validate --strict "$ill"

# exit 1: data errors, with file:line:column
check bad-text 1 'bad/x.csv:3:12: error: value .4x. is not a number' -- \
    "$sc" validate "$bad"
check bad-github 1 '^::error file=.*bad/x.csv,line=3,col=12,title=scorecard non-numeric::value' -- \
    "$sc" validate "$bad" --format github
check bad-json 1 '"line":3,"column":12,"severity":"error","code":"non-numeric"' -- \
    "$sc" validate "$bad" --format json
check warn-ok 0 '0 errors, 1 warning' -- "$sc" validate "$warn"
check warn-strict 1 'invalid under --strict' -- "$sc" validate "$warn" --strict

# --max-errors caps what is shown, not what is counted
many=$tmp/many
mkdir -p "$many"
cp "$bad/scorecard.json" "$many/"
{ echo geo_id,year,value; for i in 1 3 5 7 9; do echo "0600$i,2019,z"; done; } >"$many/x.csv"
check max-errors 1 '5 errors, 0 warnings \(3 not shown' -- \
    "$sc" validate "$many" --max-errors 2
"$sc" validate "$many" --max-errors 2 >"$tmp/capped"
if [ "$(grep -c ': error: ' "$tmp/capped")" -eq 2 ]; then
    echo "ok   max-errors-lines"; pass=$((pass + 1))
else
    echo "FAIL max-errors-lines"; fail=$((fail + 1))
fi

# exit 2: usage errors
check no-command 2 'missing command' -- "$sc"
check unknown-command 2 "unknown command 'frobnicate'" -- "$sc" frobnicate
check unknown-option 2 "unknown option '--frob'" -- "$sc" validate --frob
check bad-format 2 "bad value 'xml' for --format" -- "$sc" validate --format xml
check missing-value 2 "option '--format' needs a value" -- "$sc" validate --format
check bad-max 2 "bad value '-3' for --max-errors" -- "$sc" validate --max-errors -3
check list-what 2 "cannot list 'counties'" -- "$sc" list counties

# exit 3: I/O errors
check missing-dataset 3 "cannot open dataset" -- "$sc" validate "$tmp/nope"
mkdir -p "$tmp/dirmanifest/scorecard.json"
check unreadable-manifest 3 "cannot read .*scorecard.json.: Is a directory" -- \
    "$sc" validate "$tmp/dirmanifest"
mkdir -p "$tmp/nomanifest"
check no-manifest 3 "scorecard.json.*No such file" -- "$sc" validate "$tmp/nomanifest"

# build: writes JSON and CSV; nothing on bad data; previous output kept
out=$tmp/build-out
check build-default 0 'wrote .*scorecard.xlsx' -- "$sc" build -o "$tmp/default-out"
check build 0 'wrote .*scorecard.xlsx' -- "$sc" build "$ill" -o "$out"
# warnings do not stop a build: the first five, then how many in all
check build-warning 0 ": warning: " -- "$sc" build "$warn" -o "$tmp/warn-out" --format json
check build-warning-count 0 "^scorecard: 1 warning; 'scorecard validate" -- \
    "$sc" build "$warn" -o "$tmp/warn-out" --format json
check build-warnings-capped 0 "scorecard: 31 warnings \(26 not shown\); 'scorecard validate" -- \
    "$sc" build -o "$tmp/default-out2" --format json
check show-warnings-counted 0 "^scorecard: 31 warnings \(31 not shown\)" -- "$sc" show 06037
if [ -s "$out/scorecard.json" ] && [ -s "$out/scorecard.csv" ] &&
        [ -s "$out/scorecard.xlsx" ] && [ -s "$out/scorecard.html" ] &&
        [ "$(wc -l <"$out/scorecard.csv")" -eq 41629 ]; then
    echo "ok   build-files"; pass=$((pass + 1))
else
    echo "FAIL build-files"; fail=$((fail + 1))
fi
cp "$out/scorecard.json" "$tmp/before.json"
check build-bad-data 1 'nothing written' -- "$sc" build "$bad" -o "$out"
if cmp -s "$out/scorecard.json" "$tmp/before.json" &&
        [ -z "$(find "$out" -name '*.tmp-*')" ]; then
    echo "ok   build-bad-data-keeps-output"; pass=$((pass + 1))
else
    echo "FAIL build-bad-data-keeps-output"; fail=$((fail + 1))
fi
check build-split 0 'json/<geo_id>.json \(59 files\)' -- \
    "$sc" build "$ill" -o "$tmp/split" --split --format json
if [ "$(ls "$tmp/split/json" | wc -l)" -eq 59 ] && [ ! -e "$tmp/split/scorecard.csv" ]; then
    echo "ok   build-split-files"; pass=$((pass + 1))
else
    echo "FAIL build-split-files"; fail=$((fail + 1))
fi
check build-bad-format 2 "bad value 'xml' for --format" -- "$sc" build --format xml
check build-html-split 0 'html/<geo_id>.html \(59 files\)' -- \
    "$sc" build "$ill" -o "$tmp/hsplit" --split --format html
if [ "$(ls "$tmp/hsplit/html" | wc -l)" -eq 59 ] &&
        [ -s "$tmp/hsplit/scorecard.html" ] && [ ! -e "$tmp/hsplit/json" ] &&
        [ ! -e "$tmp/hsplit/scorecard.json" ] &&
        cmp -s "$out/scorecard.html" "$tmp/hsplit/scorecard.html"; then
    echo "ok   build-html-split-files"; pass=$((pass + 1))
else
    echo "FAIL build-html-split-files"; fail=$((fail + 1))
fi
check build-split-needs-json-or-html 2 'add json or html to --format' -- \
    "$sc" build -o "$tmp/nosplit" --split --format csv
"$sc" build "$ill" -o "$tmp/x2" -q --format xlsx
if cmp -s "$out/scorecard.xlsx" "$tmp/x2/scorecard.xlsx"; then
    echo "ok   build-xlsx-identical"; pass=$((pass + 1))
else
    echo "FAIL build-xlsx-identical"; fail=$((fail + 1))
fi
check build-unwritable 3 "cannot create" -- "$sc" build -o /proc/scorecard-out
check build-strict 2 "--strict goes with validate" -- "$sc" build --strict

# show: by FIPS code or by name
check show-fips 0 '^Los Angeles \(06037\)' -- "$sc" show 06037 "$ill"
check show-name 0 '^Los Angeles \(06037\)' -- "$sc" show "los angeles county" "$ill"
check show-table 0 'Children with health insurance +2023' -- "$sc" show 06037 "$ill"
check show-default 0 '\(06037\)' -- "$sc" show 06037
# the default is California's published data: SAHIE's Los Angeles 2016
# (pctic 96.3 in the file), 40th of 58 counties, California pooled 96.9
# (tests/real-default-test.py computes these from the publisher's file)
check show-default-row 0 \
    '^Children with health insurance +2016 +96\.3 +3\.7 +40/58 +96\.9  ' \
    -- "$sc" show 06037
check show-unknown 2 "no geography 'Atlantis'" -- "$sc" show Atlantis
check show-missing 2 'show needs a county' -- "$sc" show

# list, help, version
check list-indicators 0 '^chronic_absenteeism +Education +lower_is_better' -- \
    "$sc" list indicators "$ill"
check list-geographies 0 '^06037 +county +06000 +06000 +Los Angeles' -- \
    "$sc" list geographies "$ill"
check list-bad-data 1 'x.csv:3:12' -- "$sc" list indicators "$bad"

# a single-state dataset: show prints no national rank and no national
# benchmark (its national ranks are its ranks, and it has no nation row),
# but the state's benchmark beside each value
"$sc" show 06037 "$ill" >"$tmp/show1" 2>&1
if grep -qE 'nationally|NATIONAL|NATION' "$tmp/show1"; then
    echo "FAIL show-single-state: national figures in a single-state show"
    fail=$((fail + 1))
elif ! grep -qE '^INDICATOR +YEAR +VALUE DISTANCE +RANK BENCHMARK  TREND' "$tmp/show1" ||
        ! grep -q "^BENCHMARK: the state's value that year" "$tmp/show1"; then
    echo "FAIL show-single-state: no state benchmark column"
    sed 's/^/  | /' "$tmp/show1"; fail=$((fail + 1))
else
    echo "ok   show-single-state"; pass=$((pass + 1))
fi

# several states (SPEC §3.10): in-state and national ranks, the hierarchy
multi=$tmp/multi
if /usr/bin/python3 "$src/bench/generate.py" --workload multi "$multi" \
        >/dev/null 2>&1; then
    check show-multi-overall 0 \
        '^Overall score [0-9.]+, rank [0-9]+ of 8 in State of CT, [0-9]+ of 46 nationally$' \
        -- "$sc" show 09003 "$multi"
    check show-multi-domain 0 \
        '^  Education +[0-9.]+  rank [0-9]+ of 8 in State of CT, [0-9]+ of 46 nationally  \(3 of 3 indicators\)$' \
        -- "$sc" show 09003 "$multi"
    check show-multi-table 0 \
        '^INDICATOR +YEAR +VALUE DISTANCE +IN STATE +NATIONAL +STATE +NATION +TREND' \
        -- "$sc" show 09003 "$multi"
    check show-multi-row 0 \
        '^Synthetic indicator 01 +2023 +[0-9.]+ +[0-9.]+ +[0-9]+/[0-9]+ +[0-9]+/4[0-9] +[0-9.]+ +[0-9.]+ ' \
        -- "$sc" show 09003 "$multi"
    check show-multi-stateless 0 \
        'rank [0-9]+ of 6 among counties without a state, [0-9]+ of 46 nationally' \
        -- "$sc" show 15001 "$multi"
    check show-multi-state 0 '^Overall score [0-9.]+, rank [0-9]+ of [0-9]+ among states$' \
        -- "$sc" show 09000 "$multi"
    "$sc" list geographies "$multi" >"$tmp/geos" 2>&1
    want='GEO_ID  LEVEL   PARENT  STATE   NAME
00000   nation  -       -       United States
09000   state   00000   -         State of CT
09001   county  09000   09000       County 001 (CT)
09003   county  -       09000       County 003 (CT)'
    if [ "$(head -5 "$tmp/geos")" = "$want" ] &&
        grep -q '^44000   state   -       -         State of RI$' "$tmp/geos" &&
        [ "$(tail -1 "$tmp/geos")" = '15009   county  -       -         County 009 (HI)' ] &&
        [ "$(wc -l <"$tmp/geos")" -eq 53 ]; then
        echo "ok   list-geographies-hierarchy"; pass=$((pass + 1))
    else
        echo "FAIL list-geographies-hierarchy"
        sed 's/^/  | /' "$tmp/geos" | head -12
        fail=$((fail + 1))
    fi
else
    echo "skip show-multi, list-geographies-hierarchy: bench/generate.py" \
        "failed (numpy missing?)"
fi

# no progress line when standard error is not a terminal (SPEC §6; the
# terminal case is tests/progress-test.py)
"$sc" build -o "$tmp/progress-out" >/dev/null 2>"$tmp/progress-err"
"$sc" validate >/dev/null 2>>"$tmp/progress-err"
if grep -qE $'\r|scorecard: (reading|validating|computing|writing)' \
        "$tmp/progress-err"; then
    echo "FAIL no-progress-on-a-pipe"; fail=$((fail + 1))
else
    echo "ok   no-progress-on-a-pipe"; pass=$((pass + 1))
fi
check help 0 'Usage: scorecard COMMAND' -- "$sc" --help
check version 0 '^scorecard [0-9]+\.[0-9]+\.[0-9]+' -- "$sc" --version

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
