// Whether the attempts so far are enough to go to the judge, as rdv_forms' analysis says,
// with its warnings. Shown on the attempts step once Python is ready; redrawn, a moment
// after the last change, each time the attempts change.

import { collect } from "./answers.js";

const DELAY_MS = 150;

export function createVerdict(page, state, python) {
  const box = document.getElementById("verdict");
  const own = { timer: null };

  async function draw() {
    if (!python.ready) return;
    try {
      const { analysis } = await python.call({ action: "check", answers: collect(page, state) });
      box.replaceChildren();
      if (!analysis) return;
      const verdict = document.createElement("p");
      verdict.className = `verdict__main verdict__main--${analysis.verdict.ready ? "ready" : "wait"}`;
      verdict.textContent = analysis.verdict.message;
      box.append(verdict);
      if (analysis.warnings?.length) {
        const list = document.createElement("ul");
        list.className = "verdict__warnings";
        for (const warning of analysis.warnings) {
          const item = document.createElement("li");
          item.textContent = warning.message;
          list.append(item);
        }
        box.append(list);
      }
    } catch {
      box.replaceChildren();
    }
  }

  return {
    clear() {
      clearTimeout(own.timer);
      box.replaceChildren();
    },
    refresh() {
      clearTimeout(own.timer);
      own.timer = setTimeout(draw, DELAY_MS);
    },
  };
}
