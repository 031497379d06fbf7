// The Python side of the forms, off the main thread: the page never freezes while
// Pyodide boots or a document is generated. Requests and responses are plain JSON,
// handled by rdv_forms.api.handle; nothing here talks to the network except the
// same-origin runtime files.

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

async function boot(runtime, packageName) {
  phase("start");
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
  phase("loader");
  const pyodide = await loadPyodide({
    indexURL: runtime,
    lockFileURL: new URL("pyodide-lock.json", runtime).href,
    stdout: () => {},
    stderr: () => {},
  });
  phase("python");
  await pyodide.loadPackage(packageName, { messageCallback: () => {} });
  phase("package");
  const api = pyodide.pyimport("rdv_forms.api");
  phase("import");
  return (request) => api.handle(request);
}

self.onmessage = async (event) => {
  const { id, type, runtime, packageName, request } = event.data;
  if (type === "init") {
    if (booting) return;
    booting = boot(runtime, packageName);
    try {
      await booting;
      post({ type: "status", state: "ready", phases });
    } catch (error) {
      post({ type: "status", state: "failed", detail: String(error) });
    }
    return;
  }
  try {
    const handle = await booting;
    post({ id, response: JSON.parse(handle(JSON.stringify(request))) });
  } catch (error) {
    post({ id, error: String(error) });
  }
};
