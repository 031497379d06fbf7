// The documents step: one card per document that applies to the answers (the list comes
// from rdv_forms' `kinds` action), each with its preview, its text to copy, print or
// download, and its .odt file. Downloads are object URLs, revoked when the documents
// are made again or the person leaves.

import { collect, inScope } from "./answers.js";

const ODT_TYPE = "application/vnd.oasis.opendocument.text";

export function createDocuments(page, state, python) {
  const { strings } = page;
  const container = document.getElementById("documents");
  const template = document.getElementById("document-card");
  // `round` counts calls to `render`: a newer one (the person went back and changed an
  // answer) makes an older one stop where it is. `urls`: the object URLs to revoke.
  const own = { round: 0, urls: [] };

  function objectURL(blob) {
    const url = URL.createObjectURL(blob);
    own.urls.push(url);
    return url;
  }

  function revokeURLs() {
    for (const url of own.urls) URL.revokeObjectURL(url);
    own.urls = [];
  }

  // Each card appears as soon as its preview and text are ready; the .odt files, which
  // cost the most to build, follow once every card is on screen.
  async function render() {
    const round = ++own.round;
    const current = () => round === own.round;
    // Before Python is ready the requests wait in the worker, which answers them the
    // moment it is: sent now, they need no round trip through this page once Python is up.
    if (!python.started || python.failed) {
      container.textContent = strings.loading;
      return;
    }
    container.textContent = python.ready ? strings.working : strings.loading;
    container.setAttribute("aria-busy", "true");
    container.dataset.state = "working";
    const answers = collect(page, state);
    revokeURLs();
    let kinds;
    try {
      kinds = await python.call({ action: "kinds", answers });
    } catch {
      python.fail();
      return;
    }
    if (!current()) return;
    container.replaceChildren();
    const made = [];
    // The référé is also listed when it is stopped (a prior refusal or removal order and
    // nobody named to advise): its card says whom to see, in one line. The reason itself,
    // long, is the verdict's, said once at the top of the step (`kind.reason` is the same).
    const stopped = (k) => k.kind === "refere" && k.reason && inScope(page.form);
    for (const kind of kinds.kinds.filter((k) => k.applies || stopped(k))) {
      if (!kind.applies) {
        const message = strings.refere_stopped;
        container.append(makeCard(kind, { ok: false, errors: [{ message }] }));
        continue;
      }
      const started = performance.now();
      const response = await python.call({
        action: "generate",
        kind: kind.kind,
        answers,
        formats: ["html", "text"],
      });
      performance.measure(`rdv:generate:${kind.kind}`, { start: started });
      if (!current()) return;
      const card = makeCard(kind, response);
      container.append(card);
      if (!response.ok) continue;
      made.push([kind.kind, card]);
      if (!performance.getEntriesByName("rdv:first-document").length) {
        performance.mark("rdv:first-document");
      }
    }
    container.removeAttribute("aria-busy");
    for (const [kind, card] of made) {
      const started = performance.now();
      const response = await python.call({ action: "generate", kind, answers, formats: ["odt"] });
      performance.measure(`rdv:generate-odt:${kind}`, { start: started });
      if (!current()) return;
      if (!response.ok) continue;
      // Until now the link had no href: it was not yet a link, so nobody could click it early.
      const odt = card.querySelector('[data-action="odt"]');
      odt.href = objectURL(base64ToBlob(response.odt_base64, ODT_TYPE));
      odt.download = `${response.filename}.odt`;
    }
    container.dataset.state = "done";
  }

  function makeCard(kind, response) {
    const card = template.content.firstElementChild.cloneNode(true);
    card.dataset.kind = kind.kind;
    card.querySelector(".document__title").textContent = response.title || kind.title;
    card.querySelector(".document__explain").textContent = strings.explain[kind.kind] || "";
    // The preview is folded under its summary, which names the document it would show.
    card.querySelector(".document__preview-name").textContent = response.title || kind.title;
    if (!response.ok) {
      card.querySelector(".document__preview-box").hidden = true;
      card.querySelector(".document__status").textContent = (response.errors || [])
        .map((e) => e.message)
        .join(" ");
      card.querySelector(".document__actions").hidden = true;
      return card;
    }
    // The HTML comes from rdv_forms' renderer, which escapes every user string.
    card.querySelector(".document__preview").innerHTML = response.html;
    const txt = card.querySelector('[data-action="txt"]');
    txt.href = objectURL(new Blob([response.text], { type: "text/plain;charset=utf-8" }));
    txt.download = `${response.filename}.txt`;
    card.querySelector('[data-action="copy"]').addEventListener("click", () =>
      copyText(card, response.text),
    );
    card.querySelector('[data-action="print"]').addEventListener("click", () => printCard(card));
    if ("mailto" in response) setupMailto(card, response);
    return card;
  }

  async function copyText(card, text) {
    const status = card.querySelector(".document__status");
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = strings.copied;
    } catch {
      status.textContent = strings.copy_failed;
    }
  }

  return {
    render,
    // No document, no download left behind (the person is leaving).
    clear() {
      own.round++;
      revokeURLs();
      container.replaceChildren();
    },
  };
}

function base64ToBlob(data, type) {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type });
}

// rdv_forms builds the mailto: link (and leaves it out when it is too long to be safe).
function setupMailto(card, response) {
  const link = card.querySelector('[data-action="mailto"]');
  if (response.mailto) {
    link.href = response.mailto;
    link.hidden = false;
  } else {
    card.querySelector(".document__mailto-too-long").hidden = false;
  }
}

// Prints the card's document alone, in French and left to right whatever the page's
// language (form.css hides everything else while the body has `printing-document`).
function printCard(card) {
  const root = document.createElement("div");
  root.id = "print-root";
  root.lang = "fr";
  root.dir = "ltr";
  root.append(card.querySelector(".document__preview").cloneNode(true));
  document.body.append(root);
  document.body.classList.add("printing-document");
  const done = () => {
    document.body.classList.remove("printing-document");
    root.remove();
    window.removeEventListener("afterprint", done);
  };
  window.addEventListener("afterprint", done);
  window.print();
}
