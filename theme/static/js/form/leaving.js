// Leaving the form without losing answers by accident, and without leaving them behind:
// - answers typed and not saved to a file: the browser asks before a reload or closing the
//   tab (beforeunload), and the page itself asks, in the person's language, before a link
//   (the language switcher, the guide's contents) takes them away;
// - « Effacer tout et quitter » says what the page cannot erase (downloads, the clipboard,
//   the browser's history) and how to, empties the clipboard where the browser lets it, and
//   forgets every answer;
// - the browser's back-forward cache, which keeps a page as it was left, answers and
//   documents included, and shows it again on Back (to the next person at a shared computer).
//
// `state.unsaved`: answers typed since the file was last saved or opened. `state.answered`:
// the form holds answers (typed or opened), which opening a file would replace.

import { collect } from "./answers.js";
import { canOpen, dropCarried, openWith } from "./language.js";
import { clearErrors } from "./validation.js";

// `forget`: what the other modules must drop (documents, the log, the review…).
// `typing`: the attempt half typed in the log's editor, or null (form/attempts.js).
export function setUpLeaving(page, state, python, steps, { forget, typing }) {
  const { form, strings } = page;
  state.unsaved = false;
  state.answered = false;

  // Every answer and everything made from them, gone from the page.
  function forgetAll() {
    form.reset();
    state.tentatives = [];
    state.editing = null;
    state.touched = new Set();
    state.unsaved = false;
    state.answered = false;
    forget();
    clearErrors(page);
    document.getElementById("open-answers-error").hidden = true;
    if (!python.failed) python.announce(python.ready ? strings.ready : strings.loading);
    steps.updateConditionals();
  }

  const typed = () => {
    state.unsaved = true;
    state.answered = true;
  };
  form.addEventListener("input", typed);
  form.addEventListener("change", typed);
  // Removing an attempt changes the answers without a field's event.
  form.addEventListener("click", (event) => {
    if (event.target.closest("button:not([id^='step-'])")) typed();
  });

  addEventListener("beforeunload", (event) => {
    if (!state.unsaved) return;
    event.preventDefault();
    event.returnValue = ""; // older browsers ask only when it is set
  });

  // A link to another page (not a download, not a new tab, not this page's steps). The
  // language switcher takes the answers along (form/language.js) instead of asking.
  document.addEventListener(
    "click",
    async (event) => {
      const link = event.target.closest?.("a[href]");
      if (!link || !leavesPage(link, event)) return;
      if (state.answered && link.closest("nav.languages")) {
        event.preventDefault();
        switchLanguage(link);
        return;
      }
      if (!state.unsaved) return;
      event.preventDefault();
      const leave = await ask({
        heading: strings.leave_unsaved,
        yes: strings.leave_anyway,
        no: strings.stay,
      });
      if (!leave) return;
      state.unsaved = false;
      location.assign(link.href);
    },
    true,
  );

  // The same step in the other language, with the answers; or, when that page cannot open
  // (offline, a language this device never opened), a word saying so, and nothing moves.
  async function switchLanguage(link) {
    if (!(await canOpen(link.href))) {
      await ask({ heading: strings.language_offline, no: strings.stay });
      return;
    }
    const carried = { answers: collect(page, state), unsaved: state.unsaved, typing: typing() };
    state.unsaved = false; // the answers go along: no « leave without saving? » on the way
    openWith(link.href, steps.currentName(), carried);
  }

  document.getElementById("clear-and-leave").addEventListener("click", async () => {
    const quit = await ask({
      heading: strings.confirm_clear,
      intro: strings.quit_remains,
      points: [strings.quit_downloads, strings.quit_clipboard, strings.quit_history],
      yes: strings.quit_yes,
      no: strings.stay,
      warning: true,
    });
    if (!quit) return;
    // Still within the click on « yes »: the only moment a browser lets a page write to
    // the clipboard. A document copied earlier would stay there for the next person.
    const cleared = emptyClipboard();
    forgetAll();
    python.stop();
    await cleared;
    location.replace(form.dataset.home);
  });

  // A page going into the back-forward cache is emptied first; when it comes back, it
  // shows the step its address names as a new page would (the first one, since nothing
  // is answered).
  addEventListener("pagehide", (event) => {
    if (event.persisted) forgetAll();
  });
  addEventListener("pageshow", (event) => {
    dropCarried(); // answers sent to a page that never opened (Back from an error page)
    if (event.persisted) steps.showFromAddress({ focus: false });
  });
}

function leavesPage(link, event) {
  if (link.hasAttribute("download") || (link.target && link.target !== "_self")) return false;
  if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
    return false; // a new tab or window: this page stays
  }
  const url = new URL(link.href, location.href);
  if (url.protocol !== "http:" && url.protocol !== "https:") return false; // mailto:, blob:
  return url.origin !== location.origin || url.pathname !== location.pathname;
}

// Empties the clipboard where the browser lets the page; resolves within half a second,
// whatever the browser says.
function emptyClipboard() {
  try {
    const written = navigator.clipboard?.writeText("");
    if (!written) return Promise.resolve();
    const late = new Promise((resolve) => setTimeout(resolve, 500));
    return Promise.race([written.catch(() => {}), late]);
  } catch {
    return Promise.resolve(); // no clipboard, or no permission: nothing more to do
  }
}

// An in-page question, in the page's language (the browser's own confirm() would show its
// buttons in the browser's language). Resolves true for `yes`, false for `no` or Escape.
function ask({ heading, intro, points = [], yes, no, warning = false }) {
  const dialog = document.createElement("dialog");
  dialog.className = "leave-dialog";
  dialog.setAttribute("aria-labelledby", "leave-dialog-heading");
  const title = document.createElement("p");
  title.id = "leave-dialog-heading";
  title.className = "leave-dialog__heading";
  title.textContent = heading;
  dialog.append(title);
  if (intro) {
    const text = document.createElement("p");
    text.textContent = intro;
    dialog.append(text);
  }
  if (points.length) {
    const list = document.createElement("ul");
    for (const point of points) {
      const item = document.createElement("li");
      item.textContent = point;
      list.append(item);
    }
    dialog.append(list);
  }
  const buttons = document.createElement("div");
  buttons.className = "leave-dialog__actions";
  const button = (label, value, kind) => {
    const element = document.createElement("button");
    element.type = "button";
    element.className = `button ${kind}`;
    element.textContent = label;
    element.value = value;
    element.addEventListener("click", () => dialog.close(value));
    return element;
  };
  const stay = button(no, "stay", "button--secondary");
  buttons.append(stay);
  if (yes) buttons.append(button(yes, "leave", warning ? "button--warning" : ""));
  dialog.append(buttons);
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(dialog.returnValue === "leave");
    });
    dialog.showModal();
    stay.focus();
  });
}
