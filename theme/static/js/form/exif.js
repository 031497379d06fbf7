// When a photo or a screenshot was taken, from the file's own metadata: the EXIF tag
// DateTimeOriginal (0x9003), found in a JPEG's APP1 « Exif » segment or in a PNG's eXIf
// chunk. It prefills an attempt's date and time, which the person then checks.
//
// Read here, in a few lines, rather than with a library: the page must stay small (the
// first visit's byte budget), and this one tag is all the form needs. Every read is
// bounds-checked: a file that lies about its offsets gives null, never an exception.

const DATE_TIME_ORIGINAL = 0x9003;
const EXIF_IFD = 0x8769;
const ASCII = 2;
// Enough entries for any real IFD; a file claiming more is not read further.
const MAX_ENTRIES = 1000;

// `bytes`: the file's first bytes (a Uint8Array; the metadata is near the start).
// Returns { date: "2026-11-03", heure: "09:14" } or null.
export function takenAt(bytes) {
  try {
    const tiff = jpegExif(bytes) ?? pngExif(bytes);
    return tiff ? dateTimeOriginal(tiff) : null;
  } catch (error) {
    if (error instanceof RangeError) return null; // an offset beyond the file
    throw error;
  }
}

function text(bytes, start, length) {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

// The TIFF structure inside a JPEG's APP1 segment that starts « Exif\0\0 ».
function jpegExif(bytes) {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1];
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image, start of scan
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      offset += 2; // markers without a length
      continue;
    }
    const length = view.getUint16(offset + 2);
    if (length < 2) return null;
    const start = offset + 4;
    if (marker === 0xe1 && text(bytes, start, 6) === "Exif\0\0") {
      return bytes.subarray(start + 6, Math.min(offset + 2 + length, bytes.length));
    }
    offset += 2 + length;
  }
  return null;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

// The TIFF structure of a PNG's eXIf chunk (some writers put « Exif\0\0 » before it).
function pngExif(bytes) {
  if (!PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  while (offset + 8 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = text(bytes, offset + 4, 4);
    const start = offset + 8;
    if (type === "eXIf") {
      const data = bytes.subarray(start, Math.min(start + length, bytes.length));
      return text(data, 0, 6) === "Exif\0\0" ? data.subarray(6) : data;
    }
    if (type === "IEND") return null;
    offset = start + length + 4; // data, then its CRC
  }
  return null;
}

// DateTimeOriginal from a TIFF structure: IFD0 points to the Exif IFD, which holds it.
function dateTimeOriginal(tiff) {
  const order = text(tiff, 0, 2);
  if (order !== "II" && order !== "MM") return null;
  const little = order === "II";
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  if (view.getUint16(2, little) !== 42) return null;
  const exif = entry(view, little, view.getUint32(4, little), EXIF_IFD);
  if (!exif) return null;
  const found = entry(view, little, exif.value, DATE_TIME_ORIGINAL);
  if (!found || found.type !== ASCII || found.count < 19) return null;
  // More than four bytes of ASCII: the value field is an offset from the TIFF start.
  return parseDateTime(text(tiff, found.value, 19));
}

// The entry `tag` of the IFD at `offset`: { type, count, value } (value: the field as
// an unsigned 32-bit number, an offset for long values).
function entry(view, little, offset, tag) {
  const count = view.getUint16(offset, little);
  if (count > MAX_ENTRIES) return null;
  for (let index = 0; index < count; index++) {
    const at = offset + 2 + index * 12;
    if (view.getUint16(at, little) === tag) {
      return {
        type: view.getUint16(at + 2, little),
        count: view.getUint32(at + 4, little),
        value: view.getUint32(at + 8, little),
      };
    }
  }
  return null;
}

// « 2026:11:03 09:14:27 » → { date: "2026-11-03", heure: "09:14" }; null for a date
// that does not exist (cameras with no clock set write « 0000:00:00 00:00:00 »).
export function parseDateTime(value) {
  const match = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    year >= 1990 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  if (!real) return null;
  return { date: `${match[1]}-${match[2]}-${match[3]}`, heure: `${match[4]}:${match[5]}` };
}
