#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Build the libFuzzer targets and fuzz each for SECONDS seconds.
#
#   bash tests/fuzz/run.sh [BUILD_DIR] [SECONDS]
#
# BUILD_DIR is a configured meson build directory (default: build/ of this
# repository); it only provides config.h and scorecard/version.h, the
# targets are compiled by tests/fuzz/build.sh into a temporary directory.
# SECONDS (default 60) is the fuzzing time of EACH target.
#
# Steps, per target:
#   1. replay the committed regression fixtures tests/fuzz/regressions/
#      <target>-* (inputs that once found a problem);
#   2. fuzz a COPY of tests/fuzz/corpus/<kind>/ (the repository is never
#      written) with -max_total_time=SECONDS -max_len=4096 -timeout=10
#      -rss_limit_mb=2048 and the matching dictionary;
#   3. print one summary line: executions, corpus size.
# Any crash, leak, timeout, out-of-memory or sanitizer report fails the
# run (exit 1): the input is copied to $PWD/fuzz-artifacts/, and its path,
# a hexdump and the report are printed.
#
# Environment:
#   FUZZ_TARGETS   targets to run (default "fuzz_csv fuzz_manifest
#                  fuzz_dataset")
#   FUZZ_KEEP=1    keep the temporary directory (binaries, grown corpora,
#                  logs) and print its path
#   FUZZ_BIN=DIR   use targets already built in DIR (skip build.sh)
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

bdir=${1:-$root/build}
secs=${2:-60}
case $secs in
    '' | *[!0-9]*)
        echo "usage: $0 [BUILD_DIR] [SECONDS]" >&2
        exit 2
        ;;
esac
[ -d "$bdir" ] || { echo "run.sh: no build directory $bdir" >&2; exit 2; }
bdir=$(cd "$bdir" && pwd)
targets=${FUZZ_TARGETS:-fuzz_csv fuzz_manifest fuzz_dataset}
artdir=$PWD/fuzz-artifacts

work=$(mktemp -d "${TMPDIR:-/tmp}/scfuzz-run-XXXXXX") || exit 2
# shellcheck disable=SC2317  # called through trap
cleanup() {
    if [ "${FUZZ_KEEP:-0}" = 1 ]; then
        echo "run.sh: kept $work"
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

# ------------------------------------------------------------------ build
if [ -n "${FUZZ_BIN:-}" ]; then
    bin=$(cd "$FUZZ_BIN" && pwd)
else
    bin=$work/bin
    echo "run.sh: building the fuzz targets (build dir $bdir)"
    if ! bash "$here/build.sh" "$bin" "$bdir" >"$work/build.log" 2>&1; then
        cat "$work/build.log" >&2
        echo "run.sh: build failed" >&2
        exit 2
    fi
fi

# The dataset target reads JSON and CSV: give it both dictionaries.
cat "$here/dict/json.dict" "$here/dict/csv.dict" >"$work/dataset.dict"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

hexdump_file() {
    if command -v xxd >/dev/null 2>&1; then
        xxd "$1"
    else
        od -A x -t x1z -v "$1"
    fi
}

# Copy a failing input to $artdir and describe it. $1 = input, $2 = log.
report_failure() {
    local input=$1 log=$2 dest
    mkdir -p "$artdir"
    dest=$artdir/$(basename "$input")
    cp "$input" "$dest"
    echo "---- failing input: $dest ($(wc -c <"$dest") bytes)"
    hexdump_file "$dest"
    echo "---- report (from $log):"
    # the sanitizer / oracle report, without libFuzzer's progress lines
    grep -v -E '^#[0-9]+[[:space:]]+(INITED|NEW|REDUCE|pulse|RELOAD)|^INFO:' \
        "$log" | tail -n 80
    echo "---- reproduce: bash tests/fuzz/build.sh /tmp/scfuzz-bin &&" \
         "/tmp/scfuzz-bin/$t $dest"
}

status=0
summary=()
for t in $targets; do
    case $t in
        fuzz_csv) kind=csv; dict=$here/dict/csv.dict ;;
        fuzz_manifest) kind=manifest; dict=$here/dict/json.dict ;;
        fuzz_dataset) kind=dataset; dict=$work/dataset.dict ;;
        *) echo "run.sh: unknown target $t" >&2; exit 2 ;;
    esac
    exe=$bin/$t
    [ -x "$exe" ] || { echo "run.sh: $exe not built" >&2; exit 2; }
    tdir=$work/$t
    mkdir -p "$tdir/corpus" "$tdir/artifacts" "$tdir/tmp"

    # 1. committed regression fixtures
    regs=()
    for f in "$here/regressions/$t"-*; do
        [ -f "$f" ] && regs+=("$f")
    done
    if [ ${#regs[@]} -gt 0 ]; then
        failed_reg=0
        for f in "${regs[@]}"; do
            if ! TMPDIR=$tdir/tmp "$exe" -timeout=10 -rss_limit_mb=2048 \
                    "$f" >"$tdir/replay.log" 2>&1; then
                echo "run.sh: $t: regression fixture FAILS: $f"
                report_failure "$f" "$tdir/replay.log"
                failed_reg=$((failed_reg + 1))
            fi
        done
        if [ "$failed_reg" -gt 0 ]; then
            status=1
            summary+=("$t: $failed_reg of ${#regs[@]} regression fixtures FAIL")
        else
            echo "run.sh: $t: ${#regs[@]} regression fixtures pass"
        fi
    fi

    # 2. fuzz a copy of the seed corpus
    cp "$here/corpus/$kind"/* "$tdir/corpus/" 2>/dev/null
    seeds=$(find "$tdir/corpus" -type f | wc -l)
    echo "run.sh: fuzzing $t for ${secs}s ($seeds seeds)"
    log=$tdir/fuzz.log
    TMPDIR=$tdir/tmp "$exe" "$tdir/corpus" \
        -max_total_time="$secs" -max_len=4096 -timeout=10 \
        -rss_limit_mb=2048 -dict="$dict" -print_final_stats=1 \
        -artifact_prefix="$tdir/artifacts/$t-" >"$log" 2>&1
    rc=$?

    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    if [ -z "$execs" ]; then
        execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
    fi
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    corp=$(find "$tdir/corpus" -type f | wc -l)
    cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | awk '{print $2}')

    # any artifact (crash-, leak-, timeout-, oom-; not slow-unit-) or
    # sanitizer report is a failure, whatever the exit status
    arts=()
    for a in "$tdir/artifacts/$t"-*; do
        [ -f "$a" ] || continue
        case $(basename "$a") in
            "$t"-slow-unit-*) ;;
            *) arts+=("$a") ;;
        esac
    done
    bad=0
    if [ "$rc" -ne 0 ] || [ ${#arts[@]} -gt 0 ] ||
            grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|libFuzzer)|runtime error:|FUZZ ORACLE FAILED' "$log"; then
        bad=1
        status=1
        echo "run.sh: $t FAILED (exit status $rc)"
        if [ ${#arts[@]} -gt 0 ]; then
            for a in "${arts[@]}"; do
                report_failure "$a" "$log"
            done
        else
            grep -v -E '^#[0-9]+|^INFO:' "$log" | tail -n 60
        fi
    fi
    line="$t: ${execs:-?} execs (${rate:-?}/s), corpus $seeds -> $corp files, cov ${cov:-?}"
    [ "$bad" -eq 1 ] && line="$line, FAILED"
    summary+=("$line")
    echo "run.sh: $line"
done

echo "==== fuzz summary (${secs}s per target)"
for s in "${summary[@]}"; do
    echo "  $s"
done
if [ "$status" -ne 0 ]; then
    echo "run.sh: FAILED; inputs are in $artdir"
fi
exit $status
