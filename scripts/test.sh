#!/usr/bin/env bash
# Every check Envelope has, in order (README's second command; .ci/run runs
# this). Installs what is missing first, skipping tools already present at
# the right version, so it works on a fresh machine with only Rust.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/tool-env.sh
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

STEPS=20
# The web bundle's budget (wasm + JS + CSS, brotli), in KB of 1,000 bytes:
# a ratchet just above today's size, so that growth fails. The target is
# 250 KB (issue 13); lower this as the bundle shrinks, never raise it
# without saying why. (2026-12-02: 282.2 -> 257.6 KB: ASCII-only case
# matching, an own decimal reader instead of std's table of powers of five,
# one keyed <For> for every list, one simulator copy, percentiles by
# counting, three model sinks instead of four.) (2026-12-02, later: 257.6 ->
# 253.3 KB: a cosine table for the day's traffic curve, unit words without
# Unicode's alphabetic table, LLVM inline threshold 0, talc for dlmalloc.
# Then 253.3 -> 261.9 KB, a raise issue 16 allows (at most 25 KB over the
# 250 KB target, for the follow-up calculators): links and the one edit
# path now read the calculators' 41 inputs (their field table, parsers and
# checks), before the page shows the calculators. Then 261.9 -> 267.4 KB,
# issue 16's composite availability in links: the system-of-parts grammar,
# the availability target and interview mode read from links and drafts.
# 17.4 KB over 250 in all, within issue 16's 25 KB; 3.3 KB of it is issue
# 13's own remainder. Then 267.7 KB with the capped-count note and 24 px
# tap targets (issue 18). Then 267.8 -> 290.6 KB (+22.8 KB), issue 16's
# "Follow-up questions" section: the seven calculators' arithmetic and
# derivations reach the page (envelope_core::followup, 42 KB of wasm code
# before wasm-opt, about 13 KB brotli on its own), the two curve charts
# (envelope-charts curve.rs) and the section's views. That is 40.6 KB over
# 250 in all, over issue 16's 25 KB: the issue stays open for it. Then
# 290.6 -> 293.0 KB (+2.4 KB), issue 18 item 5: charts drawn as wide as they
# are shown (their width measured, again on every resize), legends and
# footnotes that wrap on narrow charts. Then 293.7 KB with item 3's presets
# behind one control on a phone (the sticky summary is CSS). Then 297.2 KB
# (+3.5 KB), item 7's comparison: the largest changes, rows grouped by
# section under class names, only changed rows unless asked, the summary's
# side. Then +3.4 KB, item 8 (merged): the availability verdict (met or
# missed, by how much), per-class terms in the derivations of sums and
# interview mode's rough working in powers of ten reach the page, and the
# page is built in stages (issue 18's first visit on a phone): 301.5 KB.
# Then 302.1 -> 321.4 KB (+19.3 KB), issue 17's exports: the page now
# holds the Markdown renderer (envelope-render, the command's own), the
# serializers of the JSON report and the scenario file (serde_json), the
# CSV of the series, the chart downloads (SVG to PNG on a canvas) and the
# print layout's inputs table. In wasm code before wasm-opt: the export
# handlers with the Markdown renderer inlined 19 KB, the report's
# serializer 7.6 KB, serde_json 5.8 KB, printing 2.8 KB, the inputs rows
# 1.4 KB. Then 321.4 -> 323.3 KB (+1.9 KB), issue 15's first statements:
# rates per second, hour and week, a share of users, objects and their
# base62 id length, replicated bytes and cost per day and year, a CDN in
# # front of the origin (their fields, figures and derivations). Then 323.3
# -> 324.7 KB (+1.4 KB): the 2.5 M s interview month and defaults said in
# the derivations. Then 324.7 -> 332.3 KB (+7.6 KB), the rest of issue
# 15's statements: ratios to a named class (their resolution over the
# classes, 1 KB of wasm code before wasm-opt, and their checks, 1.5 KB),
# fan-out, concurrent connections and servers by connections, the cache
# rule with its hit ratio and database reads; the model's sections are
# written once but compiled into each of its three sinks, so model::run
# grew 7.9 KB before wasm-opt (one copy fewer since: figures are counted
# with the simulator's catalogue). 333 leaves 0.7 KB of margin.)
# (2026-12-03: 332.3 -> 310.5 KB, -21.8 KB: the web build rebuilds the
# standard library at opt-level "z" with panics as an immediate trap,
# scripts/web-std.sh. Then 310.0 KB: std's own allocator, which std links
# for its thread handles anyway, instead of a second one, talc. Then
# 308.9 KB: duplicate link keys and compared figures found by sorting, not
# with std's HashSet and its SipHash. 310 leaves 1.1 KB of margin for a
# build elsewhere.)
# (2026-12-03, later: 308.9 -> 287.9 KB, -21.0 KB: no wasm-streams
# (patches/wasm-streams, -4.7), wasm-opt's inlining limits (index.html,
# -2.0), read-only tables as HTML text (src/html.rs, -2.2), memos, signals,
# stored values and effects with their value types erased (src/erased.rs,
# -11.7). 290 leaves 2.1 KB of margin.)
# (2026-12-03, third session: 287.9 -> 272.5 KB, -15.4 KB: the report's
# sink lists the figures, one model copy fewer (-1.1); view! builds HTML
# elements as custom elements and sets attributes by name, reactive
# attribute values as one type (patches/leptos_macro, -7.6); no B-trees:
# sorted vectors for the link's classes and the follow-up inputs (-3.7);
# Leptos' read/write signal pair and <Show> replaced by the page's own
# (-1.5); reactive attributes written as closures in place, and reactive
# texts and tables' rows as owned text, so each is one type (-1.5). Issue
# 16's ceiling is 275 (the 250 KB target plus its 25 KB for the follow-up
# calculators); 274 leaves 1.5 KB of margin.)
# (2026-12-03, fourth session: 272.2 -> 257.5 KB, -14.7 KB: send_wrapper
# patched not to ask std for the thread in a one-thread wasm, and with that
# talc as the allocator, std's dlmalloc no longer linked (-2.7); every event
# one custom event type, so no event-delegation code (-0.5); static
# attributes, properties, inner HTML and closures held in variables as one
# type each (-1.3); keyed lists of the page's own instead of <For> (-3.6
# with the first, non-generic step); functions ordered by name for brotli
# (-1.6); print state in a thread local, not a Leptos context (-1.4);
# boot.js and sw.js without comments (-0.6); lists of views collected as
# AnyView and optional parts as Option<AnyView>, one vector and one option
# type (-2.9). Tried and dropped: an allocator of power-of-two classes,
# -2.0 KB but 4 MiB more memory. 259 leaves 1.5 KB of margin.)
# (2026-12-03, fifth session: 257.5 -> 253.6 KB, -3.8 KB: the wasm's
# imports and exports renamed to short names in the wasm and its glue after
# the build (bundle/, scripts/post-build.sh): wasm-bindgen's names carry
# random hashes, written once in each file. 255 leaves 1.4 KB of margin.
# Then 253.6 -> 246.8 KB: reactive_graph's sets as vectors (patches/
# reactive_graph, -2.2), the chart clock without a float remainder (-0.4),
# every number written by envelope_core::decimal::Decimal, so none of std's
# float formatting (-4.4). Under the 250 KB target; 248 leaves 1.2 KB of
# margin.)
BUNDLE_BUDGET_KB=248
over_budget=""
n=0
started=$SECONDS
step() {
  n=$((n + 1))
  printf '\n==> [%d/%d] %s  (%dm%02ds elapsed)\n' "$n" "$STEPS" "$*" $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60))
}

step "install missing tools (wasm32 target, trunk, wasm-bindgen, wasm-opt, chromium, chromedriver)"
bash scripts/install-tools.sh web browser

step "fetch crates (the web build then runs offline)"
cargo fetch --locked
(. scripts/web-std.sh && web_std_fetch)

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy, native, whole workspace (web app included)"
cargo clippy --locked --workspace --all-targets -- -D warnings

step "clippy, web app for wasm32"
cargo clippy --locked -p envelope-web --target wasm32-unknown-unknown -- -D warnings

step "cargo test (core, charts, render, cli, bundle: unit, doc and property tests)"
cargo test --locked

step "cargo doc: every public item documented, no broken links"
RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps --workspace

step "the core and the text renderers build for wasm32 with no web crates in their tree"
cargo build --locked -p envelope-core -p envelope-render --target wasm32-unknown-unknown
for crate in envelope-core envelope-render; do
  if cargo tree --locked -p "$crate" --target wasm32-unknown-unknown -e normal | grep -E "wasm-bindgen|web-sys|js-sys|leptos|schemars"; then
    echo "$crate must not depend on web crates (or schemars, outside its schema feature)" >&2
    exit 1
  fi
done

step "trunk build --release"
trunk build --release

step "bundle size (wasm + js + css)"
# What a first visit downloads, brotli-compressed as a server would send it.
# KB here is 1,000 bytes. Measured only with brotli: with the gzip fallback
# the total is printed but not checked against the budget.
BUNDLE_BUDGET=$((BUNDLE_BUDGET_KB * 1000))
if command -v brotli >/dev/null; then
  kind=brotli
else
  kind="gzip (brotli not installed)"
fi
total_raw=0
total_br=0
for f in dist/*.wasm dist/*.js dist/*.css; do
  [ -f "$f" ] || continue
  raw=$(wc -c <"$f")
  if [ "$kind" = brotli ]; then
    br=$(brotli -c -q 11 "$f" | wc -c)
  else
    br=$(gzip -c -9 "$f" | wc -c)
  fi
  total_raw=$((total_raw + raw))
  total_br=$((total_br + br))
  printf '  %-48s %8d bytes raw  %8d bytes %s\n' "$(basename "$f")" "$raw" "$br" "$kind"
done
printf '  %-48s %8d bytes raw  %8d bytes %s (budget: %d bytes brotli, %d KB)\n' \
  "total" "$total_raw" "$total_br" "$kind" "$BUNDLE_BUDGET" "$BUNDLE_BUDGET_KB"
if [ "$kind" = brotli ] && [ "$total_br" -gt "$BUNDLE_BUDGET" ]; then
  # Checked again at the end, so that every other check still runs.
  over_budget="web bundle is $total_br bytes brotli, over its budget of $BUNDLE_BUDGET bytes ($BUNDLE_BUDGET_KB KB)"
  echo "  OVER BUDGET: $over_budget" >&2
fi

step "browser tests (headless Chromium through chromedriver)"
cargo test --locked -p envelope-web --test web -- --nocapture --test-threads 1

step "browser tests: availability section"
cargo test --locked -p envelope-web --test availability -- --nocapture --test-threads 1

step "browser tests: follow-up questions"
cargo test --locked -p envelope-web --test followup -- --nocapture --test-threads 1

step "browser tests: share links, drafts, comparison"
cargo test --locked -p envelope-web --test share -- --nocapture --test-threads 1

step "browser tests: ranges, percentiles, histograms, tornado, sampler speed"
cargo test --locked -p envelope-web --test uncertainty -- --nocapture --test-threads 1

step "browser tests: interview statements typed as said (rates per second, shares of users, a CDN)"
cargo test --locked -p envelope-web --test phrasing -- --nocapture --test-threads 1

step "browser tests: Markdown, JSON, CSV, SVG and PNG exports; the print layout"
cargo test --locked -p envelope-web --test export -- --nocapture --test-threads 1

step "browser tests: installable, offline after one visit, updates to a new build"
cargo test --locked -p envelope-web --test offline -- --nocapture --test-threads 1

step "accessibility audit: axe-core at 0 violations, every state, light and dark, 1280 and 390 px"
cargo test --locked -p envelope-web --test audit -- --nocapture --test-threads 1

step "web app unit tests (native)"
cargo test --locked -p envelope-web --lib

if [ -n "$over_budget" ]; then
  printf '\n==> FAILED: %s\n' "$over_budget" >&2
  exit 1
fi
printf '\n==> all checks passed in %dm%02ds\n' $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60))
