"""The rdv_forms test suite, run again inside real Pyodide under Node.

It uses the very runtime, wheel and lock file the site ships (from the session build),
so a difference between CPython and the browser's Python shows up here, not in a
person's hands.
"""

import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "tests" / "pyodide" / "run_forms_tests.mjs"
# pytest itself needs more of the standard library than the site ships.
FULL_STDLIB = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"


def test_forms_suite_passes_in_pyodide(site):
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: the project needs Node 20 (see README)")
    (runtime,) = (site / "pyodide").iterdir()  # pyodide/<content hash>/
    assert (runtime / "pyodide-lock.json").exists()
    result = subprocess.run(
        [
            node,
            "--stack-size=4000",
            str(RUNNER),
            str(runtime),
            str(FULL_STDLIB),
            str(ROOT),
            sysconfig.get_paths()["purelib"],
            "tests/forms",
            "-q",
            "-m",
            "not host_only",
            # Hypothesis now has a compiled core (hypothesis._native) with no Pyodide build;
            # the property tests run in CPython, on the same Python minor version.
            "--ignore=tests/forms/test_forms_hypothesis.py",
            "--ignore=tests/forms/test_forms_hardening_properties.py",
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    tail = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
    assert result.returncode == 0, tail
    assert " passed" in result.stdout, tail
