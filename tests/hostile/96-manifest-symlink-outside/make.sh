#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# scorecard.json -> /etc/passwd
set -eu
d=$1
ln -s /etc/passwd "$d/scorecard.json"
