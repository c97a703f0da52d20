#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Hostile-input corpus: every directory NN-name/ beside this script is one
# case. Usage: run.sh SCORECARD [CASE...]   (CASE: a directory name or glob)
#
# A case holds either a small dataset (scorecard.json + CSV files), copied to
# a temporary directory, or a make.sh that generates the dataset into the
# directory given as $1 (for inputs that cannot be committed: huge fields,
# NUL bytes, symlinks, FIFOs...). Its `expect` file says what must happen:
#
#   line 1          the exit status of `scorecard validate DIR [args]`
#   TEXT            a fixed string (grep -F) that must appear in the combined
#                   stdout+stderr of validate
#   not: TEXT       a fixed string that must NOT appear in that output
#   args: A B       extra arguments for validate (split on spaces)
#   timelimit: N    validate must finish within N seconds (times
#                   $HOSTILE_TIME_FACTOR, default 1; e.g. 5 under ASan)
#   build: exit N   also run `scorecard build DIR -o OUT [build-args]` and
#                   expect status N
#   build: TEXT     a fixed string that must appear in build's output
#   build-not: TEXT a fixed string that must NOT appear in build's output
#   build-args: A B extra arguments for build
#   build-file: F TEXT      a fixed string that must appear in OUT/F
#   build-file-not: F TEXT  a fixed string that must NOT appear in OUT/F
#   build-run: CMD  a shell command run in OUT after build (with $OUT and
#                   $HOSTILE_DIR, this directory, set);
#                   it must exit 0
#   # ...           a comment
#
# Always a failure: a timeout (each run is limited to 60 s, or
# $HOSTILE_TIMEOUT), an exit status >= 128 (a signal), a sanitizer report,
# and a build that creates anything outside its output directory.
# Prints `ok   NN-name` or `FAIL NN-name: why` per case and a summary line;
# exits 1 when a case failed.
set -u
if [ $# -lt 1 ]; then
    echo "usage: run.sh SCORECARD [CASE...]" >&2
    exit 2
fi
sc=$1
shift
case $sc in /*) ;; *) sc=$PWD/$sc ;; esac
if [ ! -x "$sc" ]; then
    echo "run.sh: '$sc' is not an executable" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
limit=${HOSTILE_TIMEOUT:-60}
factor=${HOSTILE_TIME_FACTOR:-1}
# Sanitizer builds (ASan/UBSan): reports go to stderr, which is checked.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
# Byte-wise matching: expected texts may hold UTF-8 and escaped bytes.
export LC_ALL=C

root=$(mktemp -d "${TMPDIR:-/tmp}/hostile.XXXXXX")
cleanup() {
    chmod -R u+rwX "$root" 2>/dev/null
    rm -rf "$root"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pass=0
failed=0

# crash_reason FILE STATUS: why this run counts as a crash, or nothing.
crash_reason() {
    local out=$1 st=$2
    if [ "$st" -eq 124 ] || [ "$st" -eq 137 ]; then
        echo "timed out after ${limit}s (hang)"
    elif [ "$st" -ge 128 ]; then
        echo "killed by signal $((st - 128)) (exit $st)"
    elif grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|MemorySanitizer|ThreadSanitizer)|runtime error:' "$out"; then
        echo "sanitizer report: $(grep -m1 -E 'ERROR: |runtime error:' "$out")"
    fi
}

# listing DIR PRUNE: every path under DIR except under PRUNE.
listing() {
    find "$1" -path "$2" -prune -o -print 2>/dev/null | LC_ALL=C sort
}

run_case() {
    local dir=$1 name
    name=$(basename "$dir")
    local tmp=$root/$name
    mkdir -p "$tmp"
    local ds=$tmp/ds out=$root/$name.validate bout=$root/$name.build
    local before=$root/$name.before after=$root/$name.after
    local why=""
    if [ ! -f "$dir/expect" ]; then
        why="no expect file"
    elif [ -f "$dir/make.sh" ]; then
        mkdir -p "$ds"
        if ! bash "$dir/make.sh" "$ds" >"$root/$name.make" 2>&1; then
            why="make.sh failed: $(tail -1 "$root/$name.make")"
        fi
    else
        cp -R "$dir" "$ds" && rm -f "$ds/expect"
    fi

    local want="" args=() bargs=() texts=() nots=() btexts=() bnots=()
    local bfiles=() bfnots=() bruns=()
    local bwant="" tl=""
    if [ -z "$why" ]; then
        local first=1 line
        while IFS= read -r line || [ -n "$line" ]; do
            line=${line%$'\r'}
            if [ $first -eq 1 ]; then
                want=$line
                first=0
                continue
            fi
            case $line in
            '' | '#'*) ;;
            'args: '*) read -r -a args <<<"${line#args: }" ;;
            'build-args: '*) read -r -a bargs <<<"${line#build-args: }" ;;
            'build: exit '*) bwant=${line#build: exit } ;;
            'build: '*) btexts+=("${line#build: }") ;;
            'build-not: '*) bnots+=("${line#build-not: }") ;;
            'build-file: '*) bfiles+=("${line#build-file: }") ;;
            'build-file-not: '*) bfnots+=("${line#build-file-not: }") ;;
            'build-run: '*) bruns+=("${line#build-run: }") ;;
            'not: '*) nots+=("${line#not: }") ;;
            'timelimit: '*) tl=${line#timelimit: } ;;
            *) texts+=("$line") ;;
            esac
        done <"$dir/expect"
        case $want in
        '' | *[!0-9]*) why="expect: line 1 must be an exit status, not '$want'" ;;
        esac
        if [ $((${#btexts[@]} + ${#bnots[@]} + ${#bfiles[@]} + ${#bfnots[@]} + ${#bruns[@]})) -gt 0 ]; then
            [ -n "$bwant" ] || why="expect: build lines without 'build: exit N'"
        fi
    fi

    if [ -z "$why" ]; then
        local t0 t1 st
        t0=$(date +%s.%N)
        timeout -k 5 "$limit" "$sc" validate "$ds" ${args[@]+"${args[@]}"} \
            >"$out" 2>&1 </dev/null
        st=$?
        t1=$(date +%s.%N)
        why=$(crash_reason "$out" "$st")
        if [ -z "$why" ] && [ "$st" -ne "$want" ]; then
            why="validate exited $st, expected $want"
        fi
        if [ -z "$why" ]; then
            local t
            for t in ${texts[@]+"${texts[@]}"}; do
                if ! grep -qF -- "$t" "$out"; then
                    why="validate output lacks: $t"
                    break
                fi
            done
        fi
        if [ -z "$why" ]; then
            for t in ${nots[@]+"${nots[@]}"}; do
                if grep -qF -- "$t" "$out"; then
                    why="validate output has (must not): $t"
                    break
                fi
            done
        fi
        if [ -z "$why" ] && [ -n "$tl" ]; then
            local over
            over=$(awk -v a="$t0" -v b="$t1" -v l="$tl" -v f="$factor" \
                'BEGIN { d = b - a; if (d > l * f) printf "%.1f", d }')
            [ -z "$over" ] || why="validate took ${over}s, limit $(awk -v l="$tl" -v f="$factor" 'BEGIN { print l * f }')s"
        fi
    fi

    if [ -z "$why" ] && [ -n "$bwant" ]; then
        local bo=$tmp/out/a/b st
        mkdir -p "$bo"
        listing "$tmp" "$bo" >"$before"
        timeout -k 5 "$limit" "$sc" build "$ds" -o "$bo" \
            ${bargs[@]+"${bargs[@]}"} >"$bout" 2>&1 </dev/null
        st=$?
        listing "$tmp" "$bo" >"$after"
        why=$(crash_reason "$bout" "$st")
        [ -z "$why" ] || why="build $why"
        if [ -z "$why" ] && [ "$st" -ne "$bwant" ]; then
            why="build exited $st, expected $bwant"
        fi
        if [ -z "$why" ]; then
            for t in ${btexts[@]+"${btexts[@]}"}; do
                if ! grep -qF -- "$t" "$bout"; then
                    why="build output lacks: $t"
                    break
                fi
            done
        fi
        if [ -z "$why" ]; then
            for t in ${bnots[@]+"${bnots[@]}"}; do
                if grep -qF -- "$t" "$bout"; then
                    why="build output has (must not): $t"
                    break
                fi
            done
        fi
        if [ -z "$why" ]; then
            local spec f
            for spec in ${bfiles[@]+"${bfiles[@]}"}; do
                f=${spec%% *}
                t=${spec#* }
                if ! grep -qF -- "$t" "$bo/$f" 2>/dev/null; then
                    why="build: $f lacks: $t"
                    break
                fi
            done
        fi
        if [ -z "$why" ]; then
            for spec in ${bfnots[@]+"${bfnots[@]}"}; do
                f=${spec%% *}
                t=${spec#* }
                if grep -qF -- "$t" "$bo/$f" 2>/dev/null; then
                    why="build: $f has (must not): $t"
                    break
                fi
            done
        fi
        if [ -z "$why" ]; then
            for t in ${bruns[@]+"${bruns[@]}"}; do
                if ! (cd "$bo" && OUT=$bo HOSTILE_DIR=$here bash -c "$t") >>"$bout" 2>&1; then
                    why="build: check failed: $t"
                    break
                fi
            done
        fi
        if [ -z "$why" ]; then
            local extra
            extra=$(comm -13 "$before" "$after" | head -3 | tr '\n' ' ')
            [ -z "$extra" ] || why="build wrote outside its output directory: $extra"
        fi
        out=$bout
    fi

    if [ -z "$why" ]; then
        echo "ok   $name"
        pass=$((pass + 1))
    else
        echo "FAIL $name: $why"
        if [ -s "$out" ]; then
            head -c 4000 "$out" | head -8 | cut -c1-300 | sed 's/^/  | /'
        fi
        failed=$((failed + 1))
    fi
    chmod -R u+rwX "$tmp" 2>/dev/null
    rm -rf "$tmp" "$root/$name".*
}

cases=()
if [ $# -gt 0 ]; then
    for pat in "$@"; do
        for d in "$here"/$pat; do
            [ -d "$d" ] && cases+=("$d")
        done
    done
else
    for d in "$here"/[0-9]*/; do
        cases+=("${d%/}")
    done
fi
if [ ${#cases[@]} -eq 0 ]; then
    echo "run.sh: no cases found" >&2
    exit 2
fi
for d in "${cases[@]}"; do
    run_case "$d"
done
echo "hostile: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
