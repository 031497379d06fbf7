"""The filing pack: the petition, the inventory and one file per exhibit, ready for
Télérecours citoyens, plus one combined PDF for printing and a zip of everything.

    pack = build_pack(answers, [Given("capture_2026-10-05.png", data), …], today=…)
    pack.files  # [(name, bytes)], pack.zip, pack.missing

Each file the person gives goes to one exhibit of the inventory: the one they name by its
number (« 3=photo.jpg » on the command line), or the one of the attempt whose « preuve »
is that file's name. Images are placed one per page, under the exhibit's number and a
caption; a PDF is kept byte for byte as the exhibit's file, and its pages are counted for
the inventory. The attempts log (« relevé des démarches ») is made from the answers when
no file is given for it.

The combined PDF, for printing, holds the petition, the inventory and every exhibit in
order, one bookmark per exhibit. A person's own PDF goes in with its pages as they are
(importer.py copies them); one that cannot be read safely gets instead a page, at the
exhibit's place and with its bookmark, that names the separate file to print there.
Télérecours does not take the combined PDF anyway: since 2021, one file per exhibit.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, time

from .. import french
from ..analysis import refere_block
from ..answers import Answers, Tentative
from ..documents.model import Document, Exhibit, Runs, Table, Text, Value, plain
from ..documents.registry import make
from ..exhibits import JOURNAL_SLUG, SLUG_MOYENS, slug
from ..i18n import Message, msg_pdf
from ..records import replace
from . import naming
from .importer import import_pages
from .layout import (
    BODY_SIZE,
    MARGINS,
    Layout,
    Style,
    break_lines,
    document_pages,
    draw_line,
    number_pages,
)
from .pieces import Picture, Unreadable, kind_of, pdf_page_count, read_jpeg, read_png, unsupported
from .writer import A4, MM, Foreign, Outline, Page, write

# The wording of the pages made here (the documents' language: French).
WORDING = {
    "pages": "Pages",
    "a_joindre": "à joindre",
    "image": "Image {n} sur {total}",
    "tentative": "Démarche du {date}{heure} ({moyen}) : {resultat}",
    "fichier_joint": (
        "Cette pièce est le fichier PDF « {fichier} » ({pages}), joint tel quel au dossier : "
        "imprimez-le et placez-le ici."
    ),
    "manquante": "Cette pièce n’a pas été fournie : ajoutez-la ici avant de déposer le dossier.",
    "imprimer": "Dossier à imprimer",
    "requete": "Requete",
    "bordereau": "Bordereau",
}
MOYENS = {
    "internet": "site internet",
    "anef": "ANEF",
    "ccc": "centre de contact citoyens",
    "pan": "point d’accueil numérique",
    "demande_en_ligne": "demande en ligne",
    "relance_en_ligne": "relance de la demande en ligne",
    "courriel": "courriel",
    "lrar": "lettre recommandée",
    "guichet": "guichet",
    "telephone": "téléphone",
    "defenseur_des_droits": "Défenseur des droits",
}
COMBINED = "00-dossier-complet-a-imprimer.pdf"


class Given:
    """A file the person gives, and the exhibit number they chose for it (or None)."""

    def __init__(self, name: str, data: bytes, number: int | None = None):
        self.name, self.data, self.number = name, data, number


class PackError(ValueError):
    def __init__(self, message: Message):
        super().__init__(message.msgid)
        self.message = message


class Piece:
    """One file read: an image to place or a PDF to keep, and the attempt it proves."""

    def __init__(self, given: Given, picture: Picture | None, pages: int):
        self.given, self.picture, self.pages = given, picture, pages
        self.attempt: Tentative | None = None


class Pack:
    def __init__(self) -> None:
        self.files: list[tuple[str, bytes]] = []
        self.missing: list[Exhibit] = []
        self.pages: dict[int, int] = {}
        self.file_pages: dict[str, int] = {}  # file name → its pages, for every file
        self.zip_name = "dossier.zip"

    @property
    def zip(self) -> bytes:
        """Every file, stored as it is (PDFs and JPEGs do not compress further)."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
            for name, data in self.files:
                archive.writestr(zipfile.ZipInfo(name, (2021, 5, 1, 0, 0, 0)), data)
        return buffer.getvalue()


def read_piece(given: Given) -> Piece:
    kind = kind_of(given.data)
    if kind == "jpeg":
        return Piece(given, read_jpeg(given.data, given.name), 1)
    if kind == "png":
        return Piece(given, read_png(given.data, given.name), 1)
    if kind == "pdf":
        return Piece(given, None, pdf_page_count(given.data, given.name))
    if not given.data:
        raise Unreadable(msg_pdf("« %(fichier)s » : le fichier est vide.", fichier=given.name))
    raise unsupported(given.name, kind or given.name.rpartition(".")[2].upper() or "?")


def assign(answers: Answers, exhibits: tuple[Exhibit, ...], pieces: list[Piece]):
    """Exhibit number → its pieces, in the order given."""
    by_number = {exhibit.number: exhibit for exhibit in exhibits}
    by_moyen = {SLUG_MOYENS[slug(e)]: e.number for e in exhibits if slug(e) in SLUG_MOYENS}
    attempts = {a.preuve: a for a in answers.tentatives if a.preuve}
    assigned: dict[int, list[Piece]] = {}
    for piece in pieces:
        number = piece.given.number
        attempt = attempts.get(piece.given.name)
        if number is None and attempt is not None:
            number = by_moyen.get(attempt.moyen)
        listing = "; ".join(
            f"{e.number} = {plain(e.description)}" for e in exhibits
        )  # what the person may choose from
        if number is None:
            raise PackError(
                msg_pdf(
                    "« %(fichier)s » ne correspond à aucune pièce : indiquez le numéro de sa "
                    "pièce, par exemple « 3=%(fichier)s ». Pièces : %(pieces)s.",
                    fichier=piece.given.name,
                    pieces=listing,
                )
            )
        if number not in by_number:
            raise PackError(
                msg_pdf(
                    "Il n’y a pas de pièce n° %(numero)s dans le bordereau. Pièces : %(pieces)s.",
                    numero=number,
                    pieces=listing,
                )
            )
        if attempt is not None and attempt.preuve == piece.given.name:
            piece.attempt = attempt
        assigned.setdefault(number, []).append(piece)
    for group in assigned.values():  # the attempts' proofs in date order, then the others
        group.sort(key=_chronology)
    for number, group in assigned.items():
        if len(group) > 1 and any(piece.picture is None for piece in group):
            raise PackError(
                msg_pdf(
                    "Pièce n° %(numero)s : un PDF ne peut être réuni ici ni à un autre PDF ni à "
                    "des images. Réunissez d’abord ces fichiers en un seul PDF, ou donnez-lui "
                    "une pièce à lui.",
                    numero=number,
                )
            )
    return assigned


def _chronology(piece: Piece) -> tuple:
    attempt = piece.attempt
    if attempt is None or attempt.date is None:
        return (1,)
    return (0, attempt.date, attempt.heure or time.min)


def build_pack(answers: Answers, given: list[Given], *, today: date) -> Pack:
    """Every file of the pack; raises `Unreadable` or `PackError` with a message to show."""
    block = refere_block(answers)
    if block is not None:  # the same rule as for the petition alone
        raise PackError(block.message)
    # Filed now: dated today, never the dotted line left for a référé filed later by hand.
    requete = make("refere", answers, today=today, filing=True)
    bordereau = make("bordereau", answers, today=today, filing=True)
    exhibits = bordereau.exhibits
    pieces = []
    for item in given:
        try:
            pieces.append(read_piece(item))
        except Unreadable as problem:
            problem.file = item.name  # which file, for a page that lists several
            raise
    assigned = assign(answers, exhibits, pieces)
    pack = Pack()
    pack.zip_name = f"dossier-{requete.filename}.zip"
    exhibit_pages: dict[int, list[Page]] = {}
    kept: dict[int, Piece] = {}
    for exhibit in exhibits:
        group = assigned.get(exhibit.number, [])
        if group and group[0].picture is None:
            kept[exhibit.number] = group[0]
            pack.pages[exhibit.number] = group[0].pages
        elif group:
            exhibit_pages[exhibit.number] = _picture_pages(exhibit, group)
        elif slug(exhibit) == JOURNAL_SLUG:
            exhibit_pages[exhibit.number] = document_pages(make("journal", answers, today=today))
        else:
            pack.missing.append(exhibit)
        if exhibit.number in exhibit_pages:
            pack.pages[exhibit.number] = len(exhibit_pages[exhibit.number])
    requete_pages = document_pages(requete)
    bordereau_pages = document_pages(with_page_counts(bordereau, pack.pages))
    pack.files.append((requete.filename_for("pdf"), write(requete_pages, title=requete.title)))
    pack.file_pages[requete.filename_for("pdf")] = len(requete_pages)
    pack.files.append(
        (bordereau.filename_for("pdf"), write(bordereau_pages, title=bordereau.title))
    )
    pack.file_pages[bordereau.filename_for("pdf")] = len(bordereau_pages)
    combined: list[Page | Foreign] = [*requete_pages, *bordereau_pages]
    outlines = [Outline(WORDING["requete"], 0), Outline(WORDING["bordereau"], len(requete_pages))]
    for exhibit in exhibits:
        filename = exhibit_filename(exhibit)
        title = f"{exhibit.label} : {plain(exhibit.description)}"
        outlines.append(Outline(naming.bookmark(exhibit.number, filename), len(combined)))
        if exhibit.number in exhibit_pages:
            pages = exhibit_pages[exhibit.number]
            pack.files.append((filename, write(pages, title=title)))
            pack.file_pages[filename] = len(pages)
            combined += pages
        elif exhibit.number in kept:
            piece = kept[exhibit.number]
            pack.files.append((filename, piece.given.data))
            pack.file_pages[filename] = piece.pages
            imported = import_pages(piece.given.data)
            if imported is not None and len(imported) == piece.pages:
                combined += imported  # its own pages, as they are
            else:  # not safely readable, or counted otherwise: a page that says to add it
                text = WORDING["fichier_joint"].format(
                    fichier=filename, pages=french.quantite(piece.pages, "page", feminin=True)
                )
                combined.append(_notice_page(exhibit, text))
        else:
            combined.append(_notice_page(exhibit, WORDING["manquante"]))
    title = f"{WORDING['imprimer']} : {requete.title}"
    pack.files.append((COMBINED, write(combined, title=title, outlines=outlines)))
    pack.file_pages[COMBINED] = len(combined)
    return pack


def exhibit_filename(exhibit: Exhibit) -> str:
    """The inventory's file name, checked against Télérecours' rules (rebuilt if it broke them)."""
    if naming.is_valid(exhibit.filename):
        return exhibit.filename
    return naming.exhibit_filename(exhibit.number, slug(exhibit))


def with_page_counts(bordereau: Document, pages: dict[int, int]) -> Document:
    """The inventory with a « Pages » column: how many pages each exhibit's file has."""
    blocks = []
    for block in bordereau.blocks:
        if isinstance(block, Table) and len(block.rows) == len(bordereau.exhibits):
            rows = tuple(
                (*row, _count(pages.get(exhibit.number)))
                for row, exhibit in zip(block.rows, bordereau.exhibits, strict=True)
            )
            block = Table((*block.header, WORDING["pages"]), rows)
        blocks.append(block)
    return replace(bordereau, blocks=tuple(blocks))


def _count(pages: int | None) -> Runs:
    return (Text(str(pages) if pages else WORDING["a_joindre"]),)


def _header(page: Page, exhibit: Exhibit, extra: list[Runs], top: float) -> float:
    """The exhibit's label and description at the top of a page; returns where it ends."""
    layout = Layout()
    width = page.size[0] - MARGINS["left"] - MARGINS["right"]
    lines = []
    label = (Text(f"{exhibit.label} : ", "strong"), *exhibit.description)
    lines += break_lines(layout.words(label, Style(BODY_SIZE)), width, BODY_SIZE)
    for runs in extra:
        lines += break_lines(layout.words(runs, Style(9.5, italic=True)), width, 9.5)
    if layout.missing:
        from .fonts import MissingGlyphs

        raise MissingGlyphs("".join(sorted(layout.missing)))
    for line in lines:
        draw_line(page, line, MARGINS["left"], top, width, "left")
        top -= line.height
    return top


def _picture_pages(exhibit: Exhibit, pieces: list[Piece]) -> list[Page]:
    pages = []
    for index, piece in enumerate(pieces, start=1):
        page = Page(A4)
        extra: list[Runs] = []
        if len(pieces) > 1:
            extra.append((Text(WORDING["image"].format(n=index, total=len(pieces))),))
        if piece.attempt is not None:
            extra.append(_attempt_caption(piece.attempt))
        bottom = page.size[1] - MARGINS["top"]
        bottom = _header(page, exhibit, extra, bottom) - 4 * MM
        picture = piece.picture
        assert picture is not None
        room_w = page.size[0] - MARGINS["left"] - MARGINS["right"]
        room_h = bottom - MARGINS["bottom"]
        width, height = picture.upright_size
        scale = min(room_w / width, room_h / height)
        w, h = width * scale, height * scale
        x = MARGINS["left"] + (room_w - w) / 2
        page.image(picture.image, picture.matrix(x, bottom - h, w, h))
        pages.append(page)
    number_pages(pages)
    return pages


def _attempt_caption(attempt) -> Runs:
    heure = f" à {french.heure(attempt.heure)}" if attempt.heure else ""
    template = WORDING["tentative"]
    text = template.format(
        date=french.date_longue(attempt.date),
        heure=heure,
        moyen=MOYENS.get(attempt.moyen, attempt.moyen),
        resultat="\0",
    )
    before, _, after = text.partition("\0")
    return (Text(before), Value(attempt.resultat or "–"), Text(after))


def _notice_page(exhibit: Exhibit, text: str) -> Page:
    page = Page(A4)
    top = _header(page, exhibit, [], page.size[1] - MARGINS["top"]) - 6 * MM
    layout = Layout()
    width = page.size[0] - MARGINS["left"] - MARGINS["right"]
    for line in break_lines(layout.words((Text(text),), Style(BODY_SIZE)), width, BODY_SIZE):
        draw_line(page, line, MARGINS["left"], top, width, "left")
        top -= line.height
    return page


__all__ = ["Given", "Pack", "PackError", "build_pack"]
