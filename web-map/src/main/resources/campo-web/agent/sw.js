// The agent app's service worker: the app shell (this folder, Leaflet, Paho) comes from the cache, so the app opens
// with no signal; it is refreshed in the background when the network answers. API calls are never cached here (the
// app keeps its day and queue in IndexedDB, where it controls what is stale); map tiles are kept as they are seen,
// best effort and capped, so streets already looked at still show offline.
const SHELL = 'campo-agent-shell-v5';
const TILES = 'campo-agent-tiles-v1';
const MAX_TILES = 2000;
const SHELL_FILES = ['./', 'index.html', 'agent.css', 'i18n.js', 'store.js', 'form.js', 'signature.js', 'tracker.js', 'agreement.js', 'agent.js', 'manifest.json',
  'icons/icon-192.png', 'icons/icon-512.png', '/vendor/leaflet/leaflet.js', '/vendor/leaflet/leaflet.css',
  '/vendor/paho/paho-mqtt-min.js'];

self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(SHELL).then((c) => c.addAll(SHELL_FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (e) => {
  e.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== SHELL && k !== TILES).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin === location.origin) {
    if (url.pathname.startsWith('/api/')) return;
    if (url.pathname.startsWith('/agent/') || url.pathname.startsWith('/vendor/')) {
      e.respondWith(shell(req, url));
    }
    return;
  }
  if (req.destination === 'image') e.respondWith(tile(req));
});

// Cache first (the app must open offline at once), then refresh the cached copy from the network.
async function shell(req, url) {
  const cache = await caches.open(SHELL);
  const key = url.pathname === '/agent/' || req.mode === 'navigate' ? 'index.html' : req;
  const cached = await cache.match(key);
  const fresh = fetch(req).then((r) => { if (r.ok && !url.search) cache.put(key, r.clone()); return r; });
  if (cached) { fresh.catch(() => {}); return cached; }
  return fresh;
}

async function tile(req) {
  const cache = await caches.open(TILES);
  const cached = await cache.match(req);
  if (cached) return cached;
  try {
    const r = await fetch(req);
    if (r.ok || r.type === 'opaque') {
      await cache.put(req, r.clone());
      const keys = await cache.keys();
      if (keys.length > MAX_TILES) await cache.delete(keys[0]);
    }
    return r;
  } catch (err) {
    return new Response('', { status: 504 });
  }
}
