// Offline support on every page: register the service worker, keep this language's
// pages in the cache, say when the guide works offline, and offer updates without ever
// reloading by itself (a person may be filling in the form).
import { Workbox } from "./workbox-window.mjs";

const body = document.body;
const PAGES_CACHE = `${body.dataset.cacheId}-pages`;
const DEVICE_LIST = new URL("offline-files.json", new URL(body.dataset.siteRoot, location.href)).href;

function languagePages() {
  const links = [...document.querySelectorAll(".guide-nav a[href], .site-name[href], .print-link a")];
  const urls = new Set(links.map((a) => new URL(a.getAttribute("href"), location.href).href));
  urls.add(new URL(body.dataset.manifest, location.href).href);
  return [...urls].filter((url) => new URL(url).origin === location.origin);
}

async function cacheLanguagePages() {
  const cache = await caches.open(PAGES_CACHE);
  await cache.addAll(languagePages());
}

// Says exactly what works offline: this language and the form, or every language and PDF
// once "Préparer cet appareil" finished (its list is then in the cache).
function showOfflineReady(all) {
  const status = document.getElementById(all ? "offline-status-all" : "offline-status");
  if (status) status.hidden = false;
}

// The help desks' "Préparer cet appareil" (print page): its code loads only when asked.
addEventListener("click", (event) => {
  const button = event.target.closest?.("#prepare-device");
  if (!button) return;
  import("./prepare-device.js").then((m) => m.prepare(button, PAGES_CACHE, DEVICE_LIST));
});

async function waitingWorker(registration) {
  if (registration.waiting) return registration.waiting;
  const worker = registration.installing;
  if (!worker) return null;
  await new Promise((resolve) => {
    worker.addEventListener("statechange", () => worker.state !== "installing" && resolve());
  });
  return registration.waiting;
}

// Shown when a new version is installed and waiting. Only the person's click reloads.
function offerUpdate(registration) {
  const banner = document.getElementById("update-banner");
  if (!banner || !banner.hidden) return;
  banner.hidden = false;
  banner.querySelector("button").addEventListener("click", async () => {
    navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), {
      once: true,
    });
    const worker = await waitingWorker(registration);
    if (worker) worker.postMessage({ type: "SKIP_WAITING" });
    else location.reload();
  });
}

// On the form page, Python's runtime downloads first: registering now would make the
// service worker fetch the same megabytes at the same time, before either copy is cached.
function runtimeSettled() {
  if (!document.getElementById("interview") || document.body.dataset.runtime) {
    return Promise.resolve();
  }
  return new Promise((resolve) => addEventListener("rdv:runtime-settled", resolve, { once: true }));
}

async function start() {
  if (!("serviceWorker" in navigator) || !("caches" in self)) return;
  await runtimeSettled();
  const wb = new Workbox(new URL(body.dataset.serviceWorker, location.href).href, {
    scope: new URL(body.dataset.siteRoot, location.href).href,
  });
  try {
    const registration = await wb.register();
    wb.addEventListener("waiting", () => offerUpdate(registration));
    if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration);
    await navigator.serviceWorker.ready;
    const all = await caches.match(DEVICE_LIST);
    await cacheLanguagePages().catch((error) => {
      if (!all) throw error; // a prepared device has them already
    });
    showOfflineReady(all);
    body.dataset.offlineReady = "true";
  } catch {
    // No offline mode (private window, storage full, file://): the site still works online.
  }
}

start();
