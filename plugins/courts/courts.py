"""Court finder: give the courts template one row per département, from rdv_forms' table.

rdv_forms (forms/rdv_forms/courts.py) reads the CSV and owns its rules: which territories the
CESEDA covers, which préfecture addresses two directories disagree on. This plugin only shapes
its rows for the template, so the page, the form and the documents cannot disagree.

The rows are read once per page generator (one per language subsite) and handed to the
templates through the generator's context; rdv_forms is told to read the CSV again first, so
`pelican --autoreload` always shows the current table.
"""

import logging
from dataclasses import dataclass

from pelican import signals
from rdv_forms import courts

logger = logging.getLogger(__name__)

DEFAULTS = {
    # Name of the template variable holding the rows.
    "context_name": "COURT_ROWS",
}

# Settings of earlier versions, now rdv_forms' data: named in the error, so an old
# pelicanconf.py says where they went.
MOVED = {"csv", "scopes", "prefecture_conflicts"}


class CourtsSettingsError(ValueError):
    """A bad COURTS setting, reported before anything is written."""


@dataclass(frozen=True)
class CourtRow:
    """One row of the page: the data as published, and why the CESEDA may not apply."""

    code: str
    name: str
    tribunal: str
    tribunal_address: str
    prefecture_address: str
    scope: str = "ceseda"  # a key of rdv_forms.courts.SCOPES
    prefecture_conflict: bool = False

    @property
    def outside_ceseda(self) -> bool:
        return self.scope in courts.OUT_OF_SCOPE

    @classmethod
    def of(cls, departement: courts.Departement) -> "CourtRow":
        # The page shows the CSV's own values, which a person checks against the official
        # directories, and leaves cleaning them up for letters to rdv_forms.
        return cls(
            code=departement.code,
            name=departement.nom_source,
            tribunal=departement.tribunal_source,
            tribunal_address=departement.tribunal_adresse_source,
            prefecture_address=departement.prefecture_adresse_source,
            scope=departement.scope,
            prefecture_conflict=departement.prefecture_conflict,
        )


def settings_for(pelican_settings) -> dict:
    """Merge COURTS over DEFAULTS and check every value, so a typo fails at start-up."""
    merged = {**DEFAULTS, **pelican_settings.get("COURTS", {})}
    moved = set(merged) & MOVED
    if moved:
        raise CourtsSettingsError(
            f"COURTS: {sorted(moved)} are gone: the table and its rules are rdv_forms' "
            "(forms/rdv_forms/courts.py and forms/rdv_forms/data/)"
        )
    unknown = set(merged) - set(DEFAULTS)
    if unknown:
        raise CourtsSettingsError(f"COURTS: unknown keys {sorted(unknown)}")
    if not str(merged["context_name"]).isidentifier():
        raise CourtsSettingsError("COURTS['context_name'] must be a template variable name")
    return merged


def read_rows() -> tuple[CourtRow, ...]:
    """rdv_forms' table as page rows, in the CSV's order, read afresh."""
    courts.forget()
    return tuple(map(CourtRow.of, courts.all_departements()))


def on_initialized(pelican):
    # Check the settings and read the table once here only to fail fast: a bad setting or
    # CSV stops the build early.
    settings_for(pelican.settings)
    logger.debug("courts: %d rows", len(read_rows()))


def on_page_generator_init(generator):
    config = settings_for(generator.settings)
    generator.context[config["context_name"]] = read_rows()


def register():
    signals.initialized.connect(on_initialized)
    signals.page_generator_init.connect(on_page_generator_init)
