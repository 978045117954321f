// Starts the wasm app (CSP allows no inline script). Trunk.toml's
// pattern_script puts the wasm-bindgen glue, which defines `wasm_bindgen`,
// in a deferred script before this module; they run in document order.
const tag = document.querySelector("script[data-envelope-wasm]");
// The static header (index.html) is painted first: the wasm's download and
// the app start in a task after that paint (Trunk.toml says why).
await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));
await wasm_bindgen({ module_or_path: tag.dataset.envelopeWasm });
// Installable, and loads with no network after this visit (sw.js, written
// by scripts/service-worker.sh after each build). Registered once the app
// runs, so that it never competes with the first paint.
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("sw.js").catch((error) => {
    console.warn("Envelope works, but not offline: the service worker did not register.", error);
  });
}
