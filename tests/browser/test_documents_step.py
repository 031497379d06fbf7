"""The documents step in a real browser: the verdict first, then what to do next in order
(in the person's language, fitted to the answers and the verdict), then the documents,
their previews folded one at a time so that the step stays short on a phone."""

import pytest
from interview import form_url, persona, translated, walk
from test_form import wait_ready, website_with_two_attempts

pytestmark = pytest.mark.browser

# The documents step of the ANEF persona at 360 px, in French, before the previews were
# folded and the checklist added: the same walk on commit e26671a, the step's height.
HEIGHT_BEFORE = 30_113


def answers_for(name: str) -> dict:
    """A persona, or a variant of one: « website-2-attempts » (not ready: one week only),
    « anef-without-email » (the ANEF persona without the préfecture's e-mail address)."""
    if name == "website-2-attempts":
        return website_with_two_attempts()
    if name == "anef-without-email":
        answers = persona("anef-renouvellement-prefete")
        answers["prefecture"]["courriel_service_etrangers"] = ""
        return answers
    return persona(name)


def open_documents(page, served_site, name: str, lang: str, width: int = 360) -> dict:
    """Walk the form with these answers at a phone's width, to the documents, all made."""
    answers = answers_for(name)
    page.set_viewport_size({"width": width, "height": 780})
    page.goto(form_url(served_site, lang))
    walk(page, answers)
    wait_ready(page)
    page.wait_for_selector('#documents[data-state="done"]', timeout=120_000)
    page.locator("#verdict-documents .verdict__main").wait_for()
    # The checklist's filing item follows the verdict: one of its three variants is shown.
    page.wait_for_selector('#next-steps li[data-next^="refere"]:not([hidden])')
    return answers


def shown_items(page) -> list[str]:
    return page.locator("#next-steps .next-steps__list > li:not([hidden])").evaluate_all(
        "items => items.map((item) => item.dataset.next)"
    )


# (answers, language, the checklist's items in order, the channel's own paragraph)
CHECKLISTS = [
    (
        "anef-renouvellement-prefete",
        "fr",
        ["email", "lettre", "essais", "refere", "enregistrer"],
        "anef",
    ),
    (
        "anef-renouvellement-prefete",
        "ar",
        ["email", "lettre", "essais", "refere", "enregistrer"],
        "anef",
    ),
    (
        "anef-without-email",
        "fr",
        ["email-find", "lettre", "essais", "refere", "enregistrer"],
        "anef",
    ),
    (
        "website-2-attempts",
        "fr",
        ["email-find", "lettre", "essais", "refere-later", "enregistrer"],
        "rdv_prefecture",
    ),
    (
        "website-2-attempts",
        "ar",
        ["email-find", "lettre", "essais", "refere-later", "enregistrer"],
        "rdv_prefecture",
    ),
    (
        "oqtf-sans-conseil",
        "ar",
        ["email-find", "lettre", "essais", "refere-blocked", "enregistrer"],
        "rdv_prefecture",
    ),
    (
        "demande-en-ligne-nord",
        "fr",
        ["email-find", "lettre", "essais", "refere", "enregistrer"],
        "demande_en_ligne",
    ),
]

ADDRESSES = ["prefecture.nom", "prefecture.adresse", "tribunal.nom", "tribunal.adresse"]

# The first words of each item, in French (the catalogs give the other languages).
LEADS = {
    "email": "Envoyez l'e-mail.",
    "email-find": "Envoyez l'e-mail.",
    "lettre": "Envoyez la lettre recommandée avec avis de réception.",
    "essais": "Continuez à essayer, et notez chaque essai.",
    "refere": "Déposez le référé au tribunal administratif.",
    "refere-later": "Le référé : pas encore.",
    "refere-blocked": "Ne déposez pas le référé seul.",
    "enregistrer": "Enregistrez vos réponses.",
}
# Where each item's link leads in the guide, in the page's own language.
GUIDE_LINKS = {
    "email": "etape-1-preuves/#email",
    "email-find": "etape-1-preuves/#email",
    "lettre": "etape-1-preuves/#lettre",
    "essais": "etape-1-preuves/#journal",
    "refere": "etape-2-refere/#deposer",
    "refere-later": "etape-2-refere/#quand",
    "refere-blocked": "avant-tout/#alertes",
}


@pytest.mark.parametrize(("name", "lang", "items", "canal"), CHECKLISTS)
def test_the_checklist_fits_the_answers_and_the_verdict(
    page, served_site, name, lang, items, canal
):
    answers = open_documents(page, served_site, name, lang)
    assert shown_items(page) == items
    checklist = page.locator("#next-steps")
    heading = checklist.locator("h3").inner_text()
    assert heading == translated(lang, "Ce que vous faites maintenant, dans l'ordre")
    shown = checklist.locator(".next-steps__list > li:not([hidden])")
    for index, item in enumerate(items):
        lead = shown.nth(index).locator("strong").first.inner_text()
        assert lead == translated(lang, LEADS[item]), item
        if item in GUIDE_LINKS:
            link = shown.nth(index).locator(f'a[href$="{GUIDE_LINKS[item]}"]')
            assert link.count() == 1, item
            # The guide's page in the same language, and the section the link names.
            target = link.evaluate("a => a.href")
            prefix = "" if lang == "fr" else f"{lang}/"
            assert target.startswith(served_site + prefix + GUIDE_LINKS[item].split("#")[0])
            assert page.request.get(target).ok
    channels = checklist.locator("[data-canal]:not([hidden])")
    assert channels.evaluate_all("ps => ps.map((p) => p.dataset.canal)") == [canal]
    # The addresses the person gave, copied in, French and left to right in any page.
    slots = checklist.locator("li:not([hidden]) [data-answer]:not([hidden])")
    assert set(slots.evaluate_all("ss => ss.map((s) => s.dir + s.lang)")) == {"ltrfr"}
    texts = slots.all_inner_texts()
    # As the form holds them: the département fills in what the persona leaves empty.
    field = {name: page.locator(f'[name="{name}"]').input_value() for name in ADDRESSES}
    if "email" in items:
        assert texts[0] == answers["prefecture"]["courriel_service_etrangers"]
    assert f"{field['prefecture.nom']}\n{field['prefecture.adresse']}" in texts
    if "refere" in items:
        assert texts[-2:] == [field["tribunal.nom"], field["tribunal.adresse"]]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_verdict_comes_first_then_the_checklist_then_the_documents(page, served_site, lang):
    open_documents(page, served_site, "anef-renouvellement-prefete", lang)
    step = page.locator("#etape-documents")
    order = step.evaluate(
        """(step) => [...step.querySelectorAll("#verdict-documents, #next-steps, #documents")]
            .map((el) => [el.id, el.getBoundingClientRect().top])"""
    )
    assert [name for name, _ in order] == ["verdict-documents", "next-steps", "documents"]
    tops = [top for _, top in order]
    assert tops == sorted(tops)
    # The step's heading, then the verdict's own sentence: nothing stands between them.
    first = step.evaluate("(s) => s.querySelector('h2').nextElementSibling.id")
    assert first == "verdict-documents"
    assert page.locator("#verdict-documents .verdict__main--ready").is_visible()


def test_one_preview_open_at_a_time_by_mouse_and_keyboard(page, served_site):
    open_documents(page, served_site, "anef-renouvellement-prefete", "fr")
    cards = page.locator("#documents section.document")
    previews = page.locator("#documents details.document__preview-box")
    assert previews.count() == cards.count() > 2
    assert page.locator("#documents details[open]").count() == 0
    # Each summary names its document; the card's actions are there without opening it.
    for index in range(cards.count()):
        card = cards.nth(index)
        title = card.locator(".document__title").inner_text()
        assert title in card.locator("summary").inner_text()
        assert card.locator('[data-action="copy"]').is_visible()
        assert not card.locator(".document__preview").is_visible()
    previews.nth(0).locator("summary").click()
    assert previews.nth(0).locator(".document__preview div.rdv-doc").is_visible()
    previews.nth(1).locator("summary").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelectorAll('#documents details[open]').length === 1"
    )
    assert previews.nth(1).get_attribute("open") is not None
    assert previews.nth(0).get_attribute("open") is None
    page.keyboard.press("Space")  # closes it again: nothing open
    page.wait_for_function(
        "() => document.querySelectorAll('#documents details[open]').length === 0"
    )


def step_height(page) -> int:
    return round(page.evaluate("document.getElementById('etape-documents').offsetHeight"))


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_step_is_short_on_a_phone(page, served_site, lang):
    """Folded previews: the step is a fraction of the 30,000 px it was with every preview
    open. The figure is printed; the bound is relative, not a timing."""
    open_documents(page, served_site, "anef-renouvellement-prefete", lang)
    height = step_height(page)
    print(f"documents step at 360 px ({lang}): {height} px (before: {HEIGHT_BEFORE} px)")
    assert height < HEIGHT_BEFORE / 3
    # Opening the longest preview (the référé, about 10,000 px on a phone) adds it alone.
    page.locator('section.document[data-kind="refere"] summary').click()
    opened = step_height(page)
    print(f"  with the référé's preview open: {opened} px")
    assert height < opened < HEIGHT_BEFORE * 2 / 3


# (language, width): no sideways scrolling on the step, with a preview open or not.
WIDTHS = [("fr", 320), ("fr", 360), ("ar", 320), ("ar", 360)]


@pytest.mark.parametrize(("lang", "width"), WIDTHS)
def test_no_sideways_scroll_on_the_documents_step(page, served_site, lang, width):
    open_documents(page, served_site, "anef-renouvellement-prefete", lang, width=width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.locator('section.document[data-kind="refere"] summary').click()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for name in ("website-2-attempts",):
        open_documents(page, served_site, name, lang, width=width)
        assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_checklist_saves_the_answers(page, served_site):
    """Its « Enregistrer mes réponses » is the page's own: the same file, and then the
    answers count as saved (a link leaves without asking)."""
    answers = open_documents(page, served_site, "website-2-attempts", "fr")
    button = page.locator('#next-steps [data-action="save-answers"]')
    with page.expect_download() as started:
        button.click()
    saved = started.value.path().read_text(encoding="utf-8")
    assert answers["personne"]["nom"] in saved
    address = page.url
    page.locator('#next-steps li:not([hidden]) a[href$="etape-2-refere/#quand"]').click()
    page.wait_for_url(lambda url: url != address)
    assert page.locator("dialog.leave-dialog").count() == 0
