#!/usr/bin/env bash
# Trunk's post_build hook (Trunk.toml), in the build's staging directory.
# Trunk starts all hooks of a stage at once, so the steps that must run in
# order are one hook:
#  1. envelope-bundle (bundle/) gives the names the wasm and its glue share
#     short names in both files (3.8 KB brotli; the crate's docs say why);
#  2. scripts/service-worker.sh then lists and hashes the finished files.
set -euo pipefail
staging="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
cd "${TRUNK_SOURCE_DIR:-$PWD}"
"${ENVELOPE_REAL_CARGO:-cargo}" run --quiet --offline --locked --package envelope-bundle -- short-names "$staging"
bash scripts/service-worker.sh
