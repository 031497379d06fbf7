// The Python side of the forms, off the main thread: the page never freezes while
// Pyodide boots or a document is generated. Requests and responses are plain JSON,
// handled by rdv_forms.api.handle; nothing here talks to the network except the
// same-origin runtime files.
//
// Features (the PDF code, issue 20) are wheels of their own, fetched the first time a
// request needs one (the page says which, with the request: form/python.js). Files travel beside the JSON as ArrayBuffers, transferred both ways: the
// person's pieces come in, the PDF or the pack's zip goes out (rdv_forms.api.handle_binary).
//
// The same script runs in two roles:
// - "init": the page's runtime, started by boot.js, which receives the person's answers.
//   It starts from a memory snapshot when the device has one (about a third of the time
//   of a full boot), and from scratch otherwise.
// - "snapshot": a throwaway runtime the page starts once it is idle, which boots, warms
//   up on blank answers, saves a snapshot of its memory in the origin private file
//   system and is terminated. It never receives an answer, so the snapshot holds
//   nobody's data.
//
// Snapshots rely on a private Pyodide API (`_makeSnapshot`, `_loadSnapshot`). They are
// only used when that API and the browser features they need are present, and any
// failure falls back to a full boot and drops the stored snapshot.

const SNAPSHOT_FOLDER = "rdv-forms-python-snapshot";

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

// Pyodide 0.29 catches a failed WebAssembly instantiation (a blocked, cut or corrupt
// .wasm), logs it with console.warn and then waits forever. Watching the two functions it
// instantiates with turns that into a failure the page can explain.
for (const name of ["instantiateStreaming", "instantiate"]) {
  const original = WebAssembly[name];
  if (typeof original !== "function") continue;
  WebAssembly[name] = function (...args) {
    const result = original.apply(this, args);
    result.catch((error) => post({ type: "status", state: "failed", detail: String(error) }));
    return result;
  };
}

// One file per runtime version, in a folder of the origin private file system (OPFS),
// named "<runtime hash>.<length in bytes>.snapshot". A synchronous access handle reads the
// 20 MB in a few milliseconds, where Cache Storage took 0.3 s and inflating a compressed
// copy as long again. A file whose size is not the one in its name (a write cut short) is
// never loaded: half a memory image would not fail, it would misbehave.
function runtimeHash(runtime) {
  return new URL(runtime).pathname.split("/").filter(Boolean).pop();
}

function snapshotsPossible() {
  return (
    typeof navigator.storage?.getDirectory === "function" &&
    typeof FileSystemFileHandle === "function" &&
    typeof FileSystemFileHandle.prototype.createSyncAccessHandle === "function"
  );
}

async function snapshotFolder(create = false) {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(SNAPSHOT_FOLDER, { create });
}

// The snapshot's bytes, or null when there is none (or another tab holds the file).
async function readSnapshot(runtime) {
  if (!snapshotsPossible()) return null;
  let access = null;
  try {
    const folder = await snapshotFolder();
    const pattern = new RegExp(`^${runtimeHash(runtime)}\\.(\\d+)\\.snapshot$`);
    for await (const [name, file] of folder.entries()) {
      const length = Number(name.match(pattern)?.[1]);
      if (!length) continue;
      access = await file.createSyncAccessHandle();
      if (access.getSize() !== length) return null;
      const bytes = new Uint8Array(length);
      return access.read(bytes, { at: 0 }) === length ? bytes : null;
    }
    return null;
  } catch {
    return null;
  } finally {
    access?.close();
  }
}

async function dropSnapshots() {
  if (!snapshotsPossible()) return;
  const root = await navigator.storage.getDirectory();
  await root.removeEntry(SNAPSHOT_FOLDER, { recursive: true }).catch(() => {});
}

// One snapshot per device: the one for this runtime replaces any older one.
async function storeSnapshot(runtime, snapshot) {
  await dropSnapshots();
  const folder = await snapshotFolder(true);
  const name = `${runtimeHash(runtime)}.${snapshot.length}.snapshot`;
  const access = await (await folder.getFileHandle(name, { create: true })).createSyncAccessHandle();
  try {
    access.truncate(0);
    access.write(snapshot, { at: 0 });
    access.flush();
  } finally {
    access.close();
  }
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
  const stored = readSnapshot(runtime);
  // Pyodide's loader would only ask for its 1 MB of glue code once it has run itself:
  // asking for both now saves a round trip. The loader then finds the glue loaded.
  const glue = import(new URL("pyodide.asm.js", runtime).href);
  glue.catch(() => {}); // loadPyodide reports a failure to load it
  const pyodideModule = await import(new URL("pyodide.mjs", runtime).href);
  phase("loader");
  const wheel = fetchWheel(runtime, lock, packageName);
  wheel.catch(() => {}); // awaited below; this only keeps an early failure from going unhandled
  let pyodide = null;
  let origin = "fresh";
  const snapshot = await stored;
  if (snapshot) {
    phase("snapshot-read");
    try {
      pyodide = await startPython(pyodideModule, runtime, lock, wheel, { _loadSnapshot: snapshot });
      origin = "snapshot";
    } catch {
      await dropSnapshots().catch(() => {});
      phase("snapshot-failed");
    }
  }
  if (!pyodide) pyodide = await startPython(pyodideModule, runtime, lock, wheel, {});
  const api = pyodide.pyimport("rdv_forms.api");
  phase("import");
  return {
    pyodide,
    api,
    gc: pyodide.pyimport("gc"),
    handle: (request) => api.handle(request),
    origin,
    snapshots: snapshotsPossible(),
  };
}

// Feature name → the promise of its installation (dropped if it fails, so a later request
// tries again: the connection may be back).
const installed = new Map();

// Fetches a feature's wheel (checked against the lock file's SHA-256, like the first one)
// and installs it over the first wheel, once; says so on the status channel. `feature`:
// {name, package_name}, sent by the page with the requests that need it (python.js).
function installFeature({ name, package_name: packageName }) {
  if (!installed.has(name)) {
    const installing = (async () => {
      const { pyodide } = await booting;
      post({ type: "status", feature: name, state: "loading" });
      const wheel = await fetchWheel(init.runtime, init.lock, packageName);
      pyodide.unpackArchive(wheel, "wheel");
      const importlib = pyodide.pyimport("importlib");
      importlib.invalidate_caches();
      importlib.destroy();
      // `bytes`: the wheel's size once decoded (the wire carried it brotli-compressed).
      post({ type: "status", feature: name, state: "ready", bytes: wheel.length });
      return wheel.length;
    })();
    installed.set(name, installing);
    installing.catch((error) => {
      installed.delete(name);
      post({ type: "status", feature: name, state: "failed", detail: String(error) });
    });
  }
  return installed.get(name);
}

// A Python bytes object as a fresh ArrayBuffer the worker can hand over (one copy, out of
// Python's memory, which is then freed).
function bufferOf(proxy) {
  const view = proxy.getBuffer("u8");
  try {
    return view.data.slice().buffer;
  } finally {
    view.release();
  }
}

// The file of a binary reply: bytes → ArrayBuffer, {key: bytes} → {key: ArrayBuffer}.
function fileOf(proxy, transfer) {
  if (proxy === undefined || proxy === null) return undefined;
  try {
    if (proxy.type === "dict") {
      const files = {};
      const keys = proxy.keys();
      try {
        for (const key of keys) {
          const value = proxy.get(key);
          try {
            files[key] = bufferOf(value);
          } finally {
            value.destroy();
          }
          transfer.push(files[key]);
        }
      } finally {
        keys.destroy();
      }
      return files;
    }
    const buffer = bufferOf(proxy);
    transfer.push(buffer);
    return buffer;
  } finally {
    proxy.destroy();
  }
}

// One request with files in or out: the pieces become Python objects (their bytes are
// copied into Python by the action, and the ArrayBuffers go with this message), the reply's
// file comes back as ArrayBuffers; every Python object is released before replying.
function handleBinary({ pyodide, api, gc }, request, pieces) {
  const list = (pieces || []).map(({ name, number, data }) => ({
    name,
    // undefined, not null: Pyodide turns a JS null into `jsnull`, which is not None, and
    // rdv_forms then refused every piece without a number (an attempt's proof).
    number: number ?? undefined,
    data: ArrayBuffer.isView(data) ? data : new Uint8Array(data),
  }));
  const arguments_ = pyodide.toPy(list, { depth: 2 });
  let result;
  try {
    result = api.handle_binary(JSON.stringify(request), arguments_);
  } finally {
    arguments_.destroy();
  }
  const transfer = [];
  try {
    const response = JSON.parse(result.get(0));
    const data = fileOf(result.get(1), transfer);
    return { response, data, transfer };
  } finally {
    result.destroy();
    gc.collect();
  }
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

async function announce() {
  try {
    const { origin, snapshots } = await booting;
    post({ type: "status", state: "ready", phases, origin, snapshots });
  } catch (error) {
    post({ type: "status", state: "failed", detail: String(error) });
  }
}

// The page's runtime gets its parameters in the worker's name (see boot.js), so it boots
// the moment this script runs.
function initParameters() {
  try {
    const parameters = JSON.parse(self.name);
    return parameters?.role === "init" ? parameters : null;
  } catch {
    return null;
  }
}

const init = initParameters();
if (init) {
  booting = boot(init.runtime, init.packageName, init.lock);
  announce();
}

self.onmessage = async (event) => {
  const { id, type, runtime, packageName, lock, request, pieces, feature } = event.data;
  const name = feature?.name;
  if (type === "snapshot") {
    try {
      post({ type: "snapshot", ...(await makeSnapshot(runtime, packageName, lock)) });
    } catch (error) {
      await dropSnapshots().catch(() => {});
      post({ type: "snapshot", state: "failed", detail: String(error) });
    }
    return;
  }
  if (type === "feature") {
    try {
      const bytes = await installFeature(feature);
      post({ id, response: { ok: true, feature: name, bytes } });
    } catch (error) {
      post({ id, error: String(error), feature: name });
    }
    return;
  }
  try {
    const python = await booting;
    if (feature) await installFeature(feature).catch((error) => Promise.reject({ name, error }));
    if (feature || pieces) {
      const { response, data, transfer } = handleBinary(python, request, pieces);
      self.postMessage(data === undefined ? { id, response } : { id, response, data }, transfer);
    } else {
      post({ id, response: JSON.parse(python.handle(JSON.stringify(request))) });
    }
  } catch (problem) {
    if (problem?.name) post({ id, error: String(problem.error), feature: problem.name });
    else post({ id, error: String(problem) });
  }
};
