"""The kinds of document: each declared once, with everything the code and the page need.

A kind is its title, its file name, the label the person is shown, which exhibits it carries,
whether it is useful for given answers, and the function that writes its body; `make` does
the rest the same way for all of them. Documents based on the CESEDA (everything addressed to
a préfecture or a court) are not made for the territories outside it; the attempts log is,
since it only records facts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from .. import courts, french
from ..analysis import analyse, refere_block
from ..answers import Answers, load_answers
from ..i18n import N_, Message, msg
from ..records import record
from . import attestation, bordereau, defenseur, email, journal, lettre, refere, wording
from .exhibits import CHANNELS, Exhibits, plan
from .model import Document, Draft
from .writing import Body, Writer

Write = Callable[[Writer, Exhibits], Body]


def _always(answers: Answers) -> Message | None:
    return None


def _visit_or_witness(answers: Answers) -> Message | None:
    if any(t.moyen == "guichet" for t in answers.tentatives) or answers.temoin is not None:
        return None
    return msg(
        "Aucune visite au guichet ni aucun témoin n’est noté : l’attestation servira après une "
        "visite à l’accueil de la préfecture avec un témoin."
    )


def _attempts_logged(answers: Answers) -> Message | None:
    if answers.tentatives:
        return None
    return msg(
        "Aucune tentative n’est notée : ce document se remplit à partir du journal des tentatives."
    )


def _refere_allowed(answers: Answers) -> Message | None:
    """A prior refusal or removal order (or not knowing), and nobody named to advise: no
    référé (the API and the command line refuse to make it; the page is told why)."""
    block = refere_block(answers)
    return block.message if block is not None else None


@record
class Kind:
    name: str
    title: str  # the document's French title
    filename: str  # the file name's stem: « refere-mesures-utiles », the same for everyone
    label: str  # msgid: what the person is shown in their language
    write: Write  # (writer, exhibits) -> the document's body
    # The exhibits it carries, in the order a judge reads them (see exhibits.plan).
    exhibits: tuple[str, ...] = ()
    # Why the document is of no use for given answers yet, or None when it is.
    applies: Callable[[Answers], Message | None] = _always
    ceseda: bool = True  # not made outside the CESEDA's territory
    lawyer_voice: bool = False  # in the third person when a lawyer is named
    # Filed with the court: marked « PROJET » on every page while the verdict is not ready.
    court: bool = False

    def stem(self, answers: Answers) -> str:
        """« refere-mesures-utiles »: ASCII, no spaces, and nothing of the person. Downloads stay
        in the Downloads folder and the browser's history of a shared computer, where a name
        would tell the next person who came for help (`answers` is kept for callers)."""
        del answers
        return self.filename


REFERE_EXHIBITS = ("titre", "decision", "journal", *CHANNELS, "motifs", "frais")
# The letter's: its own numbers (it says so), the channel's proof, no receipts of costs.
LETTER_EXHIBITS = (
    "titre",
    "journal",
    "internet",
    "anef",
    "ccc",
    "pan",
    "demande_en_ligne",
    "relance",
    "courriel",
    "lrar_precedente",  # a reminder encloses the letters it follows up
    "motifs",
)

REGISTRY: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "email",
            "Courriel au service des étrangers",
            "courriel-prefecture",
            N_("Courriel à la préfecture"),
            email.write_email,
            exhibits=("titre", "internet", "anef"),
        ),
        Kind(
            "lettre",
            "Lettre recommandée au préfet",
            "lettre-recommandee-prefecture",
            N_("Lettre recommandée au préfet"),
            lettre.write_lettre,
            exhibits=LETTER_EXHIBITS,
        ),
        Kind(
            "refere",
            "Requête en référé mesures utiles",
            "refere-mesures-utiles",
            N_("Requête en référé mesures utiles au tribunal administratif"),
            refere.write_refere,
            exhibits=REFERE_EXHIBITS,
            applies=_refere_allowed,
            lawyer_voice=True,
            court=True,
        ),
        Kind(
            "bordereau",
            "Bordereau des pièces",
            "bordereau-des-pieces",
            N_("Bordereau des pièces de la requête"),
            bordereau.write_bordereau,
            exhibits=REFERE_EXHIBITS,  # the référé's, with the same numbers
            applies=_attempts_logged,
            lawyer_voice=True,  # signed, like the référé, by the lawyer who files it
            court=True,
        ),
        Kind(
            "attestation",
            "Attestation de témoin",
            "attestation-temoin",
            N_("Attestation du témoin de la visite au guichet"),
            attestation.write_attestation,
            applies=_visit_or_witness,
        ),
        Kind(
            "defenseur",
            "Message au Défenseur des droits",
            "message-defenseur-des-droits",
            N_("Message au délégué du Défenseur des droits"),
            defenseur.write_defenseur,
            exhibits=(*LETTER_EXHIBITS[:-1], "lrar", "guichet", "motifs"),
        ),
        Kind(
            "journal",
            "Relevé des démarches",
            "releve-des-demarches",
            N_("Relevé des démarches, à imprimer"),
            journal.write_journal,
            applies=_attempts_logged,
            ceseda=False,
        ),
    )
}
KINDS: tuple[str, ...] = tuple(REGISTRY)


class NotProduced(ValueError):
    """The document cannot be made for these answers; `.message` says why and what to do."""

    def __init__(self, kind: str, path: str, msgid: str, message: Message):
        self.kind, self.path, self.msgid, self.message = kind, path, msgid, message
        super().__init__(message.render("fr"))


def unknown_kind(kind: str) -> Message:
    return msg(
        "Type de document inconnu « %(kind)s » : choisissez parmi %(choix)s.",
        kind=kind,
        choix=", ".join(KINDS),
    )


def _out_of_scope(spec: Kind, answers: Answers) -> Message | None:
    departement = courts.lookup(answers.departement)
    if spec.ceseda and departement is not None and not departement.in_scope:
        return msg(departement.hors_champ_message, territoire=departement.nom)
    return None


def applies(kind: str, answers: Answers, *, today: date) -> tuple[bool, Message | None]:
    """Whether the document is useful for these answers, and why not."""
    spec = REGISTRY[kind]
    reason = _out_of_scope(spec, answers) or spec.applies(answers)
    return reason is None, reason


def listing(answers: Answers, *, today: date, lang: str) -> list[dict[str, Any]]:
    """Every kind as the page shows it, in order: what it is, its file, whether it is useful.

    The form builds its list of documents from this (the API's `kinds` action); `kind` is
    the same as `name`, kept for pages that read it.
    """
    listed = []
    for spec in REGISTRY.values():
        useful, reason = applies(spec.name, answers, today=today)
        listed.append(
            {
                "name": spec.name,
                "kind": spec.name,
                "label": msg(spec.label).render(lang),
                "title": spec.title,
                "filename": spec.stem(answers),
                "applies": useful,
                "reason": reason.render(lang) if reason else None,
            }
        )
    return listed


def make(
    kind: str,
    answers: Answers | Mapping[str, Any] | str | bytes | None = None,
    *,
    blank: bool = False,
    today: date,
    filing: bool = False,
) -> Document:
    """Make one document. Raises `InvalidAnswers` (bad answers) or `NotProduced` (out of scope).
    `filing`: made for the filing pack, so the référé and its inventory bear `today`."""
    if kind not in REGISTRY:
        raise NotProduced(kind, "kind", "type_inconnu", unknown_kind(kind))
    if answers is None:
        answers = Answers()
    elif not isinstance(answers, Answers):
        answers = load_answers(answers, today=today)
    spec = REGISTRY[kind]
    refusal = _out_of_scope(spec, answers)
    if refusal is not None:
        raise NotProduced(kind, "departement", "hors_champ", refusal)
    block = None if blank or kind != "refere" else refere_block(answers)
    if block is not None:  # the API and the command line say so before; make() holds too
        raise NotProduced(kind, "decision_anterieure.existe", block.code, block.message)
    w = Writer(answers, blank=blank, today=today, lawyer_voice=spec.lawyer_voice, filing=filing)
    exhibits = plan(w, spec.exhibits)
    body = spec.write(w, exhibits)
    return Document(
        kind=spec.name,
        title=spec.title,
        filename=spec.stem(w.a),
        blocks=body.blocks,
        subject=body.subject,
        recipient=body.recipient,
        exhibits=exhibits.freeze(),
        recipient_label=wording.template("commun.entetes", "destinataire"),
        subject_label=wording.template("commun.entetes", "objet"),
        draft=None if blank else (draft(answers, today) if spec.court else unsent(kind, answers)),
    )


# Sent to the préfecture or the Défenseur des droits: they give the person's address and
# announce a référé, so they wait, like the référé, for a lawyer or an association to be named.
UNSENT_WHILE_BLOCKED = ("email", "lettre", "defenseur")


def unsent(kind: str, answers: Answers) -> Draft | None:
    """The mark « à ne pas envoyer » while a prior decision stops the référé (`refere_block`)."""
    block = refere_block(answers) if kind in UNSENT_WHILE_BLOCKED else None
    if block is None:
        return None
    return Draft(
        french.typographie(wording.template("commun.projet", "marque_envoi")),
        french.typographie(wording.template("commun.projet", "intro_envoi")),
        (french.typographie(block.message.render("fr")),),
    )


def draft(answers: Answers, today: date) -> Draft | None:
    """The « PROJET » mark and the verdict's reasons, in French, while the file is not ready."""
    verdict = analyse(answers, today=today).verdict
    if verdict.ready:
        return None
    return Draft(
        french.typographie(wording.template("commun.projet", "marque")),
        french.typographie(wording.template("commun.projet", "intro")),
        tuple(french.typographie(reason.message.render("fr")) for reason in verdict.reasons),
    )
