"""The command line, run as a volunteer would: exit codes and messages, never a traceback."""

import json
import os
import subprocess
import sys
import zipfile

import pytest
from formsupport import EXAMPLE, PERSONAS, ROOT, persona

pytestmark = pytest.mark.host_only

DAY = "2026-11-22"


def run(*arguments, cwd=None):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "forms")}
    return subprocess.run(
        [sys.executable, "-m", "rdv_forms", *arguments],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=60,
    )


def test_a_document_on_standard_output():
    result = run("refere", "--answers", str(EXAMPLE), "--today", DAY)
    assert result.returncode == 0, result.stderr
    # The example has no channel yet: a draft, marked before the title.
    assert result.stdout.startswith("*** PROJET – dossier pas encore prêt ***")
    assert "\nREQUÊTE EN RÉFÉRÉ MESURES UTILES\n" in result.stdout


def test_an_odt_file(tmp_path):
    output = tmp_path / "requete.odt"
    result = run(
        "refere",
        "--answers",
        str(EXAMPLE),
        "--format",
        "odt",
        "--output",
        str(output),
        "--today",
        DAY,
    )
    assert result.returncode == 0, result.stderr
    assert zipfile.is_zipfile(output)
    assert str(output) in result.stderr


def test_a_blank_model_without_answers():
    result = run("lettre", "--blank", "--format", "html")
    assert result.returncode == 0
    assert 'class="rdv-blank"' in result.stdout


def test_check_prints_validation_and_verdict():
    result = run("check", "--answers", str(PERSONAS["regroupement-familial"]), "--today", DAY)
    assert result.returncode == 0
    assert "Les réponses sont valides." in result.stdout
    assert "lu comme version 2" in result.stdout
    assert "Questions nouvelles à compléter : demarche.canal" in result.stdout
    assert "Dites d’abord comment se fait votre demande" in result.stdout


def test_check_in_english():
    result = run("check", "--answers", str(EXAMPLE), "--today", DAY, "--lang", "en")
    assert "Verdict: First say how your application is made" in result.stdout
    assert "read as version 2" in result.stdout


def test_no_refere_with_a_removal_order_and_nobody_named(tmp_path):
    data = {**persona("etudiant"), "decision_anterieure": {"existe": "oui", "mesures": ["oqtf"]}}
    path = tmp_path / "oqtf.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run("refere", "--answers", str(path), "--today", DAY, "--lang", "en")
    assert result.returncode == 1 and result.stdout == ""
    assert "lawyer" in result.stderr and "association" in result.stderr
    assert run("lettre", "--answers", str(path), "--today", DAY).returncode == 0


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        (("refere", "--answers", "missing.json"), 2, "Fichier introuvable"),
        (("refere", "--answers", "missing.json", "--lang", "en"), 2, "File not found"),
        (("poster", "--blank"), 2, "Type de document inconnu"),
        (("refere",), 2, "--answers"),
        (("refere", "--blank", "--format", "docx"), 2, "Format inconnu"),
        (("refere", "--blank", "--today", "hier"), 2, "Date du jour"),
        (("refere", "--bogus"), 2, "Commande incorrecte"),
        (("refere", "--answers", "{bad}"), 1, "JSON valide"),
        (("refere", "--answers", "{invalid}"), 1, "personne.nom"),
        (("refere", "--answers", "{polynesie}"), 1, "CESEDA"),
        (("check", "--answers", "{invalid}"), 1, "personne.nom"),
    ],
)
def test_invalid_input_exits_with_a_message_and_no_traceback(tmp_path, arguments, code, message):
    (tmp_path / "bad.json").write_text("{ not json", encoding="utf-8")
    (tmp_path / "invalid.json").write_text('{"version": 1, "personne": {"nom": 1}}', "utf-8")
    files = {
        "{bad}": str(tmp_path / "bad.json"),
        "{invalid}": str(tmp_path / "invalid.json"),
        "{polynesie}": str(PERSONAS["hors-champ-polynesie"]),
    }
    today = () if "--today" in arguments else ("--today", DAY)
    result = run(*(files.get(a, a) for a in arguments), *today, cwd=tmp_path)
    assert result.returncode == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr
