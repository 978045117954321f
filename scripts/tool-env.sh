# Sourced by scripts/serve.sh and scripts/test.sh (from the repository root):
# the PATH that makes trunk use the project's pinned tools.
#
# trunk must find the pinned wasm-bindgen and wasm-opt first on PATH
# (Trunk.toml has offline = true: it never downloads them).
TOOLS_DIR="${ENVELOPE_TOOLS_DIR:-$HOME/.cache/envelope-tools}"
export PATH="$TOOLS_DIR/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# trunk calls `cargo build --bin envelope-web` at the workspace root, where
# cargo only sees default-members; scripts/trunk-cargo/cargo adds the package.
ENVELOPE_REAL_CARGO="${ENVELOPE_REAL_CARGO:-$(command -v cargo)}"
export ENVELOPE_REAL_CARGO
export PATH="$PWD/scripts/trunk-cargo:$PATH"
