"""The kinds of document, each with its factory: `make_<kind>(answers, *, blank, today)`.

Documents based on the CESEDA (everything addressed to a préfecture or a court) are not made
for the territories outside it; the attempts log is, since it only records facts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from .. import courts
from ..answers import Answers, load_answers
from ..i18n import N_, Message, msg
from ..records import record
from . import attestation, bordereau, defenseur, email, journal, lettre, refere
from .model import Document

Factory = Callable[..., Document]


@record
class Kind:
    name: str
    title: str  # the document's French title
    label: str  # msgid: what the person is shown in their language
    factory: Factory
    ceseda: bool = True  # not made outside the CESEDA's territory


REGISTRY: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("email", email.TITLE, N_("Courriel à la préfecture"), email.make_email),
        Kind("lettre", lettre.TITLE, N_("Lettre recommandée au préfet"), lettre.make_lettre),
        Kind(
            "refere",
            refere.TITLE,
            N_("Requête en référé mesures utiles au tribunal administratif"),
            refere.make_refere,
        ),
        Kind(
            "bordereau",
            bordereau.TITLE,
            N_("Bordereau des pièces de la requête"),
            bordereau.make_bordereau,
        ),
        Kind(
            "attestation",
            attestation.TITLE,
            N_("Attestation du témoin de la visite au guichet"),
            attestation.make_attestation,
        ),
        Kind(
            "defenseur",
            defenseur.TITLE,
            N_("Message au délégué du Défenseur des droits"),
            defenseur.make_defenseur,
        ),
        Kind(
            "journal",
            journal.TITLE,
            N_("Relevé des démarches, à imprimer"),
            journal.make_journal,
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


def applies(kind: str, answers: Answers, *, today: date) -> tuple[bool, Message | None]:
    """Whether the document is useful for these answers, and why not."""
    spec = REGISTRY[kind]
    departement = courts.lookup(answers.departement)
    if spec.ceseda and departement is not None and not departement.in_scope:
        return False, msg(departement.hors_champ_message, territoire=departement.nom)
    if kind == "attestation" and not (
        any(t.moyen == "guichet" for t in answers.tentatives) or answers.temoin is not None
    ):
        return False, msg(
            "Aucune visite au guichet ni aucun témoin n’est noté : l’attestation servira après une "
            "visite à l’accueil de la préfecture avec un témoin."
        )
    if kind in ("journal", "bordereau") and not answers.tentatives:
        return False, msg(
            "Aucune tentative n’est notée : ce document se remplit à partir du journal des "
            "tentatives."
        )
    return True, None


def make(
    kind: str,
    answers: Answers | Mapping[str, Any] | str | bytes | None = None,
    *,
    blank: bool = False,
    today: date,
) -> Document:
    """Make one document. Raises `InvalidAnswers` (bad answers) or `NotProduced` (out of scope)."""
    if kind not in REGISTRY:
        raise NotProduced(kind, "kind", "type_inconnu", unknown_kind(kind))
    if answers is None:
        answers = Answers()
    elif not isinstance(answers, Answers):
        answers = load_answers(answers, today=today)
    spec = REGISTRY[kind]
    departement = courts.lookup(answers.departement)
    if spec.ceseda and departement is not None and not departement.in_scope:
        message = msg(departement.hors_champ_message, territoire=departement.nom)
        raise NotProduced(kind, "departement", "hors_champ", message)
    return spec.factory(answers, blank=blank, today=today)
