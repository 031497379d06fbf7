// The guided interview. The form works as soon as the page is parsed; Python (Pyodide,
// in a Web Worker) is only needed to check answers against rdv_forms and to write the
// documents, and it is loaded in the background.
//
// Privacy: no answer is ever stored. No localStorage, no IndexedDB, no cookies. Answers
// live in this page's memory until the person saves them to a file or leaves. The one
// thing kept on the device is a memory snapshot of an empty Python runtime (see
// forms-worker.js), made by a worker that never receives an answer.

// Started by the boot script at the top of the page (plugins/pyodide_forms/boot.js).
const runtime = window.rdvForms ?? { start: () => null };

const form = document.getElementById("interview");
const config = JSON.parse(document.getElementById("form-data").dataset.config);
const S = config.strings;
const steps = [...form.querySelectorAll(".step")];
const state = { tentatives: [], editing: null, ready: false, documents: [], touched: new Set() };

// ---------------------------------------------------------------- Python worker

const statusLine = document.getElementById("runtime-status");
let worker = null;
let nextId = 1;
const pending = new Map();

function setStatus(stateName, text) {
  statusLine.dataset.state = stateName;
  statusLine.textContent = text;
  if (stateName !== "loading" && !document.body.dataset.runtime) {
    document.body.dataset.runtime = stateName;
    dispatchEvent(new Event("rdv:runtime-settled"));
  }
}

function startWorker() {
  worker = runtime.start();
  if (!worker) {
    runtimeFailed();
    return;
  }
  runtime.listen((event) => {
    if (event.type === "error") {
      runtimeFailed();
      return;
    }
    const message = event.data;
    if (message.type === "status") {
      if (message.state === "ready") {
        for (const [name, time] of message.phases || []) {
          performance.mark(`rdv:worker:${name}`, { startTime: time - performance.timeOrigin });
        }
        performance.mark("rdv:ready");
        document.body.dataset.pythonBoot = message.origin;
        if (message.origin === "fresh" && message.snapshots) snapshotWhenIdle();
        warmUpWhenIdle();
        state.ready = true;
        setStatus("ready", S.ready);
        refreshVerdict();
        const documents = document.getElementById("documents");
        if (currentStep()?.dataset.step === "documents" && documents.dataset.state !== "working") {
          renderDocuments();
        }
      } else {
        runtimeFailed(message.detail);
      }
      return;
    }
    const callbacks = pending.get(message.id);
    if (!callbacks) return;
    pending.delete(message.id);
    if (message.error) callbacks.reject(new Error(message.error));
    else callbacks.resolve(message.response);
  });
}

// While the person fills in the form, each document is made once on blank answers and
// thrown away: the browser then has compiled the code paths the person's own documents
// take, which makes them three times faster to appear. Only blank answers are sent, one
// document at a time and only when the page is idle. It stops for good once the person
// is on the documents step: their own documents do the same job, and a blank one queued
// in front of them would only make them wait.
function whenIdle() {
  return new Promise((resolve) =>
    window.requestIdleCallback ? requestIdleCallback(resolve, { timeout: 2000 }) : setTimeout(resolve, 50),
  );
}

async function warmUpWhenIdle() {
  for (const kind of Object.keys(S.explain)) {
    await whenIdle();
    if (currentStep()?.dataset.step === "documents") return;
    try {
      await callPython({ action: "generate", kind, blank: true, formats: ["html", "text", "odt"] });
    } catch {
      return;
    }
  }
  performance.mark("rdv:warmed-up");
}

// After a full boot, a second, throwaway worker makes the memory snapshot that lets the
// next visit start about three times faster. It waits until the page is idle, and it never
// sees the person's answers: only this page's worker does.
let snapshotWorker = null;

function snapshotWhenIdle() {
  const start = () => {
    try {
      snapshotWorker = new Worker(runtime.workerURL, { type: "module" });
    } catch {
      return;
    }
    const finish = (outcome) => {
      document.body.dataset.pythonSnapshot = outcome;
      snapshotWorker?.terminate();
      snapshotWorker = null;
    };
    snapshotWorker.onmessage = (event) => finish(event.data.type === "snapshot" ? event.data.state : "failed");
    snapshotWorker.onerror = () => finish("failed");
    snapshotWorker.postMessage({ type: "snapshot", ...runtime.files });
  };
  const idle = () => (window.requestIdleCallback ? requestIdleCallback(start, { timeout: 10_000 }) : start());
  setTimeout(idle, 2000);
}

function runtimeFailed(detail) {
  state.ready = false;
  if (detail) statusLine.dataset.detail = detail;
  setStatus("failed", S.failed);
  document.getElementById("runtime-failed").hidden = false;
}

function callPython(request) {
  if (!worker) return Promise.reject(new Error("no worker"));
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, request: { lang: config.lang, today: today(), ...request } });
  });
}

// ---------------------------------------------------------------- answers <-> fields

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function nowTime() {
  const now = new Date();
  return `${String(now.getHours()).padStart(2, "0")}:${String(now.getMinutes()).padStart(2, "0")}`;
}

function namedFields() {
  return [...form.elements].filter((el) => el.name && !el.closest(".log-editor"));
}

function choice(name) {
  const checked = form.querySelector(`input[name="${name}"]:checked`);
  return checked ? checked.value : "";
}

function collect() {
  const answers = {
    version: 1,
    personne: {},
    departement: "",
    prefecture: {},
    tribunal: {},
    demarche: {},
    tentatives: state.tentatives.map((row) => ({ ...row })),
    temoin: {},
    urgence: { motifs: [], details: "" },
    avocat: {},
    demandes: {},
    signature: {},
  };
  for (const el of namedFields()) {
    const [group, key] = el.name.split(".");
    if (!key) {
      if (el.name === "departement") answers.departement = el.value;
      continue;
    }
    if (el.type === "checkbox") {
      if (el.checked) answers[group][key].push(el.value);
    } else if (el.type === "radio") {
      if (el.checked) answers[group][key] = el.value;
      else if (!(key in answers[group])) answers[group][key] = "";
    } else if (el.type === "number") {
      answers[group][key] = el.value === "" ? null : Number(el.value);
    } else {
      answers[group][key] = el.value;
    }
  }
  if (choice("a_temoin") !== "oui") answers.temoin = null;
  if (choice("a_avocat") !== "oui") answers.avocat = null;
  return answers;
}

function fill(answers) {
  form.reset();
  for (const el of namedFields()) {
    const [group, key] = el.name.split(".");
    let value = key ? answers[group]?.[key] : answers[el.name];
    if (el.type === "checkbox") el.checked = Array.isArray(value) && value.includes(el.value);
    else if (el.type === "radio") el.checked = value === el.value;
    else el.value = value ?? "";
  }
  setChoice("a_temoin", answers.temoin ? "oui" : "non");
  setChoice("a_avocat", answers.avocat ? "oui" : "non");
  state.tentatives = Array.isArray(answers.tentatives)
    ? answers.tentatives.map((row) => ({ date: "", heure: "", moyen: "internet", resultat: "", preuve: "", ...row }))
    : [];
  state.touched = new Set(["prefecture.nom", "prefecture.adresse", "tribunal.nom", "tribunal.adresse"]);
  renderLog();
  updateConditionals();
}

function setChoice(name, value) {
  const input = form.querySelector(`input[name="${name}"][value="${value}"]`);
  if (input) input.checked = true;
}

// ---------------------------------------------------------------- which steps apply

function selectedCourt() {
  const select = form.elements.departement;
  return select.selectedIndex > 0 ? select.options[select.selectedIndex] : null;
}

function inScope() {
  const option = selectedCourt();
  return !option || option.dataset.inScope === "true";
}

const onlyForReferee = new Set(["temoin", "urgence", "avocat", "demandes"]);

function applies(step) {
  return !(onlyForReferee.has(step.dataset.step) && !inScope());
}

function activeSteps() {
  return steps.filter(applies);
}

function currentStep() {
  return steps.find((step) => !step.hidden);
}

function updateConditionals() {
  const type = choice("demarche.type");
  for (const el of form.querySelectorAll("[data-show-when]")) {
    el.hidden = !el.dataset.showWhen.split(" ").includes(type);
  }
  for (const el of form.querySelectorAll("[data-show-when-temoin]")) {
    el.hidden = choice("a_temoin") !== el.dataset.showWhenTemoin;
  }
  for (const el of form.querySelectorAll("[data-show-when-avocat]")) {
    el.hidden = choice("a_avocat") !== el.dataset.showWhenAvocat;
  }
  document.getElementById("out-of-scope").hidden = inScope();
}

function showStep(name, { focus = true } = {}) {
  const active = activeSteps();
  const target = active.find((step) => step.dataset.step === name) || active[0];
  for (const step of steps) step.hidden = step !== target;
  const index = active.indexOf(target);
  const progress = document.getElementById("progress");
  const last = target.dataset.step === "documents";
  progress.textContent = last ? "" : S.step_of.replace("{current}", index + 1).replace("{total}", active.length - 1);
  document.getElementById("step-back").hidden = index === 0;
  const next = document.getElementById("step-next");
  next.hidden = last;
  next.textContent = target.dataset.step === "verification" ? S.make_documents : S.continue;
  clearErrors();
  if (target.dataset.step === "verification") renderCheckAnswers();
  if (target.dataset.step === "documents") renderDocuments();
  if (target.dataset.step === "tentatives") refreshVerdict();
  if (focus) target.querySelector("h2").focus();
}

function goTo(name) {
  const hash = `#etape-${name}`;
  if (location.hash === hash) showReachableStep(name);
  else location.hash = hash;
}

// The step `name` if every step before it is complete, else the first one that is not.
// Answers are never kept, so a reload, a bookmark or a partly saved answers file would
// otherwise land the person on documents made from nothing; this way they land where
// answers are still needed.
function reachableStep(name) {
  const active = activeSteps();
  const index = active.findIndex((step) => step.dataset.step === name);
  for (const step of active.slice(0, Math.max(index, 0))) {
    const fields = step.querySelectorAll("input[name], select[name], textarea[name]");
    if ([...fields].some((el) => fieldError(el, step))) return step.dataset.step;
  }
  return index < 0 ? active[0].dataset.step : name;
}

function showReachableStep(name, options) {
  const reached = reachableStep(name);
  if (location.hash && reached !== name) history.replaceState(null, "", `#etape-${reached}`);
  showStep(reached, options);
}

window.addEventListener("hashchange", () => {
  const name = location.hash.replace(/^#etape-/, "");
  if (steps.some((step) => step.dataset.step === name)) showReachableStep(name);
});

// ---------------------------------------------------------------- validation

// The message for `el`'s answer, or "" when it is fine or not asked (hidden). `step`: check
// it even though its own step is not the one on screen.
function fieldError(el, step = null) {
  const hidden = el.closest("[hidden]");
  if (hidden && hidden !== step) return "";
  const validity = el.validity;
  if (validity.valueMissing) return el.type === "radio" ? S.required_choice : S.required;
  if (validity.badInput) return el.type === "number" ? S.bad_number : S.bad_date;
  if (validity.typeMismatch && el.type === "email") return S.bad_email;
  if (validity.tooLong) return S.too_long.replace("{max}", el.maxLength);
  if (validity.rangeUnderflow || validity.rangeOverflow || validity.stepMismatch) {
    return el.type === "date" ? S.bad_date : S.bad_number;
  }
  if (el.type === "date" && el.dataset.past === "true" && el.value && el.value >= today()) return S.future_date;
  return "";
}

function clearErrors() {
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

function fieldFor(path) {
  const name = path.replace(/\.\d+\./, ".").replace(/\[\d+\]/, "");
  return form.querySelector(`[name="${CSS.escape(path)}"]`) || form.querySelector(`[name="${CSS.escape(name)}"]`);
}

function showErrors(errors) {
  clearErrors();
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
    link.textContent = message;
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

async function validateStep(step) {
  const errors = [];
  const seen = new Set();
  for (const el of step.querySelectorAll("input[name], select[name], textarea[name]")) {
    if (seen.has(el.name) && el.type === "radio") continue;
    const message = fieldError(el);
    if (message) {
      errors.push({ el, message });
      seen.add(el.name);
    }
  }
  if (state.ready) {
    try {
      const response = await callPython({ action: "check", answers: collect() });
      for (const error of response.errors || []) {
        const el = fieldFor(error.path);
        const already = errors.some((e) => e.el.name === el?.name);
        if (el && !already && step.contains(el) && !el.closest("[hidden]")) {
          errors.push({ el, message: error.message });
        }
      }
    } catch {
      // Python errors never block the person: the documents step reports them.
    }
  }
  showErrors(errors);
  return errors.length === 0;
}

// ---------------------------------------------------------------- step navigation

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const step = currentStep();
  if (!(await validateStep(step))) return;
  const active = activeSteps();
  const next = active[active.indexOf(step) + 1];
  if (next) goTo(next.dataset.step);
});

document.getElementById("step-back").addEventListener("click", () => {
  const active = activeSteps();
  const previous = active[active.indexOf(currentStep()) - 1];
  if (previous) goTo(previous.dataset.step);
});

form.addEventListener("change", (event) => {
  if (event.target.name) state.touched.add(event.target.name);
  if (event.target.name === "departement") fillCourt();
  updateConditionals();
});

// The département fills the préfecture and the court, unless the person already
// typed something of their own there.
function fillCourt() {
  const option = selectedCourt();
  const values = {
    "prefecture.nom": option?.dataset.prefectureNom ?? "",
    "prefecture.adresse": option?.dataset.prefectureAdresse ?? "",
    "tribunal.nom": option?.dataset.tribunalNom ?? "",
    "tribunal.adresse": option?.dataset.tribunalAdresse ?? "",
  };
  for (const [name, value] of Object.entries(values)) {
    const el = form.elements[name];
    if (!el.value || !state.touched.has(name) || el.dataset.autofilled === el.value) {
      el.value = value;
      el.dataset.autofilled = value;
      state.touched.delete(name);
    }
  }
  if (form.elements["prefecture.formule"] && option?.value === "75") {
    form.elements["prefecture.formule"].value = "Monsieur le Préfet de police";
  }
}

// ---------------------------------------------------------------- attempts log

const logFields = ["date", "heure", "moyen", "resultat", "preuve"];
const logInput = (key) => document.getElementById(`log-${key}`);
const moyenLabel = Object.fromEntries(config.moyens);

function renderLog() {
  const body = document.querySelector("#log-table tbody");
  body.replaceChildren();
  const order = state.tentatives
    .map((row, index) => ({ row, index }))
    .sort((a, b) => `${a.row.date} ${a.row.heure}`.localeCompare(`${b.row.date} ${b.row.heure}`));
  for (const { row, index } of order) {
    const tr = document.createElement("tr");
    for (const key of logFields) {
      const td = document.createElement("td");
      td.textContent = key === "moyen" ? moyenLabel[row.moyen] || row.moyen : row[key];
      if (key === "date" || key === "heure") td.dir = "ltr";
      tr.append(td);
    }
    const actions = document.createElement("td");
    actions.className = "log__actions";
    const label = S.row_label.replace("{date}", row.date);
    for (const [action, text] of [["edit", S.edit], ["remove", S.remove]]) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button button--small button--secondary";
      button.textContent = text;
      button.setAttribute("aria-label", `${text} : ${label}`);
      button.addEventListener("click", () => (action === "edit" ? editRow(index) : removeRow(index)));
      actions.append(button);
    }
    tr.append(actions);
    body.append(tr);
  }
  document.getElementById("log-empty").hidden = state.tentatives.length > 0;
  refreshVerdict();
}

function editorRow() {
  return Object.fromEntries(logFields.map((key) => [key, logInput(key).value.trim()]));
}

function resetEditor() {
  state.editing = null;
  for (const key of logFields) logInput(key).value = key === "moyen" ? "internet" : "";
  document.getElementById("log-editor-legend").textContent = S.add_legend;
  document.getElementById("log-save").textContent = S.add;
  document.getElementById("log-cancel").hidden = true;
  const error = document.getElementById("log-editor-error");
  error.hidden = true;
  error.textContent = "";
}

function saveRow(row) {
  const error = document.getElementById("log-editor-error");
  let problem = "";
  if (!row.date || logInput("date").validity.badInput) problem = S.log_date_needed;
  else if (row.date > today()) problem = S.log_future;
  if (problem) {
    error.textContent = problem;
    error.hidden = false;
    logInput("date").setAttribute("aria-invalid", "true");
    logInput("date").focus();
    return;
  }
  logInput("date").removeAttribute("aria-invalid");
  if (state.editing === null) state.tentatives.push(row);
  else state.tentatives[state.editing] = row;
  resetEditor();
  renderLog();
}

function editRow(index) {
  state.editing = index;
  const row = state.tentatives[index];
  for (const key of logFields) logInput(key).value = row[key] ?? "";
  document.getElementById("log-editor-legend").textContent = S.edit_legend;
  document.getElementById("log-save").textContent = S.update;
  document.getElementById("log-cancel").hidden = false;
  logInput("date").focus();
}

function removeRow(index) {
  state.tentatives.splice(index, 1);
  if (state.editing !== null) resetEditor();
  renderLog();
  document.getElementById("log-date").focus();
}

document.getElementById("log-save").addEventListener("click", () => saveRow(editorRow()));
document.getElementById("log-cancel").addEventListener("click", resetEditor);
document.getElementById("log-now").addEventListener("click", () => {
  state.editing = null;
  saveRow({ date: today(), heure: nowTime(), moyen: "internet", resultat: "Aucun créneau disponible", preuve: "" });
});

let verdictTimer = null;
function refreshVerdict() {
  clearTimeout(verdictTimer);
  verdictTimer = setTimeout(async () => {
    if (!state.ready) return;
    const box = document.getElementById("verdict");
    try {
      const response = await callPython({ action: "check", answers: collect() });
      box.replaceChildren();
      const analysis = response.analysis;
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
  }, 150);
}

// ---------------------------------------------------------------- check your answers

function displayValue(el) {
  if (el.type === "checkbox" || el.type === "radio") {
    const checked = [...form.querySelectorAll(`input[name="${el.name}"]:checked`)];
    return checked.map((input) => form.querySelector(`label[for="${input.id}"]`).textContent.trim()).join(", ");
  }
  if (el.tagName === "SELECT") return el.value ? el.options[el.selectedIndex].textContent.trim() : "";
  if (el.type === "date" && el.value) {
    const [y, m, d] = el.value.split("-");
    return `${d}/${m}/${y}`;
  }
  return el.value.trim();
}

function renderCheckAnswers() {
  const container = document.getElementById("check-answers");
  container.replaceChildren();
  for (const step of activeSteps()) {
    const name = step.dataset.step;
    if (name === "verification" || name === "documents") continue;
    const heading = document.createElement("h3");
    heading.textContent = S.steps[name] || name;
    const list = document.createElement("dl");
    list.className = "summary-list";
    const add = (label, value, fieldId) => {
      const row = document.createElement("div");
      row.className = "summary-list__row";
      const dt = document.createElement("dt");
      dt.textContent = label;
      const dd = document.createElement("dd");
      dd.textContent = value || S.not_given;
      const change = document.createElement("dd");
      change.className = "summary-list__change";
      const link = document.createElement("a");
      link.href = `#etape-${name}`;
      link.textContent = S.change;
      const hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = ` : ${label}`;
      link.append(hidden);
      link.addEventListener("click", () => {
        setTimeout(() => document.getElementById(fieldId)?.focus(), 0);
      });
      change.append(link);
      row.append(dt, dd, change);
      list.append(row);
    };
    if (name === "tentatives") {
      add(S.steps.tentatives, S.summary_attempts.replace("{count}", state.tentatives.length), "log-date");
    } else {
      const seen = new Set();
      for (const el of step.querySelectorAll("input[name], select[name], textarea[name]")) {
        if (seen.has(el.name) || el.closest("[hidden]")) continue;
        seen.add(el.name);
        const box = el.closest("fieldset.field") || el.closest(".field");
        const labelEl = box.querySelector("legend") || box.querySelector(`label[for="${el.id}"]`);
        const label = labelEl.firstChild.textContent.trim();
        add(label, displayValue(el), el.id);
      }
    }
    container.append(heading, list);
  }
}

// ---------------------------------------------------------------- documents

function base64ToBlob(data, type) {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type });
}

function objectURL(blob) {
  const url = URL.createObjectURL(blob);
  state.documents.push(url);
  return url;
}

function revokeURLs() {
  for (const url of state.documents) URL.revokeObjectURL(url);
  state.documents = [];
}

// Each card appears as soon as its preview and text are ready; the .odt files, which cost
// the most to build, follow once every card is on screen. A newer call (the person went
// back and changed an answer) makes an older one stop where it is.
let renderRound = 0;

async function renderDocuments() {
  const round = ++renderRound;
  const current = () => round === renderRound;
  const container = document.getElementById("documents");
  // Before Python is ready the requests wait in the worker, which answers them the moment
  // it is: sent now, they need no round trip through this page once Python is up.
  if (!worker || statusLine.dataset.state === "failed") {
    container.textContent = S.loading;
    return;
  }
  container.textContent = state.ready ? S.working : S.loading;
  container.setAttribute("aria-busy", "true");
  container.dataset.state = "working";
  const answers = collect();
  revokeURLs();
  let kinds;
  try {
    kinds = await callPython({ action: "kinds", answers });
  } catch {
    runtimeFailed();
    return;
  }
  if (!current()) return;
  container.replaceChildren();
  const template = document.getElementById("document-card");
  const made = [];
  for (const kind of kinds.kinds.filter((k) => k.applies)) {
    const started = performance.now();
    const response = await callPython({ action: "generate", kind: kind.kind, answers, formats: ["html", "text"] });
    performance.measure(`rdv:generate:${kind.kind}`, { start: started });
    if (!current()) return;
    const card = template.content.firstElementChild.cloneNode(true);
    card.dataset.kind = kind.kind;
    card.querySelector(".document__title").textContent = response.title || kind.title;
    card.querySelector(".document__explain").textContent = S.explain[kind.kind] || "";
    if (!response.ok) {
      card.querySelector(".document__status").textContent = (response.errors || []).map((e) => e.message).join(" ");
      card.querySelector(".document__actions").hidden = true;
      container.append(card);
      continue;
    }
    // The HTML comes from rdv_forms' renderer, which escapes every user string.
    card.querySelector(".document__preview").innerHTML = response.html;
    const txt = card.querySelector('[data-action="txt"]');
    txt.href = objectURL(new Blob([response.text], { type: "text/plain;charset=utf-8" }));
    txt.download = `${response.filename}.txt`;
    card.querySelector('[data-action="copy"]').addEventListener("click", () => copyText(card, response.text));
    card.querySelector('[data-action="print"]').addEventListener("click", () => printCard(card));
    if ("mailto" in response) setupMailto(card, response);
    container.append(card);
    made.push([kind.kind, card]);
    if (!performance.getEntriesByName("rdv:first-document").length) performance.mark("rdv:first-document");
  }
  container.removeAttribute("aria-busy");
  for (const [kind, card] of made) {
    const started = performance.now();
    const response = await callPython({ action: "generate", kind, answers, formats: ["odt"] });
    performance.measure(`rdv:generate-odt:${kind}`, { start: started });
    if (!current()) return;
    if (!response.ok) continue;
    // Until now the link had no href: it was not yet a link, so nobody could click it early.
    const odt = card.querySelector('[data-action="odt"]');
    odt.href = objectURL(base64ToBlob(response.odt_base64, "application/vnd.oasis.opendocument.text"));
    odt.download = `${response.filename}.odt`;
  }
  container.dataset.state = "done";
}

// rdv_forms builds the mailto: link (and leaves it out when it is too long to be safe).
function setupMailto(card, response) {
  const link = card.querySelector('[data-action="mailto"]');
  if (response.mailto) {
    link.href = response.mailto;
    link.hidden = false;
  } else {
    card.querySelector(".document__mailto-too-long").hidden = false;
  }
}

async function copyText(card, text) {
  const status = card.querySelector(".document__status");
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = S.copied;
  } catch {
    status.textContent = S.copy_failed;
  }
}

function printCard(card) {
  const root = document.createElement("div");
  root.id = "print-root";
  root.lang = "fr";
  root.dir = "ltr";
  root.append(card.querySelector(".document__preview").cloneNode(true));
  document.body.append(root);
  document.body.classList.add("printing-document");
  const done = () => {
    document.body.classList.remove("printing-document");
    root.remove();
    window.removeEventListener("afterprint", done);
  };
  window.addEventListener("afterprint", done);
  window.print();
}

// ---------------------------------------------------------------- save, open, clear

document.getElementById("save-answers").addEventListener("click", () => {
  const blob = new Blob([JSON.stringify(collect(), null, 2)], { type: "application/json" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = "mes-reponses-rdv-prefecture.json";
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
    if (file.size > 1_000_000) throw new Error("too big");
    const answers = JSON.parse(await file.text());
    if (!answers || typeof answers !== "object" || answers.version !== 1) throw new Error("format");
    fill(answers);
    setStatus(state.ready ? "ready" : "loading", S.opened);
    goTo("verification");
  } catch {
    error.textContent = S.open_failed;
    error.hidden = false;
  } finally {
    event.target.value = "";
  }
});

document.getElementById("clear-and-leave").addEventListener("click", () => {
  if (!window.confirm(S.confirm_clear)) return;
  form.reset();
  state.tentatives = [];
  revokeURLs();
  document.getElementById("documents").replaceChildren();
  worker?.terminate();
  snapshotWorker?.terminate();
  location.replace(form.dataset.home);
});

// ---------------------------------------------------------------- start

resetEditor();
renderLog();
updateConditionals();
showReachableStep(location.hash.replace(/^#etape-/, ""), { focus: false });
performance.mark("rdv:form-usable");
startWorker(); // already started by the boot script, unless this device has only two cores
