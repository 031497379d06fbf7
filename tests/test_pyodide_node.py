"""The rdv_forms test suite, run again inside real Pyodide under Node.

It uses the very runtime, wheel and lock file the site ships (from the session build),
so a difference between CPython and the browser's Python shows up here, not in a
person's hands.
"""

import os
import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "tests" / "pyodide" / "run_forms_tests.mjs"
# pytest itself needs more of the standard library than the site ships.
FULL_STDLIB = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"


def run_in_pyodide(site, *pytest_args: str, packages: str = "rdv-forms"):
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: the project needs Node 20 (see README)")
    (runtime,) = (site / "pyodide").iterdir()  # pyodide/<content hash>/
    assert (runtime / "pyodide-lock.json").exists()
    return subprocess.run(
        [
            node,
            "--stack-size=4000",
            str(RUNNER),
            str(runtime),
            str(FULL_STDLIB),
            str(ROOT),
            sysconfig.get_paths()["purelib"],
            *pytest_args,
        ],
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "RDV_PYODIDE_PACKAGES": packages},
    )


def test_forms_suite_passes_in_pyodide(site):
    result = run_in_pyodide(
        site,
        "tests/forms",
        "-q",
        "-m",
        "not host_only",
        # Hypothesis now has a compiled core (hypothesis._native) with no Pyodide build;
        # the property tests run in CPython, on the same Python minor version.
        "--ignore=tests/forms/test_forms_hypothesis.py",
        "--ignore=tests/forms/test_forms_hardening_properties.py",
    )
    tail = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
    assert result.returncode == 0, tail
    assert " passed" in result.stdout, tail


def test_pdf_actions_pass_in_pyodide_with_the_pdf_wheel(site):
    """The PDF feature's wheel, installed over the first one as the browser does (from the
    same lock file, sha256 checked): `pdf`, `pack` and `exhibits` answer as on the host, and
    the PDF importer's parser reads the same files."""
    result = run_in_pyodide(
        site,
        "tests/forms/test_forms_pdf_actions.py",
        "tests/forms/test_forms_pdf_import.py",
        "-q",
        "-rs",
        "-m",
        "not host_only",
        packages="rdv-forms,rdv-forms-pdf",
    )
    tail = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
    assert result.returncode == 0, tail
    assert " passed" in result.stdout and "skipped" not in result.stdout, tail
