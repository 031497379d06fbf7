// « Vos preuves »: the screenshots, photos and PDFs the person adds, and what the form
// makes of them: attempts in the log (prefilled with the picture's date and time, which the
// person checks), the exhibit each file goes to, and the filing pack (the petition, the
// inventory and one PDF per exhibit, zipped) with a PDF of each document.
//
// Privacy: the files live in this page's memory only. Nothing is uploaded, nothing is
// written to any browser storage; « Effacer tout et quitter » and leaving the page (pagehide)
// drop them and revoke every download link made from them.
//
// Images are decoded by the browser and re-encoded as JPEG, their long side capped: a phone
// screenshot weighs a few hundred kilobytes, so twenty of them make a pack under 10 MB, and
// the decoding also tells at once which files the browser cannot read (HEIC in Chromium,
// a broken PNG). PDFs are kept byte for byte. The pack and the PDFs are made by rdv_forms'
// PDF feature, which the forms worker loads on first use (python.js).

import { collect, displayDate } from "./answers.js";
import { takenAt } from "./exif.js";

// A screenshot's text stays readable at this size (a phone's screen is 1080 px wide).
const LONG_SIDE = 2000;
// Twenty pictures make a pack under 10 MB: each is in the pack twice (its exhibit's PDF
// and the combined PDF to print), so each is re-encoded until it fits here (20 × 2 × 230 KB
// and the documents: about 9.4 MB, even for twenty photos, JPEG's worst case).
const TARGET_BYTES = 230_000;
const QUALITIES = [0.85, 0.72, 0.6];
// What one page's memory can hold without trouble on a cheap phone.
const MAX_FILES = 40;
const MAX_FILE_BYTES = 25_000_000;
// EXIF is in the file's first segment; this much of it is read for the date.
const METADATA_BYTES = 256 * 1024;
const THUMB_SIDE = 64;
const IMAGE_NAME = /\.(jpe?g|png|gif|webp|bmp|avif|heic|heif)$/i;
const HEIC = /^image\/hei[cf]/i;
const HEIC_NAME = /\.(heic|heif)$/i;

// `attempts`: the attempts log (its editor is prefilled from a picture).
export function createPieces(page, state, python, attempts) {
  const section = document.getElementById("pieces");
  const strings = JSON.parse(section.dataset.strings);
  const input = document.getElementById("pieces-input");
  const list = document.getElementById("pieces-list");
  const status = document.getElementById("pieces-status");
  const errors = document.getElementById("pieces-errors");
  const pack = {
    list: document.getElementById("pack-pieces"),
    none: document.getElementById("pack-none"),
    make: document.getElementById("pack-make"),
    status: document.getElementById("pack-status"),
    errors: document.getElementById("pack-errors"),
    result: document.getElementById("pack-result"),
    files: document.getElementById("pack-files"),
    download: document.getElementById("pack-download"),
  };
  const sizeFormat = {
    kilobyte: new Intl.NumberFormat(page.config.lang, {
      style: "unit",
      unit: "kilobyte",
      maximumFractionDigits: 0,
    }),
    megabyte: new Intl.NumberFormat(page.config.lang, {
      style: "unit",
      unit: "megabyte",
      maximumFractionDigits: 1,
    }),
  };
  // `items`: the files, in the order added. `exhibits`: the inventory's exhibits from
  // rdv_forms (`exhibits` action) for the current answers, or null before Python answers.
  // `urls`: object URLs to revoke. `round`: a newer pack or clear makes an older one stop.
  const own = {
    items: [],
    nextId: 1,
    exhibits: null,
    exhibitsProblem: "",
    urls: new Set(),
    round: 0,
  };

  // While a PDF or the pack is being made: the status line that says so, and what it says
  // once the PDF feature has loaded (until then, that it is loading).
  const busy = { element: null, working: "" };
  function startBusy(element, working) {
    Object.assign(busy, { element, working });
    element.textContent = python.featureState("pdf") === "ready" ? working : strings.pdf_loading;
  }
  function endBusy() {
    busy.element = null;
  }
  python.onFeature(({ feature, state }) => {
    if (feature === "pdf" && state === "ready" && busy.element) {
      busy.element.textContent = busy.working;
    }
  });
  // What to say when a PDF could not be made: the feature could not load (offline the first
  // time), or something else went wrong; either way nothing the person gave is lost.
  const failure = (error) =>
    error?.feature === "pdf" ? strings.pdf_load_failed : strings.pdf_failed;

  const size = (bytes) =>
    bytes < 1_000_000
      ? sizeFormat.kilobyte.format(Math.max(1, Math.round(bytes / 1000)))
      : sizeFormat.megabyte.format(bytes / 1_000_000);

  function objectURL(blob) {
    const url = URL.createObjectURL(blob);
    own.urls.add(url);
    return url;
  }

  function revoke(url) {
    URL.revokeObjectURL(url);
    own.urls.delete(url);
  }

  // One line per file that could not be added, naming it; the others are added.
  function showErrors(element, messages) {
    element.replaceChildren(
      ...messages.map((message) => {
        const item = document.createElement("li");
        item.textContent = message;
        return item;
      }),
    );
    element.hidden = messages.length === 0;
  }

  // ---- Adding files ----

  input.addEventListener("change", async () => {
    const files = [...input.files];
    input.value = "";
    if (!files.length) return;
    python.pdfFeature().catch(() => {}); // the pack will need it: loaded meanwhile
    const problems = [];
    status.textContent = strings.reading;
    const round = own.round;
    for (const file of files) {
      if (round !== own.round) return; // cleared meanwhile: the person left
      if (own.items.length >= MAX_FILES) {
        problems.push(strings.too_many.replace("{max}", MAX_FILES));
        break;
      }
      try {
        const item = await read(file);
        if (round !== own.round) return;
        own.items.push(item);
      } catch (problem) {
        // Anything else (the file went from the disk meanwhile…): the file is named as
        // unreadable, and the other files and the answers stay.
        const unreadable = strings.unreadable.replace("{file}", file.name);
        problems.push(problem instanceof Refused ? problem.message : unreadable);
      }
    }
    status.textContent = strings.added.replace("{count}", own.items.length);
    showErrors(errors, problems);
    render();
    refreshExhibits();
  });

  // A file as the page keeps it: { id, name, kind, blob, taken, number, thumb… }.
  async function read(file) {
    const name = uniqueName(file.name);
    const refuse = (text) => new Refused(text.replace("{file}", file.name));
    if (file.size > MAX_FILE_BYTES) {
      throw refuse(strings.too_big.replace("{max}", MAX_FILE_BYTES / 1_000_000));
    }
    if (file.size === 0) throw refuse(strings.empty);
    const head = new Uint8Array(await file.slice(0, METADATA_BYTES).arrayBuffer());
    const base = { id: own.nextId++, name, number: null, original: file.size };
    if (isPdf(head)) {
      // Read into memory: the file on disk may change or go before the pack is made.
      const blob = new Blob([await file.arrayBuffer()], { type: "application/pdf" });
      return { ...base, kind: "pdf", blob, bytes: blob.size, taken: fileTime(file) };
    }
    if (file.type === "application/pdf" || /\.pdf$/i.test(file.name)) throw refuse(strings.bad_pdf);
    const heic = HEIC.test(file.type) || HEIC_NAME.test(file.name) || isHeic(head);
    if (!file.type.startsWith("image/") && !IMAGE_NAME.test(file.name) && !heic) {
      throw refuse(strings.unsupported);
    }
    let picture;
    try {
      picture = await reencode(file);
    } catch {
      throw refuse(heic ? strings.heic : strings.unreadable);
    }
    const exif = takenAt(head);
    return {
      ...base,
      kind: "image",
      ...picture,
      bytes: picture.blob.size,
      taken: exif ? { ...exif, from: "exif" } : fileTime(file),
    };
  }

  // Two files of the same name (a phone's picker may call every photo « image.jpg ») would
  // be one attempt's proof: the second becomes « image-2.jpg ». The name also fits the
  // attempt's « preuve » field.
  function uniqueName(original) {
    const limit = document.getElementById("log-preuve").maxLength; // -1: no limit
    const dot = original.lastIndexOf(".");
    const stem = dot > 0 ? original.slice(0, dot) : original;
    const extension = dot > 0 ? original.slice(dot) : "";
    const named = (suffix) => {
      const room = limit > 0 ? limit - extension.length - suffix.length : stem.length;
      return stem.slice(0, Math.max(1, room)) + suffix + extension;
    };
    const taken = new Set(own.items.map((item) => item.name));
    let name = named("");
    for (let n = 2; taken.has(name); n++) name = named(`-${n}`);
    return name;
  }

  // ---- The list of files ----

  // The attempt a file proves (its « preuve » is the file's name), and the exhibit that
  // attempt's kind goes to, as rdv_forms assigns it (the last exhibit for that kind).
  function placeOf(item) {
    const attempt = state.tentatives.find((row) => row.preuve === item.name) || null;
    const byAttempt = attempt && own.exhibits?.findLast((e) => e.moyen === attempt.moyen);
    if (byAttempt) return { attempt, exhibit: byAttempt, fixed: true };
    return { attempt, exhibit: own.exhibits?.find((e) => e.number === item.number), fixed: false };
  }

  function render() {
    list.replaceChildren(...own.items.map((item) => itemElement(item, { full: true })));
    list.hidden = own.items.length === 0;
    pack.list.replaceChildren(...own.items.map((item) => itemElement(item, { full: false })));
    pack.list.hidden = own.items.length === 0;
    pack.none.hidden = own.items.length > 0;
  }

  function itemElement(item, { full }) {
    const element = document.createElement("li");
    element.className = "piece";
    element.dataset.piece = item.id;
    element.dataset.bytes = item.bytes;
    if (item.width) element.dataset.pixels = `${item.width}x${item.height}`;
    if (full) {
      if (item.thumb) {
        element.append(item.thumb);
      } else {
        const badge = document.createElement("span");
        badge.className = "piece__thumb piece__thumb--pdf";
        badge.setAttribute("aria-hidden", "true");
        badge.textContent = "PDF";
        element.append(badge);
      }
    }
    const body = document.createElement("div");
    body.className = "piece__body";
    const name = document.createElement("p");
    name.className = "piece__name";
    const bdi = document.createElement("bdi");
    bdi.textContent = item.name;
    name.append(bdi);
    const meta = document.createElement("span");
    meta.className = "piece__size";
    meta.textContent = `(${size(item.bytes)})`;
    name.append(" ", meta);
    body.append(name);
    const { attempt, exhibit, fixed } = placeOf(item);
    if (full && item.kind === "image") {
      const taken = document.createElement("p");
      taken.className = "piece__taken";
      taken.textContent = strings[item.taken.from === "exif" ? "taken_exif" : "taken_file"]
        .replace("{date}", displayDate(item.taken.date))
        .replace("{heure}", item.taken.heure);
      body.append(taken);
    }
    body.append(exhibitElement(item, attempt, exhibit, fixed, full));
    if (full) body.append(actions(item, attempt));
    element.append(body);
    return element;
  }

  // The exhibit the file goes to: its attempt's, or the one the person chooses.
  function exhibitElement(item, attempt, exhibit, fixed, full) {
    const line = document.createElement("p");
    line.className = "piece__exhibit";
    // The inventory's own words (French, like the documents), after the exhibit's number.
    const label = (e) => `${e.number}. ${e.description}`;
    if (fixed) {
      line.textContent = strings.exhibit_of_attempt
        // Isolated with its parentheses: French inside a right-to-left sentence.
        .replace("{exhibit}", `${exhibit.number} \u2068(${exhibit.description})\u2069`)
        .replace("{date}", displayDate(attempt.date));
      return line;
    }
    if (!own.exhibits?.length) {
      // Before Python answers, or answers for which rdv_forms makes no inventory (it says why).
      line.textContent = own.exhibitsProblem || strings.exhibits_later;
      return line;
    }
    const id = `piece-${item.id}-exhibit${full ? "" : "-pack"}`;
    const caption = document.createElement("label");
    caption.htmlFor = id;
    caption.textContent = strings.exhibit_choose;
    const select = document.createElement("select");
    select.id = id;
    select.className = "piece__select";
    select.append(new Option(strings.exhibit_none, ""));
    // Each choice isolated left to right (the inventory's French, on right-to-left pages too)
    // and short enough for a phone's width, where a select shows one line; the whole
    // description is the option's title.
    for (const e of own.exhibits) {
      const text = label(e);
      const short = text.length > 30 ? `${text.slice(0, 29).trimEnd()}…` : text;
      const option = new Option(`\u2066${short}\u2069`, e.number);
      option.title = text;
      select.append(option);
    }
    select.value = exhibit ? String(exhibit.number) : "";
    select.addEventListener("change", () => {
      item.number = select.value ? Number(select.value) : null;
      render();
      document.getElementById(id)?.focus();
    });
    line.append(caption, " ", select);
    return line;
  }

  function actions(item, attempt) {
    const row = document.createElement("div");
    row.className = "button-row";
    const button = (text, action) => {
      const element = document.createElement("button");
      element.type = "button";
      element.className = "button button--small button--secondary";
      element.textContent = text;
      element.setAttribute("aria-label", `${text} : ${item.name}`);
      element.addEventListener("click", action);
      row.append(element);
    };
    if (item.kind === "image" && !attempt) {
      button(strings.make_attempt, () => prefill(item));
    }
    button(strings.remove, () => {
      own.items = own.items.filter((other) => other !== item);
      status.textContent = strings.removed.replace("{file}", item.name);
      render();
      input.focus();
    });
    return row;
  }

  // The attempts editor, prefilled with the picture's date and time and with the file as
  // its proof. Nothing is added to the log until the person checks it and saves it.
  function prefill(item) {
    const date = document.getElementById("log-date");
    if (state.editing !== null || date.value) {
      showErrors(errors, [strings.editor_busy]);
      date.focus();
      return;
    }
    attempts.resetEditor();
    date.value = displayDate(item.taken.date); // dd/mm/yyyy, as the person types dates
    document.getElementById("log-heure").value = item.taken.heure;
    document.getElementById("log-preuve").value = item.name;
    showErrors(errors, []);
    status.textContent = strings.prefilled.replace("{file}", item.name);
    document.getElementById("log-editor").scrollIntoView({ block: "start" });
    date.focus({ preventScroll: true });
  }

  // The inventory's exhibits for the answers as they are now, for the lists' choices.
  async function refreshExhibits() {
    if (!python.ready || !own.items.length) return;
    const round = own.round;
    let reply;
    try {
      reply = await python.call({ action: "exhibits", answers: collect(page, state) });
    } catch {
      return;
    }
    if (round !== own.round) return;
    own.exhibits = reply.ok ? reply.exhibits : [];
    own.exhibitsProblem = (reply.errors || []).map((e) => e.message).join(" ");
    render();
  }

  // A row added, changed or removed in the log may make a file an attempt's proof (or no
  // longer): the lists are redrawn. Watched here so the log needs no hook for this module.
  new MutationObserver(() => {
    if (own.items.length) render();
  }).observe(document.querySelector("#log-table tbody"), { childList: true });

  // ---- The filing pack ----

  pack.make.addEventListener("click", makePack);

  async function makePack() {
    const round = ++own.round;
    dropPack();
    showErrors(pack.errors, []);
    const unplaced = own.items.filter((item) => !placeOf(item).exhibit);
    if (own.exhibits?.length && unplaced.length) {
      showErrors(
        pack.errors,
        unplaced.map((item) => strings.exhibit_missing.replace("{file}", item.name)),
      );
      pack.list.querySelector("select")?.focus();
      return;
    }
    if (!python.started || python.failed) {
      showErrors(pack.errors, [strings.pdf_failed]);
      return;
    }
    pack.make.disabled = true;
    startBusy(pack.status, strings.pack_working);
    try {
      // Fresh copies: the worker takes them (transferred), the page keeps its own.
      const pieces = await Promise.all(
        own.items.map(async (item) => ({
          name: item.name,
          number: placeOf(item).fixed ? null : item.number,
          data: await item.blob.arrayBuffer(),
        })),
      );
      const answers = collect(page, state);
      const reply = await python.call({ action: "pack", answers }, { pieces });
      if (round !== own.round) return;
      if (!reply.ok) {
        pack.status.textContent = "";
        showErrors(pack.errors, (reply.errors || []).map((e) => e.message));
        return;
      }
      showPack(reply);
    } catch (error) {
      if (round === own.round) {
        pack.status.textContent = "";
        showErrors(pack.errors, [failure(error)]);
      }
    } finally {
      endBusy();
      if (round === own.round) pack.make.disabled = false;
    }
  }

  // The files of the pack and their sizes, then the link to the zip.
  function showPack(reply) {
    pack.files.replaceChildren(
      ...reply.files.map((file) => {
        const row = document.createElement("li");
        row.dataset.bytes = file.size;
        const name = document.createElement("bdi");
        name.textContent = file.name;
        const bytes = document.createElement("span");
        bytes.className = "piece__size";
        bytes.textContent = `(${size(file.size)})`;
        row.append(name, " ", bytes);
        return row;
      }),
    );
    const missing = reply.missing || [];
    pack.status.textContent = missing.length
      ? `${strings.pack_ready} ${strings.pack_missing.replace(
          "{exhibits}",
          missing.map((e) => `${e.number}. ${e.description}`).join(" ; "),
        )}`
      : strings.pack_ready;
    const url = objectURL(new Blob([reply.data.zip], { type: "application/zip" }));
    pack.download.href = url;
    pack.download.download = reply.zip.name;
    pack.download.dataset.bytes = reply.zip.size;
    pack.download.textContent = strings.pack_download.replace("{size}", size(reply.zip.size));
    pack.result.hidden = false;
    pack.download.focus();
  }

  // After the download has started, the zip leaves the page's memory.
  pack.download.addEventListener("click", () => {
    const url = pack.download.href;
    setTimeout(() => {
      if (pack.download.href === url) dropPack();
      pack.status.textContent = strings.pack_downloaded;
    }, 1000);
  });

  function dropPack() {
    if (pack.download.href) revoke(pack.download.href);
    pack.download.removeAttribute("href");
    pack.result.hidden = true;
    pack.files.replaceChildren();
  }

  // ---- A PDF of each document ----

  const documents = document.getElementById("documents");
  documents.addEventListener("click", async (event) => {
    const button = event.target.closest('[data-action="pdf"]');
    if (button) await documentPdf(button);
  });
  // The documents made again (an answer changed): the PDFs of the old cards go with them.
  const cardURLs = new Set();
  new MutationObserver(() => {
    for (const url of cardURLs) {
      if (!documents.querySelector(`a[href="${url}"]`)) {
        revoke(url);
        cardURLs.delete(url);
      }
    }
  }).observe(documents, { childList: true });

  async function documentPdf(button) {
    const card = button.closest("[data-kind]");
    const cardStatus = card.querySelector(".document__status");
    const link = card.querySelector('[data-action="pdf-download"]');
    const round = own.round;
    if (!python.started || python.failed) {
      cardStatus.textContent = strings.pdf_failed;
      return;
    }
    button.disabled = true;
    startBusy(cardStatus, strings.pdf_working);
    let reply;
    try {
      reply = await python.call({
        action: "pdf",
        kind: card.dataset.kind,
        answers: collect(page, state),
      });
    } catch (error) {
      reply = { ok: false, errors: [{ message: failure(error) }] };
    }
    endBusy();
    if (round !== own.round) return;
    button.disabled = false;
    if (!reply.ok) {
      cardStatus.textContent = (reply.errors || []).map((e) => e.message).join(" ");
      return;
    }
    cardStatus.textContent = "";
    const url = objectURL(new Blob([reply.data], { type: "application/pdf" }));
    cardURLs.add(url);
    link.href = url;
    link.download = reply.name;
    link.dataset.bytes = reply.size;
    link.textContent = strings.pdf_download.replace("{size}", size(reply.size));
    link.hidden = false;
    button.hidden = true;
    link.focus();
    link.addEventListener(
      "click",
      () =>
        setTimeout(() => {
          revoke(url);
          cardURLs.delete(url);
          link.removeAttribute("href");
          link.hidden = true;
          button.hidden = false;
        }, 1000),
      { once: true },
    );
  }

  // ---- Leaving ----

  // Every file, every link made from them, gone from the page.
  function clear() {
    own.round++;
    own.items = [];
    own.exhibits = null;
    own.exhibitsProblem = "";
    for (const url of [...own.urls]) revoke(url);
    dropPack();
    input.value = "";
    status.textContent = "";
    pack.status.textContent = "";
    showErrors(errors, []);
    showErrors(pack.errors, []);
    render();
  }
  // Whether the page goes into the back-forward cache or away for good, nothing of the
  // files stays behind it.
  addEventListener("pagehide", clear);

  return {
    clear,
    // The step with the lists comes on screen: the exhibits may have changed with the answers.
    refresh: refreshExhibits,
    count: () => own.items.length,
  };
}

// A file the form will not take; `message` says why, naming the file.
class Refused extends Error {}

function isPdf(head) {
  // The header may follow some junk bytes; PDF readers look within the first kilobyte.
  const start = String.fromCharCode(...head.subarray(0, 1024));
  return start.includes("%PDF-");
}

// An ISO-BMFF « ftyp » box naming a HEIF brand: an iPhone's photo, whatever its name says.
function isHeic(head) {
  const box = String.fromCharCode(...head.subarray(4, 12));
  return box.startsWith("ftyp") && /^(heic|heix|hevc|mif1|msf1)/.test(box.slice(4));
}

// The file's modification time, as the device's clock wrote it.
function fileTime(file) {
  const when = new Date(file.lastModified);
  const pad = (n) => String(n).padStart(2, "0");
  return {
    date: `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}`,
    heure: `${pad(when.getHours())}:${pad(when.getMinutes())}`,
    from: "file",
  };
}

// The picture decoded (upright, from its EXIF orientation), re-encoded as JPEG within
// LONG_SIDE and TARGET_BYTES, and a thumbnail. Throws when the browser cannot decode it.
async function reencode(file) {
  const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  try {
    let scale = Math.min(1, LONG_SIDE / Math.max(bitmap.width, bitmap.height));
    let blob;
    let width;
    let height;
    for (let pass = 0; pass < 4; pass++, scale *= 0.75) {
      width = Math.max(1, Math.round(bitmap.width * scale));
      height = Math.max(1, Math.round(bitmap.height * scale));
      const canvas = draw(bitmap, width, height);
      for (const quality of QUALITIES) {
        blob = await jpeg(canvas, quality);
        if (blob.size <= TARGET_BYTES) break;
      }
      if (blob.size <= TARGET_BYTES) break;
    }
    const thumbScale = THUMB_SIDE / Math.max(bitmap.width, bitmap.height);
    const thumb = document.createElement("canvas");
    thumb.className = "piece__thumb";
    thumb.setAttribute("aria-hidden", "true");
    thumb.width = Math.max(1, Math.round(bitmap.width * thumbScale));
    thumb.height = Math.max(1, Math.round(bitmap.height * thumbScale));
    thumb.getContext("2d").drawImage(bitmap, 0, 0, thumb.width, thumb.height);
    return { blob, width, height, thumb };
  } finally {
    bitmap.close();
  }
}

// On white: a transparent PNG would turn black in a JPEG.
function draw(bitmap, width, height) {
  const canvas =
    typeof OffscreenCanvas === "function"
      ? new OffscreenCanvas(width, height)
      : Object.assign(document.createElement("canvas"), { width, height });
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, width, height);
  context.drawImage(bitmap, 0, 0, width, height);
  return canvas;
}

function jpeg(canvas, quality) {
  if (canvas.convertToBlob) return canvas.convertToBlob({ type: "image/jpeg", quality });
  return new Promise((resolve, reject) => {
    const done = (blob) => (blob ? resolve(blob) : reject(new Error("toBlob")));
    canvas.toBlob(done, "image/jpeg", quality);
  });
}
