// The answers file, the only way answers outlive the page: « Enregistrer mes réponses »
// downloads them, « Ouvrir mes réponses » puts a saved file back in the form.

import { collect, fill, isAnswers } from "./answers.js";

const FILE_NAME = "mes-reponses-rdv-prefecture.json";
const MAX_BYTES = 1_000_000;

// `opened`: runs once a file's answers are in the form, to redraw what depends on them.
export function setUpFiles(page, state, python, { opened }) {
  const { strings } = page;

  document.getElementById("save-answers").addEventListener("click", () => {
    const blob = new Blob([JSON.stringify(collect(page, state), null, 2)], {
      type: "application/json",
    });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = FILE_NAME;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  });

  document.getElementById("open-answers").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    const error = document.getElementById("open-answers-error");
    error.hidden = true;
    if (!file) return;
    try {
      if (file.size > MAX_BYTES) throw new Error("too big");
      const answers = JSON.parse(await file.text());
      if (!isAnswers(page.config.schema, answers)) throw new Error("format");
      fill(page, state, answers);
      python.announce(strings.opened);
      opened();
    } catch {
      error.textContent = strings.open_failed;
      error.hidden = false;
    } finally {
      event.target.value = "";
    }
  });
}
