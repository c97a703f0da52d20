#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# sub -> /etc, and the manifest names sub/passwd.
set -eu
d=$1
printf '{"title": "T",\n "indicators": [{"id": "x", "name": "X", "domain": "Health", "file": "sub/passwd"}]}\n' >"$d/scorecard.json"
ln -s /etc "$d/sub"
