// Starts the wasm app (CSP allows no inline script). Trunk.toml's
// pattern_script puts the wasm-bindgen glue, which defines `wasm_bindgen`,
// in a deferred script before this module; they run in document order.
const tag = document.querySelector("script[data-envelope-wasm]");
// The static header (index.html) is painted first: the wasm's download and
// the app start in a task after that paint (Trunk.toml says why).
await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));
const app = await wasm_bindgen({ module_or_path: tag.dataset.envelopeWasm });
// The wasm's memory, for the browser tests to see how much the page takes
// (tests/uncertainty.rs: it must not grow as the same work repeats).
window.__envelope_wasm_memory = app.memory;
// Installable, and loads with no network after this visit (sw.js, written
// by scripts/service-worker.sh after each build). Registered once the whole
// page is built (the app sets <html data-ready>) and the browser is idle:
// installing it fetches and caches every file of the build, and doing that
// while the page is being built made the building tasks longer (Lighthouse's
// mobile total blocking time went from about 250 to 600 ms).
function registerServiceWorker() {
  navigator.serviceWorker.register("sw.js").catch((error) => {
    console.warn("Envelope works, but not offline: the service worker did not register.", error);
  });
}
if ("serviceWorker" in navigator) {
  const root = document.documentElement;
  const idle = () => (window.requestIdleCallback || setTimeout)(registerServiceWorker);
  if (root.hasAttribute("data-ready")) {
    idle();
  } else {
    const watch = new MutationObserver(() => {
      if (root.hasAttribute("data-ready")) {
        watch.disconnect();
        idle();
      }
    });
    watch.observe(root, { attributes: true, attributeFilter: ["data-ready"] });
  }
}
