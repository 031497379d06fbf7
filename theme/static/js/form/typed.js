// What a person types with digits: dates, times, whole numbers, phone and file numbers.
//
// Why the form reads them itself instead of the browser's date, time and number fields:
// - phones in Arabic and Persian type Arabic-Indic (٠-٩) and Persian (۰-۹) digits, which
//   Chromium's date, time and number fields silently drop;
// - a date field shows the browser's order (mm/dd/yyyy in an English browser), while the
//   person and every French document read dd/mm/yyyy;
// - a date field only reports "bad input", so an impossible date (31/02) could not be told
//   apart from a missing one.
// So these are text fields (`data-type="date|time|integer"`, a numeric keyboard), read here
// into what rdv_forms takes (2026-02-28, 08:55, 15), always with Latin digits.

// Arabic-Indic (U+0660-0669) and Persian, or extended Arabic-Indic (U+06F0-06F9), digits.
const FOREIGN_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g;

export function latinDigits(text) {
  return text.replace(FOREIGN_DIGITS, (digit) => String((digit.charCodeAt(0) & 0xf) % 10));
}

const pad = (number) => String(number).padStart(2, "0");

// « 2026-03-14 » as the person reads it: « 14/03/2026 ».
export function displayDate(iso) {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

// A typed date: { iso } when it is a real date, { problem: "impossible" } for a day or
// month that does not exist (31/02/2026), { problem: "unreadable" } for anything else,
// { iso: "" } when empty. Read as dd/mm/yyyy with any separators (« 14.3.1988 »,
// « 14 03 1988 »), or eight digits (« 14031988 »), or yyyy-mm-dd (a saved file's form).
export function readDate(typed) {
  const text = latinDigits(typed).trim();
  if (!text) return { iso: "" };
  let parts = text.match(/^(\d{4})\D+(\d{1,2})\D+(\d{1,2})$/)?.slice(1, 4).reverse();
  parts ||= text.match(/^(\d{1,2})\D+(\d{1,2})\D+(\d{4})$/)?.slice(1, 4);
  parts ||= text.match(/^(\d{2})(\d{2})(\d{4})$/)?.slice(1, 4);
  if (!parts) return { problem: "unreadable" };
  const [day, month, year] = parts.map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || day < 1 || date.getUTCDate() !== day) {
    return { problem: "impossible" };
  }
  return { iso: `${String(year).padStart(4, "0")}-${pad(month)}-${pad(day)}` };
}

// A typed time: { time: "08:55" }, { time: "" } when empty, or { problem: "unreadable" }.
// « 8:55 », « 8h55 », « 8.55 », « 0855 ».
export function readTime(typed) {
  const text = latinDigits(typed).trim();
  if (!text) return { time: "" };
  const parts = text.match(/^(\d{1,2})\s*[:hH.]\s*(\d{2})$/) || text.match(/^(\d{2})(\d{2})$/);
  if (!parts || Number(parts[1]) > 23 || Number(parts[2]) > 59) return { problem: "unreadable" };
  return { time: `${pad(Number(parts[1]))}:${parts[2]}` };
}

// A typed whole number: { number } (null when empty) or { problem: "unreadable" }.
export function readInteger(typed) {
  const text = latinDigits(typed).trim().replace(/[\s\u00a0\u202f]/g, "");
  if (!text) return { number: null };
  if (!/^-?\d{1,9}$/.test(text)) return { problem: "unreadable" };
  return { number: Number(text) };
}

// The value rdv_forms takes from a field: ISO dates, HH:MM times, numbers and Latin digits.
// What cannot be read is passed as typed (digits made Latin), so saving keeps it and the
// step's check names it; a number that cannot be read is no number at all.
export function fieldValue(el) {
  const kind = el.dataset.type;
  if (kind === "date") return readDate(el.value).iso ?? latinDigits(el.value).trim();
  if (kind === "time") return readTime(el.value).time ?? latinDigits(el.value).trim();
  if (kind === "integer") return readInteger(el.value).number ?? null;
  return el.tagName === "SELECT" ? el.value : latinDigits(el.value);
}

// Puts an answer back in a field as the person reads it (a date as dd/mm/yyyy).
export function showValue(el, value) {
  if (value === null || value === undefined) el.value = "";
  else if (el.dataset.type === "date" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    el.value = displayDate(value);
  } else el.value = String(value);
}

// Once the person leaves a field, what was read is written back the way it will be read
// elsewhere: « 14031988 » or « ١٤/٠٣/١٩٨٨ » becomes « 14/03/1988 », « ٠٦١٢ » « 0612 ».
// Nothing that cannot be read is changed.
export function tidy(el) {
  const kind = el.dataset.type;
  if (kind === "date") {
    const { iso } = readDate(el.value);
    if (iso) el.value = displayDate(iso);
  } else if (kind === "time") {
    const { time } = readTime(el.value);
    if (time) el.value = time;
  } else if (kind === "integer") {
    const { number } = readInteger(el.value);
    if (number !== null && number !== undefined) el.value = String(number);
  } else if (el.type === "tel" || el.inputMode === "numeric") {
    const latin = latinDigits(el.value);
    if (latin !== el.value) el.value = latin;
  }
}

// A list typed into with Arabic or Persian digits (the département, « ٩٣ »): the browser's
// own type-to-select only matches its options' Latin digits. Digits typed within a second
// make one number, as the browser does with Latin ones.
export function selectByDigits(select) {
  let typed = "";
  let timer = 0;
  select.addEventListener("keydown", (event) => {
    if (!/^[\u0660-\u0669\u06f0-\u06f9]$/.test(event.key)) return;
    event.preventDefault();
    clearTimeout(timer);
    timer = setTimeout(() => (typed = ""), 1000);
    typed += latinDigits(event.key);
    const option = [...select.options].find((o) => o.value && o.value.startsWith(typed));
    if (!option || option.selected) return;
    option.selected = true;
    select.dispatchEvent(new Event("input", { bubbles: true }));
    select.dispatchEvent(new Event("change", { bubbles: true }));
  });
}
