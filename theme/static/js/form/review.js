// The « Vérifiez vos réponses » step: the answers of every step that applies, grouped by
// step, each with a link back to its field; every attempt of the log, in date order.

import { attemptDetails, detailText, moyenLabels, sortedAttempts } from "./attempts.js";
import { displayDate, readDate } from "./typed.js";
import { fieldLabel, stepFields } from "./validation.js";

const NOT_ANSWERS = new Set(["verification", "documents"]);

export function createReview({ form, strings }, state, steps) {
  const moyenLabel = moyenLabels();
  const container = document.getElementById("check-answers");

  // The answer as the person sees it: a choice's label, a date as dd/mm/yyyy.
  function displayValue(el) {
    if (el.type === "checkbox" || el.type === "radio") {
      const checked = [...form.querySelectorAll(`input[name="${el.name}"]:checked`)];
      return checked
        .map((input) => form.querySelector(`label[for="${input.id}"]`).textContent.trim())
        .join(", ");
    }
    if (el.tagName === "SELECT") {
      return el.value ? el.options[el.selectedIndex].textContent.trim() : "";
    }
    if (el.dataset.type === "date") {
      const { iso } = readDate(el.value);
      return iso ? displayDate(iso) : el.value.trim();
    }
    return el.value.trim();
  }

  function row(stepName, label, value, fieldId) {
    const element = document.createElement("div");
    element.className = "summary-list__row";
    const dt = document.createElement("dt");
    dt.textContent = label;
    const dd = document.createElement("dd");
    dd.textContent = value || strings.not_given;
    // Each answer in its own direction: « 12 rue de la Paix » stays so in an Arabic page.
    dt.dir = dd.dir = "auto";
    const change = document.createElement("dd");
    change.className = "summary-list__change";
    const link = document.createElement("a");
    link.href = `#etape-${stepName}`;
    link.textContent = strings.change;
    const hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = ` : ${label}`;
    link.append(hidden);
    // The step comes on screen on the address change, with its heading focused: the
    // field is focused after that.
    link.addEventListener("click", () => {
      const focusField = () => document.getElementById(fieldId)?.focus();
      addEventListener("hashchange", focusField, { once: true });
    });
    change.append(link);
    element.append(dt, dd, change);
    return element;
  }

  function stepRows(step) {
    const name = step.dataset.step;
    if (name === "tentatives") {
      const count = strings.summary_attempts.replace("{count}", state.tentatives.length);
      return [
        row(name, strings.steps.tentatives, count, "log-date"),
        ...sortedAttempts(state.tentatives).map(({ row: attempt }) => {
          const when = [attempt.date && displayDate(attempt.date), attempt.heure]
            .filter(Boolean)
            .join(" ");
          const how = moyenLabel[attempt.moyen] || attempt.moyen;
          const details = attemptDetails(attempt, strings).map(([field, value]) =>
            detailText(strings, field, value),
          );
          // One line each, so that French and Arabic or Persian parts never run together.
          const what = [how, ...details, attempt.resultat, attempt.preuve]
            .filter(Boolean)
            .join("\n");
          return row(name, when, what, "log-date");
        }),
      ];
    }
    const rows = [];
    const seen = new Set();
    for (const el of stepFields(step)) {
      // The step itself is hidden (this one is on screen): skip only the fields hidden
      // inside it, which do not apply to these answers.
      const hidden = el.closest("[hidden]");
      if (seen.has(el.name) || (hidden && hidden !== step)) continue;
      seen.add(el.name);
      rows.push(row(name, fieldLabel(el), displayValue(el), el.id));
    }
    return rows;
  }

  return {
    clear: () => container.replaceChildren(),
    render() {
      container.replaceChildren();
      for (const step of steps.active()) {
        const name = step.dataset.step;
        if (NOT_ANSWERS.has(name)) continue;
        const heading = document.createElement("h3");
        heading.textContent = strings.steps[name] || name;
        const list = document.createElement("dl");
        list.className = "summary-list";
        list.append(...stepRows(step));
        container.append(heading, list);
      }
    },
  };
}
