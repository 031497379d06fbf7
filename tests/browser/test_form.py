"""The interview in a real browser: fill it as a person would, get the same documents as the CLI."""

import json
import subprocess
import sys
from datetime import date

import pytest
from chromium import launch
from interview import (
    PERSONAS,
    download,
    form_url,
    open_answers,
    persona,
    set_field,
    storage_snapshot,
    today,
    walk,
)
from rdv_forms.answers import json_schema, parse
from rdv_forms.courts import lookup

pytestmark = pytest.mark.browser

# (persona, language): the documents stay in French whatever the interface language.
CASES = [
    ("anef-renouvellement-prefete", "fr"),
    ("rdv-prefecture-avocat-ajaccio", "fr"),
    ("demande-en-ligne-nord", "ar"),
    ("anef-renouvellement-prefete", "ar"),
    ("sous-prefecture-guichet-temoin", "fr"),
    ("changement-statut-etudiant-salarie", "fr"),
    ("renouvellement-tardif-anef", "ar"),  # the reason for the delay, typed on a phone
]


def cli_text(kind: str, persona_name: str) -> str:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "rdv_forms",
            kind,
            "--answers",
            str(PERSONAS / f"{persona_name}.json"),
            "--format",
            "text",
            "--today",
            today(),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def wait_ready(page):
    page.wait_for_selector('#runtime-status[data-state="ready"]', timeout=120_000)


@pytest.mark.parametrize(("persona_name", "lang"), CASES)
def test_documents_match_the_cli(page, served_site, persona_name, lang):
    answers = persona(persona_name)
    page.goto(form_url(served_site, lang))
    walk(page, answers)
    wait_ready(page)
    page.wait_for_selector('#documents[data-state="done"]', timeout=120_000)
    cards = page.locator("#documents section.document")
    kinds = cards.evaluate_all("cs => cs.map(c => c.dataset.kind)")
    assert "email" in kinds
    if lang in ("ar", "fa"):
        assert page.locator("html").get_attribute("dir") == "rtl"
        previews = page.locator(".document__preview")
        assert set(previews.evaluate_all("ps => ps.map(p => p.dir + p.lang)")) == {"ltrfr"}
    for kind in kinds:
        card = page.locator(f'#documents section.document[data-kind="{kind}"]')
        text = download(page, card, "txt").read_text(encoding="utf-8")
        assert text == cli_text(kind, persona_name), kind
        assert card.locator(".document__preview div.rdv-doc").count() == 1


def test_form_is_usable_before_python(page, served_site):
    """Typing works at once; the status line says the tool is preparing, then ready."""
    page.goto(form_url(served_site, "fr"))
    status = page.locator("#runtime-status")
    page.get_by_label("Le renouvellement de mon titre de séjour").check()
    assert status.get_attribute("data-state") in ("loading", "ready")
    wait_ready(page)
    assert "prêt" in status.inner_text()


@pytest.mark.parametrize("lang", ["ar", "ru"])
def test_the_questions_do_not_move_when_python_is_ready(page, served_site, lang):
    """On a phone, « preparing » takes two lines and « ready » one: the questions below must
    stay where they are, under the finger about to tap one (a radio once went unchecked)."""
    page.set_viewport_size({"width": 320, "height": 780})
    page.goto(form_url(served_site, lang))
    if page.locator("#runtime-status").get_attribute("data-state") != "loading":
        pytest.skip("Python was ready before the page could be measured")
    answer = page.locator("#f-demarche-type-1")
    before = answer.bounding_box()
    wait_ready(page)
    assert answer.bounding_box() == before


def test_documents_asked_for_before_python_is_ready_are_made_once(pw, served_site, tmp_path):
    """The person reaches the documents while Python loads: their requests wait in the
    worker, and the documents appear once Python is ready, made once, not twice.

    The runtime's WebAssembly is held back until the person is on the documents step, so
    Python cannot be ready before; no service worker, so nothing comes from a cache.
    """
    context = launch(pw, tmp_path / "profile", service_workers="block")
    held = []
    context.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page = context.new_page()
    page.goto(form_url(served_site, "fr"))
    open_answers(page, tmp_path, "sous-prefecture-guichet-temoin")
    page.locator("#step-next").click()
    documents = page.locator("#documents")
    documents.wait_for()
    assert page.locator("#runtime-status").get_attribute("data-state") == "loading"
    assert documents.get_attribute("data-state") == "working"
    while not held:
        page.wait_for_timeout(50)
    held[0].continue_()
    page.wait_for_selector('#documents[data-state="done"]', timeout=120_000)
    kinds = page.locator("#documents section.document").evaluate_all(
        "cards => cards.map((card) => card.dataset.kind)"
    )
    assert "email" in kinds and len(kinds) == len(set(kinds))
    assert page.evaluate("performance.getEntriesByName('rdv:generate:email').length") == 1
    context.close()


# Answers are never kept: a reload, a bookmark or a partly saved answers file lands the
# person on the first step that still needs answers, never on documents made from nothing.
REACHABLE = [
    ("#etape-documents", None, "demarche"),
    ("#etape-personne", None, "demarche"),
    ("#etape-nulle-part", None, "demarche"),
    ("", {"version": 1, "demarche": {"type": "renouvellement"}, "departement": "94"}, "demarche"),
    (
        "",
        {
            "version": 2,
            "demarche": {"type": "renouvellement", "canal": "rdv_prefecture"},
            "decision_anterieure": {"existe": "non"},
            "departement": "94",
        },
        "personne",
    ),
    ("", "sous-prefecture-guichet-temoin", "verification"),
]


@pytest.mark.parametrize(("hash_", "answers", "expected"), REACHABLE)
def test_the_person_lands_on_the_first_step_that_needs_answers(
    page, served_site, tmp_path, hash_, answers, expected
):
    page.goto(form_url(served_site, "fr") + hash_)
    if answers:
        open_answers(page, tmp_path, answers)
    page.wait_for_selector(f'section.step[data-step="{expected}"]:not([hidden])')
    assert page.locator("section.step:not([hidden])").count() == 1
    assert page.evaluate("location.hash") == f"#etape-{expected}"
    assert page.locator("#documents section.document").count() == 0


def test_save_and_open_answers_round_trip(page, served_site, tmp_path):
    answers = persona("anef-renouvellement-prefete")
    page.goto(form_url(served_site, "fr"))
    open_answers(page, tmp_path, answers)
    page.wait_for_selector('section.step[data-step="verification"]:not([hidden])')
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Enregistrer mes réponses").click()
    saved = json.loads(download_info.value.path().read_text(encoding="utf-8"))
    assert saved["personne"]["nom"] == answers["personne"]["nom"]
    assert saved["tentatives"] == answers["tentatives"]


def test_empty_answers_have_the_shape_of_the_package_schema(page, served_site):
    """The page builds its answers from rdv_forms' schema, not from a list of its own: an
    empty form saves every group and field the schema declares, and rdv_forms reads it."""
    page.goto(form_url(served_site, "fr"))
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Enregistrer mes réponses").click()
    saved = json.loads(download_info.value.path().read_text(encoding="utf-8"))
    schema = json_schema()
    assert set(saved) == set(schema["properties"])
    for group, values in saved.items():
        reference = schema["properties"][group].get("anyOf", [{}])[0].get("$ref", "")
        if isinstance(values, dict):
            fields = schema["$defs"][reference.rsplit("/", 1)[-1]]["properties"]
            assert set(values) == set(fields), group
    assert saved["temoin"] is None and saved["avocat"] is None  # « Non » until said otherwise
    assert parse(saved, today=date.today())[1] == []


# The département fills in the salutation that rdv_forms' courts table gives it (Paris:
# « Monsieur le Préfet de police »), and the general one elsewhere, unless the person chose.
SALUTATIONS = [
    (["75"], lookup("75").formule),
    (["75", "93"], "Madame la Préfète, Monsieur le Préfet"),
    (["93"], "Madame la Préfète, Monsieur le Préfet"),
]


def to_departement_step(page, served_site) -> None:
    """A renewal on the préfecture's website, no prior decision: the département step."""
    page.goto(form_url(served_site, "fr"))
    page.get_by_label("Le renouvellement de mon titre de séjour").check()
    page.locator('[name="demarche.canal"][value="rdv_prefecture"]').check()
    page.locator("#step-next").click()
    page.locator('[name="decision_anterieure.existe"][value="non"]').check()
    page.locator("#step-next").click()


@pytest.mark.parametrize(("departements", "expected"), SALUTATIONS)
def test_the_departement_fills_the_salutation_from_the_courts_table(
    page, served_site, departements, expected
):
    assert lookup("75").formule  # the table has a rule for Paris
    to_departement_step(page, served_site)
    select = page.get_by_label("Votre département", exact=True)
    for code in departements:
        select.select_option(code)
    salutation = page.get_by_label("Comment s'adresser au préfet ?")
    assert salutation.input_value() == expected
    salutation.select_option("Madame la Préfète")  # the person's own choice stays
    for code in ("93", "75"):
        select.select_option(code)
    assert salutation.input_value() == "Madame la Préfète"


def test_a_sous_prefecture_typed_over_the_prefecture_takes_its_address_off(page, served_site):
    """The page sends what rdv_forms writes: no préfecture address under another office's
    name; the préfecture's name typed back brings it back; an address typed stays."""
    row = lookup("76")
    to_departement_step(page, served_site)
    page.get_by_label("Votre département", exact=True).select_option("76")
    name = page.locator('[name="prefecture.nom"]')
    address = page.locator('[name="prefecture.adresse"]')
    assert address.input_value() == row.prefecture_adresse
    name.fill("Sous-préfecture du Havre")
    name.blur()
    assert address.input_value() == ""
    name.fill(row.prefecture.lower())  # the same office, typed another way
    name.blur()
    assert address.input_value() == row.prefecture_adresse
    name.fill("Sous-préfecture du Havre")
    name.blur()
    address.fill("Place de l'Hôtel de Ville, 76600 Le Havre")
    address.blur()
    name.fill("Sous-préfecture du Havre ")
    name.blur()
    assert address.input_value() == "Place de l'Hôtel de Ville, 76600 Le Havre"


def displayed(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def test_check_your_answers_shows_every_answer(page, served_site, tmp_path):
    """« Vérifiez vos réponses » shows whose answers these are and every answer, grouped by
    step, each with a link to change it; questions that do not apply are left out."""
    answers = persona("sous-prefecture-guichet-temoin")
    page.goto(form_url(served_site, "fr"))
    open_answers(page, tmp_path, answers)
    review = page.locator("#check-answers")
    text = review.inner_text()
    shown = [
        answers["personne"]["nom"],
        answers["personne"]["prenom"],
        displayed(answers["personne"]["date_naissance"]),
        answers["demarche"]["titre"],
        answers["prefecture"]["formule"],
        *(displayed(row["date"]) for row in answers["tentatives"]),
        *(row["preuve"] for row in answers["tentatives"]),
    ]
    assert [value for value in shown if value not in text] == []
    assert "Pour qui est la demande ?" not in text  # only for a DCEM or family reunification
    assert review.locator("h3").all_inner_texts()[:4] == [
        "Votre démarche",
        "Une décision déjà prise ?",
        "Votre préfecture et votre tribunal",
        "Vous",
    ]
    rows = review.locator(".summary-list__row")
    links = review.locator('.summary-list__row a[href^="#etape-"]')
    assert rows.count() > len(answers["tentatives"]) + 20
    assert links.count() == rows.count()
    review.get_by_role("link", name="Modifier : Nom de famille").click()
    page.wait_for_selector('section.step[data-step="personne"]:not([hidden])')
    assert page.evaluate("document.activeElement.name") == "personne.nom"


def test_back_never_shows_the_answers_of_a_person_who_left(pw, served_site, tmp_path):
    """A person leaves the form by a link, without « Effacer tout et quitter »; the next
    person presses Back. The back-forward cache brings the page back, empty, on its first
    step. A profile of its own, with no request intercepted, as in a person's browser."""
    context = launch(pw, tmp_path / "profile")
    page = context.new_page()
    page.add_init_script(
        "addEventListener('pageshow', (event) => {"
        " if (event.persisted) document.documentElement.dataset.restored = 'yes'; });"
    )
    answers = persona("sous-prefecture-guichet-temoin")
    page.goto(form_url(served_site, "fr"))
    open_answers(page, tmp_path, answers)
    assert page.locator('[name="personne.nom"]').input_value() == answers["personne"]["nom"]
    page.locator(".site-name").click()
    page.wait_for_url(lambda url: "formulaire" not in url)
    page.wait_for_load_state()
    page.go_back(wait_until="commit")
    # Usually from the back-forward cache (pageshow persisted, checked by hand and in quiet
    # runs); on a loaded machine Chromium may reload it instead. Either way it must be empty.
    page.wait_for_selector("#interview", state="attached")
    page.wait_for_function("document.readyState === 'complete'")
    values = page.locator("#interview").evaluate(
        """(form) => [...form.elements].filter((el) => el.name)
            .filter((el) => (el.type === "radio" || el.type === "checkbox") ? el.checked
                : el.tagName !== "SELECT" ? el.value : el.selectedIndex > 0)
            .map((el) => el.name)"""
    )
    assert values == []
    assert page.locator("#log-table tbody tr").count() == 0
    assert page.locator("#check-answers").text_content() == ""
    assert page.locator("section.step:not([hidden])").get_attribute("data-step") == "demarche"
    assert page.evaluate("location.hash") == "#etape-demarche"
    context.close()


def test_bad_answers_file_keeps_what_was_typed(page, served_site, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    page.goto(form_url(served_site, "fr"))
    page.get_by_label("Un premier titre de séjour").check()
    page.locator("#open-answers").set_input_files(str(bad))
    error = page.locator("#open-answers-error")
    error.wait_for()
    assert "n'est pas au format JSON" in error.inner_text()
    assert "Vos réponses actuelles n'ont pas changé." in error.inner_text()
    assert page.get_by_label("Un premier titre de séjour").is_checked()


def test_required_field_error_is_linked_to_its_field(page, served_site):
    page.goto(form_url(served_site, "fr"))
    page.locator("#step-next").click()
    summary = page.locator("#error-summary")
    summary.wait_for()
    link = summary.locator("a").first
    target = link.get_attribute("href")
    assert page.locator(target).get_attribute("aria-invalid") == "true"


CANARY = "CANARI-7f3a9c"


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_canary_never_reaches_storage_or_a_url(page, served_site, browser, lang):
    """The canary is in every document; never in storage, cookies or a request URL."""
    answers = persona("sous-prefecture-guichet-temoin")
    answers["personne"]["nom"] = CANARY
    page.goto(form_url(served_site, lang))
    walk(page, answers)
    wait_ready(page)
    page.wait_for_selector('#documents[data-state="done"]', timeout=120_000)
    cards = page.locator("#documents section.document")
    kinds = cards.evaluate_all("cs => cs.map(c => c.dataset.kind)")
    assert set(kinds) == {
        "email",
        "lettre",
        "refere",
        "bordereau",
        "attestation",
        "defenseur",
        "journal",
    }
    for kind in kinds:
        card = page.locator(f'#documents section.document[data-kind="{kind}"]')
        if kind not in ("attestation", "bordereau", "journal"):  # written by or about others
            card.locator("summary").click()  # previews are folded, one open at a time
            assert CANARY in card.locator(".document__preview").inner_text(), kind
        card.locator('[data-action="txt"]').click()
    assert CANARY not in storage_snapshot(page)
    assert [url for url in page.requests if CANARY in url] == []
    page.locator("#clear-and-leave").click()
    page.locator("dialog.leave-dialog[open] .button--warning").click()
    page.wait_for_url(lambda url: "formulaire" not in url)
    assert CANARY not in storage_snapshot(page)
    assert all(CANARY not in c.get("value", "") for c in browser.cookies())


# How the runtime's WebAssembly can fail to arrive: cut off, or damaged on the way.
WASM_FAILURES = {
    "blocked": lambda route: route.abort(),
    "corrupt": lambda route: route.fulfill(
        status=200, content_type="application/wasm", body=b"\0asm\1\0\0\0 not a module"
    ),
}


@pytest.mark.parametrize("failure", WASM_FAILURES)
def test_runtime_failure_is_explained_with_printable_models(pw, served_site, tmp_path, failure):
    """No WebAssembly, an old browser or a network error: say so, point to the blanks.

    A profile of its own, without service workers: a cached runtime would never fail.
    """
    context = launch(pw, tmp_path / "profile", service_workers="block")
    context.route("**/pyodide.asm.wasm", WASM_FAILURES[failure])
    page = context.new_page()
    page.goto(form_url(served_site, "fr"))
    page.wait_for_selector('#runtime-status[data-state="failed"]', timeout=120_000)
    message = page.locator("#runtime-failed")
    assert message.is_visible()
    assert message.locator("a[href]").get_attribute("href").endswith("modeles/")
    page.get_by_label("Un premier titre de séjour").check()  # the form still works
    context.close()


# With cores to spare, Python starts before the form is even set up; with two or fewer
# (old help-desk laptops), only once the form can be used, so it never slows the form down.
@pytest.mark.parametrize(("cores", "starts_first"), [(1, False), (2, False), (4, True)])
def test_python_starts_first_only_with_cores_to_spare(page, served_site, cores, starts_first):
    page.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', "
        f"{{ get: () => {cores} }})"
    )
    page.goto(form_url(served_site, "fr"))
    wait_ready(page)
    created, usable = page.evaluate(
        "['rdv:worker-created', 'rdv:form-usable']"
        ".map((name) => performance.getEntriesByName(name)[0].startTime)"
    )
    assert (created < usable) is starts_first


def website_with_two_attempts() -> dict:
    """A website persona with its first 2 booking attempts only: one week, not three."""
    answers = persona("rdv-prefecture-avocat-ajaccio")
    answers["tentatives"] = [t for t in answers["tentatives"] if t["moyen"] == "internet"][:2]
    return answers


# (answers, language, ready): a walk typed for each channel, at a phone's width.
CHANNELS = [
    ("anef-renouvellement-prefete", "fr", True),
    ("anef-renouvellement-prefete", "ar", True),
    ("demande-en-ligne-nord", "fr", True),
    ("website-2-attempts", "fr", False),
    ("website-2-attempts", "ar", False),
]


def channel_answers(name: str) -> dict:
    return website_with_two_attempts() if name == "website-2-attempts" else persona(name)


@pytest.mark.parametrize(("name", "lang", "ready"), CHANNELS)
def test_verdict_for_each_channel_on_a_phone(page, served_site, name, lang, ready, tmp_path):
    """The verdict on the attempts step and again above the documents, with its reasons;
    a file that is not ready gives drafts, and the page says so."""
    answers = channel_answers(name)
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(form_url(served_site, lang))
    walk(page, answers, until="tentatives")
    wait_ready(page)
    # On the attempts step the urgency is not said yet: a first application waits for it.
    page.locator("#verdict .verdict__main").wait_for()
    if lang == "fr" and not ready:  # the reason, in the person's language: the weeks
        # Redrawn a moment after the last attempt is added: one drawn before it may show first.
        page.wait_for_function(
            "() => document.querySelector('#verdict').innerText.includes('1 semaine seulement')"
        )
    page.screenshot(path=str(tmp_path / f"{name}-{lang}-tentatives.png"), full_page=True)
    walk(page, answers)
    on_documents = page.locator("#verdict-documents .verdict__main")
    on_documents.wait_for()
    state = "ready" if ready else "wait"
    assert f"verdict__main--{state}" in on_documents.get_attribute("class")
    draft = page.locator("#verdict-documents .notice")
    assert draft.count() == (0 if ready else 1)
    if not ready:
        assert "PROJET" in draft.inner_text()
    page.wait_for_selector('#documents[data-state="done"]', timeout=120_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(tmp_path / f"{name}-{lang}-documents.png"), full_page=True)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_prior_removal_order_without_counsel_gives_no_refere(page, served_site, tmp_path, lang):
    """An OQTF and nobody named to advise: no référé. The verdict at the top of the step says
    why, once; the référé's card says, in one line, whom to see."""
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(form_url(served_site, lang))
    walk(page, persona("oqtf-sans-conseil"))
    wait_ready(page)
    page.wait_for_selector('#documents[data-state="done"]', timeout=120_000)
    card = page.locator('#documents section.document[data-kind="refere"]')
    assert card.locator(".document__actions").is_hidden()
    assert card.locator(".document__preview").inner_text() == ""
    pointer = card.locator(".document__status").inner_text()
    # The verdict is redrawn when the documents step shows (2b62f5f): wait for the new one.
    page.wait_for_function(
        "() => document.querySelector('#verdict-documents .verdict__main')?.innerText.length > 200"
    )
    reason = page.locator("#verdict-documents .verdict__main").inner_text()
    step = page.locator("#etape-documents").inner_text()
    assert step.count(reason) == 1, "the long reason is said once, in the verdict"
    assert pointer and pointer != reason and len(pointer) < len(reason) / 2
    if lang == "fr":
        assert "association" in reason and "OQTF" in reason
        assert pointer.startswith("Ne déposez pas le référé seul.")
        assert "voir plus haut" in pointer
    page.locator("#etape-documents").screenshot(path=str(tmp_path / f"oqtf-{lang}.png"))
    kinds = page.locator("#documents section.document").evaluate_all(
        "cs => cs.map(c => c.dataset.kind)"
    )
    assert "email" in kinds and "lettre" in kinds


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_version_1_file_asks_only_the_new_questions(page, served_site, tmp_path, lang):
    """A file saved before version 2: the form asks the steps with new questions, in
    order, then goes straight to « Vérifiez vos réponses »."""
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(form_url(served_site, lang))
    wait_ready(page)
    open_answers(page, tmp_path, "renouvellement-titre-expire")
    notice = page.locator("#pending-notice")
    notice.wait_for()
    visited = []
    new_answers = {
        "demarche.canal": "rdv_prefecture",
        "demarche.titre_actuel": "carte de séjour temporaire « vie privée et familiale »",
        "decision_anterieure.existe": "non",
        "temoin.lien": "voisine depuis 2019",
    }
    for _ in range(6):
        step = page.locator("section.step:not([hidden])")
        name = step.get_attribute("data-step")
        if name == "verification":
            break
        visited.append(name)
        if len(visited) == 1:
            page.screenshot(path=str(tmp_path / f"v1-{lang}.png"), full_page=True)
        for field_name, value in new_answers.items():
            set_field(page, step, field_name, value)
        page.locator("#step-next").click()
        page.wait_for_function(
            "(name) => document.querySelector('section.step:not([hidden])').dataset.step !== name",
            arg=name,
        )
    assert visited == ["demarche", "decision", "temoin"]
    assert notice.is_hidden()
