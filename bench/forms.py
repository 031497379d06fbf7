"""Time every document for every persona in every format: a benchmark, not a test.

    .venv/bin/python bench/forms.py [--repeat 5]

Prints the mean time in milliseconds per (kind × format), over the personas of
tests/forms/personas and the shared example, plus the blank models.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "forms"))

import rdv_forms  # noqa: E402

TODAY = date(2026, 11, 22)


def personas() -> dict[str, dict]:
    paths = sorted((ROOT / "tests" / "forms" / "personas").glob("*.json"))
    paths.append(ROOT / "forms" / "examples" / "answers-renouvellement.json")
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in paths}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    answers = [rdv_forms.load_answers(data, today=TODAY) for data in personas().values()]
    timings: dict[tuple[str, str], list[float]] = {}
    for _ in range(options.repeat):
        for kind in rdv_forms.KINDS:
            for blank, items in ((False, answers), (True, [None])):
                for item in items:
                    try:
                        start = time.perf_counter()
                        document = rdv_forms.make(kind, item, blank=blank, today=TODAY)
                    except rdv_forms.NotProduced:
                        continue
                    made = time.perf_counter() - start
                    for fmt in rdv_forms.FORMATS:
                        start = time.perf_counter()
                        rdv_forms.render(document, fmt)
                        elapsed = made + time.perf_counter() - start
                        timings.setdefault((kind, fmt), []).append(elapsed * 1000)
    width = max(len(kind) for kind in rdv_forms.KINDS)
    print(f"rdv_forms {rdv_forms.__version__}: mean ms to make and render one document")
    print(f"{'kind':<{width}}  " + "  ".join(f"{fmt:>8}" for fmt in rdv_forms.FORMATS))
    for kind in rdv_forms.KINDS:
        cells = [statistics.mean(timings[(kind, fmt)]) for fmt in rdv_forms.FORMATS]
        print(f"{kind:<{width}}  " + "  ".join(f"{cell:8.2f}" for cell in cells))
    samples = sum(len(values) for values in timings.values())
    print(f"({samples} documents rendered, {options.repeat} rounds)")


if __name__ == "__main__":
    main()
