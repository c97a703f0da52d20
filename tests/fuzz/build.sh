#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Build the libFuzzer targets of tests/fuzz/ with clang, ASan, UBSan and
# libFuzzer, compiling every library source listed in engine/meson.build's
# engine_sources into each target (no meson changes, no installed library).
#
#   bash tests/fuzz/build.sh OUTDIR [MESON_BUILD_DIR]
#
# OUTDIR receives fuzz_csv, fuzz_manifest and fuzz_dataset. MESON_BUILD_DIR
# (default /work/main/build, else <repo>/build) is a configured meson build
# directory: it provides config.h and include/scorecard/version.h.
# Environment: CC (default clang; clang-14 is tried too), EXTRA_CFLAGS.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

if [ $# -lt 1 ]; then
    echo "usage: $0 OUTDIR [MESON_BUILD_DIR]" >&2
    exit 2
fi
out=$1
bdir=${2:-/work/main/build}
[ -d "$bdir" ] || bdir=$root/build
bdir=$(cd "$bdir" && pwd)
for f in "$bdir/config.h" "$bdir/include/scorecard/version.h"; do
    if [ ! -f "$f" ]; then
        echo "build.sh: $f is missing; configure the meson build dir first" \
             "(meson setup $bdir)" >&2
        exit 2
    fi
done

cc=${CC:-}
if [ -z "$cc" ]; then
    for c in clang clang-14; do
        if command -v "$c" >/dev/null 2>&1; then
            cc=$c
            break
        fi
    done
fi
if [ -z "$cc" ]; then
    echo "build.sh: clang not found (Debian: apt-get install clang" \
         "libclang-rt-14-dev)" >&2
    exit 2
fi

# The library sources, in engine/meson.build's order: the quoted names
# between "engine_sources = files(" and the closing parenthesis.
mapfile -t srcs < <(awk '
    /engine_sources[[:space:]]*=[[:space:]]*files\(/ { on = 1 }
    on {
        line = $0
        while (match(line, /\x27[^\x27]+\.c\x27/)) {
            print substr(line, RSTART + 1, RLENGTH - 2)
            line = substr(line, RSTART + RLENGTH)
        }
        if ($0 ~ /\)/) exit
    }' "$root/engine/meson.build")
if [ ${#srcs[@]} -eq 0 ]; then
    echo "build.sh: no engine_sources found in engine/meson.build" >&2
    exit 2
fi
paths=()
for s in "${srcs[@]}"; do
    paths+=("$root/engine/$s")
done

mkdir -p "$out"
out=$(cd "$out" && pwd)
objdir=$out/obj
mkdir -p "$objdir"

# shellcheck disable=SC2054  # the commas are -fsanitize's
cflags=(-std=c17 -D_GNU_SOURCE -g -O1
        -fsanitize=fuzzer,address,undefined
        -fno-sanitize-recover=undefined
        -fno-omit-frame-pointer
        -I"$root/include" -I"$bdir/include" -I"$bdir" -I"$root/engine"
        -I"$here"
        -Wall -Wno-unused-parameter -Wno-unused-function)
# shellcheck disable=SC2206
[ -n "${EXTRA_CFLAGS:-}" ] && cflags+=(${EXTRA_CFLAGS})
# emit_xlsx.c calls zlib itself (inflate), hence -lz.
libs=(-lcjson -lcsv -lgsl -lgslcblas -lxlsxwriter -lz -lm -lpthread)

# The library is compiled once (with -fsanitize=fuzzer for coverage
# instrumentation; libFuzzer's main only comes in at link time) and the
# objects are shared by the three targets.
objs=()
for p in "${paths[@]}"; do
    o=$objdir/$(basename "${p%.c}").o
    "$cc" "${cflags[@]}" -c "$p" -o "$o"
    objs+=("$o")
done

for t in fuzz_csv fuzz_manifest fuzz_dataset; do
    "$cc" "${cflags[@]}" "$here/$t.c" "${objs[@]}" "${libs[@]}" \
        -o "$out/$t"
    echo "built $out/$t"
done
