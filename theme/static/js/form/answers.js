// The answers, as rdv_forms reads them, and the form fields that hold them.
//
// Their shape comes from rdv_forms itself: the build puts the answers' JSON schema (the
// API's `schema` action) in the page, and `skeleton` makes the empty answers from it, so a
// field added to rdv_forms reaches the page without a change here. The attempts log has
// no form field: its rows live in `state.tentatives`.

import { fieldValue, showValue } from "./typed.js";

export { displayDate } from "./typed.js";

// The empty answers the schema describes: every group, every field at its empty value
// ("" for text and choices, [] for lists, null for numbers).
export function skeleton(schema) {
  const resolve = (node) => {
    if (node.$ref) return resolve(schema.$defs[node.$ref.split("/").pop()]);
    const object = node.anyOf?.find((option) => option.type !== "null");
    return object ? resolve(object) : node;
  };
  const empty = (node) => {
    const resolved = resolve(node);
    const types = [resolved.type ?? []].flat();
    if (resolved.properties) {
      return Object.fromEntries(
        Object.entries(resolved.properties).map(([key, value]) => [key, empty(value)]),
      );
    }
    if (types.includes("array")) return [];
    if (types.includes("string") || resolved.enum?.includes("")) return "";
    return null;
  };
  // The current version: the page saves in it.
  return { ...empty(schema), version: versions(schema).newest };
}

// The answers file versions rdv_forms reads (it migrates the older ones as it reads them).
function versions(schema) {
  const { minimum, maximum, const: only } = schema.properties.version;
  return { oldest: only ?? minimum, newest: only ?? maximum };
}

// Whether `data`, read from a file, is answers in a version rdv_forms reads.
export function isAnswers(schema, data) {
  const { oldest, newest } = versions(schema);
  const version = data?.version;
  return (
    typeof data === "object" &&
    !Array.isArray(data) &&
    Number.isInteger(version) &&
    version >= oldest &&
    version <= newest
  );
}

export function today() {
  return isoDate(new Date());
}

export function nowTime() {
  const now = new Date();
  return `${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

function isoDate(date) {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function pad(number) {
  return String(number).padStart(2, "0");
}

// The fields that hold answers (the attempts editor's are not: its rows are in the state).
export function namedFields(form) {
  return [...form.elements].filter((el) => el.name && !el.closest(".log-editor"));
}

export function choice(form, name) {
  const checked = form.querySelector(`input[name="${name}"]:checked`);
  return checked ? checked.value : "";
}

function setChoice(form, name, value) {
  const input = form.querySelector(`input[name="${name}"][value="${value}"]`);
  if (input) input.checked = true;
}

// The answers as the form holds them now.
export function collect({ form, blank }, state) {
  const answers = structuredClone(blank);
  answers.tentatives = state.tentatives.map((row) => ({ ...row }));
  for (const el of namedFields(form)) {
    const [group, key] = el.name.split(".");
    // A question that does not apply to the other answers (ANEF's, for another channel).
    if (el.closest("[data-show-if][hidden]")) continue;
    if (!key) {
      if (el.name in answers) answers[el.name] = fieldValue(el);
      continue;
    }
    const values = (answers[group] ??= {});
    if (el.type === "checkbox") {
      if (el.checked) (values[key] ??= []).push(el.value);
    } else if (el.type === "radio") {
      if (el.checked) values[key] = el.value;
      else values[key] ??= "";
    } else {
      values[key] = fieldValue(el);
    }
  }
  if (choice(form, "a_temoin") !== "oui") answers.temoin = null;
  if (choice(form, "a_avocat") !== "oui") answers.avocat = null;
  return answers;
}

// Puts `answers` (an opened answers file) in the fields and the state. The caller then
// redraws what depends on them (the attempts log, the conditional fields).
export function fill({ form }, state, answers) {
  form.reset();
  for (const el of namedFields(form)) {
    const [group, key] = el.name.split(".");
    const value = key ? answers[group]?.[key] : answers[el.name];
    if (el.type === "checkbox") el.checked = Array.isArray(value) && value.includes(el.value);
    else if (el.type === "radio") el.checked = value === el.value;
    else showValue(el, value);
  }
  setChoice(form, "a_temoin", answers.temoin ? "oui" : "non");
  setChoice(form, "a_avocat", answers.avocat ? "oui" : "non");
  state.tentatives = Array.isArray(answers.tentatives)
    ? answers.tentatives.map((row) => ({ ...EMPTY_ATTEMPT, ...row }))
    : [];
  state.touched = new Set(Object.keys(COURT_FIELDS));
  state.versionRead = answers.version; // an older one: the form asks its new questions
}

export const EMPTY_ATTEMPT = { date: "", heure: "", moyen: "internet", resultat: "", preuve: "" };

// ---------------------------------------------------------------- département

// The fields the département fills in, from its row of rdv_forms' courts table (the
// `courts` API, rendered into the <option>'s data attributes at build time).
const COURT_FIELDS = {
  "prefecture.nom": "prefectureNom",
  "prefecture.adresse": "prefectureAdresse",
  "prefecture.formule": "prefectureFormule",
  "tribunal.nom": "tribunalNom",
  "tribunal.adresse": "tribunalAdresse",
};

export function selectedDepartement(form) {
  const select = form.elements.departement;
  return select.selectedIndex > 0 ? select.options[select.selectedIndex] : null;
}

// False only when a département is chosen where the CESEDA does not apply.
export function inScope(form) {
  const option = selectedDepartement(form);
  return !option || option.dataset.inScope === "true";
}

// The département fills the préfecture and the court, unless the person already typed
// something of their own there. A field the row leaves empty goes back to its default
// (the salutation: « Madame la Préfète, Monsieur le Préfet »).
export function fillFromDepartement(form, state) {
  const option = selectedDepartement(form);
  for (const [name, data] of Object.entries(COURT_FIELDS)) {
    const el = form.elements[name];
    if (!el) continue;
    const value = courtValue(form, option, name, data) || defaultValue(el);
    if (!el.value || !state.touched.has(name) || el.dataset.autofilled === el.value) {
      el.value = value;
      el.dataset.autofilled = value;
      state.touched.delete(name);
    }
  }
}

// The préfecture's address goes with the préfecture's own name only: under another office's
// name (« Sous-préfecture du Havre »), it is left for the person to type, as rdv_forms leaves
// it blank (Writer.prefecture_adresse). Called again when the office's name changes.
function courtValue(form, option, name, data) {
  const value = option?.dataset[data] || "";
  const nom = form.elements["prefecture.nom"]?.value || "";
  if (name !== "prefecture.adresse" || !value || !nom) return value;
  return sameOffice(nom, option.dataset.prefectureNom || "") ? value : "";
}

// « Préfecture du Rhône » and « préfecture  du rhône » name the same office (Writer.same_office).
function sameOffice(nom, known) {
  const clean = (text) => text.split(/\s+/).filter(Boolean).join(" ").toLowerCase();
  return Boolean(known) && clean(nom) === clean(known);
}

function defaultValue(el) {
  if (el.tagName !== "SELECT") return "";
  const option = [...el.options].find((o) => o.defaultSelected) || el.options[0];
  return option?.value ?? "";
}
