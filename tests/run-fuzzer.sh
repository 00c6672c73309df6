#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# run-fuzzer.sh FUZZER CORPUS RUNS: a fixed number of libFuzzer runs from the seed corpus,
# writing new inputs to a scratch directory, never into the source tree.
set -eu
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
"$1" -runs="$3" -seed=20261126 -max_len=65536 -timeout=20 -rss_limit_mb=2048 \
  -artifact_prefix="$scratch/" "$scratch" "$2"
