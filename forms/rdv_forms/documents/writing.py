"""Shared tools for writing the documents: values or blanks, agreement, dates, the démarche.

Document modules write their wording as templates, « Depuis le {debut}, j’ai tenté… »: the
literal parts get French typography, the parts are runs (`Value` for what the person typed,
`Blank` where it is missing). A missing answer always becomes a blank, never a guess.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from datetime import date, time
from typing import Protocol, cast

from .. import courts, french
from ..analysis import past_attempts
from ..answers import MOTIFS, Answers, blank_answers
from ..answers import MOYENS as ANSWER_MOYENS
from ..records import record
from . import wording
from .model import Blank, Block, Break, Paragraph, Run, Runs, Signature, Text, Value

# The démarches that are a request for a residence permit, filed under R. 431-2 / R. 431-3.
TITRE_DE_SEJOUR = ("premiere_demande", "renouvellement", "changement_situation")
# Every kind of attempt the documents count, in the order they are told, the channel's own
# first (labels: commun.moyens). One list: the journal once left out version 2's kinds.
MOYENS = ("internet", *(moyen for moyen in ANSWER_MOYENS if moyen != "internet"))
# The urgency reasons the documents give as list items (wording: commun.urgence.<motif>);
# « autre » is told in the person's own words.
MOTIFS_URGENCE = tuple(motif for motif in MOTIFS if motif != "autre")

_FORMATTER = string.Formatter()

Part = str | Run | Iterable[Run]


class Attempt(Protocol):
    """A past attempt, as documents read it: `past_attempts` keeps only dated ones."""

    @property
    def date(self) -> date: ...
    @property
    def heure(self) -> time | None: ...
    @property
    def moyen(self) -> str: ...
    @property
    def resultat(self) -> str: ...
    @property
    def preuve(self) -> str: ...


def runs(template: str, **parts: Part) -> Runs:
    """« Depuis le {debut}, … » → runs; `str` parts are wording, runs are values or blanks.

    A line break in the wording (an address block) becomes a `Break`.
    """
    out: list[Run] = []
    for literal, name, _spec, _conversion in _FORMATTER.parse(template):
        for index, line in enumerate(literal.split("\n")):
            if index:
                out.append(Break())
            if line:
                out.append(Text(french.typographie(line)))
        if name is None:
            continue
        part = parts[name]
        if isinstance(part, str):
            out.append(Text(french.typographie(part)))
        elif isinstance(part, Text | Value | Blank | Break):
            out.append(part)
        else:
            out.extend(part)
    return _merge(out)


def _merge(items: list[Run]) -> Runs:
    """Join neighbouring wording runs, so renderers and tests see whole sentences."""
    merged: list[Run] = []
    for item in items:
        if (
            merged
            and isinstance(item, Text)
            and isinstance(merged[-1], Text)
            and merged[-1].style == item.style
        ):
            merged[-1] = Text(merged[-1].text + item.text, item.style)
        elif not (isinstance(item, Text) and not item.text):
            merged.append(item)
    return tuple(merged)


def join_runs(items: list[Runs], conjonction: str = "et") -> Runs:
    """[a, b, c] → « a, b et c » as runs (« a, b, c » with `conjonction=","`)."""
    out: list[Run] = []
    for index, item in enumerate(items):
        if index and index == len(items) - 1 and conjonction != ",":
            out.append(Text(f" {conjonction} "))
        elif index:
            out.append(Text(", "))
        out.extend(item)
    return _merge(out)


@record
class Body:
    """What a document module writes; the registry makes the `Document` around it."""

    blocks: tuple[Block, ...]
    subject: Runs = ()
    recipient: Runs = ()


def sentences(*items: Runs) -> Runs:
    """Sentences one after the other in a paragraph, a space between them."""
    out: list[Run] = []
    for item in items:
        if item and out:
            out.append(Text(" "))
        out.extend(item)
    return _merge(out)


class Writer:
    """The answers as a document needs them: values or blanks, agreement, dates, places."""

    def __init__(
        self,
        answers: Answers,
        *,
        blank: bool,
        today: date,
        lawyer_voice: bool = False,
        filing: bool = False,
    ):
        self.blank = blank
        # Made for the filing pack: the référé is filed the day the pack is made.
        self.filing_day = today if filing and not blank else None
        self.a = blank_answers(answers) if blank else answers
        self.today = today
        self.departement = courts.lookup(self.a.departement)
        self.civilite = self.a.personne.civilite
        # A letter is dated the day it is signed; by default, the day it is made.
        self.date = None if blank else (self.a.signature.date or today)
        # A Tentative's date is None only in answers that failed validation.
        self.attempts = cast("list[Attempt]", past_attempts(self.a.tentatives, today))
        # A document a lawyer may file speaks in the third person when the lawyer is named.
        avocat = self.a.avocat
        self.lawyer = avocat if lawyer_voice and avocat is not None and avocat.nom else None
        self.voice = Voice(self, third=self.lawyer is not None)
        # Filled in every paragraph, like the voice's words: where the appointment is asked for.
        self.lieux: dict[str, Part] = {"en_prefecture": self.en_prefecture()}

    # Wording --------------------------------------------------------------------------------

    def t(self, ref: str, variant: str = "", /, **parts: Part) -> Runs:
        """Paragraph `ref` of the wording files, in the document's voice, its gaps filled."""
        text = wording.template(ref, variant or self.voice.variant)
        try:
            return runs(text, **self.voice.parts, **self.lieux, **parts)
        except KeyError as missing:
            raise wording.WordingError(f"{ref}: nothing fills the placeholder {missing}") from None

    def p(self, ref: str, style: str = "body", variant: str = "", /, **parts: Part) -> Paragraph:
        return Paragraph(self.t(ref, variant, **parts), style)

    def citation(self, key: str) -> dict[str, Runs]:
        """The gaps {citation} and {reference} of a quotation in citations.toml."""
        return {
            "citation": self.t(f"citations.{key}"),
            "reference": self.t("citations.references", key),
        }

    def coordonnees(self, ref: str, fields: Iterable[tuple[str, str, str]]) -> list[Runs]:
        """One line per (variant, value, label) given; in a blank model, those with a label."""
        return [
            self.t(ref, variant, valeur=self.v(value, label))
            for variant, value, label in fields
            if value or (self.blank and label)
        ]

    def s(self, ref: str, variant: str = "") -> str:
        """The wording of a paragraph without placeholders, as a string (a title, a label)."""
        return wording.template(ref, variant or self.voice.variant)

    def count(self, ref: str, n: int) -> str:
        """« 1 démarche », « 12 démarches », « une lettre recommandée »: variant `un` or
        `plusieurs` of paragraph `ref`, with {n} the number."""
        return wording.template(ref, "un" if n <= 1 else "plusieurs").format(n=french.nombre(n))

    def genre(self, personne=None) -> str:
        """The variant agreeing with a person's civilité: feminin, masculin or neutre."""
        civilite = (personne or self.a.personne).civilite
        return french.accord(civilite, *wording.GENDERS)

    # Values and blanks ---------------------------------------------------------------------
    # `label` names what goes in a blank: a variant of [a_completer] in commun.toml, or "" for
    # a blank without a label.

    def trou(self, label: str) -> Blank:
        """A dotted line to fill in by hand, with what goes there: « ……………… (nationalité) »."""
        return Blank(wording.template("commun.a_completer", label) if label else "")

    def v(self, value: str, label: str) -> Run:
        return Value(value) if value else self.trou(label)

    def d(self, value: date | None, label: str) -> Run:
        return Value(french.date_longue(value)) if value else self.trou(label)

    def line(self, value: str, label: str) -> Runs:
        """A multi-line answer (an address) as runs with line breaks."""
        if not value:
            return (self.trou(label),)
        out: list[Run] = []
        for index, text in enumerate(value.splitlines()):
            if index:
                out.append(Break())
            out.append(Value(text))
        return tuple(out)

    def de(self, value: str, label: str) -> Runs:
        """« d’Ajaccio », « de Lyon », « du Havre »: « de » and a name the person typed."""
        if not value:
            return (Text("de "), self.trou(label))
        particle, name = french.de(value)
        return (Text(particle), Value(name))

    def a_lieu(self, value: str, label: str) -> Runs:
        """« à Montreuil », « au Havre », « aux Abymes »: « à » and a town the person typed."""
        if not value:
            return (Text("à "), self.trou(label))
        particle, name = french.a(value)
        return (Text(particle), Value(name))

    def signature_manuscrite(self) -> Runs:
        """The line to sign by hand, under the name: every document that is signed has one."""
        return self.t("commun.signature_manuscrite", "texte", trait=Blank(""))

    def but(self) -> str:
        """What the attempts were for: « rendez_vous » (booked on the préfecture's website, or
        the channel not said), or « enregistrement » (ANEF, an online request form), where no
        appointment is booked at all."""
        return (
            "enregistrement"
            if self.a.demarche.canal in ("anef", "demande_en_ligne")
            else ("rendez_vous")
        )

    def messages_anef(self, key: str) -> Runs:
        """« Le téléservice affiche le(s) message(s) suivant(s) : « … » et « … ». » from the
        wording `key` (variants un/plusieurs), or nothing: the distinct messages the person
        noted, at most three, the same in the letters and the petition."""
        noted = [self.a.anef.message_erreur] + [
            t.message_erreur for t in self.a.tentatives if t.moyen == "anef"
        ]
        shown = list(dict.fromkeys(clause(m) for m in noted if m.strip()))[:3]
        if not shown:
            return ()
        quoted: list[Runs] = [(Text("« "), Value(m), Text(french.NNBSP + "»")) for m in shown]
        variant = "un" if len(shown) == 1 else "plusieurs"
        return self.t(key, variant, messages=join_runs(quoted))

    def signature_depot(self) -> Signature:
        """The référé's signature, and its bordereau's: the lawyer's « pour » the person when
        one is named (the one who files signs both), else the person's own."""
        if self.lawyer is not None:
            return Signature(
                (
                    self.lieu_date(depot=True),
                    self.t("refere.signature.pour", client=self.civilite_nom()),
                    self.signature_manuscrite(),
                    self.t("refere.signature.avocat", nom=self.nom_complet(self.lawyer)),
                )
            )
        return Signature(
            (self.lieu_date(depot=True), self.signature_manuscrite(), self.nom_complet())
        )

    def inline(self, value: str, label: str) -> Run:
        """A multi-line answer inside a sentence: its lines joined with commas."""
        return self.v(", ".join(part.strip() for part in value.splitlines() if part.strip()), label)

    # The person -----------------------------------------------------------------------------

    def nom_complet(self, personne=None) -> Runs:
        """« Aïssatou DIALLO », or a blank."""
        personne = personne or self.a.personne
        if personne.prenom and personne.nom:
            return (Value(f"{personne.prenom} {personne.nom}"),)
        if personne.nom or personne.prenom:
            return (Value(personne.nom or personne.prenom),)
        return (self.trou("prenom_nom"),)

    def civilite_nom(self, personne=None) -> Runs:
        """« Mme Aïssatou DIALLO », « M. … », or the name alone when the civilité is unknown."""
        personne = personne or self.a.personne
        name = self.nom_complet(personne)
        return (Text(personne.civilite + " "), *name) if personne.civilite else name

    def naissance(self, personne=None) -> Runs:
        """« née le 14 mars 1988 à Kindia (Guinée) »; neutral wording without a civilité."""
        personne = personne or self.a.personne
        when = self.d(personne.date_naissance, "date_naissance")
        where = self.v(personne.lieu_naissance, "lieu_naissance")
        return self.t("commun.naissance", self.genre(personne), date=when, lieu=where)

    # Places ---------------------------------------------------------------------------------

    def prefecture_nom(self) -> Run:
        known = self.departement.prefecture if self.departement else ""
        return self.v(self.a.prefecture.nom or known, "prefecture")

    def prefecture_adresse(self) -> Runs:
        """The address given, or the préfecture's known one; never the préfecture's address
        under another office's name (a sous-préfecture typed without its address): a blank."""
        known = self.departement.prefecture_adresse if self.departement else ""
        blank = "adresse_prefecture"
        if self.a.prefecture.nom and not self.same_office(self.a.prefecture.nom):
            known = ""
            if "sous-préfecture" in self.a.prefecture.nom.casefold():
                blank = "adresse_sous_prefecture"  # « (adresse de la sous-préfecture) »
        return self.line(self.a.prefecture.adresse or known, blank)

    def same_office(self, nom: str) -> bool:
        """Whether the office named is the département's préfecture (« Préfecture du Rhône »,
        « préfecture du rhône »), not a sous-préfecture or another service."""
        known = self.departement.prefecture if self.departement else ""
        return bool(known) and " ".join(nom.split()).casefold() == known.casefold()

    def prefecture_en_phrase(self) -> Run:
        """« préfecture de la Seine-Saint-Denis », after « à l’accueil de la »."""
        run = self.prefecture_nom()
        if isinstance(run, Value) and run.text.startswith(("Préfecture", "Sous-préfecture")):
            return Value(run.text[0].lower() + run.text[1:])
        return run

    def accueil(self, lieux: list[str]) -> Runs:
        """Where counter visits were made: « au guichet (Sous-préfecture du Havre, accueil des
        étrangers) », the places logged with them; without one, the office typed when it is a
        sous-préfecture, else the préfecture. Never « la préfecture » for a sous-préfecture."""
        if lieux:
            places = join_runs([(Value(" ".join(lieu.split())),) for lieu in lieux])
            return self.t("commun.accueil.lieu", lieux=places)
        if "sous-préfecture" in self.a.prefecture.nom.casefold():
            return self.t("commun.accueil.sous_prefecture")
        return self.t("commun.accueil.prefecture")

    def en_prefecture(self) -> Runs:
        """Where the appointment or the registration is asked for: « en préfecture », or « à la
        sous-préfecture du Havre » when the office named is a sous-préfecture (R. 431-3: « à
        la préfecture ou à la sous-préfecture »)."""
        nom = " ".join(self.a.prefecture.nom.split())
        if not nom.casefold().startswith("sous-préfecture"):
            return (Text(wording.template("commun.en_prefecture.prefecture", "texte")),)
        office = Value("s" + nom[1:])  # « sous-préfecture du Havre », after « à la »
        return self.t_plain("commun.en_prefecture.sous_prefecture", "texte", office=office)

    def t_plain(self, ref: str, variant: str, /, **parts: Part) -> Runs:
        """A paragraph with only its own gaps (no voice, no places): for the places themselves."""
        return runs(wording.template(ref, variant), **parts)

    def tribunal_nom(self) -> Run:
        known = self.departement.tribunal if self.departement else ""
        return self.v(self.a.tribunal.nom or known, "tribunal")

    def tribunal_adresse(self) -> Runs:
        known = self.departement.tribunal_adresse if self.departement else ""
        return self.line(self.a.tribunal.adresse or known, "adresse_tribunal")

    def autorite(self) -> Run:
        """« le préfet de la Seine-Saint-Denis », « la préfète … » if the formule says so."""
        if not self.departement:
            return Text(wording.template("commun.autorite_inconnue", "texte"))
        autorite = self.departement.autorite
        formule = self.a.prefecture.formule
        if "Madame" in formule and "Monsieur" not in formule and autorite.startswith("le préfet"):
            autorite = "la préfète" + autorite.removeprefix("le préfet")
        return Text(autorite)

    def formule(self) -> Run:
        """The formula of address. The person's own (« Madame la Préfète ») is a value: isolated
        like any answer, and left out of French typography, like any answer."""
        if self.a.prefecture.formule:
            return Value(self.a.prefecture.formule)
        if self.departement and self.departement.formule:  # Paris: the préfet de police
            return Text(self.departement.formule)
        return Text(wording.template("commun.formule", "texte"))

    def lieu_date(self, *, depot: bool = False) -> Runs:
        """« Fait à Montreuil, le 22 octobre 2026 ». `depot`: the référé and its inventory, which
        follow the registered letter (`date_depot`)."""
        when = self.date_depot() if depot else self.date
        return self.t(
            "commun.fait_a",
            lieu=self.a_lieu(self.a.signature.lieu, "lieu"),
            date=self.d(when, "date_depot" if depot else "date"),
        )

    # The order the documents are sent in -----------------------------------------------------

    def lettres_envoyees(self) -> list[date]:
        """The registered letters already logged before the signature date: the letter made now
        follows them up (a reminder). One logged that very day is the letter itself."""
        if self.date is None:
            return []
        return sorted({t.date for t in self.by_moyen("lrar") if t.date < self.date})

    def date_depot(self) -> date | None:
        """The référé's date. It comes after the registered letter, and after its answer or the
        lack of one: dated the signature day only when a letter was logged before that day;
        otherwise left for the person to write on the day they file it (a dotted line saying
        so), never the same day as the letter made with it. No time limit is invented. In the
        filing pack (`filing`) the person files it now: it bears that day, since a file sent
        through Télérecours citoyens cannot be dated by hand."""
        if self.filing_day is not None:
            return self.filing_day
        return self.date if self.lettres_envoyees() else None

    def nombre(self, items: list) -> str:
        """The variant `un` or `plusieurs` for a list of things."""
        return "un" if len(items) <= 1 else "plusieurs"

    # The démarche ---------------------------------------------------------------------------

    @property
    def type(self) -> str:
        """The kind of démarche. A « renouvellement » of another card than the one held
        (`titre_actuel`: « étudiant », asking for « salarié ») is a change of status: the
        documents must not say that the person already holds the card requested."""
        demarche = self.a.demarche
        if demarche.type == "renouvellement" and change_of_card(demarche):
            return "changement_situation"
        return demarche.type

    @property
    def titre_detenu(self) -> str:
        """The card the person holds: `titre_actuel`, or for a plain renewal the card renewed."""
        demarche = self.a.demarche
        if demarche.titre_actuel:
            return demarche.titre_actuel
        return demarche.titre if self.type == "renouvellement" else ""

    @property
    def resident(self) -> bool:
        """A holder of a carte de résident (ten years) renewing it: not a precarious stay."""
        return self.type == "renouvellement" and "résident" in self.titre_detenu.casefold()

    def au_prefet(self) -> Run:
        """« au préfet de la Seine-Saint-Denis », « à la préfète du Val-de-Marne »."""
        run = self.autorite()
        if not isinstance(run, Text):
            return run
        text = run.text
        return Text("au " + text[3:] if text.startswith("le ") else "à " + text)

    def au_destinataire(self) -> Run | Runs:
        """To whom the letters went, as the letter itself says: « au sous-préfet du Havre »
        when the person writes to a sous-préfecture as « Monsieur le Sous-Préfet » (the name
        typed gives the place), else the préfet (`au_prefet`). The judge's orders still go to
        the préfet, who answers for the sous-préfecture."""
        nom = " ".join(self.a.prefecture.nom.split())
        formule = self.a.prefecture.formule.casefold()
        prefix = "sous-préfecture "
        if not (nom.casefold().startswith(prefix) and "sous-préf" in formule):
            return self.au_prefet()
        lieu = nom[len(prefix) :]  # « du Havre », « de Lens », « d’Arles »
        madame = "madame" in formule and "monsieur" not in formule
        return (Text("à la sous-préfète " if madame else "au sous-préfet "), Value(lieu))

    def demarche_key(self) -> str:
        """commun.toml [demarches]: after a refusal of a title, a first application is a new
        one (« ma nouvelle demande »), never « ma première demande »."""
        refused = "refus_titre" in self.a.decision_anterieure.mesures
        if self.type == "premiere_demande" and refused and not self.blank:
            return "nouvelle_demande"
        return self.type or "autre"

    def demande(self, determinant: str = "", *, details: bool = True) -> Runs:
        """« ma demande de renouvellement de titre de séjour (carte…, fondement : …) ».

        `determinant`: a variant of commun.toml [determinant] (« une », « sans »…); by
        default the voice's (« ma », or « sa » in the lawyer's).
        """
        demarche = self.a.demarche
        word = wording.template("commun.determinant", determinant or self.voice.variant)
        article = f"{word} " if word else ""
        if self.blank and not demarche.type:
            nature = self.t("commun.demarche_inconnue", nature=self.trou("nature_demande"))
        else:
            nature = self.t("commun.demarches", self.demarche_key())
        head = _merge([Text(article), *nature])
        parts: list[Runs] = []
        if demarche.titre and not _repeats(demarche.titre, plain_text(nature)):
            parts.append((Value(demarche.titre),))
        if demarche.fondement:
            parts.append(self.t("commun.precisions", "fondement", valeur=Value(demarche.fondement)))
        if demarche.beneficiaire:
            parts.append(
                self.t("commun.precisions", "beneficiaire", valeur=Value(demarche.beneficiaire))
            )
        if not details or not parts:
            return head
        return (*head, Text(" ("), *join_runs(parts, ","), Text(")"))

    # The attempts ---------------------------------------------------------------------------

    def by_moyen(self, moyen: str) -> list[Attempt]:
        return [t for t in self.attempts if t.moyen == moyen]

    @property
    def first(self) -> date:
        """The first attempt's date: asked only when there are attempts."""
        return self.attempts[0].date

    @property
    def last(self) -> date:
        return self.attempts[-1].date


def _words(text: str) -> set[str]:
    stop = {"de", "du", "des", "la", "le", "les", "l", "d", "pour", "un", "une", "demande"}
    return {word for word in re.findall(r"\w+", text.casefold()) if word not in stop}


def _repeats(titre: str, nature: str) -> bool:
    """Whether the card typed only repeats the kind of démarche: « document de circulation
    pour étranger mineur (DCEM) » after « demande de document de circulation pour étranger
    mineur » would say the same thing twice. An acronym in brackets adds nothing either."""
    words = _words(re.sub(r"\([^)]*\)", " ", titre))
    return bool(words) and words <= _words(nature)


def change_of_card(demarche) -> bool:
    """A card held (`titre_actuel`) other than the card requested: a change of status."""
    held, wanted = demarche.titre_actuel, demarche.titre
    return bool(held and wanted) and _words(held) != _words(wanted)


def plain_text(items: Runs) -> str:
    return "".join(getattr(run, "text", " ") for run in items)


def regulier(attempts: list[Attempt]) -> bool:
    """Whether a log of website attempts shows regular tries: at least 4, in at least 2
    calendar weeks. Fewer must not be written « je me connecte régulièrement »."""
    weeks = {attempt.date.isocalendar()[:2] for attempt in attempts}
    return len(attempts) >= 4 and len(weeks) >= 2


def dates_enumerees(dates: list[date]) -> str:
    """« le 9 octobre 2026 », « les 5, 6 et 8 octobre 2026 », « le 28 septembre 2026 et le … »."""
    unique = sorted(set(dates))
    if len(unique) == 1:
        return f"le {french.date_longue(unique[0])}"
    if len({(d.year, d.month) for d in unique}) == 1:
        days = [french.day_number(d.day) for d in unique]
        return f"les {french.enumeration(days)} {french.mois(unique[0])}"
    return french.enumeration([f"le {french.date_longue(d)}" for d in unique])


def horaires_par_mois(attempts: list[Attempt]) -> list[Runs]:
    """One line per month: « octobre 2026 : le 5 à 8 h 55, le 6 à 14 h 10 et le 8 à 21 h 30 »."""
    months: dict[tuple[int, int], list[str]] = {}
    for attempt in attempts:
        when = f"le {french.day_number(attempt.date.day)}"
        if attempt.heure is not None:
            when += f" à {french.heure(attempt.heure)}"
        months.setdefault((attempt.date.year, attempt.date.month), []).append(when)
    lines = []
    for (year, month), moments in months.items():
        label = french.mois(date(year, month, 1))
        lines.append(
            runs(
                "{mois} : {moments}", mois=Value(label), moments=Value(french.enumeration(moments))
            )
        )
    return lines


class Voice:
    """Who speaks: the person (« je »), or their lawyer, who names them (« M. EL AMRANI »).

    Without a civilité the lawyer writes « la partie requérante », which is feminine whoever
    the person is, so agreement (`{e}`, `{la}`) and contractions (« de », « à ») stay correct.
    The wording files hold both voices of a paragraph side by side: `je` and `tiers`.
    """

    def __init__(self, w: Writer, *, third: bool):
        self.third = third
        personne = w.a.personne
        if personne.civilite and personne.nom:
            named: tuple = (Text(personne.civilite + " "), Value(personne.nom))
            self.parts: dict[str, Part] = {"r": named, "R": named}
        else:
            partie = wording.template("commun.partie_requerante", "texte")
            self.parts = {"r": partie, "R": french.capitalise(partie)}
        masculine = personne.civilite == french.MASCULINE
        self.parts["e"] = "" if masculine else "e"
        self.parts["la"] = "le" if masculine else "la"  # « {r} et {la} maintient »
        self.variant = "tiers" if self.third else "je"


def expiration(w: Writer) -> Runs:
    """« a expiré le 31 octobre 2026 » or « expire le … », seen from the document's date."""
    expiry = w.a.demarche.expiration_titre
    if expiry is None:
        return w.t("commun.expiration", "inconnue", date=w.trou("fin_de_validite"))
    tense = "passee" if expiry < (w.date or w.today) else "future"
    return w.t("commun.expiration", tense, date=w.d(expiry, ""))


def clause(typed: str) -> str:
    """The person's words, put inside a sentence that ends with its own full stop: spaces
    joined, the final « . », « ; » or « , » taken off (« jointes). », not « jointes.. »), and
    a full stop just inside closing guillemets too: « … votre situation ». and not
    « … votre situation. ». at the end of the sentence."""
    text = " ".join(typed.split()).rstrip(" .;,")
    return re.sub(r"\.(\s*[»”\"])$", r"\1", text)


def punctuate(items: list[Runs]) -> tuple[Runs, ...]:
    """List items end with « ; », the last one with a full stop."""
    out = []
    for index, item in enumerate(items):
        end = "." if index == len(items) - 1 else " ;"
        out.append(_merge([*item, Text(french.typographie(end))]))
    return tuple(out)
