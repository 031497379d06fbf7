// The page's side of the forms worker (forms-worker.js, started by the boot script in
// plugins/pyodide_forms/boot.js): requests as promises, the status line, and the two jobs
// done while the page is idle that make later documents and later visits faster.
//
// Everything this module remembers lives in the object `connectPython` returns.

// `runtime`: window.rdvForms from the boot script. `status`: the status line element.
// `failure`: the notice shown when Python cannot run. `request`: fields every request
// carries (language, today's date), as a function so the date is the day of the request.
export function connectPython({ runtime, status, failure, strings, request }) {
  const own = {
    worker: null,
    snapshotWorker: null,
    nextId: 1,
    pending: new Map(),
    onReady: [],
    onFeature: [],
    features: {},
  };
  // Which requests need which feature (the PDF code, fetched on first use): from the build
  // (plugins/pyodide_forms, FORMS["features"]), {pdf: {package_name, actions, formats}}.
  const features = JSON.parse(document.getElementById("forms-boot")?.dataset.features || "{}");

  const python = {
    ready: false,
    get failed() {
      return status.dataset.state === "failed";
    },
    get started() {
      return own.worker !== null;
    },
    // Sends one request to rdv_forms.api; resolves with its JSON reply, plus `data` for
    // the actions that make a file (`pdf`: an ArrayBuffer; `pack`: {zip: ArrayBuffer}).
    // `pieces`: [{name, number, data: ArrayBuffer}], the person's files for `pack`; their
    // ArrayBuffers are transferred to the worker, so this page no longer holds them.
    // A request that needs a feature (the PDF code) waits while the worker fetches it; if
    // that fails, the promise rejects with an Error whose `feature` names it.
    call(message, { pieces } = {}) {
      if (!own.worker) return Promise.reject(new Error("no worker"));
      const id = own.nextId++;
      const envelope = { id, request: { ...request(), ...message } };
      const feature = featureFor(message);
      if (feature) envelope.feature = feature;
      const transfer = new Set();
      if (pieces) {
        envelope.pieces = pieces.map(({ name, number, data }) => {
          transfer.add(ArrayBuffer.isView(data) ? data.buffer : data);
          return { name, number: number ?? null, data };
        });
      }
      return new Promise((resolve, reject) => {
        own.pending.set(id, { resolve, reject });
        own.worker.postMessage(envelope, [...transfer]);
      });
    },
    // Fetches and installs the PDF feature without doing anything else (a "prepare" path);
    // resolves with {ok, feature, bytes}, rejects like `call`.
    pdfFeature() {
      return python.feature("pdf");
    },
    feature(name) {
      if (!own.worker) return Promise.reject(new Error("no worker"));
      if (!features[name]) return Promise.reject(new Error(`no feature ${name}`));
      const id = own.nextId++;
      const feature = { name, package_name: features[name].package_name };
      return new Promise((resolve, reject) => {
        own.pending.set(id, { resolve, reject });
        own.worker.postMessage({ id, type: "feature", feature });
      });
    },
    // The feature's state: "absent" (never asked for), "loading", "ready" or "failed".
    featureState(name = "pdf") {
      return own.features[name]?.state ?? "absent";
    },
    // `listener({feature, state, bytes?})` runs at each change of a feature's state.
    onFeature(listener) {
      own.onFeature.push(listener);
    },
    // `listener` runs each time Python becomes ready (once, in practice).
    whenReady(listener) {
      own.onReady.push(listener);
    },
    // A message on the status line that leaves its state as it is.
    announce(text) {
      keepHeight();
      status.textContent = text;
    },
    fail,
    start,
    stop() {
      own.worker?.terminate();
      own.snapshotWorker?.terminate();
    },
  };

  // The feature a request needs, as the worker wants it ({name, package_name}), or null.
  function featureFor(message) {
    const formats = [message.formats].flat();
    for (const [name, feature] of Object.entries(features)) {
      const needed =
        feature.actions.includes(message.action) ||
        (message.action === "generate" && formats.some((f) => feature.formats.includes(f)));
      if (needed) return { name, package_name: feature.package_name };
    }
    return null;
  }

  // The line keeps the height it had: « Préparation… » takes two lines on a phone, « Prêt. »
  // one, and the questions below must not jump up under a finger about to tap an answer.
  function keepHeight() {
    status.style.minHeight = `${status.getBoundingClientRect().height}px`;
  }

  function setStatus(state, text) {
    keepHeight();
    status.dataset.state = state;
    status.textContent = text;
    if (state !== "loading" && !document.body.dataset.runtime) {
      document.body.dataset.runtime = state;
      dispatchEvent(new Event("rdv:runtime-settled"));
    }
  }

  function fail(detail) {
    python.ready = false;
    if (detail) status.dataset.detail = detail;
    setStatus("failed", strings.failed);
    failure.hidden = false;
  }

  // Takes the worker the boot script started, or starts it (devices with two cores or
  // fewer, where the boot script waits until the form can be used).
  function start({ warmUpUntil }) {
    own.worker = runtime.start();
    if (!own.worker) {
      fail();
      return;
    }
    runtime.listen((event) => {
      if (event.type === "error") {
        fail();
        return;
      }
      const message = event.data;
      if (message.type === "status" && message.feature) {
        own.features[message.feature] = message;
        for (const listener of own.onFeature) listener(message);
        return;
      }
      if (message.type === "status") {
        if (message.state === "ready") becomeReady(message, warmUpUntil);
        else fail(message.detail);
        return;
      }
      const callbacks = own.pending.get(message.id);
      if (!callbacks) return;
      own.pending.delete(message.id);
      if (message.error) {
        callbacks.reject(Object.assign(new Error(message.error), { feature: message.feature }));
      } else if (message.data !== undefined) {
        callbacks.resolve({ ...message.response, data: message.data });
      } else callbacks.resolve(message.response);
    });
  }

  function becomeReady(message, warmUpUntil) {
    for (const [name, time] of message.phases || []) {
      performance.mark(`rdv:worker:${name}`, { startTime: time - performance.timeOrigin });
    }
    performance.mark("rdv:ready");
    document.body.dataset.pythonBoot = message.origin;
    if (message.origin === "fresh" && message.snapshots) snapshotWhenIdle();
    warmUpWhenIdle(warmUpUntil);
    python.ready = true;
    setStatus("ready", strings.ready);
    for (const listener of own.onReady) listener();
  }

  // While the person fills in the form, each document is made once on blank answers and
  // thrown away: the browser then has compiled the code paths the person's own documents
  // take, which makes them three times faster to appear. Only blank answers are sent, one
  // document at a time and only when the page is idle. It stops for good once `stop()` is
  // true (the person is on the documents step): their own documents do the same job, and
  // a blank one queued in front of them would only make them wait.
  async function warmUpWhenIdle(stop) {
    try {
      const { kinds } = await python.call({ action: "kinds" });
      for (const { kind } of kinds) {
        await whenIdle();
        if (stop()) return;
        await python.call({ action: "generate", kind, blank: true, formats: ["html", "text", "odt"] });
      }
    } catch {
      return;
    }
    performance.mark("rdv:warmed-up");
  }

  // After a full boot, a second, throwaway worker makes the memory snapshot that lets the
  // next visit start about three times faster. It waits until the page is idle, and it
  // never sees the person's answers: only this page's worker does.
  function snapshotWhenIdle() {
    const begin = () => {
      try {
        own.snapshotWorker = new Worker(runtime.workerURL, { type: "module" });
      } catch {
        return;
      }
      const finish = (outcome) => {
        document.body.dataset.pythonSnapshot = outcome;
        own.snapshotWorker?.terminate();
        own.snapshotWorker = null;
      };
      own.snapshotWorker.onmessage = (event) =>
        finish(event.data.type === "snapshot" ? event.data.state : "failed");
      own.snapshotWorker.onerror = () => finish("failed");
      own.snapshotWorker.postMessage({ type: "snapshot", ...runtime.files });
    };
    const idle = () =>
      window.requestIdleCallback ? requestIdleCallback(begin, { timeout: 10_000 }) : begin();
    setTimeout(idle, 2000);
  }

  return python;
}

function whenIdle() {
  return new Promise((resolve) =>
    window.requestIdleCallback
      ? requestIdleCallback(resolve, { timeout: 2000 })
      : setTimeout(resolve, 50),
  );
}
