// Starts Python as early as the page allows. The build inlines this script at the top of
// the form page's <head>, where the CSP allows it by its hash (see `boot_script`): the
// worker then starts while the browser is still parsing and laying out the form, instead
// of after it. Its boot parameters travel in the worker's name, which the worker reads as
// soon as its script runs; a message would wait until the busy main thread forwards it.
// form.js takes the worker from window.rdvForms; messages that arrive before it listens
// are kept for it.
(() => {
  const script = document.currentScript;
  const files = {
    runtime: new URL(script.dataset.runtime, document.baseURI).href,
    packageName: script.dataset.package,
    lock: JSON.parse(script.dataset.lock),
  };
  const workerURL = new URL(script.dataset.worker, document.baseURI).href;
  const early = [];
  let deliver = null;
  let worker = null;
  // null when this browser cannot run Python: form.js then says so.
  if (typeof WebAssembly === "object" && typeof Worker === "function") {
    try {
      worker = new Worker(workerURL, { type: "module", name: JSON.stringify({ role: "init", ...files }) });
      worker.onmessage = worker.onerror = (event) => (deliver ? deliver(event) : early.push(event));
    } catch {
      worker = null;
    }
  }
  performance.mark("rdv:worker-created");
  window.rdvForms = Object.freeze({
    files,
    workerURL,
    worker,
    // `handler` receives every message and error event, the early ones first.
    listen(handler) {
      deliver = handler;
      for (const event of early.splice(0)) handler(event);
    },
  });
})();
