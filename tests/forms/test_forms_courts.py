"""The département table: names for letters, addresses only when the data is sure."""

import pytest
from rdv_forms import courts


def test_every_row_of_the_packaged_table_is_loaded():
    table = courts.all_departements()
    assert len(table) == 109
    assert {d.code for d in table if not d.in_scope} == {"984", "986", "987", "988", "989"}


@pytest.mark.parametrize(
    ("code", "tribunal", "autorite", "prefecture"),
    [
        (
            "93",
            "Tribunal administratif de Montreuil",
            "le préfet de la Seine-Saint-Denis",
            "Préfecture de la Seine-Saint-Denis",
        ),
        ("01", "Tribunal administratif de Lyon", "le préfet de l’Ain", "Préfecture de l’Ain"),
        (
            "2A",
            "Tribunal administratif de Bastia",
            "le préfet de la Corse-du-Sud",
            "Préfecture de la Corse-du-Sud",
        ),
        ("75", "Tribunal administratif de Paris", "le préfet de police", "Préfecture de police"),
        (
            "971",
            "Tribunal administratif de la Guadeloupe",
            "le préfet de la Guadeloupe",
            "Préfecture de la Guadeloupe",
        ),
        (
            "35",
            "Tribunal administratif de Rennes",
            "le préfet d’Ille-et-Vilaine",
            "Préfecture d’Ille-et-Vilaine",
        ),
        (
            "95",
            "Tribunal administratif de Cergy-Pontoise",
            "le préfet du Val-d’Oise",
            "Préfecture du Val-d’Oise",
        ),
    ],
)
def test_names_are_ready_for_a_letter(code, tribunal, autorite, prefecture):
    departement = courts.lookup(code)
    assert (departement.tribunal, departement.autorite, departement.prefecture) == (
        tribunal,
        autorite,
        prefecture,
    )


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("93", "93"),
        (" 1", "01"),
        ("01", "01"),
        ("2a", "2A"),
        ("2B", "2B"),
        ("971", "971"),
        ("20", ""),
        ("99", ""),
        ("", ""),
        ("abc", ""),
    ],
)
def test_codes_are_normalised(value, code):
    assert courts.normalise_code(value) == code


@pytest.mark.parametrize(
    ("code", "field"),
    [
        ("83", "tribunal_adresse"),
        ("972", "tribunal_adresse"),
        ("06", "tribunal_adresse"),
        ("24", "prefecture_adresse"),
        ("30", "prefecture_adresse"),
        ("06", "prefecture_adresse"),
    ],
)
def test_missing_partial_or_ambiguous_addresses_are_left_blank(code, field):
    assert getattr(courts.lookup(code), field) == ""


def test_notes_in_parentheses_are_dropped_from_usable_addresses():
    assert courts.lookup("93").tribunal_adresse == "7 rue Catherine-Puig, 93100 Montreuil"
    assert courts.lookup("75").prefecture_adresse == "1 bis rue de Lutèce, 75004 Paris"
    assert "adresse postale" in courts.lookup("93").tribunal_adresse_source


def test_every_in_scope_address_has_a_postcode_or_is_blank():
    for departement in courts.all_departements():
        for address in (departement.tribunal_adresse, departement.prefecture_adresse):
            assert address == "" or any(
                part.isdigit() and len(part) == 5 for part in address.replace(",", " ").split()
            )


def test_out_of_scope_territories_explain_why():
    polynesie = courts.lookup("987")
    assert not polynesie.in_scope and polynesie.autorite == ""
    assert "CESEDA" in polynesie.hors_champ_message
    assert "population" in courts.lookup("989").hors_champ_message


def test_scopes_say_how_far_the_ceseda_applies():
    scopes = {d.code: d.scope for d in courts.all_departements() if d.scope != "ceseda"}
    assert scopes == {
        "975": "adapted",
        "977": "adapted",
        "978": "adapted",
        "984": "uninhabited",
        "986": "own_law",
        "987": "own_law",
        "988": "own_law",
        "989": "uninhabited",
    }
    for departement in courts.all_departements():
        assert departement.scope in courts.SCOPES
        assert departement.in_scope == (departement.hors_champ_message == "")
    assert courts.lookup("975").in_scope and courts.lookup("975").autorite


def test_every_code_in_the_rules_is_a_row_of_the_table():
    # The rules live apart from the CSV, which other hands edit: a code must not dangle.
    codes = [d.code for d in courts.all_departements()]
    with courts._DATA.open(encoding="utf-8") as table:
        assert len(codes) == len(table.read().splitlines()) - 1, "a code is written twice"
    for rule in (courts._SCOPE_BY_CODE, courts._SPECIAL_AUTHORITIES, courts.PREFECTURE_CONFLICTS):
        assert set(rule).issubset(codes)


@pytest.mark.parametrize(
    ("code", "formule", "conflict"),
    [("75", "Monsieur le Préfet de police", False), ("93", "", False), ("12", "", True),
     ("87", "", True), ("977", "", False)],
)  # fmt: skip
def test_paris_fixes_the_formule_and_two_prefectures_have_two_addresses(code, formule, conflict):
    departement = courts.lookup(code)
    assert (departement.formule, departement.prefecture_conflict) == (formule, conflict)
    row = departement.to_dict()
    assert (row["formule"], row["prefecture_conflict"]) == (formule, conflict)


def test_source_values_are_the_csv_as_written():
    cotes = courts.lookup("22")
    assert cotes.nom_source == "Côtes-d'Armor" and cotes.nom == "Côtes-d’Armor"
    guadeloupe = courts.lookup("971")
    assert guadeloupe.tribunal_source == (f"{guadeloupe.tribunal} ({guadeloupe.tribunal_siege})")


def test_forget_reads_the_table_again():
    before = courts.lookup("93")
    courts.forget()
    after = courts.lookup("93")
    assert after == before and after is not before


@pytest.mark.parametrize(
    ("departement", "formule", "expected"),
    [
        ("75", "", "Monsieur le Préfet de police,"),
        ("75", "Madame la Préfète", "Madame la Préfète,"),  # the person's own choice wins
        ("93", "", "Madame la Préfète, Monsieur le Préfet,"),
    ],
)
def test_letters_take_the_formule_from_the_table(departement, formule, expected):
    from formsupport import TODAY
    from rdv_forms import make, render

    answers = {"version": 1, "departement": departement, "prefecture": {"formule": formule}}
    assert expected in render(make("lettre", answers, today=TODAY), "text")
