#!/bin/sh
# Compile one public header on its own: C99 -pedantic -Werror, then C++.
set -eu
cc=$1 src=$2 bld=$3 header=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '#include <%s>\n#include <%s>\nint main(void) { return 0; }\n' \
    "$header" "$header" > "$tmp/t.c"
"$cc" -std=c99 -pedantic -Wall -Wextra -Werror -I"$src" -I"$bld" \
    -c "$tmp/t.c" -o "$tmp/t.o"
if command -v c++ >/dev/null 2>&1; then
    cp "$tmp/t.c" "$tmp/t.cpp"
    c++ -Wall -Wextra -Werror -I"$src" -I"$bld" -c "$tmp/t.cpp" -o "$tmp/t2.o"
fi
echo "ok: $header"
