// The answers file, the only way answers outlive the page: « Enregistrer mes réponses »
// downloads them, « Ouvrir mes réponses » puts a saved file back in the form.
//
// Opening checks the whole file before it touches the form: its size (before reading it),
// that it is JSON, its version, then rdv_forms' own validation (the worker's `check`). A
// file that fails says what is wrong and leaves the answers on screen as they were; one
// that passes replaces them only once the person said yes, if they had typed any.

import { collect, fill, isAnswers } from "./answers.js";

const FILE_NAME = "mes-reponses-rdv-prefecture.json";
// rdv_forms reads no answers file over 2 MB (MAX_SOURCE_BYTES in forms/rdv_forms/answers.py):
// the page refuses one before reading it, so a huge file never freezes the page.
export const MAX_BYTES = 2_000_000;
// Far more keys than the fullest answers have (about 2,000 with 200 attempts): a file
// beyond is refused before rdv_forms spends seconds listing what it does not know.
const MAX_KEYS = 10_000;
// The errors shown for a refused file: the first ones say enough to find the file's fault.
const MAX_SHOWN = 5;

// A file the page will not open: `message` says why, `details` are rdv_forms' messages.
class Refused extends Error {
  constructor(message, details = []) {
    super(message);
    this.details = details;
  }
}

// `opened`: runs once a file's answers are in the form, to redraw what depends on them.
export function setUpFiles(page, state, python, { opened }) {
  const { strings } = page;
  const error = document.getElementById("open-answers-error");

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
    state.unsaved = false;
  });

  // Says why the file was not opened: `message`, rdv_forms' first few `details`, and that
  // the answers on screen are as they were (`open_failed` says it already).
  function refuse(message, details = []) {
    const unchanged = message === strings.open_failed ? "" : ` ${strings.open_unchanged}`;
    error.replaceChildren(message + unchanged);
    if (details.length) {
      const list = document.createElement("ul");
      for (const line of details.slice(0, MAX_SHOWN)) {
        const item = document.createElement("li");
        item.textContent = line;
        list.append(item);
      }
      error.append(list);
    }
    error.hidden = false;
  }

  // The file's answers, checked: throws `Refused` with what to tell the person.
  async function read(file) {
    if (file.size > MAX_BYTES) {
      throw new Refused(strings.open_too_big.replace("{max}", MAX_BYTES / 1_000_000));
    }
    let data;
    try {
      data = JSON.parse(await file.text());
    } catch {
      throw new Refused(strings.open_not_json);
    }
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      throw new Refused(strings.open_failed);
    }
    if (!isAnswers(page.config.schema, data)) throw new Refused(strings.open_wrong_version);
    const answers = keepKnown(page.config.schema, data);
    if (countKeys(answers) > MAX_KEYS) throw new Refused(strings.open_too_many);
    if (!hasAnswer(answers)) throw new Refused(strings.open_empty);
    // Python still loading (or unable to): the page's own checks only, so a file opens at
    // once on a slow connection; rdv_forms checks the answers again on each step.
    if (python.failed || !python.ready) return answers;
    let reply;
    try {
      reply = await python.call({ action: "check", answers });
    } catch {
      return answers; // Python could not run: the form still works without it
    }
    const errors = reply.errors || [];
    if (!reply.ok || errors.length) {
      const messages = errors.map((e) => (e.path ? `${e.path} : ${e.message}` : e.message));
      throw new Refused(strings.open_invalid, messages);
    }
    return answers;
  }

  document.getElementById("open-answers").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    error.hidden = true;
    if (!file) return;
    try {
      const answers = await read(file);
      if (state.answered && !window.confirm(strings.open_replace)) return;
      fill(page, state, answers);
      state.unsaved = false;
      state.answered = true;
      python.announce(strings.opened);
      opened();
    } catch (problem) {
      if (problem instanceof Refused) refuse(problem.message, problem.details);
      else refuse(strings.open_failed);
    } finally {
      event.target.value = "";
    }
  });
}

// `data` with only the keys the answers' schema knows, for files in the newest version (an
// older one is migrated by rdv_forms, which knows its keys). Unknown keys are dropped, not
// refused: a file someone edited or a later tool added to still opens. Dropping them here
// also spares rdv_forms a hostile file's hundred thousand keys.
function keepKnown(schema, data) {
  if (data.version !== (schema.properties.version.const ?? schema.properties.version.maximum)) {
    return data;
  }
  const resolve = (node) => {
    if (node?.$ref) return resolve(schema.$defs[node.$ref.split("/").pop()]);
    const object = node?.anyOf?.find((option) => option.type !== "null");
    return object ? resolve(object) : node;
  };
  const keep = (node, value) => {
    const resolved = resolve(node);
    if (!resolved) return value;
    if (resolved.properties && isObject(value)) {
      const kept = {};
      for (const [key, child] of Object.entries(resolved.properties)) {
        if (Object.hasOwn(value, key)) kept[key] = keep(child, value[key]);
      }
      return kept;
    }
    if (resolved.items && Array.isArray(value)) {
      return value.map((item) => keep(resolved.items, item));
    }
    return value;
  };
  return keep(schema, data);
}

function countKeys(value) {
  if (Array.isArray(value)) return value.reduce((sum, item) => sum + countKeys(item), 0);
  if (!isObject(value)) return 0;
  return Object.values(value).reduce((sum, item) => sum + 1 + countKeys(item), 0);
}

function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Whether the file holds at least one answer: `{"version": 1}` alone would empty the form.
function hasAnswer(data) {
  const given = (value) =>
    Array.isArray(value)
      ? value.length > 0
      : isObject(value)
        ? Object.values(value).some(given)
        : value !== null && value !== undefined && value !== "";
  return Object.entries(data).some(([key, value]) => key !== "version" && given(value));
}
