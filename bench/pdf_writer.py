"""pydyf or our own writer for the PDFs made in the browser: bytes and import time.

    .venv/bin/python bench/pdf_writer.py [--runs 5]

pydyf (WeasyPrint's low-level writer) only serialises PDF objects: fonts, text layout and
images would still be ours. So the comparison is pydyf's wheel against our writer module,
and then the whole PDF feature as the browser would download it (code and font subsets).
Bytes are brotli-compressed (quality 11), as served; each file is counted both as .py and as
the sourceless .pyc the site ships. Import times are measured in real Pyodide under Node,
each in a fresh interpreter, from source (.py compiled at import, as for both candidates).
"""

from __future__ import annotations

import argparse
import io
import json
import marshal
import shutil
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import brotli
import pydyf

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / "forms"
PDF = FORMS / "rdv_forms" / "pdf"
PYODIDE = ROOT / "node_modules" / "pyodide"
EXAMPLE = FORMS / "examples" / "answers-renouvellement.json"


def pyc(source: bytes, name: str) -> bytes:
    return marshal.dumps(compile(source, name, "exec", optimize=2, dont_inherit=True))


def archive(files: dict[str, bytes], compiled: bool) -> int:
    """Brotli size of a stored zip of `files` (a wheel as the site ships it)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
        for name, data in files.items():
            if compiled and name.endswith(".py"):
                name, data = name + "c", pyc(data, name)
            out.writestr(name, data)
    return len(brotli.compress(buffer.getvalue(), quality=11))


def pydyf_files() -> dict[str, bytes]:
    package = Path(pydyf.__file__).parent
    return {f"pydyf/{p.name}": p.read_bytes() for p in package.glob("*.py")}


def our_files(only: tuple[str, ...] = ()) -> dict[str, bytes]:
    return {
        f"rdv_forms/pdf/{p.relative_to(PDF).as_posix()}": p.read_bytes()
        for p in sorted(PDF.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and (not only or p.name in only)
    }


def pyodide_import(host: Path, module: str, statement: str = "", runs: int = 5,
                   prelude: str = "") -> dict:  # fmt: skip
    results = []
    for _ in range(runs):
        out = subprocess.run(
            [
                "node",
                str(ROOT / "bench" / "pdf_import.mjs"),
                str(PYODIDE),
                str(host),
                prelude,
                module,
                statement,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    median = {
        key: statistics.median(r[key] for r in results) for key in results[0] if results[0][key]
    }
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()

    print("Bytes, brotli (quality 11):")
    rows = [
        ("pydyf 0.13 wheel (objects only)", pydyf_files()),
        ("rdv_forms.pdf.writer (objects, fonts, outlines)", our_files(("writer.py",))),
        (
            "rdv_forms.pdf code (writer, fonts, layout, images, pack)",
            our_files(tuple(p.name for p in PDF.glob("*.py"))),
        ),
        (
            "rdv_forms.pdf font subsets (2 × DejaVu Serif)",
            our_files(tuple(p.name for p in (PDF / "fonts").glob("*.ttf"))),
        ),
        ("rdv_forms.pdf whole (what a PDF costs the browser)", our_files()),
    ]
    for label, files in rows:
        print(f"  {label:<58} .py {archive(files, False) / 1024:6.1f} KB"
              f"   .pyc {archive(files, True) / 1024:6.1f} KB")  # fmt: skip

    if shutil.which("node") is None or not (PYODIDE / "pyodide.mjs").exists():
        print("Pyodide import times: skipped (node or node_modules/pyodide missing)")
        return
    print(f"Import in Pyodide under Node (median of {options.runs} fresh interpreters):")
    with tempfile.TemporaryDirectory() as work:
        host = Path(work)
        shutil.copytree(Path(pydyf.__file__).parent, host / "pydyf",
                        ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
        shutil.copytree(FORMS / "rdv_forms", host / "rdv_forms",
                        ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
        pydyf_ms = pyodide_import(host, "pydyf", runs=options.runs)
        # The writer comes after the forms, which the page has loaded long before.
        ours = pyodide_import(host, "rdv_forms.pdf.writer", runs=options.runs,
                              prelude="import rdv_forms")  # fmt: skip
        statement = (
            "import json, rdv_forms; from datetime import date; "
            "a = json.loads(open('/host/example.json').read()); "
            "rdv_forms.render(rdv_forms.make('refere', a, today=date(2026, 11, 22)), 'pdf')"
        )
        shutil.copy(EXAMPLE, host / "example.json")
        render = pyodide_import(host, "rdv_forms", statement, runs=options.runs)
        ours_all = pyodide_import(host, "rdv_forms.pdf.dossier", runs=options.runs,
                                  prelude="import rdv_forms")  # fmt: skip
    print(f"  import pydyf                      {pydyf_ms['import_ms']:7.1f} ms")
    print(f"  import rdv_forms.pdf.writer       {ours['import_ms']:7.1f} ms  (rdv_forms loaded)")
    whole = ours_all["import_ms"]
    print(f"  import rdv_forms.pdf.dossier      {whole:7.1f} ms  (all of the PDF code)")
    print(f"  first référé as PDF (import, fonts, layout, write) {render['run_ms']:7.1f} ms")


if __name__ == "__main__":
    sys.exit(main())
