# Sourced by scripts/trunk-cargo/cargo for the web app's release build (the
# "web" profile), and by scripts/test.sh and scripts/serve.sh to fetch what
# that build needs before trunk runs cargo offline.
#
# The page's wasm is built with its own copy of the standard library:
# - rebuilt at the web profile's opt-level "z" with std's
#   `optimize_for_size` feature (smaller sorts, formatting and tables);
# - with panics compiled as an immediate trap (`-C panic=immediate-abort`):
#   no panic message, location or formatting code reaches the page.
#   Nothing is lost: the page installs no panic hook, and std's default hook
#   writes to a stderr that wasm32-unknown-unknown does not have, so a panic
#   already showed nothing and stopped the app (panic = "abort").
# Together: 21.8 KB (brotli) off the download (2026-12-03: wasm 321.9 ->
# 300.1 KB brotli). The cost, measured in headless Chromium (A/B, two runs
# each): std's math at "z" draws lognormal inputs at 39 M/s instead of
# 52-57 M/s, while whole Monte Carlo scenarios (0.58-0.71 M/s against
# 0.70-0.73 M/s), keystroke-to-paint and the first paint stay within
# run-to-run noise. Keeping compiler_builtins (std's libm) at opt-level 3
# got back to 45 M/s for 0.7 KB: not taken.
#
# These are unstable cargo and rustc options. The toolchain is the stable
# one; RUSTC_BOOTSTRAP=1 lets it take them for this one build and nowhere
# else (tests, clippy, docs and the CLI use the plain stable toolchain).
# It needs the rust-src component (scripts/install-tools.sh adds it) and
# the standard library's own crates from crates.io (`web_std_fetch`).
# If a later toolchain drops these options the web build fails with
# cargo's or rustc's message, not a different app.

export RUSTC_BOOTSTRAP=1
# Replaces the rustflags of .cargo/config.toml for this build, so they are
# repeated here: Leptos' erase_components and LLVM's inline threshold 0
# (see there), then the immediate-abort panic strategy.
export CARGO_ENCODED_RUSTFLAGS=$'--cfg\x1ferase_components\x1f-C\x1fllvm-args=-inline-threshold=0\x1f-Zunstable-options\x1f-Cpanic=immediate-abort'
WEB_STD_CARGO_ARGS=(-Z build-std=std,panic_abort -Z build-std-features=optimize_for_size)

# Downloads the standard library's dependencies (about 40 crates, 1 s) so
# that trunk's offline build finds them.
web_std_fetch() {
  local library
  library="$(rustc --print sysroot)/lib/rustlib/src/rust/library"
  "${ENVELOPE_REAL_CARGO:-cargo}" fetch --quiet --locked --manifest-path "$library/Cargo.toml"
}
