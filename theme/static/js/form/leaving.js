// Leaving the form without leaving answers behind: « Effacer tout et quitter », and the
// browser's back-forward cache, which keeps a page as it was left, answers and documents
// included, and shows it again on Back (to the next person at a shared computer).

import { clearErrors } from "./validation.js";

// `forget`: what the other modules must drop (documents, the log, the review…).
export function setUpLeaving(page, state, python, steps, { forget }) {
  const { form, strings } = page;

  // Every answer and everything made from them, gone from the page.
  function forgetAll() {
    form.reset();
    state.tentatives = [];
    state.editing = null;
    state.touched = new Set();
    forget();
    clearErrors(page);
    document.getElementById("open-answers-error").hidden = true;
    if (!python.failed) python.announce(python.ready ? strings.ready : strings.loading);
    steps.updateConditionals();
  }

  document.getElementById("clear-and-leave").addEventListener("click", () => {
    if (!window.confirm(strings.confirm_clear)) return;
    forgetAll();
    python.stop();
    location.replace(form.dataset.home);
  });

  // A page going into the back-forward cache is emptied first; when it comes back, it
  // shows the step its address names as a new page would (the first one, since nothing
  // is answered).
  addEventListener("pagehide", (event) => {
    if (event.persisted) forgetAll();
  });
  addEventListener("pageshow", (event) => {
    if (event.persisted) steps.showFromAddress({ focus: false });
  });
}
