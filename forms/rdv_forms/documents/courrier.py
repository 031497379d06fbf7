"""The e-mail and the registered letter to the préfet: the same request, in the same words.

Grounded in the model e-mail and letter of La Cimade and the Gisti: what was tried and when,
the proof kept, why it is urgent, a request for an appointment, and the référé if nothing comes.
The wording is in `wording/courrier.toml`.
"""

from __future__ import annotations

from datetime import date

from .. import french
from .exhibits import Exhibits, avis_suffix
from .model import Block, ItemList, Paragraph, Runs, Signature, Value
from .urgence import details, urgency_items
from .writing import Writer, clause, dates_enumerees, punctuate, regulier, runs, sentences

# The channels a letter is written for; any other value, or none, is « inconnu ».
CANAUX = ("rdv_prefecture", "anef", "demande_en_ligne")

# Earlier ways of asking, told one sentence each, with the key of their exhibit.
OTHER_CHANNELS = {
    "ccc": "ccc",
    "pan": "pan",
    "demande_en_ligne": "demande_en_ligne",
    "relance_en_ligne": "relance",
    "courriel": "courriel",
    "lrar": "lrar",
    "guichet": "guichet",
    "telephone": "telephone",
    "defenseur_des_droits": "defenseur",
}


def canal(w: Writer) -> str:
    """The channel the letter is written for: « inconnu » asserts nothing about it."""
    value = w.a.demarche.canal
    return value if value in CANAUX else "inconnu"


def subject(w: Writer) -> Runs:
    """« Demande de convocation pour déposer une demande de … – impossibilité … – NOM »."""
    # An online request already made is « ma première demande », not « une ».
    determinant = "" if canal(w) == "demande_en_ligne" else "une"
    base = w.t(
        "courrier.objet",
        canal(w),
        demande=w.demande(determinant, details=False),
        nom=w.nom_complet(),
    )
    numero = w.a.personne.numero_etranger
    if not numero:
        return base
    return runs(
        "{base} ({numero})", base=base, numero=w.t("courrier.numero_etranger", numero=Value(numero))
    )


def body(w: Writer, exhibits: Exhibits, sent: list[date] | None = None) -> list[Block]:
    """From the salutation to the closing formula. `sent`: the registered letters this one
    follows up (a reminder opens with them, and does not tell them again among the others)."""
    blocks: list[Block] = [Paragraph(runs("{formule},", formule=w.formule()))]
    if sent:
        opening = w.t(
            "courrier.relance",
            w.nombre(sent),
            dates=Value(dates_enumerees(sent)),
            demande=w.demande(),
        )
    else:
        opening = w.t("courrier.demande", demande=w.demande())
    copie: Runs = ()
    signed = w.date
    if sent and signed is not None and "lrar" in exhibits:
        # The copy of the letters followed up, after the identity (pièce n° 1) is offered.
        enclosed = [t for t in w.by_moyen("lrar") if t.date < signed and t.preuve]
        variant = w.nombre(enclosed) + avis_suffix("lrar", enclosed)
        copie = w.t("courrier.relance_copie", variant, piece=exhibits.ref("lrar"))
    blocks.append(Paragraph(sentences(opening, identity_sentence(w, exhibits), copie)))
    blocks.extend(_internet(w, exhibits))
    blocks.extend(_anef(w, exhibits))
    summary: Runs = ()
    if "journal" in exhibits:
        summary = w.t("courrier.releve", piece=exhibits.ref("journal"))
    other = sentences(_other_channels(w, exhibits, skip=("lrar",) if sent else ()), summary)
    if other:
        blocks.append(Paragraph(other))
    blocks.extend(urgency(w, exhibits))
    which = "rdv_prefecture" if canal(w) == "rdv_prefecture" else "autre"
    blocks += [
        w.p("courrier.atteinte", "body", which),
        w.p("courrier.convocation", "body", canal(w)),
        w.p("courrier.refere", "body", which),
        w.p("courrier.salutation", formule=w.formule()),
    ]
    return blocks


def urgency(w: Writer, exhibits: Exhibits) -> list[Block]:
    """« Ma situation est urgente : », the reasons, and the person's own account."""
    blocks: list[Block] = []
    items = urgency_items(w, exhibits, expiry=True)
    if items:
        blocks.append(w.p("courrier.urgence"))
        blocks.append(ItemList(punctuate(items)))
    if w.a.urgence.details:
        blocks.append(Paragraph(details(w)))
    return blocks


def identity_sentence(w: Writer, exhibits: Exhibits) -> Runs:
    """« Vous trouverez ci-joint une copie de ma pièce d’identité (pièce n° 1). »"""
    if "identite" not in exhibits:
        return ()
    return w.t("courrier.identite", piece=exhibits.ref("identite"))


def _internet(w: Writer, exhibits: Exhibits) -> list[Block]:
    attempts = w.by_moyen("internet")
    if not attempts and not w.blank:
        return []
    if w.blank:
        count, period = w.v("", "nombre"), w.v("", "periode")
    else:
        count = Value(w.count("courrier.tentatives", len(attempts)))
        period = Value(french.periode(attempts[0].date, attempts[-1].date))
    kept: Runs = ()
    if "internet" in exhibits:
        kept = w.t("courrier.captures", piece=exhibits.ref("internet"))
    premise = w.t("courrier.premisse") if canal(w) == "rdv_prefecture" else ()
    # « Je me connecte régulièrement » only when the log shows it (writing.regulier).
    ref = "courrier.internet" if w.blank or regulier(attempts) else "courrier.internet_peu"
    told = w.t(ref, nombre=count, periode=period)
    return [
        Paragraph(sentences(premise, told)),
        Paragraph(sentences(kept, w.t("courrier.teleservice"))),
    ]


def _anef(w: Writer, exhibits: Exhibits) -> list[Block]:
    """ANEF: the attempts, the message shown, the screenshots; a help step not taken."""
    attempts = w.by_moyen("anef")
    told: list[Runs] = []
    if attempts:
        told.append(
            w.t(
                "courrier.anef",
                nombre=Value(w.count("refere.faits.combien", len(attempts))),
                periode=Value(french.periode(attempts[0].date, attempts[-1].date)),
            )
        )
        told.append(w.messages_anef("courrier.anef_message"))
        if "anef" in exhibits:
            told.append(w.t("courrier.captures", piece=exhibits.ref("anef")))
    if canal(w) == "anef" and not w.blank:
        steps = (
            ("ccc", "courrier.moyens.sans_ccc", w.a.anef.sans_ccc),
            ("pan", "courrier.moyens.sans_pan", w.a.anef.sans_pan),
        )
        for step, ref, reason in steps:
            if reason.strip() and not w.by_moyen(step):
                raison = Value(clause(reason))
                told.append(w.t(ref, raison=raison))
    return [Paragraph(sentences(*told))] if told else []


def _other_channels(w: Writer, exhibits: Exhibits, skip: tuple[str, ...] = ()) -> Runs:
    """Earlier e-mails, letters, visits, calls and mediation, one sentence each."""
    told: list[Runs] = []
    for moyen, key in OTHER_CHANNELS.items():
        if moyen in skip:
            continue
        attempts = w.by_moyen(moyen)
        if w.blank and key in exhibits:
            dates = w.t("courrier.moyens.date_a_completer", date=w.trou("date"))
        elif attempts:
            dates = (Value(dates_enumerees([t.date for t in attempts])),)
        else:
            continue
        lieux = list(dict.fromkeys(t.lieu for t in w.a.tentatives if t.moyen == moyen and t.lieu))
        told.append(
            w.t(
                f"courrier.moyens.{moyen}",
                dates=dates,
                renvoi=exhibits.paren(key),
                accueil=w.accueil([] if w.blank else lieux),
            )
        )
    return sentences(*told)


def identity_lines(w: Writer, *, civilite: bool = False) -> tuple[Runs, ...]:
    """Who writes, so the préfecture can find the file: under the signature, or as sender."""
    personne = w.a.personne
    lines: list[Runs] = [w.civilite_nom() if civilite else w.nom_complet()]
    lines.append(
        w.t(
            "courrier.identification",
            naissance=w.naissance(),
            nationalite=w.v(personne.nationalite, "nationalite"),
        )
    )
    lines.append((w.inline(personne.adresse, "adresse"),))
    lines += w.coordonnees(
        "courrier.coordonnees",
        (
            ("telephone", personne.telephone, "telephone"),
            ("courriel", personne.courriel, "courriel"),
            ("numero_etranger", personne.numero_etranger, "numero_etranger"),
            ("numero_dossier_prefecture", personne.numero_dossier_prefecture, ""),
        ),
    )
    return tuple(lines)


def signature(w: Writer) -> Signature:
    return Signature(identity_lines(w))
