// « Ce que vous faites maintenant, dans l'ordre »: the checklist between the verdict and the
// documents. Its wording is in form.html (so it is in the catalogs, in every language);
// this module only picks the items that fit the answers and the verdict, and copies in the
// addresses the person gave. An item is an <li data-next="name">; hidden items are not
// counted by the <ol>, so the numbers stay 1, 2, 3… whatever is left out.
//
//   email / email-find   the e-mail to the préfecture, with its address, or how to find it
//   lettre               the registered letter and what to keep
//   essais               keep trying and logging (a paragraph per channel: data-canal)
//   refere               how to file, once the verdict says ready
//   refere-later         not ready yet: keep going, come back
//   refere-blocked       no référé alone (a prior decision; out of the CESEDA's scope)
//   enregistrer          save the answers; what to delete on a shared computer

import { choice, collect, inScope } from "./answers.js";

// The step on which the référé's filing depends on the verdict: unknown until Python
// has answered, the item is left out rather than guessed.
function refereItem(analysis, scoped) {
  if (!scoped) return "refere-blocked";
  const verdict = analysis?.verdict;
  if (!verdict) return null;
  if (verdict.refere_allowed === false) return "refere-blocked";
  return verdict.ready ? "refere" : "refere-later";
}

// "a.b c.d" → the answers at those paths, the empty ones left out, one per line.
function answerText(answers, paths) {
  return paths
    .split(" ")
    .map((path) => path.split(".").reduce((value, key) => value?.[key], answers))
    .filter((value) => typeof value === "string" && value.trim())
    .join("\n");
}

export function createNextSteps(page, state) {
  const root = document.getElementById("next-steps");
  const own = { analysis: null };

  function render() {
    const answers = collect(page, state);
    const scoped = inScope(page.form);
    const shown = new Set(["essais", "enregistrer"]);
    if (scoped) {
      shown.add(answers.prefecture?.courriel_service_etrangers ? "email" : "email-find");
      shown.add("lettre");
    }
    const refere = refereItem(own.analysis, scoped);
    if (refere) shown.add(refere);
    for (const item of root.querySelectorAll(".next-steps__list > li")) {
      item.hidden = !shown.has(item.dataset.next);
    }
    const canal = choice(page.form, "demarche.canal");
    for (const paragraph of root.querySelectorAll("[data-canal]")) {
      paragraph.hidden = paragraph.dataset.canal !== canal;
    }
    for (const slot of root.querySelectorAll("[data-answer]")) {
      slot.textContent = answerText(answers, slot.dataset.answer);
      slot.hidden = !slot.textContent;
    }
  }

  // The same action as the button at the top of the page (form/files.js). The click goes
  // no further: the form takes a click on one of its buttons for a change to the answers
  // (form/leaving.js), which would undo « saved » at once.
  root.querySelector('[data-action="save-answers"]').addEventListener("click", (event) => {
    event.stopPropagation();
    document.getElementById("save-answers").click();
  });

  return {
    render,
    // The verdict's analysis (form/verdict.js), or null while none is drawn.
    setAnalysis(analysis) {
      own.analysis = analysis;
      render();
    },
    clear() {
      own.analysis = null;
      for (const slot of root.querySelectorAll("[data-answer]")) slot.textContent = "";
    },
  };
}
