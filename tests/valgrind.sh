#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# valgrind on `scorecard build` of the bundled sample, every format, with
# --split: zero errors and zero leaks (definite, indirect or possible).
# Usage: valgrind.sh SCORECARD. Exit 77 when valgrind is not installed.
set -u
command -v valgrind >/dev/null || { echo "SKIP: valgrind not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
valgrind -q --error-exitcode=9 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect,possible \
    "$1" build -o "$tmp/out" --split -q
code=$?
echo "valgrind build: exit $code"
[ "$code" -eq 0 ] || exit 1
valgrind -q --error-exitcode=9 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect,possible \
    "$1" show 06037 >/dev/null
code=$?
echo "valgrind show: exit $code"
[ "$code" -eq 0 ]
