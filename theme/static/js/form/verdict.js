// Whether the file is ready for the judge, as rdv_forms' analysis says: the verdict, all
// its reasons, why the référé is not prepared (a prior refusal or removal order and nobody
// named to advise), and the warnings. Shown on the attempts step and again at the top of
// the documents step, where a file that is not ready is said to give drafts. Drawn once
// Python is ready; redrawn, a moment after the last change, each time the answers change.

import { collect } from "./answers.js";

const DELAY_MS = 150;

function list(className, messages) {
  const ul = document.createElement("ul");
  ul.className = className;
  for (const message of messages) {
    const item = document.createElement("li");
    item.textContent = message;
    ul.append(item);
  }
  return ul;
}

function paragraph(className, text) {
  const p = document.createElement("p");
  p.className = className;
  p.textContent = text;
  return p;
}

// `onDraw(analysis)`: told each time the verdict is drawn, or cleared (null); the checklist
// of the documents step (form/nextsteps.js) follows it.
export function createVerdict(page, state, python, { onDraw = () => {} } = {}) {
  const boxes = [document.getElementById("verdict"), document.getElementById("verdict-documents")];
  // `drawn`: the number of the latest check asked; an older one's answer, arriving late
  // (the worker was busy with documents), is about answers that have changed since.
  const own = { timer: null, drawn: 0 };

  function paint(box, analysis, onDocuments) {
    const { verdict } = analysis;
    box.replaceChildren(
      paragraph(`verdict__main verdict__main--${verdict.ready ? "ready" : "wait"}`, verdict.message),
    );
    const shown = new Set([verdict.message]);
    const more = (verdict.reasons || []).map((r) => r.message).filter((m) => !shown.has(m));
    more.forEach((m) => shown.add(m));
    if (more.length) box.append(list("verdict__reasons", more));
    const block = verdict.refere_block?.message;
    if (verdict.refere_allowed === false && block && !shown.has(block)) {
      box.append(paragraph("notice notice--error", block));
    }
    if (onDocuments && verdict.draft) box.append(paragraph("notice", page.strings.draft));
    // A warning that repeats a reason is said once.
    const warnings = (analysis.warnings || []).map((w) => w.message).filter((m) => !shown.has(m));
    if (warnings.length) box.append(list("verdict__warnings", warnings));
  }

  async function draw() {
    if (!python.ready) return;
    const number = ++own.drawn;
    try {
      const { analysis } = await python.call({ action: "check", answers: collect(page, state) });
      if (number !== own.drawn) return;
      for (const box of boxes) box.replaceChildren();
      onDraw(analysis || null);
      if (!analysis) return;
      boxes.forEach((box, index) => paint(box, analysis, index === 1));
    } catch {
      if (number !== own.drawn) return;
      for (const box of boxes) box.replaceChildren();
      onDraw(null);
    }
  }

  function clear() {
    clearTimeout(own.timer);
    own.drawn += 1; // a check still running is about the answers being cleared
    for (const box of boxes) box.replaceChildren();
    onDraw(null);
  }

  return {
    clear,
    refresh() {
      clearTimeout(own.timer);
      own.timer = setTimeout(draw, DELAY_MS);
    },
    // On a step that shows the verdict: the one drawn earlier was about the answers then
    // (on the attempts step, before the urgency and the signature), so it goes at once
    // rather than stand, « not ready », above the documents until the new one is drawn.
    redraw() {
      clear();
      own.timer = setTimeout(draw, DELAY_MS);
    },
  };
}
