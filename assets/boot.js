// Starts the wasm app. Trunk's default loader is an inline <script>, which a
// Content-Security-Policy without 'unsafe-inline' blocks; Trunk.toml's
// pattern_script instead emits <script type="module" src="boot.js"> with the
// hashed file names in data-* attributes, and this file does the rest.
const tag = document.querySelector("script[data-envelope-js]");
const { default: init } = await import(tag.dataset.envelopeJs);
await init({ module_or_path: tag.dataset.envelopeWasm });
