"""Court finder: give the courts template one row per département, read from the CSV.

The table is read once per page generator (one per language subsite) and handed to the
templates through the generator's context: nothing is kept in this module, so
`pelican --autoreload` always shows the current CSV.
"""

import csv
import logging
from dataclasses import dataclass
from pathlib import Path

from pelican import signals

logger = logging.getLogger(__name__)

# Why the CESEDA does not cover a row, or covers it only partly (see the data README).
SCOPES = {
    "ceseda": "the CESEDA applies",
    "adapted": "the CESEDA applies with adaptations",
    "own_law": "entry and stay are governed by a separate ordonnance",
    "uninhabited": "no resident population",
}

DEFAULTS = {
    # The département → tribunal administratif table, relative to the project root.
    "csv": "forms/rdv_forms/data/ta_by_departement.csv",
    # Département code -> scope, for every row where the CESEDA is not simply applicable.
    "scopes": {
        "975": "adapted",
        "977": "adapted",
        "978": "adapted",
        "984": "uninhabited",
        "986": "own_law",
        "987": "own_law",
        "988": "own_law",
        "989": "uninhabited",
    },
    # Départements whose préfecture address differs between the 2019 and 2022 directories.
    "prefecture_conflicts": ["12", "87"],
    # Name of the template variable holding the rows.
    "context_name": "COURT_ROWS",
}

COLUMNS = (
    "departement_code",
    "departement_nom",
    "tribunal_administratif",
    "ta_adresse",
    "prefecture_adresse",
)


class CourtsSettingsError(ValueError):
    """A bad COURTS setting or CSV file, reported before anything is written."""


@dataclass(frozen=True)
class CourtRow:
    code: str
    name: str
    tribunal: str
    tribunal_address: str
    prefecture_address: str
    scope: str = "ceseda"
    prefecture_conflict: bool = False

    @property
    def outside_ceseda(self) -> bool:
        return self.scope in ("own_law", "uninhabited")


def _project_root(pelican_settings) -> Path:
    return Path(pelican_settings["PATH"]).parent


def settings_for(pelican_settings) -> dict:
    """Merge COURTS over DEFAULTS and check every value, so a typo fails at start-up."""
    merged = {**DEFAULTS, **pelican_settings.get("COURTS", {})}
    unknown = set(merged) - set(DEFAULTS)
    if unknown:
        raise CourtsSettingsError(f"COURTS: unknown keys {sorted(unknown)}")
    if not isinstance(merged["csv"], str) or not merged["csv"]:
        raise CourtsSettingsError("COURTS['csv'] must be a path relative to the project root")
    path = _project_root(pelican_settings) / merged["csv"]
    if not path.is_file():
        raise CourtsSettingsError(f"COURTS['csv']: {path} does not exist")
    scopes = merged["scopes"]
    if not isinstance(scopes, dict):
        raise CourtsSettingsError("COURTS['scopes'] must map a département code to a scope")
    bad = {code: scope for code, scope in scopes.items() if scope not in SCOPES}
    if bad:
        raise CourtsSettingsError(f"COURTS['scopes']: {bad} not in {sorted(SCOPES)}")
    if not isinstance(merged["prefecture_conflicts"], list | tuple):
        raise CourtsSettingsError("COURTS['prefecture_conflicts'] must be a list of codes")
    if not str(merged["context_name"]).isidentifier():
        raise CourtsSettingsError("COURTS['context_name'] must be a template variable name")
    return {**merged, "csv": path}


def read_rows(config) -> tuple[CourtRow, ...]:
    """The CSV as CourtRow objects, in file order; every configured code must be in it."""
    with config["csv"].open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise CourtsSettingsError(f"COURTS['csv']: {config['csv']} lacks columns {missing}")
        records = list(reader)
    codes = [r["departement_code"].strip() for r in records]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise CourtsSettingsError(f"COURTS['csv']: duplicate département codes {duplicates}")
    for key in ("scopes", "prefecture_conflicts"):
        unknown = sorted(set(config[key]) - set(codes))
        if unknown:
            raise CourtsSettingsError(f"COURTS[{key!r}]: codes {unknown} are not in the CSV")
    conflicts = set(config["prefecture_conflicts"])
    return tuple(
        CourtRow(
            code=code,
            name=record["departement_nom"].strip(),
            tribunal=record["tribunal_administratif"].strip(),
            tribunal_address=record["ta_adresse"].strip(),
            prefecture_address=record["prefecture_adresse"].strip(),
            scope=config["scopes"].get(code, "ceseda"),
            prefecture_conflict=code in conflicts,
        )
        for code, record in zip(codes, records, strict=True)
    )


def on_initialized(pelican):
    # Read the table once here only to fail fast: a bad setting stops the build early.
    rows = read_rows(settings_for(pelican.settings))
    logger.debug("courts: %d rows", len(rows))


def on_page_generator_init(generator):
    config = settings_for(generator.settings)
    generator.context[config["context_name"]] = read_rows(config)


def register():
    signals.initialized.connect(on_initialized)
    signals.page_generator_init.connect(on_page_generator_init)
