"""Time the booklets: each language × format laid out from a cold cache, then a warm rebuild.

A benchmark, not a test: times depend on the machine and on what else runs on it. Run it with
`make bench`, or alone with `.venv/bin/python bench/booklets.py [LANG ...]` to time only some
languages' booklets (the site still builds every language).

The site is built in a child process because the booklets' process pool starts its workers
with `spawn`, which re-imports the parent's main module: bench/run.py runs every benchmark at
import time, so the build must not happen in its process.
"""

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BUILD = """
import json, sys
from pathlib import Path
from pelican import Pelican
from pelican.settings import read_settings

output, cache, only = sys.argv[1], sys.argv[2], sys.argv[3:]
settings = read_settings("pelicanconf.py", override={"OUTPUT_PATH": output})
booklets = {**settings.get("BOOKLETS", {}), "cache_dir": cache}
if only:
    keep = {*only, settings["DEFAULT_LANG"]}  # the source language is always built
    booklets["languages"] = {k: v for k, v in booklets["languages"].items() if k in keep}
settings["BOOKLETS"] = booklets
Pelican(settings).run()
entries = [json.loads(p.read_text()) for p in Path(cache).glob("*/meta.json")]
print(json.dumps(entries))
"""


def build(output: Path, cache: Path, languages: list[str]) -> tuple[float, list[dict]]:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", BUILD, str(output), str(cache), *languages],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - start, json.loads(result.stdout.strip().splitlines()[-1])


def main(languages: list[str]):
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        cold, entries = build(Path(tmp) / "cold", cache, languages)
        warm, _ = build(Path(tmp) / "warm", cache, languages)
    # The imposed booklet's time is the "Notes" page and the imposition, from the A5 PDF.
    print(f"{'booklet':<28} {'pages':>6} {'MB':>6} {'seconds':>8}")
    for entry in sorted(entries, key=lambda e: e["lang"]):
        for kind, item in entry["files"].items():
            label = f"{entry['lang']} {kind}"
            seconds = entry["seconds"][kind]
            print(f"{label:<28} {item['pages']:>6} {item['bytes'] / 1e6:>6.2f} {seconds:>8.2f}")
    print(f"{'site build, cold booklets':<28} {'':>6} {'':>6} {cold:>8.2f}")
    print(f"{'site build, cached booklets':<28} {'':>6} {'':>6} {warm:>8.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
