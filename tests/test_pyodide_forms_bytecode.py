"""The browser wheel's bytecode loses its columns, never its line numbers.

plugins/pyodide_forms rewrites the location tables of rdv_forms' .pyc without columns
(about 32 KB brotli of a first visit); tracebacks in the browser must still name lines.
"""

import sys
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
from pyodide_forms.pyodide_forms import _lines_only  # noqa: E402

FAR = "\n" * 5000  # line deltas that need several varint bytes

CASES = {
    "module": "x = 1\ny = x + 1\n",
    "nested functions": (
        "def f(a):\n    def g(b):\n        return a + b\n    return g(2)\nR = f(1)\n"
    ),
    "long straight line": "R = 0\n" + "".join(f"R = R + {i}\n" for i in range(200)),
    "far lines": f"R = 1{FAR}R = R + 1{FAR}R = R * 3\n",
    "backwards lines": "R = [\n    i * 2\n    for i in range(3)\n    if i\n]\n",
    "decorator and class": (
        "def deco(f):\n    return f\n\n@deco\nclass C:\n    def m(self):\n        return 7\n"
        "R = C().m()\n"
    ),
    "exceptions": (
        "try:\n    1 / 0\nexcept ZeroDivisionError:\n    R = 'caught'\nfinally:\n    pass\n"
    ),
}


def _walk(code: types.CodeType):
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _walk(const)


def _assert_same_lines(code: types.CodeType) -> None:
    rewritten = _lines_only(code)
    for before, after in zip(_walk(code), _walk(rewritten), strict=True):
        assert list(after.co_lines()) == list(before.co_lines()), before.co_name
        assert all(column is None for *_, column, _ in after.co_positions())
        assert len(after.co_linetable) <= len(before.co_linetable)


@pytest.mark.parametrize("source", CASES.values(), ids=CASES.keys())
def test_lines_are_kept_and_columns_dropped(source):
    code = compile(source, "<case>", "exec", optimize=2, dont_inherit=True)
    _assert_same_lines(code)
    expected, actual = {}, {}
    exec(code, expected)
    exec(_lines_only(code), actual)
    assert actual.get("R") == expected.get("R")


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "forms" / "rdv_forms").rglob("*.py")),
    ids=lambda p: str(p.relative_to(ROOT / "forms")),
)
def test_every_rdv_forms_module_keeps_its_lines(path):
    _assert_same_lines(compile(path.read_bytes(), str(path), "exec", optimize=2))


def test_a_traceback_still_names_the_line():
    code = _lines_only(compile("def f():\n    x = 1\n    return 1 / 0\n", "<m>", "exec"))
    namespace = {}
    exec(code, namespace)
    with pytest.raises(ZeroDivisionError) as caught:
        namespace["f"]()
    assert caught.traceback[-1].lineno + 1 == 3
