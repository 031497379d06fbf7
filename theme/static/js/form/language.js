// Switching the form's language without losing the answers, and without storing them.
//
// The answers ride in `window.name`: the one thing a browser tab keeps from a page to the
// next one it opens, in memory only (never written to disk, never sent to a server, not
// in the address, the history or any storage). The form page in the other language reads it
// and empties it before anything else, so nothing is left for a later page of the tab to
// read. Other ways were ruled out: the address ends up in the history and the server's logs;
// localStorage, sessionStorage, IndexedDB and the Cache API write to disk; a service worker
// can be stopped by the browser at any moment, answers and all.
//
// Before it leaves, the page makes sure the other language's form will open: from the
// offline cache, or else from the server. If neither answers (offline, that language never
// visited), the person is told and stays, answers intact; nothing is put in `window.name`.

const PREFIX = "rdv-forms-answers:";

// What the previous page carried ({ answers, unsaved }), or null; either way `window.name`
// is empty afterwards.
export function takeCarried() {
  const carried = window.name;
  if (!carried.startsWith(PREFIX)) return null;
  window.name = "";
  try {
    return JSON.parse(carried.slice(PREFIX.length));
  } catch {
    return null;
  }
}

// Empties `window.name` if it holds answers that no page took (a navigation that failed).
export function dropCarried() {
  if (window.name.startsWith(PREFIX)) window.name = "";
}

// Whether the page at `url` can open now: it is in the offline cache, or the server answers.
export async function canOpen(url) {
  try {
    if ("caches" in self && (await caches.match(url, { ignoreSearch: true }))) return true;
  } catch {
    // No cache in this context (plain HTTP on a help desk's network): ask the server.
  }
  try {
    const response = await fetch(url, { method: "HEAD", cache: "no-store" });
    return response.ok;
  } catch {
    return false;
  }
}

// Opens `url` (the same step, in the other language) with `carried` for the page there.
export function openWith(url, step, carried) {
  window.name = PREFIX + JSON.stringify(carried);
  const target = new URL(url, location.href);
  target.hash = step ? `etape-${step}` : "";
  location.assign(target.href);
}
