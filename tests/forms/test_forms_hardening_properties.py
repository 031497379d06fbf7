"""Hypothesis fuzz of `api.handle` (issue 21): any JSON, in any place of a request.

Kept apart from test_forms_hardening.py, whose seeded fuzz also runs in Pyodide: Hypothesis
has a compiled core with no Pyodide build (see tests/test_pyodide_node.py).
"""

from __future__ import annotations

import json

import rdv_forms
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdv_forms import api
from test_forms_hardening import DAY, FIELD_PATHS, _assert_reply


def _json_values():
    scalars = (
        st.none()
        | st.booleans()
        | st.integers()
        | st.integers(min_value=10**20, max_value=10**40)
        | st.floats(allow_nan=False)
        | st.text(max_size=30)
        | st.sampled_from(["check", "generate", "kinds", "courts", "schema", "email", "odt", ""])
    )
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
        max_leaves=12,
    )


ANY = _json_values()


@st.composite
def requests(draw):
    """A request with the right keys and wrong values, or the right values in wrong places."""
    request = draw(st.dictionaries(st.sampled_from(["x", "", "answers"]), ANY, max_size=2))
    request["action"] = draw(st.sampled_from(["check", "generate", "kinds"]) | ANY)
    for key in ("kind", "formats", "lang", "today", "blank"):
        if draw(st.booleans()):
            request[key] = draw(
                ANY
                | st.sampled_from(list(rdv_forms.KINDS))
                | st.sampled_from(["text", "html", "odt", ["text"], DAY, "ar", True])
            )
    answers = draw(st.dictionaries(st.sampled_from(["version", *FIELD_PATHS]), ANY, max_size=4))
    if draw(st.booleans()):
        answers["version"] = 1
    nested = {}
    for path, value in answers.items():
        target = nested
        *parents, last = path.split(".")
        for name in parents:
            target = target.setdefault(name, {})
            if not isinstance(target, dict):
                break
        else:
            target[last] = value
    request["answers"] = draw(st.sampled_from([nested, nested, nested, draw(ANY)]))
    return request


# Hypothesis shrinks a failure to its smallest form but costs tens of milliseconds a case:
# a few hundred cases here; the thousands come from the seeded generator of
# test_forms_hardening.py.
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(requests())
def test_fuzzed_requests_get_a_json_reply_and_never_an_internal_error(request):
    _assert_reply(api.handle(json.dumps(request)))


@FUZZ
@given(ANY | st.text(max_size=40))
def test_any_json_document_gets_a_json_reply(value):
    _assert_reply(api.handle(value if isinstance(value, str) else json.dumps(value)))
