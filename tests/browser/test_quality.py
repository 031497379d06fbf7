"""Accessibility and robustness in a real browser: axe-core (WCAG 2.2 AA), reflow at
320 px and at 200 % zoom, a whole form walked with the keyboard only, hostile input."""

import sys
from pathlib import Path

import pytest
from interview import FORM_STEPS, open_answers

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from pelicanconf import DEFAULT_LANG, LANGUAGES  # noqa: E402

pytestmark = pytest.mark.browser

AXE = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGE_TYPES = ["", "etape-1-preuves/", "glossaire/", "trouver-son-tribunal/", "modeles/",
              "imprimer/", "a-propos/"]  # fmt: skip


def url(served_site: str, lang: str, path: str = "") -> str:
    return served_site + ("" if lang == DEFAULT_LANG else f"{lang}/") + path


def axe_violations(page) -> list[str]:
    # Evaluated through the DevTools protocol, which the page's CSP does not govern.
    page.evaluate(AXE + "; true")
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return [
        f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_on_every_page_type(page, served_site, lang):
    problems = {}
    for path in PAGE_TYPES:
        page.goto(url(served_site, lang, path))
        if violations := axe_violations(page):
            problems[path or "/"] = violations
    assert problems == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_on_every_form_step(page, served_site, tmp_path, lang):
    """Every step with a person's answers in it, the documents made."""
    problems = {}
    page.goto(url(served_site, lang, "formulaire/"))
    open_answers(page, tmp_path, "sous-prefecture-guichet-temoin")
    for step in FORM_STEPS:
        page.evaluate("(step) => { location.hash = `#etape-${step}`; }", step)
        page.wait_for_selector(f'section.step[data-step="{step}"]:not([hidden])')
        if step == "documents":
            page.wait_for_selector('#documents[data-state="done"]', timeout=120_000)
        if violations := axe_violations(page):
            problems[step] = violations
    assert problems == {}


@pytest.mark.parametrize("width", [320, 640])  # 640 CSS px = a 1280 px window at 200 % zoom
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_reflow_without_horizontal_scrolling(page, served_site, width, lang):
    page.set_viewport_size({"width": width, "height": 800})
    too_wide = {}
    for path in [*PAGE_TYPES, "formulaire/"]:
        page.goto(url(served_site, lang, path))
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            too_wide[path or "/"] = scroll
    assert too_wide == {}


def tab_until(page, predicate: str, limit: int = 80) -> None:
    """Press Tab until the focused element satisfies the JS `predicate(el)`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(({predicate}))(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached an element where {predicate}")


def by_name(name: str) -> str:
    return f'el => el.name === "{name}"'


def next_step(page, expected: str) -> None:
    tab_until(page, 'el => el.id === "step-next"')
    page.keyboard.press("Enter")
    page.wait_for_selector(f'section.step[data-step="{expected}"]:not([hidden])')


def test_whole_form_with_the_keyboard_only(page, served_site, browser):
    browser.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(url(served_site, "fr", "formulaire/"))
    tab_until(page, by_name("demarche.type"))
    page.keyboard.press("Space")  # the first choice: a renewal
    tab_until(page, by_name("demarche.canal"))
    page.keyboard.press("ArrowDown")  # « Avec un rendez-vous à prendre sur le site … »
    tab_until(page, by_name("demarche.expiration_titre"))
    page.keyboard.type("31102026")
    next_step(page, "decision")
    tab_until(page, by_name("decision_anterieure.existe"))
    page.keyboard.press("Space")  # « Non »
    next_step(page, "departement")
    tab_until(page, by_name("departement"))
    page.keyboard.type("93")
    next_step(page, "personne")
    assert page.locator('[name="tribunal.nom"]').input_value().endswith("Montreuil")
    for name, keys in [("personne.nom", "DIALLO"), ("personne.prenom", "Aïssatou"),
                       ("personne.date_naissance", "14031988")]:  # fmt: skip
        tab_until(page, by_name(name))
        page.keyboard.type(keys)
    next_step(page, "tentatives")
    tab_until(page, 'el => el.id === "log-now"')
    page.keyboard.press("Enter")
    assert page.locator("#log-table tbody tr").count() == 1
    next_step(page, "temoin")
    tab_until(page, by_name("a_temoin"))
    page.keyboard.press("ArrowDown")  # « Non »
    next_step(page, "urgence")
    next_step(page, "avocat")
    tab_until(page, by_name("a_avocat"))
    page.keyboard.press("Space")  # « Non, je fais la demande moi-même »
    next_step(page, "demandes")
    next_step(page, "signature")
    next_step(page, "verification")
    next_step(page, "documents")
    page.wait_for_selector('#documents[data-state="done"]', timeout=120_000)
    tab_until(page, 'el => el.dataset.action === "copy"')
    page.keyboard.press("Enter")
    status = page.locator('section.document[data-kind="email"] .document__status')
    status.wait_for()
    assert status.inner_text() == "Texte copié."
    assert "DIALLO" in page.evaluate("navigator.clipboard.readText()")


def test_runtime_status_is_a_live_region(page, served_site):
    page.goto(url(served_site, "fr", "formulaire/"))
    status = page.locator("#runtime-status")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"


@pytest.mark.parametrize(
    ("field", "value", "message_part"),
    [
        ("personne.nom", "DIA\u202eLLO", "invisible"),
        ("personne.date_naissance", "01/01/2099", "passé"),
    ],
)
def test_hostile_input_gets_a_clear_error(page, served_site, tmp_path, field, value, message_part):
    page.goto(url(served_site, "fr", "formulaire/"))
    open_answers(page, tmp_path, "sous-prefecture-guichet-temoin")
    page.evaluate("location.hash = '#etape-personne'")
    page.wait_for_selector('#runtime-status[data-state="ready"]', timeout=120_000)
    page.locator(f'[name="{field}"]').fill(value)
    page.locator("#step-next").click()
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert message_part in summary.inner_text()
    assert page.locator(f'[name="{field}"]').get_attribute("aria-invalid") == "true"
    assert page.locator(f'[name="{field}"]').input_value() == value  # nothing typed is lost


def test_a_megabyte_pasted_neither_hangs_nor_explodes(page, served_site, tmp_path):
    page.goto(url(served_site, "fr", "formulaire/"))
    open_answers(page, tmp_path, "sous-prefecture-guichet-temoin")
    page.evaluate("location.hash = '#etape-urgence'")
    page.wait_for_selector('#runtime-status[data-state="ready"]', timeout=120_000)
    details = page.locator('[name="urgence.details"]')
    maxlength = int(details.get_attribute("maxlength"))
    details.fill("x" * 1_000_000)  # as typed or pasted: the browser enforces maxlength
    assert len(details.input_value()) == maxlength
    # Forced past the limit by script, Python refuses it quickly with a message.
    page.evaluate("document.querySelector('[name=\"urgence.details\"]').value = 'y'.repeat(1e6)")
    page.locator("#step-next").click()
    page.locator("#error-summary").wait_for(timeout=10_000)
    assert "long" in page.locator("#error-summary").inner_text()
