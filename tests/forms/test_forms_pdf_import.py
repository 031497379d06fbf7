"""A PDF the person gives, its pages copied into the combined print PDF (pdf/importer.py).

The parser's own tests need no pypdf and run in Pyodide too (with the PDF wheel); the
tests that open the result with pypdf and qpdf are host-only."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zlib

import pytest
from piecesupport import (
    PIECES,
    classic_pdf,
    compressed_pdf,
    content,
    hybrid_pdf,
    pdf_objects,
    piece,
    stream_object,
    updated_pdf,
)

if sys.platform == "emscripten":  # pragma: no cover - the shipped wheel leaves PDF out
    pytest.importorskip("rdv_forms.pdf", reason="the PDF package is not in the browser's wheel")

from rdv_forms.pdf.importer import IRef, Lexer, Name, PdfError, Reader, String, import_pages
from rdv_forms.pdf.pieces import pdf_page_count
from rdv_forms.pdf.writer import Outline, Page, write

# ---------------------------------------------------------------------------- tokenizer

VALUES = [
    (b"42", 42),
    (b"-17", -17),
    (b"+3", 3),
    (b"3.25", 3.25),
    (b"-.5", -0.5),
    (b"4.", 4.0),
    (b"true", True),
    (b"false", False),
    (b"null", None),
    (b"/Type", "Type"),
    (b"/A#20B#2f", "A B/"),
    (b"/", ""),
    (b"(plain)", b"plain"),
    (b"(a (nested (twice)) b)", b"a (nested (twice)) b"),
    (b"(esc \\( \\) \\\\ \\n\\r\\t\\b\\f)", b"esc ( ) \\ \n\r\t\b\f"),
    (b"(octal \\101\\60\\0053)", b"octal A0\x053"),
    (b"(line \\\ncontinued \\\r\nagain)", b"line continued again"),
    (b"(unknown \\q escape)", b"unknown q escape"),
    (b"<48 65 6C 6c 6>", b"Hell`"),
    (b"<>", b""),
    (b"[1 2 3 R 4 -5 0 R]", [1, ("ref", 2, 3), 4, -5, 0, b"R"]),
]


def plain(value):
    """Parsed values as plain Python, to compare with the table."""
    if isinstance(value, IRef):
        return ("ref", value.number, value.generation)
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, String):
        return bytes(value)
    return getattr(value, "word", value)  # a keyword: its bytes


@pytest.mark.parametrize(("source", "expected"), VALUES)
def test_values_are_tokenized(source, expected):
    value = Lexer(source).value()
    assert plain(value) == expected
    assert type(value) is {str: Name, bytes: String}.get(type(expected), type(value))


def test_containers_references_and_comments():
    source = b"<< /Kids [3 0 R 12 5 R] % a comment\n /Box [0 -1.5 595 842] /In << /K (v) >> >>"
    assert plain(Lexer(source).value()) == {
        "Kids": [("ref", 3, 0), ("ref", 12, 5)],
        "Box": [0, -1.5, 595, 842],
        "In": {"K": b"v"},
    }


@pytest.mark.parametrize(
    "source", [b"(open", b"<4142", b"<< /A 1", b"[1 2", b"<< 1 2 >>", b"<zz>", b")", b""]
)
def test_malformed_values_are_refused(source):
    with pytest.raises(PdfError):
        Lexer(source).value()


def test_deep_nesting_is_refused():
    with pytest.raises(PdfError):
        Lexer(b"[" * 200 + b"]" * 200).value()


# ------------------------------------------------------------------------------ reading

LAYOUTS = ["plain", "inherited", "rotated", "shared"]
PAGES = {"plain": 1, "inherited": 2, "rotated": 2, "shared": 3}


def update(base: bytes) -> bytes:
    """An incremental update: page 1's text replaced, so only /Prev-aware reading is right."""
    return updated_pdf(base, {4: stream_object(b"", content("Texte corrige par mise a jour"))})


MAKERS = {
    "classic": lambda layout: classic_pdf(pdf_objects(layout)),
    "xref stream": lambda layout: compressed_pdf(pdf_objects(layout)),
    "hybrid": lambda layout: hybrid_pdf(pdf_objects(layout)),
    "update of classic": lambda layout: update(classic_pdf(pdf_objects(layout))),
    "update of xref stream": lambda layout: update(compressed_pdf(pdf_objects(layout))),
}
GENERATED = {
    f"{maker} {layout}": (lambda maker=maker, layout=layout: MAKERS[maker](layout), PAGES[layout])
    for maker in MAKERS
    for layout in LAYOUTS
}
FIXTURES = {  # pages as the inventory counts them (pieces.py, by another way)
    path.name: (lambda path=path: path.read_bytes(), pdf_page_count(path.read_bytes(), "x.pdf"))
    for path in sorted(PIECES.glob("*.pdf"))
    if path.name != "protege.pdf"  # encrypted: refused before (test_forms_dossier)
}
CASES = {**GENERATED, **FIXTURES}


@pytest.mark.parametrize("case", list(CASES))
def test_every_case_is_imported_with_all_its_pages(case):
    make, count = CASES[case]
    pages = import_pages(make())
    assert pages is not None and len(pages) == count


@pytest.mark.parametrize("maker", ["update of classic", "update of xref stream"])
def test_an_incremental_update_wins_over_the_older_object(maker):
    reader = Reader(MAKERS[maker]("plain"))
    stream = reader.resolve(IRef(4, 0))
    assert b"mise a jour" in zlib.decompress(stream.raw)
    assert reader.trailer["Prev"] > 0


def test_inherited_attributes_are_pulled_down_into_the_page():
    (first, second) = import_pages(classic_pdf(pdf_objects("inherited")))
    page = first.source.pages[0]
    assert plain(page["MediaBox"]) == [0, 0, 595, 842]
    assert plain(page["Resources"])["Font"] == {"F1": ("ref", 5, 0)}
    assert "Parent" not in page
    assert plain(second.source.pages[1]["MediaBox"]) == [0, 0, 420, 595]  # its own wins


def test_a_shared_font_is_copied_once():
    data = classic_pdf(pdf_objects("shared"))
    out = write(import_pages(data), title="t")
    assert out.count(b"/BaseFont /Helvetica") == 1
    assert out.count(b"/Type /Page\n") == 3


def stream_with_indirect_length() -> bytes:
    objects = pdf_objects("plain")
    data = content("Longueur indirecte")
    objects[4] = b"<< /Length 9 0 R >>\nstream\n%s\nendstream" % data
    objects[9] = b"%d" % len(data)
    return classic_pdf(objects)


def test_a_stream_length_may_be_indirect():
    (page,) = import_pages(stream_with_indirect_length())
    out = write([page], title="t")
    assert b"Longueur indirecte" in out


def corrupt(data: bytes, old: bytes, new: bytes) -> bytes:
    assert old in data
    return data.replace(old, new)


def lettre() -> bytes:
    return piece("lettre-3-pages-objstm.pdf")


def looped_prev() -> bytes:
    base = classic_pdf(pdf_objects("plain"))
    at = int(base[base.rindex(b"startxref") + 9 :].split()[0])
    return updated_pdf(base, {4: b"(x)"}).replace(b"/Prev %d" % at, b"/Prev %d" % (len(base) + 40))


def cut_content() -> bytes:
    """A content stream whose Flate data ends early (its /Length matching what is there)."""
    objects = pdf_objects("plain")
    data = zlib.compress(content("Texte coupe") * 20)[:-8]
    objects[4] = b"<< /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream" % (
        len(data),
        data,
    )
    return classic_pdf(objects)


BROKEN = {
    "no startxref": lambda: lettre().replace(b"startxref", b"startxxxx"),
    "startxref off": lambda: lettre()[: lettre().rindex(b"startxref")] + b"startxref\n9\n%%EOF",
    "length too long": lambda: corrupt(
        classic_pdf(pdf_objects("plain")), b"/FlateDecode /Length ", b"/FlateDecode /Length 9"
    ),
    "length missing": lambda: corrupt(
        classic_pdf(pdf_objects("rotated")), b" /Filter /FlateDecode /Length", b" /Length /X"
    ),
    "object renumbered": lambda: corrupt(
        classic_pdf(pdf_objects("plain")), b"\n3 0 obj", b"\n7 0 obj"
    ),
    "page tree loop": lambda: corrupt(
        classic_pdf(pdf_objects("plain")), b"/Kids [3 0 R]", b"/Kids [2 0 R]"
    ),
    "no pages": lambda: corrupt(classic_pdf(pdf_objects("plain")), b"/Kids [3 0 R]", b"/Kids []"),
    "prev loop": looped_prev,
    "encrypted": lambda: piece("protege.pdf"),
    "TIFF predictor in xref stream": lambda: corrupt(
        compressed_pdf(pdf_objects("plain")), b"/Predictor 12", b"/Predictor 2"
    ),
    "unknown filter": lambda: corrupt(
        classic_pdf(pdf_objects("plain")), b"/Filter /FlateDecode", b"/Filter /FlateD5code"
    ),
    "content stream cut short": cut_content,
    "garbage": lambda: b"%PDF-1.7\n garbage \nstartxref\n12\n%%EOF\n",
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_what_cannot_be_read_safely_is_not_imported(case):
    assert import_pages(BROKEN[case]()) is None


# -------------------------------------------------------------- the result, with pypdf


def combined(data: bytes) -> tuple[bytes, int]:
    """A page of ours, the imported pages, a page of ours; bookmarks on each part."""
    before, after = Page(), Page()
    before.text(72, 700, "Avant")
    after.text(72, 700, "Apres")
    pages = import_pages(data)
    assert pages is not None
    outlines = [Outline("Avant", 0), Outline("PJ1_piece", 1), Outline("Apres", 1 + len(pages))]
    return write([before, *pages, after], title="t", outlines=outlines), len(pages)


@pytest.mark.host_only
@pytest.mark.parametrize("case", list(CASES))
def test_the_combined_pdf_opens_and_holds_the_same_pages(case, tmp_path):
    from pypdf import PdfReader

    data = CASES[case][0]()
    out, count = combined(data)
    result = PdfReader(io.BytesIO(out), strict=True)
    original = PdfReader(io.BytesIO(data), strict=True)
    assert len(result.pages) == count + 2 == len(original.pages) + 2
    for mine, theirs in zip(result.pages[1:-1], original.pages, strict=True):
        assert mine.extract_text() == theirs.extract_text() != ""
        assert mine.rotation == theirs.rotation
        assert list(mine.mediabox) == list(theirs.mediabox)
    outline = [(o.title, result.get_destination_page_number(o)) for o in result.outline]
    assert outline == [("Avant", 0), ("PJ1_piece", 1), ("Apres", count + 1)]
    path = tmp_path / "combined.pdf"
    path.write_bytes(out)
    qpdf = shutil.which("qpdf")
    assert qpdf, "qpdf is missing: scripts/system-packages.sh installs it"
    checked = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.host_only
def test_rotation_is_kept_and_inherited():
    from pypdf import PdfReader

    out, _count = combined(classic_pdf(pdf_objects("rotated")))
    assert [page.rotation for page in PdfReader(io.BytesIO(out)).pages] == [0, 90, 180, 0]
