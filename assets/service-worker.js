// Envelope's service worker: after one visit the page loads, and computes,
// with no network. scripts/service-worker.sh (a trunk post_build hook,
// Trunk.toml) writes dist/sw.js from this file, with the build's files in
// FILES and a hash of their contents in VERSION, so every build has its own
// cache and a new build replaces the old one.
const VERSION = "unbuilt";
const FILES = [];

const CACHE = `envelope-${VERSION}`;
// Trunk names each built file after a hash of its contents: a name's bytes
// never change, so the cached copy is always right.
const HASHED = /-[0-9a-f]{16,}(_bg)?\.[a-z]+$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES))
      .then(() => self.skipWaiting()),
  );
});

// The new build's cache replaces every older one: nothing stale is kept.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith("envelope-") && key !== CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  if (HASHED.test(url.pathname)) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
    return;
  }
  // The page itself (any share link), boot.js and the manifest: the network
  // first, so that a new build runs on the first load once it is deployed;
  // this build's copy when the network fails.
  const cached =
    request.mode === "navigate" ? new URL("index.html", self.registration.scope).href : request;
  event.respondWith(
    fetch(request).catch(() =>
      caches
        .match(cached, { ignoreSearch: true })
        .then((hit) => hit || Response.error()),
    ),
  );
});
