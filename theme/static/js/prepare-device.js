// "Préparer cet appareil" (print page), loaded by offline.js on the first click only: a
// help desk stores every language's pages, every booklet PDF and the forms' PDF feature, so
// that a visitor can be welcomed in their language, and make a filing pack, without a
// connection. First click: the size, from the list the
// build wrote (plugins/offline); second click: the download, with progress. The wording is
// the page's (theme/templates/print.html); nothing personal is stored, only the site's files.

const PARALLEL = 4;

function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
}

function number(value, digits = 0) {
  return value.toLocaleString(document.documentElement.lang, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

// Each file goes where the service worker looks for it (scripts/build-sw.mjs): PDFs in its
// PDF cache, the forms' features (the PDF code's wheel, fetched on first use otherwise) in
// its features cache, pages in its pages cache.
function cacheFor(url, pagesCache) {
  if (url.endsWith(".pdf")) return pagesCache.replace(/-pages$/, "-pdf");
  if (url.endsWith(".whl")) return pagesCache.replace(/-pages$/, "-features");
  return pagesCache;
}

async function store(files, pagesCache, onDone) {
  const caches_ = new Map();
  const open = async (name) => {
    if (!caches_.has(name)) caches_.set(name, await caches.open(name));
    return caches_.get(name);
  };
  let failed = 0;
  let next = 0;
  async function worker() {
    while (next < files.length) {
      const url = files[next++];
      try {
        const response = await fetch(url, { cache: "no-cache", credentials: "same-origin" });
        if (!response.ok) throw new Error(String(response.status));
        await (await open(cacheFor(url, pagesCache))).put(url, response);
      } catch {
        failed += 1;
      }
      onDone();
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return failed;
}

let listing = null;

export async function prepare(button, pagesCache, listUrl) {
  const status = document.getElementById("prepare-device-status");
  const bar = document.getElementById("prepare-device-progress");
  if (!("serviceWorker" in navigator) || !("caches" in self)) {
    status.textContent = status.dataset.unsupported;
    return;
  }
  if (button.dataset.state === "busy") return;
  const root = new URL(document.body.dataset.siteRoot, location.href);
  if (!listing) {
    button.dataset.state = "busy";
    try {
      const response = await fetch(listUrl, { cache: "no-cache" });
      listing = await response.json();
    } catch {
      button.dataset.state = "";
      status.textContent = fill(status.dataset.failed, { failed: 1 });
      return;
    }
    const size = number(listing.bytes / 1e6, 1);
    status.textContent = fill(status.dataset.size, {
      files: number(listing.files.length),
      size,
    });
    button.textContent = fill(button.dataset.confirm, { size });
    button.dataset.state = "confirm";
    return;
  }
  button.dataset.state = "busy";
  button.disabled = true;
  await navigator.serviceWorker.ready;
  const urls = listing.files.map((f) => new URL(f.url, root).href);
  let done = 0;
  bar.max = urls.length;
  bar.value = 0;
  bar.hidden = false;
  const progress = () => {
    bar.value = done;
    status.textContent = fill(status.dataset.progress, {
      done: number(done),
      files: number(urls.length),
    });
  };
  progress();
  const failed = await store(urls, pagesCache, () => {
    done += 1;
    progress();
  });
  button.disabled = false;
  if (failed) {
    status.textContent = fill(status.dataset.failed, { failed: number(failed) });
    button.textContent = button.dataset.retry;
    button.dataset.state = "confirm";
    return;
  }
  // The list itself, last: its presence tells every page that this device is prepared.
  await (await caches.open(pagesCache)).put(listUrl, new Response(JSON.stringify(listing)));
  status.textContent = status.dataset.done;
  button.dataset.state = "done";
  button.hidden = true;
  bar.hidden = true;
  document.getElementById("offline-status")?.setAttribute("hidden", "");
  document.getElementById("offline-status-all")?.removeAttribute("hidden");
}
