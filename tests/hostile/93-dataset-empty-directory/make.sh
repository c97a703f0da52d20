#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# An empty dataset directory.
set -eu
