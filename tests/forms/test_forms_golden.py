"""Golden files: the full text of every document for every persona, to read as a lawyer would.

`UPDATE_GOLDEN=1 pytest tests/forms` rewrites them (and the shipped JSON Schema); review the
diff like any change to the wording.
"""

import json

import pytest
import rdv_forms
from formsupport import GOLDEN_DIR, PERSONAS, TODAY, UPDATE_GOLDEN, persona
from rdv_forms import analyse, make, render, validate
from rdv_forms.documents.registry import NotProduced

BLANK = "_modele-vierge"
SCHEMA = GOLDEN_DIR.parent.parent.parent / "forms/rdv_forms/schema" / rdv_forms.answers.SCHEMA_NAME


def document_text(name: str, kind: str) -> str:
    if name == BLANK:
        return render(make(kind, blank=True, today=TODAY), "text")
    try:
        return render(make(kind, persona(name), today=TODAY), "text")
    except NotProduced as refusal:
        return f"DOCUMENT NON PRODUIT\n\n{refusal.message.render('fr')}\n"


def check_text(name: str) -> str:
    data = persona(name)
    errors = validate(data, today=TODAY)
    analysis = analyse(data, today=TODAY)
    summary = analysis.summary
    lines = [f"Aujourd’hui : {TODAY.isoformat()}"]
    lines.append("Erreurs : " + ("aucune" if not errors else ""))
    lines += [f"- {error.path} [{error.msgid}] {error.message}" for error in errors]
    channels = ", ".join(f"{key} {count}" for key, count in summary.channels.items())
    lines.append(
        f"Résumé : {summary.count} démarches, du {summary.first} au {summary.last} "
        f"({summary.span_days} jours) ; semaines : {', '.join(summary.weeks)} ; {channels}"
    )
    verdict = analysis.verdict
    lines.append(f"Verdict [{verdict.code}, prêt : {'oui' if verdict.ready else 'non'}] :")
    lines.append(verdict.message.render("fr"))
    lines.append(verdict.message.render("en"))
    lines.append("Avertissements :")
    for notice in analysis.notices:
        lines.append(f"- [{notice.code}] {notice.message.render('fr')}")
    return "\n".join(lines) + "\n"


CASES = [(name, kind) for name in [*PERSONAS, BLANK] for kind in rdv_forms.KINDS]


def _compare(path, actual: str) -> None:
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}: run with UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8"), f"{path} differs (UPDATE_GOLDEN=1)"


@pytest.mark.parametrize(("name", "kind"), CASES)
def test_document_matches_golden(name, kind):
    _compare(GOLDEN_DIR / name / f"{kind}.txt", document_text(name, kind))


@pytest.mark.parametrize("name", list(PERSONAS))
def test_check_matches_golden(name):
    _compare(GOLDEN_DIR / name / "check.txt", check_text(name))


def test_no_stray_golden_files():
    expected = {f"{name}/{kind}.txt" for name, kind in CASES}
    expected |= {f"{name}/check.txt" for name in PERSONAS}
    found = {path.relative_to(GOLDEN_DIR).as_posix() for path in GOLDEN_DIR.rglob("*.txt")}
    assert found == expected


def test_shipped_schema_is_generated_from_the_fields():
    actual = json.dumps(rdv_forms.json_schema(), ensure_ascii=False, indent=2) + "\n"
    _compare(SCHEMA, actual)
