#!/bin/sh
# SPDX-License-Identifier: MIT
# Every symbol libscorecard.so exports starts with sc_, and every function
# declared SC_API in the public headers is exported.
# Usage: symbols.sh LIBSCORECARD.so INCLUDE_DIR
set -eu
lib=$1 inc=$2
exported=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sort)
bad=$(printf '%s\n' "$exported" | grep -v '^sc_' | grep -v '^_' || true)
if [ -n "$bad" ]; then
    echo "exported symbols without the sc_ prefix:"; echo "$bad"; exit 1
fi
declared=$(grep -ho 'sc_[a-z_0-9]*(' "$inc"/scorecard/*.h | tr -d '(' | sort -u)
missing=$(printf '%s\n' "$declared" | while read -r f; do
    printf '%s\n' "$exported" | grep -qx "$f" || echo "$f"; done)
if [ -n "$missing" ]; then
    echo "declared in the public headers but not exported:"; echo "$missing"; exit 1
fi
echo "ok: $(printf '%s\n' "$exported" | wc -l) exported symbols, all sc_"
