#!/bin/sh
# SPDX-License-Identifier: MIT
# Compile the library example of README.md as written and run it on the
# bundled sample: the README must not drift from the API.
# Usage: readme-example.sh CC SOURCE_ROOT BUILD_ROOT LIBDIR
set -eu
cc=$1 src=$2 bld=$3 libdir=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk '/^```c$/ {on=1; next} /^```$/ {on=0} on' "$src/README.md" > "$tmp/example.c"
test -s "$tmp/example.c"
# shellcheck disable=SC2086 # EXTRA_CFLAGS is a list of flags
"$cc" -std=c99 -Wall -Wextra -Werror ${EXTRA_CFLAGS:-} -I"$src/include" -I"$bld/include" \
    "$tmp/example.c" -o "$tmp/example" -L"$libdir" -lscorecard \
    -Wl,-rpath,"$libdir"
out=$("$tmp/example" "$src/data/illustrative" "$src/indicators")
echo "$out"
echo "$out" | grep -q '^10 indicators, 41628 observations$'
