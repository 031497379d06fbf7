"""The court finder: one table row per CSV line, the right court for each département, the
territories outside the CESEDA marked, a search that works with and without JavaScript."""

import csv
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support import soup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from courts.courts import CourtsSettingsError, read_rows, settings_for  # noqa: E402
from rdv_forms import courts  # noqa: E402

CSV_PATH = courts._DATA  # read here directly, to check the page against the file itself
PAGE = Path("trouver-son-tribunal") / "index.html"
OUTSIDE_CESEDA = ["984", "986", "987", "988", "989"]
MISSING_ADDRESS = "Adresse à vérifier"


def csv_rows() -> dict[str, dict]:
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        return {row["departement_code"]: row for row in csv.DictReader(handle)}


def table_rows(site: Path, folder: str = "") -> dict[str, object]:
    table = soup(site / folder / PAGE).select_one("table#courts-table")
    return {tr["data-code"]: tr for tr in table.tbody.find_all("tr")}


def cells(row) -> list[str]:
    return [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]


@pytest.mark.parametrize("folder", ["", "en/"])
def test_one_row_per_csv_line(site, folder):
    rows = table_rows(site, folder)
    assert len(rows) == len(csv_rows()) == 109
    assert list(rows) == list(csv_rows())


@pytest.mark.parametrize(
    ("code", "city"),
    [
        ("93", "Montreuil"),
        ("94", "Melun"),
        ("77", "Melun"),
        ("75", "Paris"),
        ("92", "Cergy-Pontoise"),
        ("2A", "Bastia"),
        ("2B", "Bastia"),
        ("13", "Marseille"),
        ("83", "Toulon"),
        ("971", "Basse-Terre"),
        ("977", "Basse-Terre"),
        ("984", "La Réunion"),
        ("989", "Polynésie française"),
    ],
)
def test_departement_maps_to_the_right_court(site, code, city):
    # The expectation is checked against the CSV too, so a wrong table entry cannot hide.
    assert city in csv_rows()[code]["tribunal_administratif"]
    row = table_rows(site)[code]
    assert city in row.select_one(".courts-table__tribunal").get_text()


def test_every_row_shows_the_csv_values(site):
    mismatches = []
    for code, row in table_rows(site).items():
        record = csv_rows()[code]
        expected = [
            f"{code} {record['departement_nom']}",
            record["tribunal_administratif"],
            record["ta_adresse"] or MISSING_ADDRESS,
            record["prefecture_adresse"] or MISSING_ADDRESS,
        ]
        shown = cells(row)[:4]
        if [s if not s.startswith(MISSING_ADDRESS) else MISSING_ADDRESS for s in shown] != expected:
            mismatches.append(code)
        if "Vérifiez" not in cells(row)[4]:
            mismatches.append(f"{code}: no 'vérifiez' note")
    assert mismatches == []


def test_outside_ceseda_rows_are_marked(site):
    marked = {
        code
        for code, row in table_rows(site).items()
        if "courts-table__outside" in row.get("class", []) and "Hors CESEDA" in cells(row)[4]
    }
    assert sorted(marked) == OUTSIDE_CESEDA


@pytest.mark.parametrize("code", ["83", "972", "975", "976", "984", "988", "989"])
def test_missing_address_says_check_it(site, code):
    row = table_rows(site)[code]
    assert row.select(".courts-table__missing")
    assert MISSING_ADDRESS in row.get_text()


def test_table_markup_for_phones_and_rtl(site):
    doc = soup(site / PAGE)
    table = doc.select_one("table#courts-table")
    assert table["lang"] == "fr"
    assert table.parent.name == "div" and "table-scroll" in table.parent["class"]
    search = doc.select_one("[data-courts-search]")
    assert search.has_attr("hidden"), "without JavaScript the search box stays hidden"
    field = search.select_one("input[type=search]")
    assert doc.select_one(f"label[for={field['id']}]")


def test_script_is_external_and_shipped(site):
    doc = soup(site / PAGE)
    scripts = doc.find_all("script")
    assert [s for s in scripts if not s.get("src")] == []
    assert any(s["src"].endswith("theme/js/courts.js") for s in scripts)
    assert (site / "theme" / "js" / "courts.js").is_file()


def test_english_page_translates_the_interface_only(site):
    fr, en = soup(site / PAGE), soup(site / "en" / PAGE)
    assert (
        en.select_one("#courts-caption").get_text() != fr.select_one("#courts-caption").get_text()
    )
    assert cells(table_rows(site, "en/")["93"])[1] == "Tribunal administratif de Montreuil"


# ---------------------------------------------------------------------------------------
# The plugin's settings are checked at start-up


def pelican_settings(**courts) -> dict:
    return {"PATH": str(ROOT / "content"), "COURTS": courts}


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"csvv": "x.csv"}, "unknown keys"),
        # The table and its rules are rdv_forms': an old setting says where they went.
        ({"csv": "forms/rdv_forms/data/ta_by_departement.csv"}, "rdv_forms"),
        ({"scopes": {"984": "uninhabited"}}, "['scopes'] are gone"),
        ({"prefecture_conflicts": ["12"]}, "['prefecture_conflicts'] are gone"),
        ({"context_name": "court rows"}, "context_name"),
    ],
)
def test_bad_settings_are_refused(settings, message):
    with pytest.raises(CourtsSettingsError, match=re.escape(message)):
        settings_for(pelican_settings(**settings))


def test_the_default_settings_pass():
    assert settings_for(pelican_settings()) == {"context_name": "COURT_ROWS"}


def test_rows_carry_their_scope():
    rows = {row.code: row for row in read_rows()}
    assert [code for code, row in rows.items() if row.outside_ceseda] == OUTSIDE_CESEDA
    assert rows["975"].scope == "adapted" and rows["93"].scope == "ceseda"
    assert rows["12"].prefecture_conflict and not rows["13"].prefecture_conflict


# ---------------------------------------------------------------------------------------
# The search, in Debian's Chromium: the page reads ?departement= and #departement-NN, so
# a headless --dump-dom shows the filtered table without driving the browser.

CHROMIUM = "/usr/bin/chromium"


def rendered(url: str) -> BeautifulSoup:
    with tempfile.TemporaryDirectory(prefix="rdv-courts-") as profile:
        result = subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--dump-dom",
                url,
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
    return BeautifulSoup(result.stdout, "html.parser")


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "visible"),
    [
        ("?departement=93", ["93"]),
        ("?departement=2A", ["2A"]),
        ("?departement=20000", ["2A", "2B"]),
        ("?departement=75004", ["75"]),
        ("?departement=97400", ["974"]),
        ("?departement=r%C3%A9union", ["974", "984"]),
        ("?departement=seine%20saint%20denis", ["93"]),
        ("?departement=Montreuil", ["93"]),
        ("#departement-94", ["94"]),
    ],
)
def test_search_filters_rows(served_site, query, visible):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    doc = rendered(served_site + "trouver-son-tribunal/" + query)
    assert not doc.select_one("[data-courts-search]").has_attr("hidden")
    rows = doc.select("#courts-table tbody tr")
    assert [tr["data-code"] for tr in rows if not tr.has_attr("hidden")] == visible
    assert f"{len(visible)} sur 109" in doc.select_one("#courts-count").get_text()
