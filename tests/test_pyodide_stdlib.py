"""The slimmed standard library the site ships, checked inside real Pyodide under Node.

Its bytecode carries no line numbers (to be small on a phone); an error must still be
readable, or a failure in someone's browser would say nothing useful.
"""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROBE = ROOT / "plugins" / "pyodide_forms" / "probe.mjs"
SCRIPT = """
import json, traceback
try:
    json.loads("{")
except ValueError:
    RESULT = traceback.format_exc()
"""


def test_tracebacks_format_inside_the_shipped_stdlib(site, tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: the project needs Node 20 (see README)")
    (runtime,) = (site / "pyodide").iterdir()
    script = tmp_path / "script.py"
    script.write_text(SCRIPT)
    examples = tmp_path / "examples.json"
    examples.write_text("[]")
    result = subprocess.run(
        [
            node,
            "--stack-size=4000",
            PROBE,
            runtime,
            runtime / "python_stdlib.zip",
            script,
            examples,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "json.decoder.JSONDecodeError: Expecting property name" in result.stdout
    assert 'File "json/decoder.py", line None' in result.stdout
