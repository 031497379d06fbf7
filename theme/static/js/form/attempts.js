// The attempts log: a table of the person's attempts to get an appointment, in date
// order, and the editor below it that adds a row or changes one. The rows are answers
// (`state.tentatives`); the editor's own fields are not.

import { choice, nowTime, today } from "./answers.js";
import { displayDate, fieldValue, readDate, readTime, showValue } from "./typed.js";

// The table's columns. Each kind of attempt has its own fields besides (rdv_forms'
// `attempt_fields`): the editor shows that kind's and empties the others.
const FIELDS = ["date", "heure", "moyen", "resultat", "preuve"];
const KIND_FIELDS = ["message_erreur", "reference", "lieu", "avec_temoin", "accuse_reception"];
// The first kind of attempt offered for each channel.
const CHANNEL_MOYEN = { anef: "anef", demande_en_ligne: "demande_en_ligne" };
const input = (key) => document.getElementById(`log-${key}`);

// The kinds of attempt, from the editor's list: { code: label }. Each option also lists
// its kind's own fields (`data-fields`).
export function moyenLabels() {
  return Object.fromEntries([...input("moyen").options].map((o) => [o.value, o.textContent]));
}

// The fields of its own kind that a row holds, as [label, value] for the person to read: the
// editor's labels, « Oui »/« Non » for the yes-or-no ones.
export function attemptDetails(row, strings) {
  const kind = [...input("moyen").options].find((o) => o.value === row.moyen);
  return (kind?.dataset.fields || "")
    .split(" ")
    .filter((key) => key && row[key])
    .map((key) => {
      const label = document.querySelector(`label[for="log-${key}"]`).textContent.trim();
      const yesNo = { oui: strings.yes, non: strings.no };
      return [label, input(key).tagName === "SELECT" ? yesNo[row[key]] || row[key] : row[key]];
    });
}

// « Label : value », the value isolated (U+2068…U+2069) so that a French value keeps its
// order next to an Arabic or Persian label.
export function detailText(strings, label, value) {
  return strings.field_value.replace("{field}", label).replace("{value}", `\u2068${value}\u2069`);
}

// The rows in date and time order, each with its index in `rows`.
export function sortedAttempts(rows) {
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => `${a.row.date} ${a.row.heure}`.localeCompare(`${b.row.date} ${b.row.heure}`));
}

// `onChange` runs after every change to the rows.
export function createAttempts({ form, strings }, state, { onChange }) {
  const moyenLabel = moyenLabels();
  const kindFields = () => {
    const select = input("moyen");
    const fields = select.options[select.selectedIndex]?.dataset.fields || "";
    return fields.split(" ").filter(Boolean);
  };

  function showKindFields() {
    const own = kindFields();
    for (const key of KIND_FIELDS) {
      const shown = own.includes(key);
      input(key).closest(".field").hidden = !shown;
      if (!shown) input(key).value = "";
    }
  }
  const error = document.getElementById("log-editor-error");

  function render() {
    const body = document.querySelector("#log-table tbody");
    body.replaceChildren();
    for (const { row, index } of sortedAttempts(state.tentatives)) {
      body.append(rowElement(row, index));
    }
    document.getElementById("log-empty").hidden = state.tentatives.length > 0;
    onChange();
  }

  // A row of the table; on a phone each row is a card, each cell under its column's name
  // (`data-label`). The kind's own fields go under the kind, each with its label.
  function rowElement(row, index) {
    const tr = document.createElement("tr");
    const headings = [...document.querySelectorAll("#log-table thead th")];
    FIELDS.forEach((key, column) => {
      const td = document.createElement("td");
      td.dataset.label = headings[column].textContent.trim();
      if (key === "moyen") {
        const kind = document.createElement("span");
        kind.className = "log__kind";
        kind.textContent = moyenLabel[row.moyen] || row.moyen;
        td.append(kind);
        for (const [label, value] of attemptDetails(row, strings)) {
          const detail = document.createElement("span");
          detail.className = "log__detail";
          detail.textContent = detailText(strings, label, value);
          td.append(detail);
        }
      } else {
        td.textContent = key === "date" && row.date ? displayDate(row.date) : row[key];
      }
      if (key === "date" || key === "heure") td.dir = "ltr";
      tr.append(td);
    });
    const actions = document.createElement("td");
    actions.className = "log__actions";
    const label = strings.row_label.replace("{date}", row.date ? displayDate(row.date) : "");
    for (const [action, text] of [
      [edit, strings.edit],
      [remove, strings.remove],
    ]) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button button--small button--secondary";
      button.textContent = text;
      button.setAttribute("aria-label", `${text} : ${label}`);
      button.addEventListener("click", () => action(index));
      actions.append(button);
    }
    tr.append(actions);
    return tr;
  }

  function editorRow() {
    return Object.fromEntries(
      [...FIELDS, ...kindFields()].map((key) => [key, fieldValue(input(key)).trim()]),
    );
  }

  function resetEditor() {
    state.editing = null;
    for (const key of [...FIELDS, ...KIND_FIELDS]) input(key).value = "";
    input("moyen").value = CHANNEL_MOYEN[choice(form, "demarche.canal")] || "internet";
    showKindFields();
    document.getElementById("log-editor-legend").textContent = strings.add_legend;
    document.getElementById("log-save").textContent = strings.add;
    document.getElementById("log-cancel").hidden = true;
    error.hidden = true;
    error.textContent = "";
  }

  function save(row) {
    const date = readDate(row.date);
    let problem = "";
    let wrong = "date";
    if (!row.date) problem = strings.log_date_needed;
    else if (date.problem) problem = strings[`date_${date.problem}`];
    else if (row.date > today()) problem = strings.log_future;
    else if (readTime(row.heure).problem) [problem, wrong] = [strings.bad_time, "heure"];
    for (const key of ["date", "heure"]) input(key).removeAttribute("aria-invalid");
    if (problem) {
      error.textContent = problem;
      error.hidden = false;
      input(wrong).setAttribute("aria-invalid", "true");
      input(wrong).focus();
      return;
    }
    if (state.editing === null) state.tentatives.push(row);
    else state.tentatives[state.editing] = row;
    resetEditor();
    render();
  }

  function edit(index) {
    state.editing = index;
    const row = state.tentatives[index];
    for (const key of [...FIELDS, ...KIND_FIELDS]) showValue(input(key), row[key] ?? "");
    showKindFields();
    document.getElementById("log-editor-legend").textContent = strings.edit_legend;
    document.getElementById("log-save").textContent = strings.update;
    document.getElementById("log-cancel").hidden = false;
    input("date").focus();
  }

  function remove(index) {
    state.tentatives.splice(index, 1);
    if (state.editing !== null) resetEditor();
    render();
    input("date").focus();
  }

  document.getElementById("log-save").addEventListener("click", () => save(editorRow()));
  document.getElementById("log-cancel").addEventListener("click", resetEditor);
  input("moyen").addEventListener("change", showKindFields);
  document.getElementById("log-now").addEventListener("click", () => {
    state.editing = null;
    save({
      date: today(),
      heure: nowTime(),
      moyen: "internet",
      resultat: "Aucun créneau disponible",
      preuve: "",
    });
  });

  // A new row starts as the channel's own kind of attempt, unless one is being typed.
  function fitChannel() {
    if (state.editing === null && !input("date").value) resetEditor();
  }

  // The attempt being typed and not yet added, for the form in another language: its fields
  // and the row it changes (or null), or null when the editor is as `resetEditor` left it.
  function typing() {
    const row = editorRow();
    const fresh = input("moyen").value === (CHANNEL_MOYEN[choice(form, "demarche.canal")] || "internet");
    const typed = Object.entries(row).some(([key, value]) => key !== "moyen" && value);
    if (state.editing === null && fresh && !typed) return null;
    return { row, editing: state.editing };
  }

  // Puts back what `typing` gave, on the page in the other language, as it was: not added.
  function resumeTyping(carried) {
    const { row = {}, editing = null } = carried || {};
    const index = Number.isInteger(editing) && state.tentatives[editing] ? editing : null;
    if (index !== null) edit(index);
    for (const key of [...FIELDS, ...KIND_FIELDS]) {
      if (typeof row[key] === "string") showValue(input(key), row[key]);
    }
    showKindFields();
    for (const key of kindFields()) {
      if (typeof row[key] === "string") showValue(input(key), row[key]);
    }
  }

  return { render, resetEditor, fitChannel, typing, resumeTyping };
}
