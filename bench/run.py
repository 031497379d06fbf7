"""Run every benchmark under bench/ and print one report."""

import runpy
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = [
    "build.py",
    "forms.py",
    "booklets.py",
    "transfer.py",
    "browser.py",
    "pdf_feature.py",
    "lighthouse.py",
]

for name in ORDER:
    script = HERE / name
    if script.exists():
        print(f"\n== {name} ==")
        runpy.run_path(str(script), run_name="__main__")
