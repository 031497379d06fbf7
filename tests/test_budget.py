"""Byte budgets: what a visit downloads, from the built files. Bytes are deterministic,
so unlike times they can fail CI; bench/budget.json holds the limits."""

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Appended, not inserted first: bench/booklets.py would otherwise shadow the booklets plugin
# when this file runs alone and the site fixture builds the booklets.
sys.path.append(str(ROOT / "bench"))
from transfer import BUDGET, figures  # noqa: E402

LIMITS = json.loads(BUDGET.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(LIMITS))
def test_within_budget(site, name):
    measured = figures(site)[name]
    assert measured <= LIMITS[name], f"{name}: {measured} bytes, budget {LIMITS[name]}"
