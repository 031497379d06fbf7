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
