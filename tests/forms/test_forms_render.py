"""Renderers: escaped HTML without inline style or script, a well-formed ODT that opens."""

import io
import shutil
import subprocess
import zipfile
from xml.etree import ElementTree

import pytest
import rdv_forms
from formsupport import PERSONAS, TODAY, check_html, persona, variant
from rdv_forms import make, render
from rdv_forms.records import replace


@pytest.mark.parametrize("kind", rdv_forms.KINDS)
def test_html_is_a_fragment_with_classes_only(kind):
    html = render(make(kind, persona("exemple-renouvellement"), today=TODAY), "html")
    assert html.startswith(f'<div class="rdv-doc rdv-doc--{kind}" lang="fr" dir="ltr">')
    assert "style=" not in html and "<script" not in html
    check_html(html)


def test_user_text_is_escaped_and_isolated():
    hostile = '<script>alert("x")</script> & <b onclick=1>'
    data = variant(
        "exemple-renouvellement", **{"personne.nom": "DIALLO", "urgence.details": hostile}
    )
    html = render(make("refere", data, today=TODAY), "html")
    assert "<script" not in html and "<b " not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b onclick=1&gt;" in html
    assert '<bdi class="rdv-value">Aïssatou DIALLO</bdi>' in html


def test_blanks_are_dotted_spans_with_their_label():
    html = render(make("lettre", blank=True, today=TODAY), "html")
    assert '<span class="rdv-blank" data-label="prénom et nom">………………' in html


def test_right_to_left_values_are_isolated_in_text_and_odt():
    # Validation asks for the Latin spelling (issue 17); the renderers still isolate a value
    # whatever its script, should one reach them.
    answers = rdv_forms.load_answers(persona("dcem-enfant"), today=TODAY)
    personne = replace(answers.personne, lieu_naissance="Alep (حلب), Syrie")
    answers = replace(answers, personne=personne)
    text = render(make("refere", answers, today=TODAY), "text")
    assert "\u2068Alep (حلب), Syrie\u2069" in text
    content = zipfile.ZipFile(io.BytesIO(render(make("refere", answers, today=TODAY), "odt"))).read(
        "content.xml"
    )
    assert "\u2068Alep (حلب), Syrie\u2069".encode() in content


def odt_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def check_odt(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        first = package.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert package.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        assert data[30:38] == b"mimetype"
    for name, content in odt_parts(data).items():
        if name.endswith(".xml"):
            ElementTree.fromstring(content)  # well-formed, or it raises


@pytest.mark.parametrize("name", list(PERSONAS)[:4])
def test_odt_package_is_well_formed(name):
    for kind in ("refere", "journal", "bordereau"):
        try:
            document = make(kind, persona(name), today=TODAY)
        except rdv_forms.NotProduced:
            continue
        check_odt(render(document, "odt"))


def test_odt_has_an_a4_page_a_title_and_is_reproducible():
    document = make("refere", persona("exemple-renouvellement"), today=TODAY)
    data = render(document, "odt")
    parts = odt_parts(data)
    assert b'fo:page-width="21cm"' in parts["styles.xml"]
    assert b'fo:page-height="29.7cm"' in parts["styles.xml"]
    assert "<dc:title>Requête en référé mesures utiles</dc:title>".encode() in parts["meta.xml"]
    manifest = parts["META-INF/manifest.xml"].decode()
    for name in ("content.xml", "styles.xml", "meta.xml"):
        assert f'manifest:full-path="{name}"' in manifest
    assert render(document, "odt") == data


def test_text_keeps_lists_and_quotes_readable():
    text = render(make("refere", persona("exemple-renouvellement"), today=TODAY), "text")
    assert "\n– octobre 2026\u00a0: le 5 à 8\u00a0h\u00a055" in text
    assert "\n    «\u202f3. Eu égard" in text


@pytest.mark.host_only
@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="libreoffice is not installed")
def test_odt_opens_in_libreoffice(tmp_path):
    names = []
    for kind in ("refere", "journal", "lettre"):
        path = tmp_path / f"{kind}.odt"
        path.write_bytes(render(make(kind, persona("exemple-renouvellement"), today=TODAY), "odt"))
        names.append(str(path))
    profile = tmp_path / "profile"
    subprocess.run(
        [
            "libreoffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(tmp_path / "out"),
            *names,
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    refere = (tmp_path / "out" / "refere.txt").read_text(encoding="utf-8-sig")
    assert "REQUÊTE EN RÉFÉRÉ MESURES UTILES" in refere
    assert "Aïssatou DIALLO" in refere
    journal = (tmp_path / "out" / "journal.txt").read_text(encoding="utf-8-sig")
    assert "capture_2026-10-20.png" in journal
    assert (tmp_path / "out" / "lettre.txt").stat().st_size > 1000
