"""The form page's `python` object (theme/static/js/form/python.js) for tests and benches.

The page does not expose its own, and production pages get no test hook: this evaluates
python.js's source in the page (DevTools evaluation, which the page's CSP does not cover)
and connects it to a forms worker started as boot.js starts it, with the page's own
runtime files. Nothing here changes what the site ships.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON_JS = (ROOT / "theme" / "static" / "js" / "form" / "python.js").read_text(encoding="utf-8")

CONNECT = """
  /* python.js */
  let worker;
  const python = connectPython({
    runtime: {
      files: window.rdvForms.files,
      workerURL: window.rdvForms.workerURL,
      start() {
        const name = JSON.stringify({ role: "init", ...window.rdvForms.files });
        worker = new Worker(window.rdvForms.workerURL, { type: "module", name });
        return worker;
      },
      listen(handler) {
        worker.onmessage = worker.onerror = handler;
      },
    },
    status: document.createElement("p"),
    failure: document.createElement("p"),
    strings: { ready: "", failed: "", loading: "" },
    request: () => ({ lang: "en", today: "2026-11-22" }),
  });
  python.start({ warmUpUntil: () => true });
"""

# Page-side helpers the scripts use: base64 ↔ ArrayBuffer (Playwright passes JSON only).
HELPERS = """
  const fromBase64 = (text) => {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes.buffer;
  };
  const toBase64 = (buffer) => {
    const bytes = new Uint8Array(buffer);
    let text = "";
    for (let i = 0; i < bytes.length; i += 0x8000) {
      text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return btoa(text);
  };
"""


def with_python(body: str) -> str:
    """`async (arg) => {…}` for page.evaluate: `body` runs with `python` connected, `arg`,
    and `fromBase64`/`toBase64`; the worker is stopped when it ends."""
    source = PYTHON_JS.replace("export function", "function")
    return (
        "async (arg) => {"
        + CONNECT.replace("/* python.js */", source)
        + HELPERS
        + "  try {\n"
        + body
        + "\n  } finally {\n    python.stop();\n  }\n}"
    )
