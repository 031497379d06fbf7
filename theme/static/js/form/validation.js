// Checking a step's answers: first the browser's own checks on each field, then, once
// Python is ready, rdv_forms' checks on the whole answers. Errors are shown next to their
// field and in a summary at the top, whose links move to the field.

import { collect, today } from "./answers.js";
import { readDate, readInteger, readTime } from "./typed.js";

// The message for `el`'s answer, or "" when it is fine or not asked (hidden). `step`:
// check it even though its own step is not the one on screen.
export function fieldError(strings, el, step = null) {
  const hidden = el.closest("[hidden]");
  if (hidden && hidden !== step) return "";
  const validity = el.validity;
  const kind = el.dataset.type;
  if (kind && el.value.trim()) return typedError(strings, el, kind);
  if (validity.valueMissing) return el.type === "radio" ? strings.required_choice : strings.required;
  if (validity.typeMismatch && el.type === "email") return strings.bad_email;
  if (validity.tooLong) return strings.too_long.replace("{max}", el.maxLength);
  return "";
}

// A date that does not exist, one that cannot be read, a time, a number out of its range.
function typedError(strings, el, kind) {
  if (kind === "date") {
    const { iso, problem } = readDate(el.value);
    if (problem) return strings[`date_${problem}`];
    if (el.dataset.past === "true" && iso >= today()) return strings.future_date;
  } else if (kind === "time") {
    if (readTime(el.value).problem) return strings.bad_time;
  } else if (kind === "integer") {
    const { number, problem } = readInteger(el.value);
    const [min, max] = [Number(el.dataset.min), Number(el.dataset.max)];
    if (problem || number < min || number > max) {
      return strings.number_range.replace("{min}", min).replace("{max}", max);
    }
  }
  return "";
}

export function stepFields(step) {
  return step.querySelectorAll("input[name], select[name], textarea[name]");
}

export function clearErrors({ form }) {
  const summary = document.getElementById("error-summary");
  summary.hidden = true;
  summary.querySelector("ul").replaceChildren();
  for (const message of form.querySelectorAll(".field-error")) {
    message.hidden = true;
    message.textContent = "";
  }
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  for (const box of form.querySelectorAll(".field--error")) box.classList.remove("field--error");
}

// The field an rdv_forms error path (« personne.nom », « tentatives.2.date ») points to.
function fieldFor({ form }, path) {
  const name = path.replace(/\.\d+\./, ".").replace(/\[\d+\]/, "");
  return (
    form.querySelector(`[name="${CSS.escape(path)}"]`) ||
    form.querySelector(`[name="${CSS.escape(name)}"]`)
  );
}

// The question a field answers, as its label or legend shows it (without « (facultatif) »).
export function fieldLabel(el) {
  const box = el.closest("fieldset.field") || el.closest(".field");
  const label = box?.querySelector("legend") || document.querySelector(`label[for="${el.id}"]`);
  return label ? label.firstChild.textContent.trim() : el.name;
}

function showErrors(page, errors) {
  clearErrors(page);
  if (!errors.length) return;
  const summary = document.getElementById("error-summary");
  const list = summary.querySelector("ul");
  for (const { el, message } of errors) {
    const box = el.closest(".field") || el.closest("fieldset") || el.parentElement;
    box.classList.add("field--error");
    const slot = box.querySelector(".field-error");
    if (slot && !slot.textContent) {
      slot.textContent = message;
      slot.hidden = false;
    }
    const target = el.type === "radio" ? box.querySelector("input") : el;
    target.setAttribute("aria-invalid", "true");
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = `#${target.id}`;
    // The summary names the question, on a line of its own, so the person knows which
    // field is wrong before following the link.
    const question = document.createElement("span");
    question.className = "error-summary__field";
    question.textContent = fieldLabel(el);
    link.append(question, ` ${message}`);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      target.focus();
    });
    item.append(link);
    list.append(item);
  }
  summary.hidden = false;
  summary.focus();
}

// Shows the step's errors; true when there are none.
export async function validateStep(page, state, python, step) {
  const errors = [];
  const seen = new Set();
  for (const el of stepFields(step)) {
    if (seen.has(el.name) && el.type === "radio") continue;
    const message = fieldError(page.strings, el);
    if (message) {
      errors.push({ el, message });
      seen.add(el.name);
    }
  }
  if (python.ready) {
    try {
      const response = await python.call({ action: "check", answers: collect(page, state) });
      for (const error of response.errors || []) {
        const el = fieldFor(page, error.path);
        const already = errors.some((e) => e.el.name === el?.name);
        if (el && !already && step.contains(el) && !el.closest("[hidden]")) {
          errors.push({ el, message: error.message });
        }
      }
    } catch {
      // Python errors never block the person: the documents step reports them.
    }
  }
  showErrors(page, errors);
  return errors.length === 0;
}
