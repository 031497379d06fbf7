"""The PDF renderer: every kind for every persona and blank, read back with pypdf and qpdf.

PDFs are tested on what a reader sees (pages, size, text, fonts), never on bytes.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import rdv_forms
from formsupport import PERSONAS, TODAY, persona, variant

if sys.platform == "emscripten":  # pragma: no cover - the shipped wheel leaves PDF out
    pytest.importorskip("rdv_forms.pdf", reason="the PDF package is not in the browser's wheel")

from pypdf import PdfReader
from rdv_forms.documents.model import Document, Paragraph, Text, Value
from rdv_forms.documents.registry import NotProduced
from rdv_forms.pdf import fonts, layout
from rdv_forms.render.pdf import UnsupportedCharacters, render_pdf
from rdv_forms.render.text import render_text

A4_POINTS = (595.276, 841.89)

# Characters of French and of the Latin-script names people have: the font must draw them.
COVERED = {
    "français": "àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»’€°",
    "polonais": "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ",
    "turc": "şğıİöüçŞĞ",
    "roumain": "ășțâîĂȘȚşţ",
    "vietnamien": "ễếềểệạảấầẩẫậắằẳẵặđĐơưỡữứừửựỹỳỷỵ",
    "tchèque et slovaque": "čďěňřšťůžČĎĚŇŘŠŤŮŽĺľŕ",
    "hongrois": "őűŐŰ",
    "baltes": "āēīōūĀĒĪŌŪėįųĖĮŲķļņģ",
    "pinyin": "ǎǐǒǔǚǜ",
    "azéri et langues africaines": "əƏɛɔƐƆŋŊƙƴɗɓ",
    "ouzbek": "oʻgʻ",
    "allemand, espagnol, nordiques": "ßẞñÑøØåÅþÞðÐ",
    "ponctuation": "–—‘’“”…•№\u202f\u00a0",
}
NOT_COVERED = {
    "cyrillique": ("Алексей", "Аейклс"),
    "arabe": ("حلب", "بحل"),
    "chinois": ("王芳", "王芳"),
    "emoji": ("Aïcha 🙂", "🙂"),
}


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data), strict=True)


def text_of(data: bytes) -> str:
    """Every page's text, whitespace collapsed (justification draws wider gaps)."""
    text = " ".join(page.extract_text() for page in reader(data).pages)
    return " ".join(text.split())


def cases():
    for name in PERSONAS:
        for kind in rdv_forms.KINDS:
            yield pytest.param(name, kind, id=f"{name}-{kind}")
    for kind in rdv_forms.KINDS:
        yield pytest.param(None, kind, id=f"vierge-{kind}")


def make(name: str | None, kind: str):
    if name is None:
        return rdv_forms.make(kind, blank=True, today=TODAY)
    return rdv_forms.make(kind, persona(name), today=TODAY)


@pytest.mark.parametrize(("name", "kind"), list(cases()))
def test_every_kind_and_persona_gives_a_pdf_or_says_which_characters_it_cannot_write(name, kind):
    try:
        document = make(name, kind)
    except NotProduced:
        pytest.skip("this persona gets no such document (out of scope)")
    unwritable = fonts.missing(render_text(document))
    if unwritable:  # said, never drawn as an empty box
        with pytest.raises(UnsupportedCharacters) as refused:
            render_pdf(document)
        assert refused.value.characters == unwritable
        return
    data = render_pdf(document)
    pdf = reader(data)
    assert pdf.metadata.title == document.title
    total = len(pdf.pages)
    for number, page in enumerate(pdf.pages, start=1):
        box = page.mediabox
        assert (round(float(box.width), 1), round(float(box.height), 1)) == (595.3, 841.9)
        assert f"page {number}/{total}" in page.extract_text()
    # The same text as the text renderer, in the same order: nothing lost, nothing added.
    # (Compared without spaces: pypdf sometimes reads « N° » as « N ° ».)
    expected = "".join(fonts.clean(render_text(document)).replace(" | ", " ").split())
    drawn = "".join(re.sub(r"page \d+/\d+", " ", text_of(data)).split())
    if document.draft is not None:  # the text says it at the top and the bottom; each page too
        mark = "".join(document.draft.mark.split())
        for page in pdf.pages:
            assert "".join(page.extract_text().split()).count(mark) == 2
        expected = expected.replace(f"***{mark}***", "")
        drawn = drawn.replace(mark, "")
    assert drawn == expected


def document_with(text: str) -> Document:
    """A one-paragraph document: the renderer alone, whatever the answers allow."""
    return Document(kind="lettre", title="Lettre", filename="lettre",
                    blocks=(Paragraph((Text("Né à "), Value(text))),))  # fmt: skip


def test_a_town_in_arabic_script_gets_a_clear_refusal():
    """« Alep (حلب) » cannot be drawn: the refusal names the letters, in the person's language."""
    with pytest.raises(UnsupportedCharacters) as refused:
        render_pdf(document_with("Alep (حلب), Syrie"))
    assert set(refused.value.characters) == set("حلب")
    assert "U+062D" in refused.value.message.render("fr")
    english = refused.value.message.render("en")
    assert "U+062D" in english and english != refused.value.message.render("fr")


NAMES = [
    ("ŞAHİN", "Ayşe Gül"),
    ("KOWALSKA", "Łucja Bożena"),
    ("NGUYỄN", "Thị Ngọc Ánh"),
    ("POPESCU", "Ștefan Ionuț"),
    ("ÖZDEMİR", "Doğan"),
]


@pytest.mark.parametrize(("nom", "prenom"), NAMES)
def test_the_petition_text_holds_the_court_and_the_name_exactly(nom, prenom):
    answers = variant("etudiant", **{"personne.nom": nom, "personne.prenom": prenom})
    document = rdv_forms.make("refere", answers, today=TODAY)
    text = text_of(render_pdf(document))
    assert f"{prenom} {nom}" in text
    court = re.search(r"Tribunal administratif d[e’'][^\n]*", render_text(document)).group(0)
    assert court.strip() in text


def test_a_name_typed_decomposed_is_drawn_composed():
    """« Nguyễn » typed as e + circumflex + tilde (some keyboards do) gives one glyph."""
    answers = variant("etudiant", **{"personne.nom": "NGUYE\u0302\u0303N", "personne.prenom": "An"})
    document = rdv_forms.make("refere", answers, today=TODAY)
    assert "An NGUYỄN" in text_of(render_pdf(document))


@pytest.mark.parametrize("language", list(COVERED))
def test_the_font_covers(language):
    assert fonts.missing(COVERED[language]) == ""


@pytest.mark.parametrize(("script", "case"), list(NOT_COVERED.items()))
def test_text_outside_the_font_is_refused_with_its_characters(script, case):
    text, expected = case
    with pytest.raises(UnsupportedCharacters) as refused:
        render_pdf(document_with(text))
    assert refused.value.characters == "".join(sorted(set(expected)))
    for char in refused.value.characters[:8]:
        assert f"U+{ord(char):04X}" in refused.value.message.render("fr")


def test_lines_stay_inside_the_text_block():
    style = layout.Style(layout.BODY_SIZE)
    text = "Une phrase assez longue pour faire plusieurs lignes. " * 20
    email = "quelqu.un." + "tres-long" * 30 + "@example.org"
    for runs in [(Text(text),), (Value(email),)]:
        lines = layout.break_lines(layout.Layout().words(runs, style), 300, style.size)
        assert len(lines) > 3
        assert all(line.width <= 300.01 for line in lines)
        rebuilt = "".join(p for line in lines for w in line.words for p, _ in w.pieces)
        source = text if "@" not in runs[0].text else email
        assert rebuilt == source.replace(" ", "")


def test_a_long_document_breaks_pages_and_numbers_them():
    answers = persona("exemple-renouvellement")
    document = rdv_forms.make("refere", answers, today=TODAY)
    pdf = reader(render_pdf(document))
    assert len(pdf.pages) >= 3
    assert "page 1/" in pdf.pages[0].extract_text()


def test_the_same_document_gives_the_same_bytes():
    document = rdv_forms.make("bordereau", persona("etudiant"), today=TODAY)
    assert render_pdf(document) == render_pdf(document)


def test_only_the_glyphs_drawn_are_embedded():
    document = rdv_forms.make("email", persona("etudiant"), today=TODAY)
    data = render_pdf(document)
    full = (fonts.FONTS_DIR / "serif.ttf").stat().st_size
    assert len(data) < full / 2
    for page in reader(data).pages:
        for resource in page["/Resources"]["/Font"].values():
            font = resource.get_object()
            assert font["/Subtype"] == "/Type0" and "/ToUnicode" in font
            descendant = font["/DescendantFonts"][0].get_object()
            assert re.fullmatch(r"/[A-Z]{6}\+DejaVuSerif(-Bold)?", descendant["/BaseFont"])


@pytest.mark.host_only
def test_the_embedded_subset_is_a_valid_font(tmp_path):
    from fontTools.ttLib import TTFont

    face = fonts.font("regular")
    used = set(face.glyphs("Łucja ŞAHİN, Nguyễn"))
    subset = TTFont(io.BytesIO(face.subset(used)))
    glyf = subset["glyf"]
    drawn = {name for name in subset.getGlyphOrder() if glyf[name].numberOfContours}
    order = subset.getGlyphOrder()
    assert {order[g] for g in used if glyf[order[g]].numberOfContours} <= drawn
    assert len(drawn) < 60  # the rest are empty outlines
    subset.save(tmp_path / "subset.ttf")  # every table consistent enough to be written back


@pytest.mark.host_only
@pytest.mark.parametrize("name", [*PERSONAS, None])
def test_qpdf_checks_every_pdf(name, tmp_path):
    qpdf = shutil.which("qpdf")
    assert qpdf, "qpdf is missing: scripts/system-packages.sh installs it"
    for kind in rdv_forms.KINDS:
        try:
            document = make(name, kind)
            data = render_pdf(document)
        except (NotProduced, UnsupportedCharacters):
            continue
        path = tmp_path / f"{kind}.pdf"
        path.write_bytes(data)
        result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "No syntax or stream encoding errors" in result.stdout


@pytest.mark.host_only
def test_pdftotext_reads_the_petition(tmp_path):
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "poppler-utils is missing: scripts/system-packages.sh installs it"
    answers = variant("etudiant", **{"personne.nom": "NGUYỄN", "personne.prenom": "Łucja"})
    path = tmp_path / "refere.pdf"
    path.write_bytes(render_pdf(rdv_forms.make("refere", answers, today=TODAY)))
    text = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True).stdout
    assert "Łucja NGUYỄN" in " ".join(text.split())


def test_render_knows_pdf():
    document = rdv_forms.make("journal", persona("etudiant"), today=TODAY)
    assert rdv_forms.render(document, "pdf") == render_pdf(document)
    assert document.filename_for("pdf").endswith(".pdf")


def test_the_pdf_code_is_not_imported_with_the_forms():
    """The browser loads rdv_forms on the first visit; the PDF part only when asked."""
    code = (
        "import sys, rdv_forms, rdv_forms.api, rdv_forms.cli; "
        "print(any(m.startswith(('rdv_forms.pdf', 'rdv_forms.render.pdf')) for m in sys.modules))"
    )
    if sys.platform == "emscripten":
        pytest.skip("needs a fresh interpreter")
    forms = Path(rdv_forms.__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=forms, check=True
    )
    assert result.stdout.strip() == "False"


def test_the_api_gives_the_pdf_in_base64_or_a_translated_refusal():
    import base64
    import json

    from rdv_forms import api

    request = {"action": "generate", "kind": "bordereau", "answers": persona("etudiant"),
               "formats": ["pdf"], "today": TODAY.isoformat(), "lang": "en"}  # fmt: skip
    reply = json.loads(api.handle(json.dumps(request)))
    assert reply["ok"] and reply["files"]["pdf"].endswith(".pdf")
    assert len(reader(base64.b64decode(reply["pdf_base64"])).pages) == 1
    request["answers"] = {**persona("etudiant"), "tentatives": [
        {**persona("etudiant")["tentatives"][0], "resultat": "Aucun créneau 🙂"}]}  # fmt: skip
    request["kind"] = "journal"
    reply = json.loads(api.handle(json.dumps(request)))
    assert not reply["ok"], reply
    (error,) = reply["errors"]
    assert error["id"] == "caracteres_pdf" and "U+1F642" in error["message"]
    assert error["message"].startswith("The PDF cannot write")


@pytest.mark.host_only
def test_the_command_line_writes_a_pdf(tmp_path):
    from formsupport import EXAMPLE
    from rdv_forms.cli import main

    output = tmp_path / "requete.pdf"
    arguments = ["refere", "--answers", str(EXAMPLE), "--format", "pdf", "--output", str(output)]
    assert main([*arguments, "--today", TODAY.isoformat()]) == 0
    assert "Tribunal administratif de Montreuil" in text_of(output.read_bytes())


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_no_line_breaks_inside_guillemets_or_before_a_colon(width):
    """What the person typed has plain spaces: « étudiant » must still not come apart."""
    style = layout.Style(layout.BODY_SIZE)
    runs = (Value("carte « étudiant » : oui ; titre « vie privée et familiale » ! Fin ?"),)
    lines = layout.break_lines(layout.Layout().words(runs, style), width, style.size)
    texts = [" ".join("".join(p for p, _ in w.pieces) for w in line.words) for line in lines]
    assert len(texts) > 2
    for text in texts:
        assert not text.endswith("«") and not text.startswith(("»", ":", ";", "!", "?")), texts
