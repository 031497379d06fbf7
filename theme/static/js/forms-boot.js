// Starts Python as early as the page allows. This small module is loaded `async` from the
// <head>, so the worker (and the download of the runtime) starts while the rest of the
// page is still being parsed, instead of after it; form.js picks up the worker from here.
// Messages that arrive before form.js listens are kept for it.

const script = document.getElementById("forms-boot");

export const files = {
  runtime: new URL(script.dataset.runtime, document.baseURI).href,
  packageName: script.dataset.package,
  lock: JSON.parse(script.dataset.lock),
};
export const workerURL = new URL(script.dataset.worker, document.baseURI).href;

const early = [];
let deliver = null;

function start() {
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") return null;
  try {
    const worker = new Worker(workerURL, { type: "module" });
    worker.onmessage = (event) => (deliver ? deliver(event) : early.push(event));
    worker.onerror = (event) => (deliver ? deliver(event) : early.push(event));
    worker.postMessage({ type: "init", ...files });
    return worker;
  } catch {
    return null;
  }
}

performance.mark("rdv:worker-created");
// null when this browser cannot run Python: form.js then says so.
export const worker = start();

// `handler` receives every message and error event, the early ones first.
export function listen(handler) {
  deliver = handler;
  for (const event of early.splice(0)) handler(event);
}
