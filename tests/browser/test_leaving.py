"""Nothing lost by accident, nothing left behind: leaving with answers not saved, opening a
bad answers file, download names, and what « Effacer tout et quitter » says and clears."""

import json
import time
import unicodedata
from pathlib import Path

import pytest
from interview import form_url, open_answers, persona, translated

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


def answer_first_step(page) -> None:
    """One answer typed by the person, as they would: the first step's first choice."""
    page.locator('section.step[data-step="demarche"] input[type="radio"]').first.check()


def first_choice_checked(page) -> bool:
    return page.locator('section.step[data-step="demarche"] input[type="radio"]').first.is_checked()


def wait_ready(page) -> None:
    page.wait_for_selector('#runtime-status[data-state="ready"]', timeout=120_000)


LEAVE = "Vos réponses ne sont pas enregistrées : si vous quittez cette page, elles seront perdues. Pour les garder, restez sur la page et choisissez « Enregistrer mes réponses »."  # noqa: E501


# The language switcher takes the answers along instead (test_journey.py).
@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("link", ["nav.guide-nav ol a", ".site-name"])
def test_a_link_asks_before_leaving_answers_not_saved(page, served_site, lang, link):
    page.goto(form_url(served_site, lang))
    answer_first_step(page)
    target = page.locator(link).first
    if not target.is_visible():
        page.locator("nav.guide-nav summary").click()
    address = page.url
    target.click()
    dialog = page.locator("dialog.leave-dialog[open]")
    assert dialog.locator(".leave-dialog__heading").inner_text() == translated(lang, LEAVE)
    dialog.get_by_role("button", name=translated(lang, "Rester sur la page")).click()
    # The dialog goes on its « close » event, which the browser fires a task after the click:
    # waited for, not counted at once (a race the test lost on a busy machine).
    page.locator("dialog.leave-dialog").wait_for(state="detached", timeout=5_000)
    assert page.url == address and first_choice_checked(page)
    target.click()
    page.locator("dialog.leave-dialog[open]").get_by_role(
        "button", name=translated(lang, "Quitter sans enregistrer")
    ).click()
    page.wait_for_url(lambda url: url != address)


def test_a_link_leaves_at_once_once_the_answers_are_saved(page, served_site):
    page.goto(form_url(served_site, "fr"))
    answer_first_step(page)
    with page.expect_download():
        page.get_by_role("button", name="Enregistrer mes réponses").click()
    address = page.url
    page.locator("nav.languages a:not([aria-current])").first.click()
    page.wait_for_url(lambda url: url != address)


def test_a_reload_asks_first_and_keeps_nothing(page, served_site):
    page.goto(form_url(served_site, "fr"))
    asked = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.accept()

    page.on("dialog", answer)
    page.reload()  # nothing typed: no question
    assert asked == []
    answer_first_step(page)
    page.locator('input[type="radio"]').first.focus()
    page.evaluate("location.reload()")
    page.wait_for_load_state("load")
    page.wait_for_function("() => document.readyState === 'complete'")
    assert asked == ["beforeunload"]
    assert not first_choice_checked(page)  # nothing of the answers was stored anywhere
    stored = page.evaluate(
        "() => [localStorage.length, sessionStorage.length, document.cookie].join('|')"
    )
    assert stored == "0|0|"


def hostile(version: int, attempts: int, keys: int) -> dict:
    """About 1 MB: many attempts, each with hundreds of keys the tool does not know."""
    row = {f"cle_{n}": "x" * 8 for n in range(keys)}
    row.update(date="2026-11-02", heure="09:00", moyen="internet", resultat="aucun créneau")
    return {
        "version": version,
        "demarche": {"type": "renouvellement"},
        "tentatives": [row] * attempts,
    }


# (file content, the message that says what is wrong, as the page says it in French)
BAD_FILES = {
    "version only": ({"version": 1}, "Ce fichier ne contient aucune réponse."),
    "not json": ("{ ceci n'est pas du JSON", "son contenu n'est pas au format JSON"),
    "wrong version": (
        {"version": 99, "personne": {"nom": "DIALLO"}},
        "n'a pas une version que cet outil sait lire",
    ),
    "no version": ({"personne": {"nom": "DIALLO"}}, "n'a pas une version que cet outil sait lire"),
    "a list": ([1, 2, 3], "ce n'est pas un fichier de réponses de cet outil"),
    "bad values": (
        {"version": 2, "personne": {"nom": "DIALLO", "date_naissance": "31/02/1990"}},
        "Ce fichier de réponses contient des erreurs :",
    ),
    "hostile 1 MB, too many attempts": (
        hostile(2, 1000, 42),
        "Ce fichier de réponses contient des erreurs :",
    ),
    "hostile 1 MB, unknown keys of version 1": (
        hostile(1, 200, 240),
        "bien trop de données",
    ),
    "over 2 MB": ({"version": 2, "personne": {"nom": "x" * 2_100_000}}, "trop gros"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_file_is_refused_and_the_typed_answers_stay(page, served_site, tmp_path, name):
    content, message = BAD_FILES[name]
    page.goto(form_url(served_site, "fr"))
    wait_ready(page)
    answer_first_step(page)
    source = tmp_path / "answers.json"
    text = content if isinstance(content, str) else json.dumps(content)
    source.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    page.locator("#open-answers").set_input_files(str(source))
    error = page.locator("#open-answers-error:not([hidden])")
    error.wait_for()
    took = time.perf_counter() - started
    print(f"{name}: {len(text.encode()):,} bytes refused in {took:.2f} s")
    shown = error.inner_text()
    assert message in shown
    assert "Vos réponses actuelles n'ont pas changé." in shown
    assert first_choice_checked(page)
    assert page.locator('section.step[data-step="demarche"]').is_visible()


def test_an_opened_file_asks_before_replacing_typed_answers(page, served_site, tmp_path):
    page.goto(form_url(served_site, "fr"))
    wait_ready(page)
    page.get_by_label("Un premier titre de séjour").check()
    asked = []

    def refuse(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", refuse)
    source = tmp_path / "answers.json"
    source.write_text(json.dumps(persona("renouvellement-titre-expire")), encoding="utf-8")
    page.locator("#open-answers").set_input_files(str(source))
    page.wait_for_function("() => document.getElementById('open-answers').value === ''")
    assert asked and asked[0].startswith("Remplacer les réponses déjà saisies")
    assert page.get_by_label("Un premier titre de séjour").is_checked()
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#open-answers").set_input_files(str(source))
    page.wait_for_function("() => document.getElementById('open-answers').value === ''")
    assert page.locator('input[name="demarche.type"][value="renouvellement"]').is_checked()
    assert not page.get_by_label("Un premier titre de séjour").is_checked()


def person_words(answers: dict) -> set[str]:
    """The person's names and numbers as a file name would spell them (« konate »)."""
    words = set()
    for key in ("nom", "prenom", "numero_etranger"):
        value = unicodedata.normalize("NFKD", answers["personne"].get(key) or "")
        value = value.encode("ascii", "ignore").decode().lower()
        words |= {w for w in value.replace("-", " ").split() if len(w) > 2}
    return words


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_downloads_are_named_without_the_person_and_quitting_says_what_remains(
    page, served_site, browser, tmp_path, lang
):
    answers = persona("anef-renouvellement-prefete")  # version 2: no question left to ask
    browser.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(form_url(served_site, lang))
    open_answers(page, tmp_path, answers)
    page.wait_for_selector('section.step[data-step="verification"]:not([hidden])')
    page.locator("#step-next").click()
    wait_ready(page)
    page.wait_for_selector('#documents[data-state="done"]', timeout=120_000)
    names = page.locator("#documents a[download]").evaluate_all(
        "links => links.map(link => link.download)"
    )
    assert len(names) >= 10 and all(name.endswith((".odt", ".txt")) for name in names)
    words = person_words(answers)
    assert words and [n for n in names if any(w in n.lower() for w in words)] == []
    page.locator('#documents [data-action="copy"]').first.click()
    assert answers["personne"]["nom"] in page.evaluate("navigator.clipboard.readText()")

    page.locator("#clear-and-leave").click()
    dialog = page.locator("dialog.leave-dialog[open]")
    shown = dialog.inner_text()
    for msgid in (
        "Ce que l'outil ne peut pas effacer sur cet ordinateur :",
        "les fichiers téléchargés (vos réponses, vos documents) : supprimez-les du dossier Téléchargements, puis videz la corbeille ;",  # noqa: E501
        "le presse-papiers, si vous avez copié un texte : l'outil le vide si le navigateur le permet ; sinon, copiez un autre texte ;",  # noqa: E501
        "l'historique du navigateur, qui montre les pages du guide visitées (sans vos réponses) : effacez-le avec Ctrl+Maj+Suppr (Cmd+Maj+Suppr sur Mac).",  # noqa: E501
    ):
        assert translated(lang, msgid) in shown
    dialog.get_by_role("button", name=translated(lang, "Rester sur la page")).click()
    assert page.locator("#documents section.document").count() > 0  # nothing erased
    page.locator("#clear-and-leave").click()
    page.locator("dialog.leave-dialog[open]").get_by_role(
        "button", name=translated(lang, "Effacer et quitter")
    ).click()
    page.wait_for_url(lambda url: "formulaire" not in url)
    assert page.evaluate("navigator.clipboard.readText()") == ""
