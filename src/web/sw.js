// The app's offline copy (registered by src/web/offline.rs). Every file of the app is
// fetched from its server first and the answer kept; when the server cannot be reached,
// the kept copy answers, so the app opens with no server at all: its work is in IndexedDB,
// and a team project's copy syncs once the server answers again. The team server's API
// (/api/) is never kept or answered from here, nor is anything from another origin.

const CACHE = 'annotator-app';
// A built file's name carries its content's hash: one no page names any longer is dropped.
const HASHED = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/;

/** The same-origin files a page names: its scripts, styles, preloads and the wasm. */
function filesOf(html) {
  const files = new Set();
  for (const [, path] of html.matchAll(/["'](\/[A-Za-z0-9_][^"'\s]*)["']/g)) files.add(path);
  return files;
}

/** Keeps the page and every file it names (from the HTTP cache when it has them), then
 *  drops the built files no page names. */
async function keep(cache, page) {
  const html = await page.clone().text();
  await cache.put('/', page);
  const files = filesOf(html);
  await Promise.all([...files].map(async (path) => {
    try {
      if (await cache.match(path)) return;
      const response = await fetch(path);
      if (response.ok) await cache.put(path, response);
    } catch {
      // Kept when it is next fetched.
    }
  }));
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (HASHED.test(path) && !files.has(path)) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    try {
      const page = await fetch('/', { cache: 'no-cache' });
      if (page.ok) await keep(await caches.open(CACHE), page);
    } catch {
      // Offline while installing: the files are kept as they are next fetched.
    }
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) {
    return;
  }
  // Every page of the app is its one page (an invitation's token is in the fragment).
  const page = request.mode === 'navigate';
  const key = page ? '/' : url.pathname;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const response = await fetch(request);
      if (response.ok) {
        const kept = response.clone();
        event.waitUntil(page ? keep(cache, kept) : cache.put(key, kept));
      }
      return response;
    } catch (error) {
      const kept = await cache.match(key);
      if (kept) return kept;
      throw error;
    }
  })());
});
