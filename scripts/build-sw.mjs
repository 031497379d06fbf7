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
options.runtimeCaching = [
  {
    urlPattern: page,
    handler: "NetworkFirst",
    options: { cacheName: options.cacheId + "-pages", networkTimeoutSeconds: 4 },
  },
  {
    urlPattern: pdf,
    handler: "CacheFirst",
    options: { cacheName: options.cacheId + "-pdf", rangeRequests: true },
  },
];
const result = await generateSW(options);
console.log(JSON.stringify({ count: result.count, size: result.size, warnings: result.warnings }));
