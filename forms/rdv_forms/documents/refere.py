"""The référé mesures utiles (article L. 521-3 of the code de justice administrative).

Rewritten from the model petition of La Cimade and the Gisti, with the law in force since
1 May 2021 (articles R. 431-2 and R. 431-3 of the CESEDA instead of R. 311-1). The wording is
in `wording/refere.toml`, the quotations in `wording/citations.toml`; this module chooses
which paragraphs apply. The petition speaks in the first person; when a lawyer files it, in
the third (« la requérante »).
"""

from __future__ import annotations

from .. import french
from ..analysis import analyse, iso_week, late_renewal
from .exhibits import CHANNELS, Exhibits
from .model import (
    Break,
    ExhibitList,
    Heading,
    ItemList,
    Paragraph,
    Run,
    Runs,
    Text,
    Value,
)
from .urgence import details, urgency_items
from .writing import (
    MOYENS,
    TITRE_DE_SEJOUR,
    Body,
    Writer,
    clause,
    dates_enumerees,
    expiration,
    horaires_par_mois,
    join_runs,
    punctuate,
    sentences,
)

# The channels a petition is written for (answers: demarche.canal); any other value, or none,
# is « inconnu »: the petition then says nothing of how the request is filed.
CANAUX = ("rdv_prefecture", "anef", "demande_en_ligne")
# The other ways of asking, told one sentence each after the attempts listed one by one (on
# the booking website, on ANEF); their exhibit, when it is not their own name.
OTHER_CHANNELS = tuple(moyen for moyen in MOYENS if moyen not in ("internet", "anef"))
EXHIBIT_OF = {"defenseur_des_droits": "defenseur", "relance_en_ligne": "relance"}
# Every kind of attempt, in the order the totals name them.
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
        w.signature_depot(),
        ExhibitList(w.s("refere.pieces_jointes"), exhibits.freeze()),
    ]
    return Body(tuple(blocks))


class _Refere:
    def __init__(self, w: Writer, exhibits: Exhibits) -> None:
        self.w, self.exhibits = w, exhibits
        canal = w.a.demarche.canal
        self.canal = canal if canal in CANAUX else "inconnu"
        # The law each channel rests on. R. 431-2's substitution solution is for residence
        # permits: another request filed on ANEF (a naturalisation…) gets the neutral grounds.
        permit = w.type in TITRE_DE_SEJOUR or (w.blank and not w.type)
        self.grounds = "inconnu" if self.canal == "anef" and not permit else self.canal
        # « Les conditions sont réunies », « l'urgence est remplie »: asserted only when the
        # verdict is ready (the blank model is filled by hand once the file is ready).
        self.ready = w.blank or analyse(w.a, today=w.today).verdict.ready
        # A renewal started after R. 431-5's window: stated in the facts, never hidden.
        self.late = None if w.blank else late_renewal(w.a, w.today)

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
            lines.append(w.t("refere.parties.barreau", barreau=w.de(lawyer.barreau, "")))
        if lawyer.adresse:
            lines.append((w.inline(lawyer.adresse, ""),))
        lines += w.coordonnees(
            "refere.parties.coordonnees",
            (("telephone", lawyer.telephone, ""), ("courriel", lawyer.courriel, "")),
        )
        return _lines(lines)

    def permit(self) -> bool:
        return self.w.type in TITRE_DE_SEJOUR or (self.w.blank and not self.w.type)

    def request(self) -> list[Paragraph]:
        w = self.w
        opening = w.p(
            f"refere.demande.{self.grounds}",
            au_prefet=self.w.au_prefet(),
            delai=self.delay(),
            demande=w.demande(),
        )
        if self.grounds == "anef" or (self.grounds == "rdv_prefecture" and self.permit()):
            basis = w.p(f"refere.fondement.{self.grounds}")
        elif self.permit():
            basis = w.p("refere.fondement.titre_de_sejour")
        else:
            basis = w.p("refere.fondement.autre")
        return [opening, basis]

    # I. Facts -----------------------------------------------------------------------------

    def facts(self) -> list:
        w = self.w
        blocks: list = [self.situation(), *self.late_renewal()]
        premise = {
            "rdv_prefecture": "refere.faits.rendez_vous_en_ligne",
            "anef": "refere.faits.anef",
            "demande_en_ligne": "refere.faits.demande_en_ligne",
        }
        if self.canal in premise:  # never a premise the person did not give
            blocks.append(w.p(premise[self.canal]))
        blocks.extend(self.internet_attempts())
        blocks.extend(self.anef_attempts())
        other = self.other_channels()
        if other:
            blocks.append(Paragraph(other))
        blocks.extend(self.totals())
        ending = "" if self.canal == "rdv_prefecture" else f"_{self.canal}"
        blocks.append(w.p(f"refere.faits.sans_reponse{ending}"))
        return blocks

    def anef_attempts(self) -> list:
        """The attempts on ANEF, one by one, the error shown, and the help steps not taken."""
        w = self.w
        attempts = w.by_moyen("anef")
        blocks: list = []
        if attempts:
            blocks.append(
                w.p(
                    "refere.faits.anef_tentatives",
                    combien=Value(w.count("refere.faits.combien", len(attempts))),
                    periode=Value(french.periode(attempts[0].date, attempts[-1].date)),
                )
            )
            blocks.append(ItemList(punctuate(horaires_par_mois(attempts))))
            told: list[Runs] = [
                w.t("refere.faits.anef_echec"),
                w.messages_anef("refere.faits.anef_message"),
            ]
            if "anef" in self.exhibits:
                told.append(w.t("refere.faits.captures_anef", piece=self.exhibits.ref("anef")))
            blocks.append(Paragraph(sentences(*told)))
        if self.canal == "anef" and not w.blank:
            steps = (
                ("ccc", "refere.faits.sans_ccc", w.a.anef.sans_ccc),
                ("pan", "refere.faits.sans_pan", w.a.anef.sans_pan),
            )
            for step, ref, reason in steps:
                if reason.strip() and not w.by_moyen(step):
                    raison = Value(clause(reason))
                    blocks.append(w.p(ref, raison=raison))
        return blocks

    def late_renewal(self) -> list[Paragraph]:
        """Art. R. 431-5 CESEDA: the renewal was started after its window. The petition says so
        and why the request must still be registered; the channel decides which rule is quoted."""
        late, w = self.late, self.w
        # Channel unknown: the verdict warns from the ANEF rule's last day; the petition asserts
        # a delay only when the card had already ended, late under both rules of R. 431-5.
        if late is None or (late.regle == "inconnu" and late.debut <= late.expiration):
            return []
        parts: dict = {"expiration": expiration(w), "debut": Value(french.date_longue(late.debut))}
        if late.regle == "anef":
            ref = "refere.faits.hors_delai_r431_5"
            parts["citation"] = w.t("citations.r431_5", "anef")
            parts["limite"] = Value(french.date_longue(late.limite))
        elif late.regle == "deux_mois":
            ref = "refere.faits.hors_delai_r431_5_deux_mois"
            parts["citation"] = w.t("citations.r431_5", "deux_mois")
        else:
            ref = "refere.faits.hors_delai_r431_5_inconnu"
        said: list[Runs] = [w.t(ref, **parts)]
        # Why it is late, in the person's words, right after the delay it explains.
        raison = clause(w.a.demarche.raison_retard)
        if raison:
            said.append(w.t("refere.faits.hors_delai_raison", raison=Value(raison)))
        said.append(w.t("refere.faits.hors_delai_enregistrement"))
        return [Paragraph(sentences(*said))]

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
            # The card held, never the card requested (a change of status is not a renewal).
            held = w.titre_detenu
            precisions: list[Runs] = []
            souhait = f"refere.faits.souhait.{w.type}"
            if w.type == "changement_situation" and not demarche.titre:
                souhait += "_sans_titre"
            if demarche.fondement:
                valeur = Value(demarche.fondement)
                precisions.append(w.t("commun.precisions", "fondement", valeur=valeur))
            return w.p(
                "refere.faits.titulaire_expire" if self.expired() else "refere.faits.titulaire",
                titre=(Text(" ("), Value(held), Text(")")) if held else "",
                expiration=expiration(w),
                renvoi=self.exhibits.paren("titre"),
                souhait=w.t(
                    souhait,
                    titre=Value(demarche.titre),
                    fondement=(
                        (Text(" ("), *join_runs(precisions, ","), Text(")")) if precisions else ""
                    ),
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
                au_prefet=self.w.au_prefet(),
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
            logged = [t for t in w.a.tentatives if t.moyen == moyen]
            if moyen == "demande_en_ligne" and any(t.accuse_reception == "oui" for t in logged):
                key = "demande_en_ligne_accuse"
            if moyen == "courriel" and self.canal != "rdv_prefecture":
                key = "courriel_enregistrement"
            references = list(dict.fromkeys(t.reference for t in logged if t.reference))
            lieux = list(dict.fromkeys(t.lieu for t in logged if t.lieu))
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
                au_prefet=w.au_destinataire(),  # whom the e-mails and letters were written to
                references=self.between(
                    [
                        w.t(
                            "refere.faits.references",
                            "un" if len(references) == 1 else "plusieurs",
                            valeur=Value(", ".join(references)),
                        )
                    ]
                    if references
                    else []
                ),
                lieux=self.between([(Value(lieu),) for lieu in lieux]),
                accueil=w.accueil(lieux),
                renvoi=self.exhibits.paren(EXHIBIT_OF.get(moyen, moyen)),
            )
            told.append(sentence)
        return sentences(*told)

    @staticmethod
    def between(items: list[Runs]) -> Runs:
        """« (a, b) » with its space before, or nothing."""
        return (Text(" ("), *join_runs(items, ","), Text(")")) if items else ()

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
        reference = w.t("citations.references", "ce_435594")
        if self.canal == "rdv_prefecture":  # point 4 is about the préfecture's website
            point_4 = w.t("citations.ce_435594", "point_4")
            case_law = [
                w.p("refere.urgence.ce_435594"),
                w.p("citations.ce_435594", "quote", "point_3"),
                Paragraph((*point_4, Text(" "), *reference), "quote"),
            ]
        else:  # point 3 alone: it closes its own quotation marks
            point_3 = w.t("citations.ce_435594", "point_3")
            case_law = [
                w.p("refere.urgence.ce_435594_point_3"),
                Paragraph((*point_3, Text(french.NNBSP + "» "), *reference), "quote"),
            ]
        return [
            w.p("refere.discussion.l521_3", citation=w.t("citations.l521_3")),
            w.p("refere.discussion.conditions" if self.ready else "refere.discussion.a_apprecier"),
            Heading(w.t("refere.urgence.titre"), 3),
            # Both decisions are about residence permits (« enregistrer la demande de titre de
            # séjour », a refusal of a title): not quoted for a naturalisation, a family
            # reunification or a DCEM (judge's review, B6).
            *(case_law if self.permit() else []),
            *(
                [w.p("refere.urgence.ce_229773", **w.citation("ce_229773"))]
                if self.permit()
                else []
            ),
            *self.urgency(),
            Heading(w.t("refere.utilite.titre"), 3),
            *self.usefulness(),
            Heading(w.t("refere.obstacle.titre"), 3),
            self.obstacle(),
        ]

    def obstacle(self) -> Paragraph:
        """« Aucune décision n’a été prise » only when the person answered « non » (or in the
        blank model); unanswered or « ne sait pas », the question stays open."""
        w = self.w
        decision = w.a.decision_anterieure
        argument = w.trou("decision_conseil")
        if w.blank or decision.existe == "non":
            return w.p("refere.obstacle.aucune_decision")
        if decision.existe != "oui":
            return w.p("refere.obstacle.decision_inconnue", argument=argument)
        mesures = [w.t("refere.obstacle.mesures", m) for m in decision.mesures] or [
            w.t("refere.obstacle.mesures", "inconnue")
        ]
        return w.p(
            "refere.obstacle.decision_anterieure",
            date=Value(f"le {french.date_longue(decision.date)}")
            if decision.date
            else w.trou("date"),
            mesures=join_runs(mesures),
            renvoi=self.exhibits.paren("decision"),
            argument=argument,
        )

    def urgency(self) -> list:
        w = self.w
        journal = ("journal", *CHANNELS)
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
                    issue=w.t("refere.issue", self.grounds),
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
        blocks.append(w.p("refere.urgence.remplie" if self.ready else "refere.urgence.a_etayer"))
        return blocks

    def urgency_by_demarche(self) -> list:
        w = self.w
        if self.holds_permit():
            # ANEF gives no récépissé but, for a request filed in time, the attestation de
            # prolongation de l'instruction (R. 431-15-1); a late one is not promised it.
            ref = "refere.urgence.titulaire"
            if self.canal == "anef":
                ref += "_anef_hors_delai" if self.late else "_anef"
                ref += "_expire" if ref.endswith("_anef") and self.expired() else ""
            return [
                w.p(
                    ref,
                    expiration=expiration(w),
                    renvoi=self.exhibits.paren("titre"),
                    demande_de=w.t("refere.urgence.demande_de", w.type),
                    citation=w.t("citations.r431_15_1"),
                ),
                # « le dépôt même de la demande de renouvellement »: a renewal only (judge, M2).
                *([w.p("refere.urgence.a_fortiori")] if w.type == "renouvellement" else []),
            ]
        if w.type == "premiere_demande":
            return [
                self.first_application_urgency(),
                w.p("refere.urgence.ta_montreuil_1911188", **w.citation("ta_montreuil_1911188")),
            ]
        consequence = w.t(f"refere.urgence.consequence.{w.type}") if w.type in CONSEQUENCES else ()
        return [Paragraph(sentences(w.t("refere.urgence.autre_demande"), consequence))]

    def first_application_urgency(self) -> Paragraph:
        """Already under an OQTF, the person is not merely « exposed » to a removal order."""
        w = self.w
        decision = w.a.decision_anterieure
        if w.blank or decision.existe != "oui" or "oqtf" not in decision.mesures:
            return w.p("refere.urgence.premiere_demande")
        when = f"le {french.date_longue(decision.date)}" if decision.date else None
        return w.p(
            "refere.urgence.premiere_demande_oqtf",
            date=Value(when) if when else w.trou("date"),
        )

    def usefulness(self) -> list:
        w = self.w
        blocks: list = []
        if self.grounds == "anef":
            blocks += [
                w.p("refere.utilite.r431_2", citation=w.t("citations.r431_2")),
                w.p("refere.utilite.ta_melun_2102923", **w.citation("ta_melun_2102923")),
                self.anef_steps(),
                w.p("refere.utilite.anef"),
            ]
        elif self.grounds == "rdv_prefecture":
            if self.permit():
                blocks += [
                    w.p("refere.utilite.r431_3", citation=w.t("citations.r431_3")),
                    w.p(
                        "refere.utilite.ce_461694",
                        **w.citation("ce_461694"),
                        citation_melun=w.t("citations.ta_melun_point_12"),
                        reference_melun=w.t("citations.references", "ta_melun_point_12"),
                    ),
                    w.p("refere.utilite.titre_de_sejour"),
                ]
            else:
                blocks.append(w.p("refere.utilite.autre_demande"))
            blocks.append(w.p("refere.utilite.ce_435594"))
        else:
            if self.permit():
                blocks.append(w.p("refere.utilite.r431_3", citation=w.t("citations.r431_3")))
            online = self.grounds == "demande_en_ligne"
            then = w.t(
                "refere.utilite.suite_titre" if self.permit() else "refere.utilite.suite_autre"
            )
            first = self.online_request() if online else w.t("refere.utilite.sans_acces")
            blocks.append(Paragraph(sentences(first, then)))
        ending = "" if self.grounds == "rdv_prefecture" else f"_{self.grounds}"
        blocks.append(
            w.p(
                f"refere.utilite.injonction{ending}",
                au_prefet=self.w.au_prefet(),
                delai=self.delay(),
            )
        )
        return blocks

    def anef_steps(self) -> Paragraph:
        """The help steps of R. 431-2 taken (the centre de contact citoyens, a point d'accueil
        numérique), each with its exhibit; or why none could be."""
        w = self.w
        aides = [
            w.t("refere.utilite.aides", step, renvoi=self.exhibits.paren(step))
            for step in ("ccc", "pan")
            if w.by_moyen(step) or (w.blank and step in self.exhibits)
        ]
        if not aides:
            return w.p("refere.utilite.anef_sans_aide")
        return w.p("refere.utilite.anef_diligences", aides=join_runs(aides))

    def online_request(self) -> Runs:
        """The request made on the préfecture's online form, its date, and the reminders."""
        w = self.w
        filed = w.by_moyen("demande_en_ligne")
        reminders = w.by_moyen("relance_en_ligne")
        date = (
            Value(dates_enumerees([t.date for t in filed]))
            if filed
            else w.t("courrier.moyens.date_a_completer", date=w.trou("date"))
        )
        relances: Runs = ()
        if reminders:
            relances = w.t(
                "refere.utilite.relances",
                dates=Value(dates_enumerees([t.date for t in reminders])),
            )
        return w.t("refere.utilite.demande_en_ligne", date=date, relances=relances)

    # Par ces motifs -------------------------------------------------------------------------

    def conclusions(self) -> list:
        """Both delays of CE 435594 (point 4), L. 911-1, the receipt, a moderate astreinte
        (the person's amount, or the judge's: never one of ours), costs actually paid."""
        w = self.w
        demandes = w.a.demandes
        items: list[Runs] = [
            w.t(
                f"refere.conclusions.injonction.{self.grounds}",
                au_prefet=self.w.au_prefet(),
                delai=self.delay(),
                demande=w.demande(),
            ),
            w.t("refere.conclusions.recepisse", au_prefet=self.w.au_prefet()),
        ]
        astreinte = demandes.astreinte_euros_par_jour
        if astreinte:
            items.append(
                w.t("refere.conclusions.astreinte", montant=Value(french.montant(astreinte)))
            )
        elif w.blank:
            items.append(w.t("refere.conclusions.astreinte", montant=w.trou("montant")))
        elif astreinte is None:  # 0: the person asks for none
            items.append(w.t("refere.conclusions.astreinte_juge"))
        frais = demandes.frais_l761_1_euros
        if frais or w.blank:
            montant = Value(french.montant(frais)) if frais else w.trou("montant")
            items.append(
                w.t(
                    "refere.conclusions.frais", montant=montant, renvoi=self.exhibits.paren("frais")
                )
            )
        return [w.p("refere.conclusions.intro"), ItemList(punctuate(items))]


def _lines(lines: list[Runs]) -> Runs:
    out: list[Run] = []
    for index, line in enumerate(lines):
        if index:
            out.append(Break())
        out.extend(line)
    return tuple(out)
