"""The référé mesures utiles (article L. 521-3 of the code de justice administrative).

Rewritten from the model petition of La Cimade and the Gisti, with the law in force since
1 May 2021 (articles R. 431-2 and R. 431-3 of the CESEDA instead of R. 311-1). The wording is
in `wording/refere.toml`, the quotations in `wording/citations.toml`; this module chooses
which paragraphs apply. The petition speaks in the first person; when a lawyer files it, in
the third (« la requérante »).
"""

from __future__ import annotations

from .. import french
from ..analysis import iso_week
from .exhibits import Exhibits
from .model import (
    Break,
    ExhibitList,
    Heading,
    ItemList,
    Paragraph,
    Run,
    Runs,
    Signature,
    Text,
    Value,
)
from .urgence import details, urgency_items
from .writing import (
    MOYENS,
    TITRE_DE_SEJOUR,
    Body,
    Writer,
    dates_enumerees,
    expiration,
    horaires_par_mois,
    punctuate,
    sentences,
)

# The other ways of asking, told one sentence each after the attempts on the website.
OTHER_CHANNELS = ("courriel", "lrar", "guichet", "telephone", "defenseur_des_droits")
# Requests whose urgency paragraph adds a sentence of its own (refere.urgence.consequence.*).
CONSEQUENCES = ("regroupement_familial", "titre_voyage_refugie")


def write_refere(w: Writer, exhibits: Exhibits) -> Body:
    r = _Refere(w, exhibits)
    blocks = [
        Heading(w.t("refere.titre"), 1),
        w.p("refere.sous_titre", "center"),
        r.addressee(),
        *r.parties(),
        *r.request(),
        Heading(w.t("refere.faits.titre"), 2),
        *r.facts(),
        Heading(w.t("refere.discussion.titre"), 2),
        *r.discussion(),
        Heading(w.t("refere.conclusions.titre"), 2),
        *r.conclusions(),
        r.signature(),
        ExhibitList(w.s("refere.pieces_jointes"), exhibits.freeze()),
    ]
    return Body(tuple(blocks))


class _Refere:
    def __init__(self, w: Writer, exhibits: Exhibits) -> None:
        self.w, self.exhibits = w, exhibits

    # The préfet, with the right contraction: « au préfet », « à la préfète ».
    def au_prefet(self) -> Run:
        run = self.w.autorite()
        if not isinstance(run, Text):
            return run
        text = run.text
        text = "au " + text[3:] if text.startswith("le ") else "à " + text
        return Text(text)

    def authority_title(self) -> Run:
        """« Le préfet de la Seine-Saint-Denis », at the head of a line."""
        run = self.w.autorite()
        return Text(french.capitalise(run.text)) if isinstance(run, Text) else run

    def delay(self) -> Run | Runs:
        days = self.w.a.demandes.delai_jours
        if days:
            return Value(french.pluriel(days, "jour"))
        return self.w.trou("nombre_jours") if self.w.blank else self.w.t("refere.delai")

    # Header -------------------------------------------------------------------------------

    def addressee(self) -> Paragraph:
        w = self.w
        return w.p(
            "refere.destinataire",
            "recipient",
            tribunal=w.tribunal_nom(),
            adresse=w.tribunal_adresse(),
        )

    def parties(self) -> list:
        w = self.w
        personne = w.a.personne
        lines: list[Runs] = [
            w.t(
                "refere.parties.requerant",
                nom=w.civilite_nom(),
                naissance=w.naissance(),
                nationalite=w.v(personne.nationalite, "nationalite"),
                renvoi=self.exhibits.paren("identite"),
                adresse=w.inline(personne.adresse, "adresse"),
            )
        ]
        lines += w.coordonnees(
            "refere.parties.coordonnees",
            (
                ("telephone", personne.telephone, "telephone"),
                ("courriel", personne.courriel, "courriel"),
                ("numero_etranger", personne.numero_etranger, ""),
            ),
        )
        pour: list = [
            Heading(w.t("refere.parties.pour"), 3),
            Paragraph(_lines(lines), "address"),
        ]
        if w.lawyer is not None:
            pour.append(Paragraph(self.lawyer_lines(), "address"))
        contre = [
            Heading(w.t("refere.parties.contre"), 3),
            w.p(
                "refere.parties.defendeur",
                "address",
                autorite=self.authority_title(),
                prefecture=w.prefecture_nom(),
                adresse=w.prefecture_adresse(),
            ),
        ]
        return [*pour, *contre]

    def lawyer_lines(self) -> Runs:
        w = self.w
        lawyer = w.lawyer
        if lawyer is None:  # asked for only when a lawyer files
            return ()
        lines: list[Runs] = [
            w.t("refere.parties.avocat", w.genre(lawyer), nom=w.nom_complet(lawyer))
        ]
        if lawyer.barreau:
            lines.append(w.t("refere.parties.barreau", barreau=Value(lawyer.barreau)))
        if lawyer.adresse:
            lines.append((w.inline(lawyer.adresse, ""),))
        lines += w.coordonnees(
            "refere.parties.coordonnees",
            (("telephone", lawyer.telephone, ""), ("courriel", lawyer.courriel, "")),
        )
        return _lines(lines)

    def request(self) -> list[Paragraph]:
        w = self.w
        opening = w.p(
            "refere.demande",
            au_prefet=self.au_prefet(),
            delai=self.delay(),
            demande=w.demande(),
        )
        if w.type in TITRE_DE_SEJOUR or (w.blank and not w.type):
            basis = w.p("refere.fondement.titre_de_sejour")
        else:
            basis = w.p("refere.fondement.autre")
        return [opening, basis]

    # I. Facts -----------------------------------------------------------------------------

    def facts(self) -> list:
        w = self.w
        blocks: list = [self.situation(), w.p("refere.faits.rendez_vous_en_ligne")]
        blocks.extend(self.internet_attempts())
        other = self.other_channels()
        if other:
            blocks.append(Paragraph(other))
        blocks.extend(self.totals())
        blocks.append(w.p("refere.faits.sans_reponse"))
        return blocks

    def holds_permit(self) -> bool:
        """A renewal, or a change of status by someone whose current permit has a known end."""
        w = self.w
        return w.type == "renouvellement" or (
            w.type == "changement_situation" and w.a.demarche.expiration_titre is not None
        )

    def expired(self) -> bool:
        expiry = self.w.a.demarche.expiration_titre
        return expiry is not None and expiry < (self.w.date or self.w.today)

    def situation(self) -> Paragraph:
        w = self.w
        demarche = w.a.demarche
        if self.holds_permit():
            fondement = demarche.fondement
            return w.p(
                "refere.faits.titulaire_expire" if self.expired() else "refere.faits.titulaire",
                titre=(Text(" ("), Value(demarche.titre), Text(")")) if demarche.titre else "",
                expiration=expiration(w),
                renvoi=self.exhibits.paren("titre"),
                objet=w.t("refere.faits.objet", w.type),
                fondement=(
                    (
                        Text(" ("),
                        *w.t("commun.precisions", "fondement", valeur=Value(fondement)),
                        Text(")"),
                    )
                    if fondement
                    else ""
                ),
            )
        ref = "premiere_demande" if w.type == "premiere_demande" else "autre_demande"
        return w.p(f"refere.faits.{ref}", demande=w.demande())

    def internet_attempts(self) -> list:
        w = self.w
        attempts = w.by_moyen("internet")
        if w.blank:
            return [
                w.p(
                    "refere.faits.internet_modele",
                    debut=w.trou("premiere_tentative"),
                    liste=w.trou("dates_heures"),
                    piece=self.exhibits.ref("internet"),
                )
            ]
        if not attempts:
            return []
        intro = w.p(
            "refere.faits.internet",
            combien=Value(w.count("refere.faits.combien", len(attempts))),
            periode=Value(french.periode(attempts[0].date, attempts[-1].date)),
        )
        listing = ItemList(punctuate(horaires_par_mois(attempts)))
        kept: Runs = ()
        if "internet" in self.exhibits:
            kept = w.t("refere.faits.captures", piece=self.exhibits.ref("internet"))
        outcome = sentences(w.t("refere.faits.internet_echec"), kept)
        return [intro, listing, Paragraph(outcome)]

    def other_channels(self) -> Runs:
        """E-mails, letters, visits, calls, mediation: one sentence each, with its exhibit."""
        w = self.w
        if w.blank:
            return w.t(
                "refere.faits.moyens.modele",
                date_courriel=w.trou("date"),
                date_lrar=w.trou("date"),
                date_guichet=w.trou("date"),
                au_prefet=self.au_prefet(),
                piece_courriel=self.exhibits.ref("courriel"),
                piece_lrar=self.exhibits.ref("lrar"),
                piece_guichet=self.exhibits.ref("guichet"),
            )
        told: list[Runs] = []
        witness = w.a.temoin if (w.a.temoin and w.a.temoin.nom) else None
        for moyen in OTHER_CHANNELS:
            attempts = w.by_moyen(moyen)
            if not attempts:
                continue
            dates = dates_enumerees([t.date for t in attempts])
            key = "guichet_temoin" if moyen == "guichet" and witness else moyen
            what = (
                w.count(f"refere.faits.objets.{moyen}", len(attempts))
                if moyen in ("courriel", "lrar")
                else ""
            )
            sentence = w.t(
                f"refere.faits.moyens.{key}",
                what=what,
                dates=Value(dates),
                Dates=Value(french.capitalise(dates)),
                temoin=w.civilite_nom(witness) if witness else (),
                au_prefet=self.au_prefet(),
                renvoi=self.exhibits.paren(
                    "defenseur" if moyen == "defenseur_des_droits" else moyen
                ),
            )
            told.append(sentence)
        return sentences(*told)

    def totals(self) -> list:
        w = self.w
        if w.blank or not w.attempts:
            return []
        channels = [
            w.count(f"refere.faits.nombre.{moyen}", len(w.by_moyen(moyen)))
            for moyen in MOYENS
            if w.by_moyen(moyen)
        ]
        return [
            w.p(
                "refere.faits.total",
                total=Value(w.count("commun.nombre.demarches", len(w.attempts))),
                periode=Value(french.periode(w.first, w.last)),
                semaines=Value(self.weeks_text()),
                detail=Value(french.enumeration(channels)),
                renvoi=self.exhibits.paren("journal"),
            )
        ]

    def weeks_text(self) -> str:
        weeks = len({iso_week(t.date) for t in self.w.attempts})
        return self.w.count("refere.faits.semaines", weeks)

    # II. Discussion -------------------------------------------------------------------------

    def discussion(self) -> list:
        w = self.w
        point_4 = w.t("citations.ce_435594", "point_4")
        reference = w.t("citations.references", "ce_435594")
        return [
            w.p("refere.discussion.l521_3", citation=w.t("citations.l521_3")),
            w.p("refere.discussion.conditions"),
            Heading(w.t("refere.urgence.titre"), 3),
            w.p("refere.urgence.ce_435594"),
            w.p("citations.ce_435594", "quote", "point_3"),
            Paragraph((*point_4, Text(" "), *reference), "quote"),
            w.p("refere.urgence.ce_229773", **w.citation("ce_229773")),
            *self.urgency(),
            Heading(w.t("refere.utilite.titre"), 3),
            *self.usefulness(),
            Heading(w.t("refere.obstacle.titre"), 3),
            w.p("refere.obstacle.aucune_decision"),
        ]

    def urgency(self) -> list:
        w = self.w
        journal = ("journal", "internet", "courriel", "lrar", "guichet", "telephone", "defenseur")
        blocks: list = []
        if w.blank:
            blocks.append(
                w.p("refere.urgence.tentatives_modele", piece=self.exhibits.ref(*journal))
            )
        elif w.attempts:
            blocks.append(
                w.p(
                    "refere.urgence.tentatives",
                    total=Value(w.count("commun.nombre.demarches", len(w.attempts))),
                    periode=Value(french.periode(w.first, w.last)),
                    semaines=Value(self.weeks_text()),
                    renvoi=self.exhibits.paren(*journal),
                )
            )
        blocks.extend(self.urgency_by_demarche())
        items = urgency_items(w, self.exhibits, expiry=False)
        if items:
            blocks.append(w.p("refere.urgence.situation_personnelle"))
            blocks.append(ItemList(punctuate(items)))
        if w.a.urgence.details:
            blocks.append(w.p("refere.urgence.recit"))
            if w.voice.third:
                blocks.append(
                    Paragraph((Text("« "), *details(w), Text(french.NNBSP + "»")), "quote")
                )
            else:
                blocks.append(Paragraph(details(w)))
        blocks.append(w.p("refere.urgence.remplie"))
        return blocks

    def urgency_by_demarche(self) -> list:
        w = self.w
        if self.holds_permit():
            return [
                w.p(
                    "refere.urgence.titulaire",
                    expiration=expiration(w),
                    renvoi=self.exhibits.paren("titre"),
                    demande_de=w.t("refere.urgence.demande_de", w.type),
                ),
                w.p("refere.urgence.a_fortiori"),
            ]
        if w.type == "premiere_demande":
            return [
                w.p("refere.urgence.premiere_demande"),
                w.p("refere.urgence.ta_montreuil_1911188", **w.citation("ta_montreuil_1911188")),
            ]
        consequence = w.t(f"refere.urgence.consequence.{w.type}") if w.type in CONSEQUENCES else ()
        return [Paragraph(sentences(w.t("refere.urgence.autre_demande"), consequence))]

    def usefulness(self) -> list:
        w = self.w
        blocks: list = []
        if w.type in TITRE_DE_SEJOUR or (w.blank and not w.type):
            blocks += [
                w.p("refere.utilite.r431_3", citation=w.t("citations.r431_3")),
                w.p("refere.utilite.ta_melun_2102923", **w.citation("ta_melun_2102923")),
                w.p("refere.utilite.titre_de_sejour"),
            ]
        else:
            blocks.append(w.p("refere.utilite.autre_demande"))
        blocks.append(w.p("refere.utilite.ce_435594"))
        blocks.append(
            w.p("refere.utilite.injonction", au_prefet=self.au_prefet(), delai=self.delay())
        )
        return blocks

    # Par ces motifs -------------------------------------------------------------------------

    def conclusions(self) -> list:
        w = self.w
        demandes = w.a.demandes
        items: list[Runs] = [
            w.t(
                "refere.conclusions.injonction",
                au_prefet=self.au_prefet(),
                delai=self.delay(),
                demande=w.demande(),
            )
        ]
        for ref, amount in (
            ("refere.conclusions.astreinte", demandes.astreinte_euros_par_jour),
            ("refere.conclusions.frais", demandes.frais_l761_1_euros),
        ):
            if amount or w.blank:
                montant = Value(french.montant(amount)) if amount else w.trou("montant")
                items.append(w.t(ref, montant=montant))
        return [w.p("refere.conclusions.intro"), ItemList(punctuate(items))]

    def signature(self) -> Signature:
        w = self.w
        if w.lawyer is not None:
            return Signature(
                (
                    w.lieu_date(),
                    w.t("refere.signature.pour", client=w.civilite_nom()),
                    w.t("refere.signature.avocat", nom=w.nom_complet(w.lawyer)),
                )
            )
        return Signature((w.lieu_date(), w.nom_complet()))


def _lines(lines: list[Runs]) -> Runs:
    out: list[Run] = []
    for index, line in enumerate(lines):
        if index:
            out.append(Break())
        out.extend(line)
    return tuple(out)
