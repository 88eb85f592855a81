// Keeps the editor working offline once it has loaded: the page and the package come from the
// cache when the network (or the local server) is gone.
const CACHE = 'wa-preflight-v1';
const FILES = ['./', 'index.html', 'main.js', 'samples.js', 'style.css', '../pkg/web/wa_preflight.js', '../pkg/web/wa_preflight_bg.wasm'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  if (event.request.method !== 'GET') return;
  // Network first, so that a rebuilt package is picked up; the cache when offline.
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        const copy = response.clone();
        caches.open(CACHE).then((c) => c.put(event.request, copy));
        return response;
      })
      .catch(() => caches.match(event.request).then((hit) => hit || Response.error())),
  );
});
