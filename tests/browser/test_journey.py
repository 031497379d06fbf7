"""A person's journey through the form on a phone (issue 19): no step scrolls sideways with
answers in it, the attempts log shows each kind's own fields, a language switch keeps the
answers and stores none, errors name their field and say what is wrong in seven languages,
digits typed in Arabic or Persian script are read, dates read dd/mm/yyyy."""

import json
import re
from datetime import date
from pathlib import Path

import pytest
from interview import (
    FORM_STEPS,
    add_attempt,
    by_label,
    form_url,
    label_of,
    next_step,
    open_answers,
    persona,
    storage_snapshot,
    translated,
    walk,
)
from test_offline import Server, wait_offline_ready

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["fr", "en", "es", "pt", "ru", "ar", "fa"]
CANARY = "CANARI-5e1b2d"


def show_step(page, step: str) -> None:
    page.evaluate("(step) => { location.hash = `#etape-${step}`; }", step)
    page.wait_for_selector(f'section.step[data-step="{step}"]:not([hidden])')


def step_on_screen(page) -> str:
    return page.locator("section.step:not([hidden])").get_attribute("data-step")


def wait_ready(page) -> None:
    page.wait_for_selector('#runtime-status[data-state="ready"]', timeout=120_000)


def test_every_step_of_the_page_is_in_the_tests_list(page, served_site):
    page.goto(form_url(served_site, "fr"))
    steps = page.locator("section.step").evaluate_all("els => els.map(e => e.dataset.step)")
    assert steps == FORM_STEPS


# Attempts of other kinds than the persona's, typed in the editor: each shows its own fields.
TYPED_ATTEMPTS = [
    {"moyen": "guichet", "date": "2026-11-17", "heure": "09:30", "lieu": "Sous-préfecture "
     "du Raincy, accueil des étrangers", "avec_temoin": "oui", "resultat": "Refus de l'agent "
     "d'accueil sans rendez-vous", "preuve": "ticket_2026-11-17_tres_long_nom_de_fichier.jpg"},
    {"moyen": "lrar", "date": "2026-11-18", "heure": "11:00", "reference": "1A 234 567 8901 2",
     "accuse_reception": "non", "resultat": "Pas de réponse", "preuve": "lrar.pdf"},
    {"moyen": "demande_en_ligne", "date": "2026-11-19", "heure": "14:05",
     "reference": "DS-18273645", "accuse_reception": "oui", "resultat": "Accusé de dépôt reçu",
     "preuve": "depot.pdf"},
]  # fmt: skip


@pytest.mark.parametrize("width", [320, 360])
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_no_step_scrolls_sideways_with_answers_in_it(page, served_site, tmp_path, lang, width):
    """Every step, attempts of five kinds in the log (from a file and typed), the documents
    made: the page is never wider than the phone."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(form_url(served_site, lang))
    open_answers(page, tmp_path, "anef-renouvellement-prefete")
    show_step(page, "tentatives")
    step = page.locator('section.step[data-step="tentatives"]')
    for row in TYPED_ATTEMPTS:
        add_attempt(page, step, row)
    assert page.locator("#log-table tbody tr").count() == 14 + len(TYPED_ATTEMPTS)
    too_wide = {}
    for name in FORM_STEPS:
        show_step(page, name)
        if name == "documents":
            page.wait_for_selector('#documents[data-state="done"]', timeout=120_000)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            too_wide[name] = scroll
    assert too_wide == {}


# (kind, its own fields as typed, what its row then shows besides the kind's name)
KIND_ROWS = [
    ("anef", {"message_erreur": "Erreur technique 0x42"},
     ["Le message d'erreur, mot pour mot : Erreur technique 0x42"]),
    ("ccc", {"reference": "CCC-2026-1187"},
     ["Numéro (ticket, demande, recommandé, dossier) : CCC-2026-1187"]),
    ("pan", {"lieu": "Préfecture de Bobigny", "avec_temoin": "oui"},
     ["Lieu (préfecture ou sous-préfecture) : Préfecture de Bobigny",
      "Une personne était-elle avec vous ? : Oui"]),
    ("lrar", {"reference": "1A 234", "accuse_reception": "non"},
     ["Numéro (ticket, demande, recommandé, dossier) : 1A 234",
      "Avez-vous reçu un accusé de réception ? : Non"]),
    ("internet", {}, []),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "fields", "details"), KIND_ROWS)
def test_the_log_shows_each_kind_of_attempt_with_its_own_fields(
    page, served_site, tmp_path, kind, fields, details
):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(form_url(served_site, "fr"))
    open_answers(page, tmp_path, "canal-inconnu-debut")
    show_step(page, "tentatives")
    step = page.locator('section.step[data-step="tentatives"]')
    add_attempt(page, step, {"moyen": kind, "date": "2026-11-20", "heure": "10:00", **fields})
    row = page.locator("#log-table tbody tr", has_text="20/11/2026")
    shown = row.locator(".log__detail").all_inner_texts()
    assert [text.replace("\u2068", "").replace("\u2069", "") for text in shown] == details
    # On a phone, each cell is under its column's name.
    assert row.locator("td").first.evaluate("td => getComputedStyle(td, '::before').content") == (
        '"Date"'
    )


def typed_answers(page) -> dict:
    """The answers as « Enregistrer mes réponses » saves them."""
    with page.expect_download() as saved:
        page.locator("#save-answers").click()
    return json.loads(Path(saved.value.path()).read_text(encoding="utf-8"))


def test_switching_language_keeps_the_answers_and_stores_none(page, served_site):
    """Typed in French up to the attempts, then « العربية »: the same step in Arabic, with
    every answer; nothing in `window.name`, storage, caches or any address."""
    answers = persona("sous-prefecture-guichet-temoin")
    answers["personne"]["nom"] = CANARY
    page.goto(form_url(served_site, "fr"))
    walk(page, answers, until="tentatives")
    before = typed_answers(page)
    page.locator('section.step[data-step="demarche"] input').first.focus()  # typed again
    page.locator('nav.languages a[lang="ar"]').click()
    page.wait_for_url(re.compile(r"/ar/formulaire/#etape-tentatives$"))
    page.wait_for_selector('section.step[data-step="tentatives"]:not([hidden])')
    assert page.evaluate("window.name") == ""
    assert page.locator("#log-table tbody tr").count() == len(answers["tentatives"])
    assert page.locator('[name="personne.nom"]').input_value() == CANARY
    birth = answers["personne"]["date_naissance"].split("-")
    assert page.locator('[name="personne.date_naissance"]').input_value() == "/".join(
        reversed(birth)
    )
    assert typed_answers(page) == before
    assert CANARY not in storage_snapshot(page)
    assert [url for url in page.requests if CANARY in url] == []


def test_switching_language_keeps_an_attempt_half_typed_in_the_editor(page, served_site):
    """An attempt typed but not yet added, then « العربية »: the editor shows it again, not
    added, with its kind's own fields; « Ajouter » then adds it."""
    answers = persona("sous-prefecture-guichet-temoin")
    page.goto(form_url(served_site, "fr"))
    walk(page, answers, until="tentatives")
    step = page.locator('section.step[data-step="tentatives"]')
    by_label(page, step, "log-moyen").select_option("pan")
    typed = {"date": "20/11/2026", "heure": "10:05", "lieu": CANARY, "resultat": "Refus"}
    for key, value in typed.items():
        by_label(page, step, f"log-{key}").fill(value)
    by_label(page, step, "log-avec_temoin").select_option("oui")
    page.locator('nav.languages a[lang="ar"]').click()
    page.wait_for_url(re.compile(r"/ar/formulaire/#etape-tentatives$"))
    page.wait_for_selector('section.step[data-step="tentatives"]:not([hidden])')
    assert page.evaluate("window.name") == ""
    rows = page.locator("#log-table tbody tr")
    assert rows.count() == len(answers["tentatives"])  # not added behind the person's back
    assert page.locator("#log-moyen").input_value() == "pan"
    for key, value in typed.items():
        assert page.locator(f"#log-{key}").input_value() == value
    assert page.locator("#log-avec_temoin").input_value() == "oui"
    assert page.locator("#log-lieu").is_visible()
    page.locator("#log-save").click()
    assert rows.count() == len(answers["tentatives"]) + 1
    assert CANARY in page.locator("#log-table tbody").inner_text()
    assert CANARY not in storage_snapshot(page)


def test_switching_language_offline_to_a_page_not_cached_says_so_and_stays(site, fresh_context):
    """Offline, Arabic never opened on this device: the person hears it before leaving, and
    the answers stay."""
    server = Server(site)
    page = fresh_context.new_page()
    page.set_default_timeout(60_000)
    page.goto(server.url + "formulaire/")
    wait_offline_ready(page)
    page.get_by_label("Un premier titre de séjour").check()
    server.stop()
    address = page.url
    page.locator('nav.languages a[lang="ar"]').click()
    dialog = page.locator("dialog.leave-dialog[open]")
    assert dialog.locator(".leave-dialog__heading").inner_text() == (
        "Le formulaire dans cette langue n'est pas encore sur cet appareil, et il n'y a pas de "
        "connexion : il ne peut pas s'ouvrir. Vos réponses sont toujours là."
    )
    dialog.get_by_role("button", name="Rester sur la page").click()
    page.locator("dialog.leave-dialog").wait_for(state="detached", timeout=5_000)
    assert page.url == address
    assert page.get_by_label("Un premier titre de séjour").is_checked()
    assert page.evaluate("window.name") == ""


def test_switching_language_offline_to_a_cached_page_keeps_the_answers(site, fresh_context):
    """A help desk that opened the Arabic form once: offline, the switch still carries the
    answers there."""
    server = Server(site)
    page = fresh_context.new_page()
    page.set_default_timeout(60_000)
    page.goto(server.url + "formulaire/")
    wait_offline_ready(page)
    page.goto(server.url + "ar/formulaire/")
    cached = "async (url) => Boolean(await caches.match(url))"
    for _ in range(100):  # the service worker caches the page as it answers it
        if page.evaluate(cached, server.url + "ar/formulaire/"):
            break
        page.wait_for_timeout(100)
    page.goto(server.url + "formulaire/")
    server.stop()
    page.get_by_label("Un premier titre de séjour").check()
    page.locator('nav.languages a[lang="ar"]').click()
    page.wait_for_url(re.compile(r"/ar/formulaire/#etape-demarche$"))
    page.wait_for_selector("#interview")
    assert page.locator('[name="demarche.type"][value="premiere_demande"]').is_checked()
    assert page.evaluate("window.name") == ""


# (step, field, what is typed, the message's msgid, its placeholders)
ERRORS = [
    ("demandes", "demandes.delai_jours", "200",
     "Entrez un nombre entier entre {min} et {max}.", {"min": "1", "max": "90"}),
    ("demandes", "demandes.astreinte_euros_par_jour", "12,5",
     "Entrez un nombre entier entre {min} et {max}.", {"min": "0", "max": "10000"}),
    ("signature", "signature.date", "31/02/2026",
     "Cette date n'existe pas : vérifiez le jour et le mois.", {}),
    ("personne", "personne.date_naissance", "14/13/1988",
     "Cette date n'existe pas : vérifiez le jour et le mois.", {}),
    ("personne", "personne.date_naissance", "14/03",
     "Entrez une date réelle, par exemple 14/03/1988.", {}),
    ("personne", "personne.nom", "", "Remplissez ce champ.", {}),
]  # fmt: skip


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("step", "name", "typed", "msgid", "values"), ERRORS)
def test_the_error_summary_names_the_field_and_says_what_is_wrong(
    page, served_site, tmp_path, lang, step, name, typed, msgid, values
):
    page.goto(form_url(served_site, lang))
    open_answers(page, tmp_path, "sous-prefecture-guichet-temoin")
    show_step(page, step)
    field = page.locator(f'[name="{name}"]')
    field.fill(typed)
    page.locator("#step-next").click()
    link = page.locator("#error-summary a")
    link.first.wait_for()
    message = translated(lang, msgid)
    for key, value in values.items():
        message = message.replace(f"{{{key}}}", value)
    label = label_of(page, field.get_attribute("id")).replace(translated(lang, "(facultatif)"), "")
    assert link.all_inner_texts() == [f"{label.strip()}\n{message}"]
    link.click()
    assert page.evaluate("document.activeElement.name") == name
    assert field.input_value() == typed  # nothing typed is lost


# (field, typed in Arabic-Indic or Persian digits, as saved, as shown once typed)
DIGITS = [
    ("demandes.delai_jours", "١٥", 15, "15"),
    ("demandes.astreinte_euros_par_jour", "۱۰۰", 100, "100"),
    ("demandes.frais_l761_1_euros", "٣٥", 35, "35"),
    ("personne.date_naissance", "١٤/٠٣/١٩٨٨", "1988-03-14", "14/03/1988"),
    ("signature.date", "۰۲۱۲۲۰۲۶", "2026-12-02", "02/12/2026"),
    ("personne.telephone", "۰۶۱۲۳۴۵۶۷۸", "0612345678", "0612345678"),
    ("personne.numero_etranger", "٠١٢٣٤٥٦٧٨٩", "0123456789", "0123456789"),
    ("personne.numero_dossier_prefecture", "۹۳-۲۰۲۶-۱۲", "93-2026-12", "۹۳-۲۰۲۶-۱۲"),
]


@pytest.mark.parametrize(("name", "typed", "saved", "shown"), DIGITS)
def test_arabic_and_persian_digits_are_read_wherever_a_number_is_typed(
    page, served_site, tmp_path, name, typed, saved, shown
):
    page.goto(form_url(served_site, "fa" if typed[0] in "۰۱۲۳۴۵۶۷۸۹" else "ar"))
    open_answers(page, tmp_path, "sous-prefecture-guichet-temoin")
    wait_ready(page)
    field = page.locator(f'[name="{name}"]')
    step = field.evaluate("el => el.closest('section.step').dataset.step")
    show_step(page, step)
    field.fill("")
    field.press_sequentially(typed)  # typed key by key, as a phone's keyboard does
    field.blur()
    assert field.input_value() == shown
    group, key = name.split(".")
    assert typed_answers(page)[group][key] == saved
    page.locator("#step-next").click()
    page.wait_for_function("(step) => location.hash !== `#etape-${step}`", arg=step)
    assert page.locator("#error-summary").is_hidden()


def press_keys(page, keys: str) -> None:
    """Each character as a key of a keyboard (Chromium's own key events): Playwright's keyboard
    knows only the keys of a US layout, not an Arabic or Persian one's digits."""
    session = page.context.new_cdp_session(page)
    for key in keys:
        for kind in ("keyDown", "keyUp"):
            session.send("Input.dispatchKeyEvent", {"type": kind, "key": key, "text": key})
    session.detach()


@pytest.mark.parametrize(("lang", "keys", "code"), [("ar", "٩٣", "93"), ("fa", "۷۵", "75")])
def test_the_departement_list_answers_arabic_and_persian_digits(
    page, served_site, tmp_path, lang, keys, code
):
    page.goto(form_url(served_site, lang))
    open_answers(page, tmp_path, "canal-inconnu-debut")
    show_step(page, "departement")
    assert page.locator("#f-departement").input_value() == "13"  # the file's
    page.locator("#f-departement").focus()
    press_keys(page, keys)
    assert page.locator("#f-departement").input_value() == code
    # The préfecture and the court follow, as when a Latin number is typed.
    court = page.locator('[name="tribunal.nom"]').input_value()
    page.locator("#f-departement").select_option(code)
    assert court and page.locator('[name="tribunal.nom"]').input_value() == court
    # « 93 – Seine-Saint-Denis » keeps its number first on a right-to-left page.
    chosen = page.locator(f'#f-departement option[value="{code}"]')
    assert chosen.evaluate("o => getComputedStyle(o).direction") == "ltr"


def test_an_attempt_typed_in_persian_digits_is_logged(page, served_site, tmp_path):
    page.goto(form_url(served_site, "fa"))
    open_answers(page, tmp_path, "canal-inconnu-debut")
    show_step(page, "tentatives")
    for key, typed in [("date", "۱۷/۱۱/۲۰۲۶"), ("heure", "۰۸:۵۵")]:
        page.locator(f"#log-{key}").press_sequentially(typed)
    page.locator("#log-save").click()
    row = page.locator("#log-table tbody tr", has_text="17/11/2026")
    assert row.locator("td").nth(1).inner_text() == "08:55"
    assert {"date": "2026-11-17", "heure": "08:55"}.items() <= next(
        attempt for attempt in typed_answers(page)["tentatives"] if attempt["heure"] == "08:55"
    ).items()


# (the editor's field, what is typed, the message's msgid)
LOG_ERRORS = [
    ("date", "30/02/2026", "Cette date n'existe pas : vérifiez le jour et le mois."),
    ("date", "", "Entrez la date de la tentative."),
    ("heure", "25:10", "Entrez une heure comme 08:55."),
]


@pytest.mark.parametrize(("key", "typed", "msgid"), LOG_ERRORS)
def test_the_attempts_editor_says_what_is_wrong(page, served_site, tmp_path, key, typed, msgid):
    page.goto(form_url(served_site, "ar"))
    open_answers(page, tmp_path, "canal-inconnu-debut")
    show_step(page, "tentatives")
    rows = page.locator("#log-table tbody tr").count()
    page.locator("#log-date").fill("17/11/2026")
    page.locator(f"#log-{key}").fill(typed)
    page.locator("#log-save").click()
    assert page.locator("#log-editor-error").inner_text() == translated("ar", msgid)
    assert page.locator(f"#log-{key}").get_attribute("aria-invalid") == "true"
    assert page.locator("#log-table tbody tr").count() == rows


def test_dates_read_day_month_year_everywhere(pw, served_site, tmp_path):
    """In an English browser too (whose own date fields say mm/dd/yyyy): the fields, the log,
    the attempts editor and « Vérifiez vos réponses »."""
    from chromium import launch

    context = launch(pw, tmp_path / "profile", locale="en-US")
    page = context.new_page()
    answers = persona("sous-prefecture-guichet-temoin")
    page.goto(form_url(served_site, "en"))
    open_answers(page, tmp_path, answers)
    iso = re.compile(r"\d{4}-\d{2}-\d{2}")
    review = page.locator("#check-answers").inner_text()
    for row in answers["tentatives"]:  # file names keep their own dates
        review = review.replace(row["preuve"], "")
    assert iso.findall(review) == []
    birth = "/".join(reversed(answers["personne"]["date_naissance"].split("-")))
    assert birth in review
    show_step(page, "personne")
    assert page.locator('[name="personne.date_naissance"]').input_value() == birth
    show_step(page, "tentatives")
    cells = page.locator("#log-table tbody tr td:first-child").all_inner_texts()
    assert cells and all(re.fullmatch(r"\d{2}/\d{2}/\d{4}", cell) for cell in cells)
    page.locator("#log-table tbody tr").first.locator(".log__actions button").first.click()
    assert page.locator("#log-date").input_value() == cells[0]
    context.close()


def test_a_persian_name_with_its_zwnj_gets_the_latin_spelling_message(page, served_site, tmp_path):
    """حسن‌زاده holds a zero-width non-joiner: the person hears that the documents need the
    name in Latin letters (as on the passport), not about an invisible character."""
    page.goto(form_url(served_site, "fa"))
    open_answers(page, tmp_path, "sous-prefecture-guichet-temoin")
    wait_ready(page)
    show_step(page, "personne")
    page.locator('[name="personne.nom"]').fill("حسن\u200cزاده")
    page.locator("#step-next").click()
    summary = page.locator("#error-summary")
    summary.wait_for()
    text = summary.inner_text()
    assert "حسن" in text and "U+200C" not in text
    assert page.locator('[name="personne.nom"]').input_value() == "حسن\u200cزاده"


def digits(text: str, lang: str) -> str:
    """`text` with the digits an Arabic phone keyboard types, in Arabic; as is otherwise."""
    return text.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")) if lang == "ar" else text


# What the person types, step by step: (field name, text); a radio or checkbox by its value.
TYPED_WALK = [
    ("demarche", [("demarche.type", "renouvellement"), ("demarche.canal", "rdv_prefecture"),
                  ("demarche.titre", "carte de séjour salarié"),
                  ("demarche.expiration_titre", "28022027")]),
    ("decision", [("decision_anterieure.existe", "non")]),
    ("departement", [("departement", "93")]),
    ("personne", [("personne.nom", "DIALLO"), ("personne.prenom", "Aïssatou"),
                  ("personne.date_naissance", "14/03/1988"), ("personne.telephone", "0612345678"),
                  ("personne.adresse", "12 rue de la Paix, 93200 Saint-Denis")]),
    ("tentatives", []),
    ("temoin", [("a_temoin", "non")]),
    ("urgence", [("urgence.motifs", "titre_expire")]),
    ("avocat", [("a_avocat", "non")]),
    ("demandes", [("demandes.delai_jours", "15")]),
    ("signature", [("signature.lieu", "Saint-Denis"),
                   ("signature.date", date.today().strftime("%d%m%Y"))]),
    ("verification", []),
]  # fmt: skip
WALK_ATTEMPTS = [("internet", "02/11/2026", "08:55"), ("internet", "09/11/2026", "09:10"),
                 ("guichet", "17/11/2026", "10:00"), ("lrar", "20/11/2026", "11:00")]  # fmt: skip


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_person_types_the_whole_form_on_a_phone(page, served_site, lang):
    """From an empty form to the documents at 360 px, typing every answer key by key (digits
    in Arabic script on the Arabic page); no step wider than the phone, no error."""
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(form_url(served_site, lang))
    for name, answers in TYPED_WALK:
        assert step_on_screen(page) == name
        step = page.locator(f'section.step[data-step="{name}"]')
        for field, text in answers:
            control = step.locator(f'[name="{field}"]').first
            kind = control.get_attribute("type") or control.evaluate("e => e.tagName")
            if kind in ("radio", "checkbox"):
                choice = step.locator(f'[name="{field}"][value="{text}"]')
                step.locator(f'label[for="{choice.get_attribute("id")}"]').click()
            elif kind == "SELECT":
                control.select_option(text)
            else:
                control.press_sequentially(digits(text, lang))
        if name == "tentatives":
            for moyen, day, time in WALK_ATTEMPTS:
                page.locator("#log-moyen").select_option(moyen)
                page.locator("#log-date").press_sequentially(digits(day, lang))
                page.locator("#log-heure").press_sequentially(digits(time, lang))
                page.locator("#log-save").click()
            assert page.locator("#log-table tbody tr").count() == len(WALK_ATTEMPTS)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, name
        next_step(page, name)
    assert step_on_screen(page) == "documents"
    page.wait_for_selector('#documents[data-state="done"]', timeout=120_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    saved = typed_answers(page)
    assert saved["personne"]["date_naissance"] == "1988-03-14"
    assert saved["personne"]["telephone"] == "0612345678"
    assert saved["demandes"]["delai_jours"] == 15
    assert [row["date"] for row in saved["tentatives"]] == [
        "2026-11-02", "2026-11-09", "2026-11-17", "2026-11-20"
    ]  # fmt: skip
