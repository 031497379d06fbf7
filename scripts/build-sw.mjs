// Generate the service worker with workbox-build. Called by plugins/offline with one JSON
// argument holding the generateSW options; prints the result as JSON.
import { generateSW } from "workbox-build";

const options = JSON.parse(process.argv[2]);
if (options.dontCacheBustURLsMatching) {
  options.dontCacheBustURLsMatching = new RegExp(options.dontCacheBustURLsMatching);
}
// Route matchers are functions, which JSON cannot carry: they are built here.
const pdf = ({ url }) => url.pathname.endsWith(".pdf");
const page = ({ request, url }) => request.mode === "navigate" || url.pathname.endsWith(".html");
// A page or PDF that is neither reachable nor cached: our own offline page (precached, one
// per language, built from theme/templates/offline.html), never the browser's error page.
// The language is the address's first folder when it has an offline page ("/ar/..."); else
// the site's main one. A <base> keeps its relative links and stylesheet working at the
// address asked for. Workbox writes this function's source into sw.js: it must use no
// variable from this file.
const offlinePage = {
  handlerDidError: async ({ request }) => {
    if (request.mode !== "navigate") return undefined;
    const scope = self.registration.scope;
    const first = request.url.startsWith(scope) ? request.url.slice(scope.length).split("/")[0] : "";
    const candidates = first ? [`${scope}${first}/hors-ligne/`, `${scope}hors-ligne/`] : [`${scope}hors-ligne/`];
    for (const address of candidates) {
      const cached = await caches.match(`${address}index.html`, { ignoreSearch: true });
      if (!cached) continue;
      const html = (await cached.text()).replace("<head>", `<head><base href="${address}">`);
      return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
    }
    return undefined;
  },
};
// The forms' features (the PDF code, issue 20): wheels in the runtime folder's subfolders
// (plugins/pyodide_forms, `features_dir`), which the precache skips, so that only the people
// who use one download it. Cached on that first use, and by "Préparer cet appareil", they
// then work offline. Their folder is named by a hash of its content, so a cached copy is
// never stale: cache first. Older releases' copies go as newer ones come in.
const feature = ({ url, sameOrigin }) =>
  sameOrigin && /\/pyodide\/[0-9a-f]{12}\/[^/]+\/[^/]+\.whl$/.test(url.pathname);
// PDFs first: a booklet opened in a tab is a navigation, and must be found in the PDF cache,
// where "Préparer cet appareil" (theme/static/js/prepare-device.js) puts it.
options.runtimeCaching = [
  {
    urlPattern: feature,
    handler: "CacheFirst",
    options: { cacheName: options.cacheId + "-features", expiration: { maxEntries: 4 } },
  },
  {
    urlPattern: pdf,
    handler: "CacheFirst",
    options: { cacheName: options.cacheId + "-pdf", rangeRequests: true, plugins: [offlinePage] },
  },
  {
    urlPattern: page,
    handler: "NetworkFirst",
    options: {
      cacheName: options.cacheId + "-pages",
      networkTimeoutSeconds: 4,
      plugins: [offlinePage],
    },
  },
];
const result = await generateSW(options);
console.log(JSON.stringify({ count: result.count, size: result.size, warnings: result.warnings }));
