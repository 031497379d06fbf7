"""The inventory of exhibits (« bordereau des pièces ») that goes with the référé.

The exhibits are the référé's, in the same order and with the same numbers (the registry
gives both the same plan); each comes with a file name ready for Télérecours citoyens:
numbered, short, no spaces, no accents. The wording is in `wording/bordereau.toml`.
"""

from __future__ import annotations

from .exhibits import Exhibits
from .model import Heading, Paragraph, Table, Text
from .writing import Body, Writer


def write_bordereau(w: Writer, exhibits: Exhibits) -> Body:
    rows = tuple(
        ((Text(str(exhibit.number)),), exhibit.description, (Text(exhibit.filename),))
        for exhibit in exhibits.freeze()
    )
    header = tuple(w.s("bordereau.colonnes", column) for column in ("numero", "piece", "fichier"))
    blocks = (
        Heading(w.t("bordereau.titre"), 1),
        w.p("bordereau.requete", "center"),
        w.p("bordereau.parties", "center", requerant=w.civilite_nom(), autorite=w.autorite()),
        Paragraph((w.tribunal_nom(),), "center"),
        Table(header, rows),
        w.p("bordereau.telerecours", "note"),
        w.signature_depot(),  # the référé's own: the lawyer's when one files it
    )
    return Body(blocks)
