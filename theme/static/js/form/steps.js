// The steps: which ones apply to these answers, which one is on screen, and moving
// between them. Each step has an address (#etape-<name>), so the browser's Back and
// Forward move between steps, and a step's links can point to another step.

import { choice, inScope } from "./answers.js";
import { clearErrors, fieldError, stepFields, validateStep } from "./validation.js";

// Steps only the référé needs: skipped where the CESEDA does not apply.
const ONLY_FOR_REFERE = new Set(["temoin", "urgence", "avocat", "demandes"]);

// `onShow`: { <step name>: function } run each time that step comes on screen.
export function createSteps(page, state, python, { onShow }) {
  const { form, strings, steps } = page;

  const applies = (step) => !(ONLY_FOR_REFERE.has(step.dataset.step) && !inScope(form));
  const active = () => steps.filter(applies);
  const current = () => steps.find((step) => !step.hidden);
  const currentName = () => current()?.dataset.step;

  // Shows the fields and notices that depend on other answers.
  function updateConditionals() {
    const type = choice(form, "demarche.type");
    for (const el of form.querySelectorAll("[data-show-when]")) {
      el.hidden = !el.dataset.showWhen.split(" ").includes(type);
    }
    // « name=value1 value2 »: shown while the radio `name` has one of these values.
    for (const el of form.querySelectorAll("[data-show-if]")) {
      const [name, values] = el.dataset.showIf.split("=");
      el.hidden = !values.split(" ").includes(choice(form, name));
    }
    for (const el of form.querySelectorAll("[data-show-when-temoin]")) {
      el.hidden = choice(form, "a_temoin") !== el.dataset.showWhenTemoin;
    }
    for (const el of form.querySelectorAll("[data-show-when-avocat]")) {
      el.hidden = choice(form, "a_avocat") !== el.dataset.showWhenAvocat;
    }
    document.getElementById("out-of-scope").hidden = inScope(form);
  }

  function show(name, { focus = true } = {}) {
    const shown = active();
    const target = shown.find((step) => step.dataset.step === name) || shown[0];
    for (const step of steps) step.hidden = step !== target;
    const index = shown.indexOf(target);
    const last = target.dataset.step === "documents";
    document.getElementById("progress").textContent = last
      ? ""
      : strings.step_of.replace("{current}", index + 1).replace("{total}", shown.length - 1);
    document.getElementById("step-back").hidden = index === 0;
    const next = document.getElementById("step-next");
    next.hidden = last;
    next.textContent =
      target.dataset.step === "verification" ? strings.make_documents : strings.continue;
    clearErrors(page);
    onShow[target.dataset.step]?.();
    if (focus) target.querySelector("h2").focus();
  }

  // The step `name` if every step before it is complete, else the first one that is not.
  // Answers are never kept, so a reload, a bookmark or a partly saved answers file would
  // otherwise land the person on documents made from nothing; this way they land where
  // answers are still needed.
  function reachable(name) {
    const shown = active();
    const index = shown.findIndex((step) => step.dataset.step === name);
    for (const step of shown.slice(0, Math.max(index, 0))) {
      if ([...stepFields(step)].some((el) => fieldError(strings, el, step))) {
        return step.dataset.step;
      }
    }
    return index < 0 ? shown[0].dataset.step : name;
  }

  function showReachable(name, options) {
    const reached = reachable(name);
    if (location.hash && reached !== name) history.replaceState(null, "", `#etape-${reached}`);
    show(reached, options);
  }

  function goTo(name) {
    const hash = `#etape-${name}`;
    if (location.hash === hash) showReachable(name);
    else location.hash = hash;
  }

  // The step the page's address names, or the first one.
  function showFromAddress(options) {
    showReachable(location.hash.replace(/^#etape-/, ""), options);
  }

  window.addEventListener("hashchange", () => {
    const name = location.hash.replace(/^#etape-/, "");
    if (steps.some((step) => step.dataset.step === name)) showReachable(name);
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const step = current();
    if (!(await validateStep(page, state, python, step))) return;
    const shown = active();
    const after = shown.slice(shown.indexOf(step) + 1);
    // A file from an older version: only the steps with its new questions, then the review.
    const named = (names) => after.find((s) => names.includes(s.dataset.step));
    const next = state.pending ? named(state.pending) || named(["verification"]) : after[0];
    if (next) goTo(next.dataset.step);
  });

  document.getElementById("step-back").addEventListener("click", () => {
    const shown = active();
    const previous = shown[shown.indexOf(current()) - 1];
    if (previous) goTo(previous.dataset.step);
  });

  return { active, currentName, updateConditionals, goTo, showFromAddress };
}
