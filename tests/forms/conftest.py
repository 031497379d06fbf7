"""Fixtures for the rdv_forms tests: the package from forms/, compiled catalogs, personas."""

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FORMS = ROOT / "forms"
# The source tree wins over an installed copy, unless rdv_forms is already imported: the
# Pyodide run (tests/test_pyodide_node.py) imports the shipped wheel before collecting.
sys.path.insert(0, str(FORMS))
sys.path.insert(0, str(HERE))


def compile_catalogs() -> None:
    """.po → .mo with Babel when a .mo is missing or older than its .po (they are not committed)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po_path in sorted((FORMS / "rdv_forms" / "locale").glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parent.parent.name)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog, use_fuzzy=False)


import rdv_forms  # noqa: E402

if Path(rdv_forms.__file__).resolve().parent == FORMS / "rdv_forms":
    compile_catalogs()


@pytest.fixture
def today():
    from formsupport import TODAY

    return TODAY


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "host_only: needs the host machine (subprocess, pip, LibreOffice), not Pyodide",
    )
