// The Python side of the forms, off the main thread: the page never freezes while
// Pyodide boots or a document is generated. Requests and responses are plain JSON,
// handled by rdv_forms.api.handle; nothing here talks to the network except the
// same-origin runtime files.
//
// The same script runs in two roles:
// - "init": the page's runtime, which receives the person's answers. It starts from a
//   memory snapshot when the device has one (about a third of the time of a full boot),
//   and from scratch otherwise.
// - "snapshot": a throwaway runtime the page starts once it is idle, which boots,
//   warms up on blank answers, saves a snapshot of its memory in Cache Storage and is
//   terminated. It never receives an answer, so the snapshot holds nobody's data.
//
// Snapshots rely on a private Pyodide API (`_makeSnapshot`, `_loadSnapshot`). They are
// only used when that API and the browser features they need are present, and any
// failure falls back to a full boot and drops the stored snapshot.

const SNAPSHOT_CACHE = "rdv-forms-python-snapshot";

let booting = null;
// Boot phases, as absolute times: the page turns them into performance marks so the
// benchmark can say where the seconds go.
const phases = [];

function phase(name) {
  phases.push([name, performance.timeOrigin + performance.now()]);
}

// Emscripten reports some failures (a blocked or corrupt .wasm) as unhandled rejections
// rather than by rejecting loadPyodide: without this the page would wait forever.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  post({ type: "status", state: "failed", detail: String(event.reason) });
});

function post(message) {
  self.postMessage(message);
}

function snapshotKey(runtime) {
  return new URL("python-memory.snapshot", runtime).href;
}

function snapshotsPossible() {
  return (
    typeof self.caches === "object" &&
    typeof CompressionStream === "function" &&
    typeof DecompressionStream === "function"
  );
}

// The stored response, or null; cheap, so it runs while pyodide.mjs loads.
async function findSnapshot(runtime) {
  if (!snapshotsPossible()) return null;
  const cache = await caches.open(SNAPSHOT_CACHE);
  return (await cache.match(snapshotKey(runtime))) ?? null;
}

// Pyodide accepts a promise here and awaits it only when it needs the memory, so the
// snapshot is read and inflated while the WebAssembly module loads.
async function inflate(stored) {
  const inflated = stored.body.pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(inflated).arrayBuffer());
}

async function dropSnapshots() {
  await caches.delete(SNAPSHOT_CACHE);
}

// One snapshot per device: the one for this runtime replaces any older one.
async function storeSnapshot(runtime, snapshot) {
  await dropSnapshots();
  const cache = await caches.open(SNAPSHOT_CACHE);
  const deflated = new Blob([snapshot]).stream().pipeThrough(new CompressionStream("gzip"));
  const headers = { "content-type": "application/octet-stream" };
  await cache.put(snapshotKey(runtime), new Response(deflated, { headers }));
}

// The wheel named by the lock file, checked against its SHA-256 by the browser (Subresource
// Integrity), as Pyodide's own loadPackage would. Installing it with unpackArchive rather
// than loadPackage keeps the runtime snapshot-compatible.
async function fetchWheel(runtime, lock, packageName) {
  const entry = lock.packages[packageName];
  const digest = entry.sha256.match(/../g).map((byte) => String.fromCharCode(parseInt(byte, 16)));
  const response = await fetch(new URL(entry.file_name, runtime), {
    integrity: `sha256-${btoa(digest.join(""))}`,
  });
  if (!response.ok) throw new Error(`${entry.file_name}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function startPython(pyodideModule, runtime, lock, wheel, extra) {
  const pyodide = await pyodideModule.loadPyodide({
    indexURL: runtime,
    lockFileContents: lock,
    packageBaseUrl: runtime,
    stdout: () => {},
    stderr: () => {},
    ...extra,
  });
  phase("python");
  pyodide.unpackArchive(await wheel, "wheel");
  phase("package");
  return pyodide;
}

async function boot(runtime, packageName, lock) {
  phase("start");
  const stored = findSnapshot(runtime).catch(() => null);
  const pyodideModule = await import(new URL("pyodide.mjs", runtime).href);
  phase("loader");
  const wheel = fetchWheel(runtime, lock, packageName);
  wheel.catch(() => {}); // awaited below; this only keeps an early failure from going unhandled
  let pyodide = null;
  let origin = "fresh";
  const snapshot = await stored;
  if (snapshot) {
    try {
      const memory = inflate(snapshot);
      memory.then(() => phase("snapshot-inflated"), () => {});
      pyodide = await startPython(pyodideModule, runtime, lock, wheel, { _loadSnapshot: memory });
      origin = "snapshot";
    } catch {
      await dropSnapshots().catch(() => {});
      phase("snapshot-failed");
    }
  }
  if (!pyodide) pyodide = await startPython(pyodideModule, runtime, lock, wheel, {});
  const api = pyodide.pyimport("rdv_forms.api");
  phase("import");
  return { handle: (request) => api.handle(request), origin, snapshots: snapshotsPossible() };
}

async function makeSnapshot(runtime, packageName, lock) {
  if (!snapshotsPossible()) return { state: "unsupported" };
  const pyodideModule = await import(new URL("pyodide.mjs", runtime).href);
  const wheel = fetchWheel(runtime, lock, packageName);
  const pyodide = await startPython(pyodideModule, runtime, lock, wheel, { _makeSnapshot: true });
  if (typeof pyodide.makeMemorySnapshot !== "function") return { state: "unsupported" };
  pyodide.pyimport("rdv_forms.api").warm_up();
  const snapshot = pyodide.makeMemorySnapshot();
  await storeSnapshot(runtime, snapshot);
  return { state: "stored", bytes: snapshot.length };
}

self.onmessage = async (event) => {
  const { id, type, runtime, packageName, lock, request } = event.data;
  if (type === "init") {
    if (booting) return;
    booting = boot(runtime, packageName, lock);
    try {
      const { origin, snapshots } = await booting;
      post({ type: "status", state: "ready", phases, origin, snapshots });
    } catch (error) {
      post({ type: "status", state: "failed", detail: String(error) });
    }
    return;
  }
  if (type === "snapshot") {
    try {
      post({ type: "snapshot", ...(await makeSnapshot(runtime, packageName, lock)) });
    } catch (error) {
      await dropSnapshots().catch(() => {});
      post({ type: "snapshot", state: "failed", detail: String(error) });
    }
    return;
  }
  try {
    const { handle } = await booting;
    post({ id, response: JSON.parse(handle(JSON.stringify(request))) });
  } catch (error) {
    post({ id, error: String(error) });
  }
};
