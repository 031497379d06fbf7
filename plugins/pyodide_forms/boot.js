// Starts Python as early as it pays. The build inlines this script at the top of the form
// page's <head>, where the CSP allows it by its hash (see `boot_script`), so no request
// stands between the page and the worker. The worker's boot parameters travel in its
// name, which it reads as soon as its script runs: a message would wait until the busy
// main thread forwards it.
//
// Booting Python keeps a processor core busy for a second or two. With more than two
// cores the worker starts at once, while the browser is still parsing and laying out the
// form. With two or fewer (old help-desk laptops), starting it then slows the form down
// without making Python ready any sooner (bench/browser.py), so form.js starts it once
// the form can be used.
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
  let worker;

  // The worker, created on the first call; null when this browser cannot run Python.
  function start() {
    if (worker !== undefined) return worker;
    worker = null;
    if (typeof WebAssembly === "object" && typeof Worker === "function") {
      try {
        worker = new Worker(workerURL, { type: "module", name: JSON.stringify({ role: "init", ...files }) });
        worker.onmessage = worker.onerror = (event) => (deliver ? deliver(event) : early.push(event));
      } catch {
        worker = null;
      }
    }
    performance.mark("rdv:worker-created");
    return worker;
  }

  window.rdvForms = Object.freeze({
    files,
    workerURL,
    start,
    // `handler` receives every message and error event, the early ones first.
    listen(handler) {
      deliver = handler;
      for (const event of early.splice(0)) handler(event);
    },
  });
  if ((navigator.hardwareConcurrency || 1) > 2) start();
})();
