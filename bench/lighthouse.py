"""Lighthouse scores (mobile) for a guide page and the form page, with Debian's Chromium.

A benchmark, not a test: scores vary with the machine's load. Needs a full build.
"""

import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from serve import make_server  # noqa: E402

PAGES = {"guide page": "etape-1-preuves/", "home page": "", "form page": "formulaire/"}
CATEGORIES = ["performance", "accessibility", "best-practices"]


def lighthouse(url: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as work:
        report = Path(work) / "report.json"
        flags = " ".join([a for a in CHROMIUM_ARGS if a != "--headless"] + ["--headless=new"])
        subprocess.run(
            [
                str(ROOT / "node_modules" / ".bin" / "lighthouse"),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--chrome-flags={flags}",
                f"--only-categories={','.join(CATEGORIES)}",
                "--form-factor=mobile",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            check=True,
            capture_output=True,
        )
        data = json.loads(report.read_text(encoding="utf-8"))
    return {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES}


def main():
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "output"
    server = make_server(str(site), "127.0.0.1", 0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    print(f"{'page':<14}" + "".join(f"{c:>16}" for c in CATEGORIES))
    for name, path in PAGES.items():
        scores = lighthouse(base + path)
        print(f"{name:<14}" + "".join(f"{scores[c]:>16}" for c in CATEGORIES))
    server.shutdown()


if __name__ == "__main__":
    main()
