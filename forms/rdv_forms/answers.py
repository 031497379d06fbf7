"""The answers: a public, versioned contract (`"version": 2`, French keys), typed and validated.

Each field is declared once, on its record class, with a `Spec` saying what it holds. Loading,
validation and the shipped JSON Schema (`schema/answers-v2.schema.json`) are all read from
those declarations, so they cannot drift apart. Version 1 files (saved before the channel
questions existed) still open: `migrate_v1` turns them into version 2, and
`pending_questions` lists what they still need. `schema/answers-v1.schema.json` is kept,
frozen, for those files.

Loading is lenient: `parse()` always returns an `Answers` (a bad value is reported and left
blank) together with the list of errors, so a form can show every problem at once. Documents
are only made from answers without errors (`load_answers()` raises otherwise).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from datetime import date, time, timedelta
from typing import Any

from . import courts
from .i18n import Message, echo, msg
from .records import field, fields, is_record, record, replace

FORMAT_VERSION = 2
"""Saving writes this version; version 1 files are migrated on opening (`migrate_v1`)."""
SUPPORTED_VERSIONS = (1, 2)
SCHEMA_NAME = f"answers-v{FORMAT_VERSION}.schema.json"
MAX_TENTATIVES = 200
# Bounds that keep a hostile or broken file from costing minutes and gigabytes: the form's
# largest answers are well under 1 MB, and past 100 problems nobody reads the list.
MAX_SOURCE_BYTES = 2_000_000
MAX_ERRORS = 100
# Plausible dates: appointments were not booked online before 2015, and a letter is signed
# today or in the next few days, not in 9999.
EARLIEST_ATTEMPT = date(2015, 1, 1)
SIGNATURE_DAYS_AHEAD = 31

DEMARCHE_TYPES = (
    "premiere_demande",
    "renouvellement",
    "dcem",
    "regroupement_familial",
    "titre_voyage_refugie",
    "changement_situation",
    "naturalisation",
    "autre",
)
# How the application is made (VOCAB.md): the national online service (art. R. 431-2 CESEDA),
# an appointment on the préfecture's website (art. R. 431-3), a préfecture's online request
# form (Démarches simplifiées…), or « je ne sais pas ».
CANAUX = ("anef", "rdv_prefecture", "demande_en_ligne", "inconnu")
# Kinds of attempt in the log. The v1 ids keep their meaning: « internet » is a booking
# attempt on the préfecture's website.
MOYENS = (
    "anef",
    "ccc",
    "pan",
    "internet",
    "demande_en_ligne",
    "relance_en_ligne",
    "courriel",
    "lrar",
    "guichet",
    "telephone",
    "defenseur_des_droits",
)
MOYENS_V1 = ("internet", "courriel", "lrar", "guichet", "telephone", "defenseur_des_droits")
# The fields of an attempt that only some kinds have (date, heure, moyen, resultat and preuve
# belong to every kind). The form shows these; a value given for another kind is an error.
MOYEN_FIELDS: dict[str, tuple[str, ...]] = {
    "anef": ("message_erreur",),
    "ccc": ("reference",),
    "pan": ("lieu", "avec_temoin"),
    "internet": (),
    "demande_en_ligne": ("reference", "accuse_reception"),
    "relance_en_ligne": ("reference",),
    "courriel": (),
    "lrar": ("reference", "accuse_reception"),
    "guichet": ("lieu", "avec_temoin"),
    "telephone": (),
    "defenseur_des_droits": ("reference",),
}
BLOCAGES_ANEF = ("message_erreur", "compte", "pas_de_reponse", "autre")
OUI_NON = ("oui", "non", "")
OUI_NON_NSP = ("oui", "non", "ne_sait_pas", "")
MESURES = ("refus_titre", "oqtf", "interdiction_retour")
MOTIFS = (
    "titre_expire",
    "emploi",
    "enfants",
    "logement",
    "sante",
    "droits_sociaux",
    "etudes",
    "famille",
    "voyage",
    "autre",
)
CIVILITES = ("Mme", "M.", "")

# Invisible characters that can make a name or a number look like another one.
BIDI_CONTROLS = frozenset(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
ZERO_WIDTH = frozenset(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])

# Field kinds. NAME and IDENTIFIER refuse zero-width characters; MULTILINE keeps line breaks.
TEXT, NAME, IDENTIFIER, EMAIL, ADDRESS, MULTILINE = (
    "text",
    "name",
    "identifier",
    "email",
    "address",
    "multiline",
)
DATE, TIME, INTEGER, CHOICE, CHOICES, OBJECT, LIST = (
    "date",
    "time",
    "integer",
    "choice",
    "choices",
    "object",
    "list",
)
_TEXT_KINDS = (TEXT, NAME, IDENTIFIER, EMAIL, ADDRESS, MULTILINE)


@record
class Spec:
    """What a field holds; `help` documents it in the JSON Schema."""

    kind: str
    help: str = ""
    max_length: int | None = None
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    of: type | None = None  # the record class of an OBJECT field or of a LIST's items
    nullable: bool = False  # an OBJECT that may be null (no witness, no lawyer)
    required: bool = False
    max_items: int | None = None
    past: bool = False  # a DATE that must be before today (birth dates)
    not_future: bool = False  # a DATE that must not be after today (attempts)
    not_before: date | None = None  # the earliest plausible DATE
    days_ahead: int | None = None  # a DATE at most this many days after today

    @property
    def record_of(self) -> type:
        """`of`, for an OBJECT or a LIST field, where it is always set."""
        if self.of is None:
            raise TypeError(f"a {self.kind} field declares no record class")
        return self.of


def _meta(kind: str, help: str = "", **options: Any) -> dict[str, Spec]:
    """The `metadata` of a field: its `Spec`."""
    return {"spec": Spec(kind, help, **options)}


def _text(kind: str, max_length: int, help: str) -> dict[str, Spec]:
    return _meta(kind, help, max_length=max_length)


@record
class Identite:
    """Civilité, nom et prénom, shared by the person, a witness and a lawyer."""

    civilite: str = field(
        default="",
        metadata=_meta(
            CHOICE, "« Mme », « M. » ou vide : accorde les documents (née / né).", choices=CIVILITES
        ),
    )
    nom: str = field(
        default="",
        metadata=_text(NAME, 80, "Nom de famille, tel qu’il figure sur la pièce d’identité."),
    )
    prenom: str = field(default="", metadata=_text(NAME, 80, "Prénom(s)."))


@record
class Personne(Identite):
    date_naissance: date | None = field(
        default=None, metadata=_meta(DATE, "AAAA-MM-JJ.", past=True)
    )
    lieu_naissance: str = field(
        default="", metadata=_text(TEXT, 120, "Ville et pays de naissance.")
    )
    nationalite: str = field(
        default="", metadata=_text(TEXT, 60, "Nationalité, au féminin ou au masculin.")
    )
    adresse: str = field(default="", metadata=_text(ADDRESS, 200, "Adresse postale complète."))
    courriel: str = field(default="", metadata=_text(EMAIL, 120, "Adresse électronique."))
    telephone: str = field(default="", metadata=_text(IDENTIFIER, 30, "Numéro de téléphone."))
    numero_etranger: str = field(
        default="", metadata=_text(IDENTIFIER, 20, "Numéro d’étranger (AGDREF), s’il existe.")
    )
    numero_dossier_prefecture: str = field(
        default="", metadata=_text(IDENTIFIER, 40, "Numéro de dossier, s’il existe.")
    )


@record
class Prefecture:
    nom: str = field(default="", metadata=_text(TEXT, 120, "Vide : la préfecture du département."))
    adresse: str = field(
        default="", metadata=_text(ADDRESS, 200, "Vide : l’adresse connue, à vérifier.")
    )
    courriel_service_etrangers: str = field(
        default="", metadata=_text(EMAIL, 120, "Adresse du service des étrangers.")
    )
    formule: str = field(
        default="",
        metadata=_text(
            TEXT,
            80,
            "Formule d’appel, par exemple « Madame la Préfète » ou « Monsieur le Préfet ».",
        ),
    )


@record
class Tribunal:
    nom: str = field(
        default="",
        metadata=_text(
            TEXT, 120, "Vide : le tribunal administratif compétent pour le département."
        ),
    )
    adresse: str = field(
        default="", metadata=_text(ADDRESS, 200, "Vide : l’adresse connue, à vérifier.")
    )


@record
class Demarche:
    type: str = field(
        default="", metadata=_meta(CHOICE, "Nature de la démarche.", choices=(*DEMARCHE_TYPES, ""))
    )
    titre: str = field(default="", metadata=_text(TEXT, 150, "Titre ou document demandé."))
    fondement: str = field(default="", metadata=_text(TEXT, 200, "Fondement de la demande."))
    expiration_titre: date | None = field(
        default=None, metadata=_meta(DATE, "Fin de validité du titre actuel.")
    )
    beneficiaire: str = field(
        default="",
        metadata=_text(
            TEXT, 200, "Pour un DCEM ou un regroupement familial : pour qui est la demande."
        ),
    )
    canal: str = field(
        default="",
        metadata=_meta(
            CHOICE,
            "Comment la demande se fait : « anef » (service en ligne national), "
            "« rdv_prefecture » (rendez-vous sur le site de la préfecture), « demande_en_ligne » "
            "(formulaire de la préfecture) ou « inconnu ». Version 2.",
            choices=(*CANAUX, ""),
        ),
    )
    titre_actuel: str = field(
        default="",
        metadata=_text(
            TEXT, 150, "Titre de séjour détenu aujourd’hui (changement de statut). Version 2."
        ),
    )
    raison_retard: str = field(
        default="",
        metadata=_text(
            MULTILINE,
            500,
            "Renouvellement commencé après le délai de l’article R. 431-5 du CESEDA : pourquoi, "
            "dans les mots de la personne. La requête le dit après le retard. Version 2.",
        ),
    )


@record
class Tentative:
    date: date | None = field(
        default=None,
        metadata=_meta(
            DATE,
            "Jour de la tentative.",
            required=True,
            not_future=True,
            not_before=EARLIEST_ATTEMPT,
        ),
    )
    heure: time | None = field(default=None, metadata=_meta(TIME, "HH:MM."))
    moyen: str = field(
        default="", metadata=_meta(CHOICE, "Moyen utilisé.", choices=MOYENS, required=True)
    )
    resultat: str = field(default="", metadata=_text(MULTILINE, 300, "Ce qui s’est passé."))
    preuve: str = field(
        default="", metadata=_text(IDENTIFIER, 160, "Nom du fichier ou de la pièce qui le prouve.")
    )
    message_erreur: str = field(
        default="",
        metadata=_text(TEXT, 300, "ANEF : le message d’erreur, tel qu’il s’affiche. Version 2."),
    )
    reference: str = field(
        default="",
        metadata=_text(
            IDENTIFIER,
            60,
            "Numéro de ticket du centre de contact citoyens, de la demande en ligne, du "
            "recommandé ou du dossier du Défenseur des droits. Version 2.",
        ),
    )
    lieu: str = field(
        default="",
        metadata=_text(
            TEXT, 120, "Point d’accueil numérique ou guichet : où, en préfecture. Version 2."
        ),
    )
    avec_temoin: str = field(
        default="",
        metadata=_meta(
            CHOICE, "Point d’accueil ou guichet : un témoin était là. Version 2.", choices=OUI_NON
        ),
    )
    accuse_reception: str = field(
        default="",
        metadata=_meta(
            CHOICE,
            "Demande en ligne ou recommandé : un accusé de réception a été reçu. Version 2.",
            choices=OUI_NON,
        ),
    )


@record
class Temoin(Identite):
    date_naissance: date | None = field(
        default=None, metadata=_meta(DATE, "AAAA-MM-JJ.", past=True)
    )
    lieu_naissance: str = field(
        default="", metadata=_text(TEXT, 120, "Lieu de naissance du témoin.")
    )
    adresse: str = field(default="", metadata=_text(ADDRESS, 200, "Adresse du témoin."))
    profession: str = field(default="", metadata=_text(TEXT, 80, "Profession du témoin."))
    piece_identite: str = field(
        default="", metadata=_text(TEXT, 80, "Pièce d’identité jointe par le témoin.")
    )
    lien: str = field(
        default="",
        metadata=_text(
            TEXT,
            120,
            "Comment le témoin connaît la personne : « voisine depuis 2019 », « collègue », "
            "« bénévole de l’association ». Version 2.",
        ),
    )


@record
class Urgence:
    motifs: tuple[str, ...] = field(
        default=(), metadata=_meta(CHOICES, "Raisons de l’urgence.", choices=MOTIFS)
    )
    details: str = field(
        default="", metadata=_text(MULTILINE, 3000, "La situation, dans vos mots.")
    )


@record
class Avocat(Identite):
    barreau: str = field(
        default="", metadata=_text(TEXT, 80, "Barreau, par exemple « Seine-Saint-Denis ».")
    )
    adresse: str = field(default="", metadata=_text(ADDRESS, 200, "Adresse du cabinet."))
    telephone: str = field(default="", metadata=_text(IDENTIFIER, 30, "Téléphone du cabinet."))
    courriel: str = field(
        default="", metadata=_text(EMAIL, 120, "Adresse électronique du cabinet.")
    )


@record
class Demandes:
    delai_jours: int | None = field(
        default=None,
        metadata=_meta(INTEGER, "Délai de convocation demandé au juge.", minimum=1, maximum=90),
    )
    astreinte_euros_par_jour: int | None = field(
        default=None,
        metadata=_meta(
            INTEGER,
            "Vide : le juge des référés fixe le montant ; 0 : pas d’astreinte demandée.",
            minimum=0,
            maximum=10_000,
        ),
    )
    frais_l761_1_euros: int | None = field(
        default=None,
        metadata=_meta(INTEGER, "0 ou vide : pas de frais demandés.", minimum=0, maximum=100_000),
    )


@record
class Anef:
    """What blocks the person on ANEF, and why a help step could not be taken (version 2)."""

    blocages: tuple[str, ...] = field(
        default=(),
        metadata=_meta(
            CHOICES,
            "Ce qui bloque : « message_erreur », « compte » (compte impossible à créer ou à "
            "ouvrir), « pas_de_reponse » (demande déposée, rien ne vient), « autre ».",
            choices=BLOCAGES_ANEF,
        ),
    )
    message_erreur: str = field(
        default="", metadata=_text(TEXT, 300, "Le message d’erreur affiché, mot pour mot.")
    )
    numero_demande: str = field(
        default="", metadata=_text(IDENTIFIER, 40, "Numéro de la demande sur l’ANEF, s’il existe.")
    )
    sans_ccc: str = field(
        default="",
        metadata=_text(
            MULTILINE,
            500,
            "Si le centre de contact citoyens n’a pas pu être contacté : pourquoi.",
        ),
    )
    sans_pan: str = field(
        default="",
        metadata=_text(
            MULTILINE,
            500,
            "Si le point d’accueil numérique n’a pas pu être consulté : pourquoi.",
        ),
    )


@record
class DecisionAnterieure:
    """A refusal or a removal order already taken: it changes the whole route (version 2)."""

    existe: str = field(
        default="",
        metadata=_meta(
            CHOICE,
            "Un refus de titre, une OQTF ou une interdiction de retour : « oui », « non », "
            "« ne_sait_pas ».",
            choices=OUI_NON_NSP,
        ),
    )
    mesures: tuple[str, ...] = field(
        default=(),
        metadata=_meta(
            CHOICES,
            "Lesquelles : « refus_titre », « oqtf », « interdiction_retour ».",
            choices=MESURES,
        ),
    )
    date: date | None = field(
        default=None, metadata=_meta(DATE, "Date de la décision, si elle est connue.")
    )


@record
class Association:
    """The association that helps the person, if any (version 2)."""

    nom: str = field(default="", metadata=_text(TEXT, 120, "Nom de l’association."))
    contact: str = field(
        default="",
        metadata=_text(TEXT, 200, "Personne à contacter, téléphone ou adresse électronique."),
    )


@record
class Signature:
    lieu: str = field(default="", metadata=_text(TEXT, 80, "Ville où les documents sont signés."))
    date: date | None = field(
        default=None,
        metadata=_meta(DATE, "Vide : la date du jour.", days_ahead=SIGNATURE_DAYS_AHEAD),
    )


@record
class Answers:
    version: int = field(
        default=FORMAT_VERSION,
        metadata=_meta(
            INTEGER,
            "Version du format : 2. Un fichier de version 1 est migré à l’ouverture.",
            minimum=1,
            maximum=FORMAT_VERSION,
            required=True,
        ),
    )
    personne: Personne = field(
        default_factory=Personne, metadata=_meta(OBJECT, "La personne qui demande.", of=Personne)
    )
    departement: str = field(
        default="",
        metadata=_text(IDENTIFIER, 3, "Numéro du département : « 93 », « 2A », « 971 »."),
    )
    prefecture: Prefecture = field(
        default_factory=Prefecture, metadata=_meta(OBJECT, of=Prefecture)
    )
    tribunal: Tribunal = field(default_factory=Tribunal, metadata=_meta(OBJECT, of=Tribunal))
    demarche: Demarche = field(default_factory=Demarche, metadata=_meta(OBJECT, of=Demarche))
    tentatives: tuple[Tentative, ...] = field(
        default=(),
        metadata=_meta(LIST, "Journal des tentatives.", of=Tentative, max_items=MAX_TENTATIVES),
    )
    temoin: Temoin | None = field(default=None, metadata=_meta(OBJECT, of=Temoin, nullable=True))
    urgence: Urgence = field(default_factory=Urgence, metadata=_meta(OBJECT, of=Urgence))
    avocat: Avocat | None = field(default=None, metadata=_meta(OBJECT, of=Avocat, nullable=True))
    demandes: Demandes = field(default_factory=Demandes, metadata=_meta(OBJECT, of=Demandes))
    signature: Signature = field(default_factory=Signature, metadata=_meta(OBJECT, of=Signature))
    anef: Anef = field(default_factory=Anef, metadata=_meta(OBJECT, "ANEF. Version 2.", of=Anef))
    decision_anterieure: DecisionAnterieure = field(
        default_factory=DecisionAnterieure,
        metadata=_meta(
            OBJECT, "Refus ou mesure d’éloignement déjà pris. Version 2.", of=DecisionAnterieure
        ),
    )
    association: Association = field(
        default_factory=Association,
        metadata=_meta(OBJECT, "Association qui accompagne. Version 2.", of=Association),
    )

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of these answers (dates as ISO strings)."""
        return _to_json(self)


def _spec_paths(cls: type, prefix: str = "") -> dict[str, Spec]:
    paths = {}
    for f in fields(cls):
        spec = f.metadata["spec"]
        path = f"{prefix}{f.name}"
        paths[path] = spec
        if spec.kind in (OBJECT, LIST):
            paths.update(_spec_paths(spec.of, path + "."))
    return paths


FIELD_SPECS: dict[str, Spec] = _spec_paths(Answers)
"""Every field by dotted path (list items without index: « tentatives.date »)."""

MAX_LENGTHS: dict[str, int] = {
    path: spec.max_length for path, spec in FIELD_SPECS.items() if spec.max_length
}
"""Maximum length of each text field, for the HTML form's `maxlength` attributes."""


@record
class ValidationError:
    """One problem: where (`personne.nom`, `tentatives[2].date`), a stable id, a message."""

    path: str
    msgid: str
    message: str
    detail: Message | None = field(default=None, compare=False, repr=False)

    def localized(self, lang: str) -> str:
        return self.detail.render(lang) if self.detail else self.message

    def to_dict(self, lang: str = "fr") -> dict[str, str]:
        return {"path": self.path, "id": self.msgid, "message": self.localized(lang)}


class InvalidAnswers(ValueError):
    """Raised by `load_answers()`; `.errors` lists every problem found."""

    def __init__(self, errors: list[ValidationError]):
        self.errors = errors
        super().__init__("; ".join(f"{e.path or '/'}: {e.message}" for e in errors))


def _error(path: str, msgid: str, message: Message) -> ValidationError:
    return ValidationError(path, msgid, message.render("fr"), message)


MESSAGES = {
    "json_invalide": lambda **p: msg(
        "Le fichier n’est pas un JSON valide (ligne %(ligne)s, colonne %(colonne)s) : vérifiez "
        "les virgules, les guillemets et les accolades à cet endroit.",
        **p,
    ),
    "objet_attendu": lambda **p: msg(
        "Ce champ doit être un objet JSON, entre accolades { } : corrigez sa valeur."
    ),
    "liste_attendue": lambda **p: msg(
        "Ce champ doit être une liste, entre crochets [ ] : corrigez sa valeur."
    ),
    "texte_attendu": lambda **p: msg(
        "Ce champ doit être du texte, entre guillemets : corrigez sa valeur."
    ),
    "entier_attendu": lambda **p: msg(
        "Ce champ doit être un nombre entier, sans décimales ni guillemets : corrigez sa valeur."
    ),
    "version_inconnue": lambda **p: msg(
        "Version du format non prise en charge (%(valeur)s) : ce fichier doit contenir "
        '« "version": 2 » (ou « "version": 1 » pour un fichier enregistré avant décembre 2026).',
        **p,
    ),
    "champ_sans_objet": lambda **p: msg(
        "Ce renseignement ne va pas avec ce type de tentative (« %(moyen)s ») : videz-le, ou "
        "choisissez le bon type de tentative.",
        **p,
    ),
    "champ_obligatoire": lambda **p: msg("Ce champ est obligatoire : complétez-le."),
    "champ_inconnu": lambda **p: msg(
        "Champ inconnu « %(champ)s » : vérifiez son orthographe ou supprimez-le.", **p
    ),
    "texte_trop_long": lambda **p: msg(
        "Texte trop long (%(longueur)s caractères pour %(max)s au plus) : raccourcissez-le.", **p
    ),
    "caractere_interdit": lambda **p: msg(
        "Ce champ contient un caractère invisible ou de contrôle (%(code)s), souvent ajouté par "
        "un copier-coller : retapez le texte à la main.",
        **p,
    ),
    "valeur_inconnue": lambda **p: msg(
        "Valeur « %(valeur)s » non reconnue : choisissez parmi %(choix)s.", **p
    ),
    "departement_inconnu": lambda **p: msg(
        "Département « %(valeur)s » inconnu : indiquez son numéro, par exemple 93, 2A ou 971.",
        **p,
    ),
    "date_invalide": lambda **p: msg(
        "Date « %(valeur)s » invalide : écrivez-la sous la forme AAAA-MM-JJ, par exemple "
        "2026-10-05.",
        **p,
    ),
    "date_inexistante": lambda **p: msg(
        "La date « %(valeur)s » n’existe pas : vérifiez le jour et le mois.", **p
    ),
    "heure_invalide": lambda **p: msg(
        "Heure « %(valeur)s » invalide : écrivez-la sous la forme HH:MM, par exemple 08:55.", **p
    ),
    "date_non_passee": lambda **p: msg(
        "Cette date (%(date)s) n’est pas encore passée : corrigez-la.", **p
    ),
    "tentative_future": lambda **p: msg(
        "Cette tentative est datée du %(date)s, après aujourd’hui (%(aujourdhui)s) : notez "
        "seulement les tentatives déjà faites, ou corrigez la date.",
        **p,
    ),
    "trop_de_tentatives": lambda **p: msg(
        "Trop de tentatives (%(nombre)s pour %(max)s au plus) : gardez les plus récentes et les "
        "plus variées.",
        **p,
    ),
    "courriel_invalide": lambda **p: msg(
        "Adresse électronique « %(valeur)s » invalide : elle doit avoir la forme nom@domaine.fr.",
        **p,
    ),
    "nombre_hors_limites": lambda **p: msg(
        "Valeur %(valeur)s hors limites : indiquez un nombre entre %(min)s et %(max)s.", **p
    ),
    "motif_en_double": lambda **p: msg(
        "Le motif « %(valeur)s » est cité deux fois : gardez-le une seule fois.", **p
    ),
    "fichier_trop_gros": lambda **p: msg(
        "Réponses trop volumineuses (%(taille)s octets pour %(max)s au plus) : ce n’est pas un "
        "fichier enregistré par le formulaire.",
        **p,
    ),
    "trop_d_erreurs": lambda **p: msg(
        "Plus de %(max)s erreurs : les suivantes ne sont pas listées. Corrigez d’abord celles-ci.",
        **p,
    ),
    "trop_de_choix": lambda **p: msg(
        "Liste trop longue (%(nombre)s éléments pour %(max)s choix possibles) : gardez chaque "
        "choix une seule fois.",
        **p,
    ),
    "date_trop_ancienne": lambda **p: msg(
        "Cette date (%(date)s) est antérieure au %(min)s : vérifiez l’année.", **p
    ),
    "date_trop_lointaine": lambda **p: msg(
        "Cette date (%(date)s) est trop loin dans l’avenir (après le %(max)s) : datez les "
        "documents du jour où vous les signez.",
        **p,
    ),
    "ecriture_non_latine": lambda **p: msg(
        "Ce champ contient des lettres d’une autre écriture que l’alphabet latin (« %(lettres)s ») "
        ": les documents sont écrits en français, pour une préfecture et un tribunal français, qui "
        "doivent pouvoir les lire. Écrivez-le en lettres latines, comme sur votre passeport ou "
        "votre titre de séjour. Les lettres accentuées (é, ç, ş, ł…) sont acceptées.",
        **p,
    ),
    "guichet_ferme": lambda **p: (
        msg(
            "Le %(date)s est un dimanche : la préfecture est fermée ce jour-là. Une visite à "
            "l’accueil ou au point d’accueil numérique ne peut pas être notée « sans succès » ce "
            "jour-là : vérifiez sa date.",
            **p,
        )
        if p.pop("dimanche")
        else msg(
            "Le %(date)s est un jour férié : la préfecture est fermée ce jour-là. Une visite à "
            "l’accueil ou au point d’accueil numérique ne peut pas être notée « sans succès » ce "
            "jour-là : vérifiez sa date.",
            **p,
        )
    ),
    "plusieurs_courriels": lambda **p: msg(
        "Une seule adresse électronique par champ (« %(valeur)s ») : gardez-en une, sans virgule "
        "ni point-virgule.",
        **p,
    ),
}


class _Parser:
    def __init__(self, today: date):
        self.today = today
        self.errors: list[ValidationError] = []

    def fail(self, path: str, msgid: str, **params: object) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(_error(path, msgid, MESSAGES[msgid](**params)))
        elif len(self.errors) == MAX_ERRORS:
            self.errors.append(
                _error("", "trop_d_erreurs", MESSAGES["trop_d_erreurs"](max=MAX_ERRORS))
            )

    def check_attempt_fields(self, tentatives: tuple[Tentative, ...]) -> None:
        """A field of one kind of attempt given on another kind (`MOYEN_FIELDS`) is an error.
        So is a visit to an office on a day it is closed: the documents would tell a judge of
        a visit « sans succès » on a Sunday."""
        for index, tentative in enumerate(tentatives):
            if tentative.moyen in VISITES and tentative.date is not None:
                closed = closed_day(tentative.date)
                if closed:
                    path = f"tentatives[{index}].date"
                    self.fail(path, "guichet_ferme", date=tentative.date, dimanche=closed == 7)
            allowed = MOYEN_FIELDS.get(tentative.moyen, ())
            for name in _KIND_FIELDS:
                if getattr(tentative, name) and name not in allowed and tentative.moyen:
                    path = f"tentatives[{index}].{name}"
                    self.fail(path, "champ_sans_objet", moyen=tentative.moyen)

    def parse_object(self, cls: type, value: Any, path: str) -> Any:
        if not isinstance(value, Mapping):
            self.fail(path, "objet_attendu")
            return cls()
        known = {f.name for f in fields(cls)}
        for key in value:
            if key not in known:
                self.fail(_join(path, echo(key)), "champ_inconnu", champ=echo(key))
        values = {}
        for f in fields(cls):
            spec: Spec = f.metadata["spec"]
            child = _join(path, f.name)
            if f.name not in value or value[f.name] is None:
                if spec.required:
                    self.fail(child, "champ_obligatoire")
                continue
            parsed = self.parse_value(spec, value[f.name], child)
            if parsed is not None:
                values[f.name] = parsed
        return cls(**values)

    def parse_value(self, spec: Spec, value: Any, path: str) -> Any:
        if spec.kind == OBJECT:
            return self.parse_object(spec.record_of, value, path)
        if spec.kind == LIST:
            return self.parse_list(spec, value, path)
        if spec.kind == CHOICES:
            return self.parse_choices(spec, value, path)
        if spec.kind == INTEGER:
            return self.parse_integer(spec, value, path)
        if not isinstance(value, str):
            self.fail(path, "texte_attendu")
            return None
        text = self.clean_text(spec, value, path)
        if text is None:
            return None
        if spec.kind == DATE:
            return self.parse_date(spec, text, path)
        if spec.kind == TIME:
            return self.parse_time(text, path)
        if spec.kind == CHOICE:
            return self.parse_choice(spec, text, path)
        if spec.kind == EMAIL and text and not _EMAIL.fullmatch(text):
            # « a,b@c.fr » would be two recipients in a mailto: link.
            several = _SEPARATORS.search(text)
            self.fail(
                path, "plusieurs_courriels" if several else "courriel_invalide", valeur=echo(text)
            )
            return None
        if spec.required and not text:
            self.fail(path, "champ_obligatoire")
        return text

    def clean_text(self, spec: Spec, value: str, path: str) -> str | None:
        """NFC, line breaks normalised, surrounding spaces removed; None if it is refused."""
        text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
        text = text.replace("\t", " ").strip()
        # Before the invisible characters: a Persian name holds zero-width non-joiners, and the
        # person must hear about the script, not about a copy-paste.
        if spec.kind in _FRENCH_TEXT and (not spec.max_length or len(text) <= spec.max_length):
            foreign = non_latin_letters(text)
            if foreign:
                self.fail(path, "ecriture_non_latine", lettres=echo("".join(foreign[:10])))
                return None
        forbidden = _FORBIDDEN[spec.kind].search(text)
        if forbidden:
            self.fail(path, "caractere_interdit", code=f"U+{ord(forbidden[0]):04X}")
            return None
        if spec.max_length and len(text) > spec.max_length:
            self.fail(path, "texte_trop_long", longueur=len(text), max=spec.max_length)
            return None
        return text

    def parse_date(self, spec: Spec, text: str, path: str) -> date | None:
        if not text:
            if spec.required:
                self.fail(path, "champ_obligatoire")
            return None
        if not _ISO_DATE.fullmatch(text):
            self.fail(path, "date_invalide", valeur=echo(text))
            return None
        try:
            parsed = date.fromisoformat(text)
        except ValueError:  # well written, but no such day: 2026-02-31, 2026-13-01
            self.fail(path, "date_inexistante", valeur=echo(text))
            return None
        if spec.not_before and parsed < spec.not_before:
            self.fail(path, "date_trop_ancienne", date=parsed, min=spec.not_before)
            return None
        latest = _days_after(self.today, spec.days_ahead)
        if latest and parsed > latest:
            self.fail(path, "date_trop_lointaine", date=parsed, max=latest)
            return None
        if spec.past and parsed >= self.today:
            self.fail(path, "date_non_passee", date=parsed)
            return None
        if spec.not_future and parsed > self.today:
            # Kept in the answers: the analysis leaves it out of its counts and says so.
            self.fail(path, "tentative_future", date=parsed, aujourdhui=self.today)
        return parsed

    def parse_time(self, text: str, path: str) -> time | None:
        if not text:
            return None
        match = _TIME.fullmatch(text)
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            self.fail(path, "heure_invalide", valeur=echo(text))
            return None
        return time(int(match[1]), int(match[2]))

    def parse_choice(self, spec: Spec, text: str, path: str) -> str | None:
        if text not in spec.choices:
            self.fail(path, "valeur_inconnue", valeur=echo(text), choix=_choices(spec.choices))
            return None
        if spec.required and not text:
            self.fail(path, "champ_obligatoire")
        return text

    def parse_choices(self, spec: Spec, value: Any, path: str) -> tuple[str, ...]:
        if not isinstance(value, list):
            self.fail(path, "liste_attendue")
            return ()
        if len(value) > len(spec.choices):
            self.fail(path, "trop_de_choix", nombre=len(value), max=len(spec.choices))
            return ()
        chosen: list[str] = []
        for index, item in enumerate(value):
            item_path = f"{path}[{index}]"
            if not isinstance(item, str):
                self.fail(item_path, "texte_attendu")
            elif item not in spec.choices:
                choix = _choices(spec.choices)
                self.fail(item_path, "valeur_inconnue", valeur=echo(item), choix=choix)
            elif item in chosen:
                self.fail(item_path, "motif_en_double", valeur=item)
            else:
                chosen.append(item)
        # The documents list the reasons in the codes' own order, not in the order they
        # were ticked: the same answers always give the same document.
        return tuple(sorted(chosen, key=spec.choices.index))

    def parse_list(self, spec: Spec, value: Any, path: str) -> tuple[Any, ...]:
        if not isinstance(value, list):
            self.fail(path, "liste_attendue")
            return ()
        if spec.max_items is not None and len(value) > spec.max_items:
            self.fail(path, "trop_de_tentatives", nombre=len(value), max=spec.max_items)
            return ()
        return tuple(
            self.parse_object(spec.record_of, item, f"{path}[{index}]")
            for index, item in enumerate(value)
        )

    def parse_integer(self, spec: Spec, value: Any, path: str) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                self.fail(path, "entier_attendu")
                return None
        low = spec.minimum if spec.minimum is not None else 0
        high = spec.maximum if spec.maximum is not None else 10**9
        if not low <= value <= high:
            if path == "version":
                self.fail(path, "version_inconnue", valeur=echo(value))
            else:
                self.fail(path, "nombre_hors_limites", valeur=echo(value), min=low, max=high)
            return None
        return value


# The attempts made in person at an office: only on the days it is open.
VISITES = ("guichet", "pan")
# Public holidays in the whole of France (the list of the Code du travail) on which the
# préfectures are closed; Whit Monday is left out (a « journée de solidarité » where some
# offices open), and so are the holidays of Alsace-Moselle and overseas, which only add days.
_FIXED_HOLIDAYS = ((1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25))


def _easter(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the Meeus/Jones/Butcher algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def closed_day(day: date) -> int:
    """7 for a Sunday, 1 for a public holiday (Easter Monday and Ascension included), 0 for a
    day the préfecture may be open."""
    if day.weekday() == 6:
        return 7
    easter = _easter(day.year)
    movable = (easter + timedelta(days=1), easter + timedelta(days=39))
    if (day.month, day.day) in _FIXED_HOLIDAYS or day in movable:
        return 1
    return 0


_KIND_FIELDS = tuple(sorted({name for names in MOYEN_FIELDS.values() for name in names}))
# The text fields that go into the French documents (an e-mail address is checked on its own).
_FRENCH_TEXT = (TEXT, NAME, IDENTIFIER, ADDRESS, MULTILINE)
# Letters that are not named LATIN but belong to Latin-script writing: ordinal indicators, the
# micro sign, and the modifier letters of transliterations (ʻ, ʼ, ˀ).
_LATIN_EXTRA = frozenset("ªºµ")


def non_latin_letters(text: str) -> list[str]:
    """The letters of `text` that are not in the Latin script, each once, in order of appearance.

    French documents are read by a préfecture and a judge: a name in Arabic, Persian, Cyrillic,
    Chinese… script cannot be read there, and mixed directions scramble the sentence. Latin
    letters with diacritics (ş, ł, ễ, ğ, ț) are Latin; digits, punctuation and symbols are not
    letters. Only text with non-ASCII characters is walked.
    """
    if text.isascii():
        return []
    found: list[str] = []
    for char in text:
        if char in found or char in _LATIN_EXTRA or char.isascii():
            continue
        category = unicodedata.category(char)
        if category == "Nd":  # Arabic-Indic, Persian, Devanagari… digits: not read in France
            found.append(char)
            continue
        if category[0] != "L":
            continue
        name = unicodedata.name(char, "")
        if "LATIN" in name or name.startswith("MODIFIER LETTER"):
            continue
        found.append(char)
    return found


_EMAIL = re.compile(r"[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[^@\s,;<>\"]+")
_SEPARATORS = re.compile(r"[,;]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"(\d{1,2}):(\d{2})")


def _forbidden_pattern(kind: str) -> re.Pattern[str]:
    """The characters a field of this kind refuses, as one character class.

    C0 and C1 controls, DEL, lone surrogates and the non-characters XML refuses; bidi
    controls everywhere; zero-width characters where they can disguise a name, a number
    or an address; line breaks outside multi-line fields.
    """
    refused = ["\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"]
    refused.extend(re.escape(char) for char in sorted(BIDI_CONTROLS))
    if kind in (NAME, IDENTIFIER, EMAIL):
        refused.extend(re.escape(char) for char in sorted(ZERO_WIDTH))
    if kind not in (MULTILINE, ADDRESS):
        refused.append("\n")
    return re.compile(f"[{''.join(refused)}]")


# One scan in C per answer instead of a Python loop over its characters.
_FORBIDDEN = {kind: _forbidden_pattern(kind) for kind in (*_TEXT_KINDS, DATE, TIME, CHOICE)}


def _days_after(day: date, days: int | None) -> date | None:
    """`day` plus `days`, or None: no bound, or one past the calendar's end."""
    if days is None:
        return None
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def _choices(choices: tuple[str, ...]) -> str:
    return ", ".join(f"« {choice} »" for choice in choices if choice)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def migrate_v1(data: Mapping[str, Any]) -> dict[str, Any]:
    """The version 2 form of version 1 answers. Pure: `data` is not changed.

    Version 2 only adds questions (see `V2_QUESTIONS`): every version 1 field keeps its name
    and its meaning, and the attempt kinds of version 1 are kept as they are (« internet »
    is a booking attempt on the préfecture's website). So the answers are copied, the new
    questions are left unanswered, not guessed (the channel cannot be told from an old file),
    and `pending_questions` lists them for the form to ask.
    """
    # A new top-level mapping; nested values are shared, and nothing here changes them. A later
    # step that changes a nested value must copy that value first.
    migrated = dict(data)
    migrated["version"] = FORMAT_VERSION
    return migrated


V2_QUESTIONS = (
    "demarche.canal",
    "demarche.titre_actuel",
    "decision_anterieure.existe",
    "decision_anterieure.mesures",
    "anef.blocages",
    "association.nom",
    "temoin.lien",
)
"""The questions version 2 added, in the order the form asks them."""


def pending_questions(answers: Answers) -> tuple[str, ...]:
    """The version 2 questions these answers still need, in `V2_QUESTIONS` order.

    Only the questions that apply: the card held for a renewal or a change of status, what
    blocks on ANEF for the ANEF channel, which decision for a person who says there was one,
    who helps for a person with a decision (or who does not know), and how a named witness
    knows the person.
    """
    demarche, decision = answers.demarche, answers.decision_anterieure
    needed = {
        "demarche.canal": not demarche.canal,
        "demarche.titre_actuel": (
            demarche.type in ("renouvellement", "changement_situation")
            and not demarche.titre_actuel
        ),
        "decision_anterieure.existe": not decision.existe,
        "decision_anterieure.mesures": decision.existe == "oui" and not decision.mesures,
        "anef.blocages": demarche.canal == "anef" and not answers.anef.blocages,
        "association.nom": (
            decision.existe in ("oui", "ne_sait_pas")
            and not answers.association.nom
            and not (answers.avocat is not None and answers.avocat.nom)
        ),
        # The witness statement says how the witness knows the person: a judge weighs it.
        "temoin.lien": (
            answers.temoin is not None and bool(answers.temoin.nom) and not answers.temoin.lien
        ),
    }
    return tuple(path for path in V2_QUESTIONS if needed[path])


@record
class Parsed:
    """What `read()` found: the answers, the errors, and the version the file was written in."""

    answers: Answers
    errors: list
    version_read: int | None = None

    @property
    def migrated(self) -> bool:
        return self.version_read is not None and self.version_read < FORMAT_VERSION


def parse(source: str | bytes | Mapping[str, Any], *, today: date) -> tuple[Answers, list]:
    """Answers (bad values left blank) and the list of `ValidationError`s; never raises."""
    parsed = read(source, today=today)
    return parsed.answers, parsed.errors


def read(source: str | bytes | Mapping[str, Any], *, today: date) -> Parsed:
    """Like `parse`, and says which version the file was in (version 1 is migrated)."""
    parser = _Parser(today)
    data: Any = source
    if isinstance(source, str | bytes | bytearray) and len(source) > MAX_SOURCE_BYTES:
        parser.fail("", "fichier_trop_gros", taille=len(source), max=MAX_SOURCE_BYTES)
        source = data = {"version": FORMAT_VERSION}  # read as empty answers: nothing more to say
    if isinstance(source, bytes | bytearray):
        try:
            data = bytes(source).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            parser.fail("", "json_invalide", ligne=1, colonne=error.start + 1)
            return Parsed(Answers(), parser.errors)
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as error:
            parser.fail("", "json_invalide", ligne=error.lineno, colonne=error.colno)
            return Parsed(Answers(), parser.errors)
        except (RecursionError, ValueError):  # ValueError: an integer of over 4,300 digits
            parser.fail("", "json_invalide", ligne=1, colonne=1)
            return Parsed(Answers(), parser.errors)
    version_read = None
    if isinstance(data, Mapping):
        version = data.get("version")
        if type(version) is int and version in SUPPORTED_VERSIONS:
            version_read = version
        if version_read == 1:
            data = migrate_v1(data)
    answers = parser.parse_object(Answers, data, "")
    parser.check_attempt_fields(answers.tentatives)
    if answers.departement and not courts.normalise_code(answers.departement):
        parser.fail("departement", "departement_inconnu", valeur=answers.departement)
        answers = replace(answers, departement="")
    elif answers.departement:
        answers = replace(answers, departement=courts.normalise_code(answers.departement))
    return Parsed(answers, parser.errors, version_read)


def validate(source: str | bytes | Mapping[str, Any], *, today: date) -> list[ValidationError]:
    return parse(source, today=today)[1]


def load_answers(source: str | bytes | Mapping[str, Any], *, today: date) -> Answers:
    """Valid answers, or `InvalidAnswers` listing every problem."""
    answers, errors = parse(source, today=today)
    if errors:
        raise InvalidAnswers(errors)
    return answers


def blank_answers(template: Answers | None = None) -> Answers:
    """Answers with nothing personal: for the blank models of the booklets and the site.

    From `template`, only what shapes a model and identifies nobody is kept: the département,
    the kind of démarche and its channel, the urgency reasons ticked and what is asked of the judge.
    """
    if template is None:
        return Answers()
    return Answers(
        departement=template.departement,
        demarche=Demarche(type=template.demarche.type, canal=template.demarche.canal),
        urgence=Urgence(motifs=template.urgence.motifs),
        demandes=template.demandes,
    )


def _to_json(value: Any) -> Any:
    if is_record(value):
        return {f.name: _to_json(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple):
        return [_to_json(item) for item in value]
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return value


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of format version 2, read from the field declarations.

    Version 2 only adds fields, so a version 1 file also conforms to it (with `"version": 1`).
    """
    definitions: dict[str, Any] = {}
    root = _object_schema(Answers, definitions)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://rdv-prefecture.invalid/schema/{SCHEMA_NAME}",
        "title": f"Réponses pour les documents rdv_forms, version {FORMAT_VERSION}",
        **root,
        "$defs": definitions,
    }


def _object_schema(cls: type, definitions: dict[str, Any]) -> dict[str, Any]:
    properties = {f.name: _field_schema(f.metadata["spec"], definitions) for f in fields(cls)}
    required = [f.name for f in fields(cls) if f.metadata["spec"].required]
    schema: dict[str, Any] = {"type": "object", "additionalProperties": False}
    schema["properties"] = properties
    if required:
        schema["required"] = required
    return schema


def _field_schema(spec: Spec, definitions: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any]
    if spec.kind == OBJECT:
        name = spec.record_of.__name__
        if name not in definitions:
            definitions[name] = _object_schema(spec.record_of, definitions)
        ref = {"$ref": f"#/$defs/{name}"}
        schema = {"anyOf": [ref, {"type": "null"}]}
    elif spec.kind == LIST:
        name = spec.record_of.__name__
        if name not in definitions:
            definitions[name] = _object_schema(spec.record_of, definitions)
        schema = {"type": ["array", "null"], "items": {"$ref": f"#/$defs/{name}"}}
        if spec.max_items is not None:
            schema["maxItems"] = spec.max_items
    elif spec.kind == CHOICES:
        items = {"enum": list(spec.choices)}
        schema = {"type": ["array", "null"], "items": items, "uniqueItems": True}
    elif spec.kind == INTEGER:
        schema = {"type": "integer" if spec.required else ["integer", "null"]}
        if spec.minimum is not None:
            schema["minimum"] = spec.minimum
        if spec.maximum is not None:
            schema["maximum"] = spec.maximum
    elif spec.kind == CHOICE:
        schema = {"enum": [*spec.choices, *([] if spec.required else [None])]}
    elif spec.kind == DATE and spec.required:
        schema = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    elif spec.kind == DATE:
        schema = {"type": ["string", "null"], "pattern": r"^(\d{4}-\d{2}-\d{2})?$"}
    elif spec.kind == TIME:
        schema = {"type": ["string", "null"], "pattern": r"^(\d{1,2}:\d{2})?$"}
    else:
        schema = {"type": ["string", "null"], "maxLength": spec.max_length}
    if spec.help:
        schema["description"] = spec.help
    return schema
