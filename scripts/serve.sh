#!/usr/bin/env bash
# Builds the web app and serves it on http://127.0.0.1:8080 (README's first
# command). Installs what is missing first: the wasm32 target, trunk,
# wasm-bindgen and wasm-opt (scripts/install-tools.sh web).
#
# Extra arguments go to `trunk serve`, e.g. `scripts/serve.sh --port 9000`.
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLS_DIR="${ENVELOPE_TOOLS_DIR:-$HOME/.cache/envelope-tools}"
# trunk must find the pinned wasm-bindgen and wasm-opt first on PATH
# (Trunk.toml has offline = true: it never downloads them).
export PATH="$TOOLS_DIR/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# trunk calls `cargo build --bin envelope-web` at the workspace root, where
# cargo only sees default-members; scripts/trunk-cargo/cargo adds the package.
ENVELOPE_REAL_CARGO="${ENVELOPE_REAL_CARGO:-$(command -v cargo)}"
export ENVELOPE_REAL_CARGO
export PATH="$PWD/scripts/trunk-cargo:$PATH"

echo "==> installing missing tools"
bash scripts/install-tools.sh web
echo "==> fetching crates (trunk builds offline)"
cargo fetch --locked
echo "==> building and serving on http://127.0.0.1:8080 (Ctrl-C stops)"
exec trunk serve --release "$@"
