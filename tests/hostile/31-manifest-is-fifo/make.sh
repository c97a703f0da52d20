#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# scorecard.json is a named pipe.
set -eu
d=$1
mkfifo "$d/scorecard.json"
