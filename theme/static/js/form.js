// The guided interview. The form works as soon as the page is parsed; Python (Pyodide,
// in a Web Worker) is only needed to check answers against rdv_forms and to write the
// documents, and it is loaded in the background.
//
// Privacy: no answer is ever stored. No localStorage, no IndexedDB, no cookies. Answers
// live in this page's memory until the person saves them to a file or leaves. The one
// thing kept on the device is a memory snapshot of an empty Python runtime (see
// forms-worker.js), made by a worker that never receives an answer.
//
// This module only puts the page together. Each concern is a module of form/:
//   python.js      the forms worker: requests, status line, warm-up, memory snapshot
//   answers.js     the answers (shaped by rdv_forms' schema) <-> the fields; the département
//   validation.js  a step's errors, next to each field and in the summary
//   steps.js       which steps apply, the step on screen, moving between steps
//   attempts.js    the attempts log and its editor
//   verdict.js     whether the attempts are enough, from rdv_forms' analysis
//   nextsteps.js   the documents step's checklist: what to do next, in order
//   review.js      « Vérifiez vos réponses »
//   documents.js   the documents: previews, copy, print, downloads
//   files.js       save and open the answers file
//   leaving.js     « Effacer tout et quitter », and nothing left for Back to show
//   language.js    the answers carried to the form in another language, stored nowhere
//   typed.js       dates, times and numbers as typed, in Latin, Arabic or Persian digits
//   pieces.js      the person's proof files (exif.js), the filing pack, a PDF per document
// The build bundles them into one minified form.js (plugins/pyodide_forms/bundle.mjs), so
// the split costs no request and no byte.

import { collect, fill, fillFromDepartement, skeleton, today } from "./form/answers.js";
import { createAttempts } from "./form/attempts.js";
import { createDocuments } from "./form/documents.js";
import { createNextSteps } from "./form/nextsteps.js";
import { setUpFiles } from "./form/files.js";
import { takeCarried } from "./form/language.js";
import { setUpLeaving } from "./form/leaving.js";
import { createPieces } from "./form/pieces.js";
import { connectPython } from "./form/python.js";
import { createReview } from "./form/review.js";
import { createSteps } from "./form/steps.js";
import { selectByDigits, tidy } from "./form/typed.js";
import { createVerdict } from "./form/verdict.js";

// First of all: answers carried from the form in another language leave `window.name` now.
const carried = takeCarried();
const form = document.getElementById("interview");
const config = JSON.parse(document.getElementById("form-data").dataset.config);

// What every module reads: the page's parts and the build's data.
const page = {
  form,
  config,
  strings: config.strings,
  steps: [...form.querySelectorAll(".step")],
  // The empty answers, from rdv_forms' own schema.
  blank: skeleton(config.schema),
};

// What the form remembers besides its fields. It lives as long as the page: nothing of
// it is ever stored.
const state = {
  tentatives: [], // the attempts log's rows: answers with no form field
  editing: null, // the index of the row in the attempts editor, or null for a new one
  touched: new Set(), // fields the person typed in, which the département must not overwrite
  pending: null, // the steps with questions an opened file has no answer to, or null
  versionRead: null, // the answers version of the file opened last
};
const pendingNotice = document.getElementById("pending-notice");

function endPending() {
  state.pending = null;
  pendingNotice.hidden = true;
}

// An opened file from an older version lacks answers to the newer questions: rdv_forms
// lists those the form's answers still lack (`check` → `format.pending`), and the form
// then asks only the steps that hold them (a file saved half way needs no such help: the form lands where answers are
// missing). Moves there unless the person has typed something meanwhile.
async function askPending() {
  const typed = state.touched.size;
  try {
    const { format } = await python.call({ action: "check", answers: collect(page, state) });
    const names = (format?.pending || []).map(
      (path) => form.querySelector(`[name="${path}"]`)?.closest(".step")?.dataset.step,
    );
    const pending = [...new Set(names.filter(Boolean))];
    if (!(state.versionRead < page.blank.version) || !pending.length) return;
    state.pending = pending;
    pendingNotice.hidden = false;
    if (state.touched.size === typed) steps.goTo(pending[0]);
  } catch {
    // Without Python the form still goes step by step.
  }
}

const python = connectPython({
  // Started by the boot script at the top of the page (plugins/pyodide_forms/boot.js).
  runtime: window.rdvForms ?? { start: () => null },
  status: document.getElementById("runtime-status"),
  failure: document.getElementById("runtime-failed"),
  strings: page.strings,
  request: () => ({ lang: config.lang, today: today() }),
});
const nextSteps = createNextSteps(page, state);
const verdict = createVerdict(page, state, python, { onDraw: nextSteps.setAnalysis });
const documents = createDocuments(page, state, python);
const steps = createSteps(page, state, python, {
  onShow: {
    tentatives: () => {
      verdict.redraw();
      attempts.fitChannel();
      pieces.refresh();
    },
    verification: () => {
      endPending();
      review.render();
    },
    documents: () => {
      verdict.redraw();
      nextSteps.render();
      documents.render();
      pieces.refresh();
    },
  },
});
const review = createReview(page, state, steps);
const attempts = createAttempts(page, state, { onChange: () => verdict.refresh() });
const pieces = createPieces(page, state, python, attempts);

setUpFiles(page, state, python, {
  opened() {
    attempts.render();
    steps.updateConditionals();
    endPending();
    steps.goTo("verification");
    askPending();
  },
});
setUpLeaving(page, state, python, steps, {
  typing: () => attempts.typing(),
  forget() {
    endPending();
    documents.clear();
    nextSteps.clear();
    pieces.clear();
    review.clear();
    attempts.resetEditor();
    attempts.render();
    verdict.clear();
  },
});

selectByDigits(form.elements.departement);
form.addEventListener("change", (event) => {
  tidy(event.target);
  if (event.target.name) state.touched.add(event.target.name);
  if (["departement", "prefecture.nom"].includes(event.target.name)) {
    fillFromDepartement(form, state); // a sous-préfecture's name takes the préfecture's address off
  }
  steps.updateConditionals();
});

python.whenReady(() => {
  verdict.refresh();
  pieces.refresh();
  const container = document.getElementById("documents");
  if (steps.currentName() === "documents" && container.dataset.state !== "working") {
    documents.render();
  }
});

if (carried?.answers) {
  fill(page, state, carried.answers);
  state.answered = true;
  state.unsaved = Boolean(carried.unsaved);
}
attempts.resetEditor();
attempts.render();
// An attempt half typed when the person switched language is back in the editor, not added.
if (carried?.typing) attempts.resumeTyping(carried.typing);
steps.updateConditionals();
steps.showFromAddress({ focus: false });
performance.mark("rdv:form-usable");
// Already started by the boot script, unless this device has only two cores.
python.start({ warmUpUntil: () => steps.currentName() === "documents" });
