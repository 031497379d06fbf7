"""Walk the real interview as a person would: through labels, one step at a time."""

import json
from datetime import date
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PERSONAS = ROOT / "tests" / "forms" / "personas"
# Every step of the form, in its order (the page's `section.step[data-step]`).
FORM_STEPS = ["demarche", "decision", "departement", "personne", "tentatives", "temoin",
              "urgence", "avocat", "demandes", "signature", "verification",
              "documents"]  # fmt: skip


def form_url(served_site: str, lang: str) -> str:
    return served_site + ("" if lang == "fr" else f"{lang}/") + "formulaire/"


def translated(lang: str, msgid: str) -> str:
    """The interface catalog's translation of `msgid` (the French itself in French): tests
    compare what the page shows with the catalogs, never with their own copy of the words."""
    if lang == "fr":
        return msgid
    path = ROOT / "theme" / "translations" / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as source:
        message = read_po(source)[msgid]
    assert message is not None and message.string, (lang, msgid)
    return message.string


def persona(name: str) -> dict:
    return json.loads((PERSONAS / f"{name}.json").read_text(encoding="utf-8"))


def flatten(answers: dict) -> dict[str, object]:
    """{"personne.nom": "DIALLO", …} for the fields the form shows as inputs."""
    flat = {"departement": answers.get("departement", "")}
    for group, values in answers.items():
        if isinstance(values, dict):
            for key, value in values.items():
                flat[f"{group}.{key}"] = value
    return flat


def label_of(page, element_id: str) -> str:
    """The visible text of the label the page associates with this control."""
    return page.evaluate(
        r"""(id) => {
            const label = document.querySelector(`label[for="${id}"]`);
            return label.textContent.replace(/\s+/g, " ").trim();
        }""",
        element_id,
    )


def by_label(page, scope, element_id: str):
    return scope.get_by_label(label_of(page, element_id), exact=True)


def set_field(page, step, name: str, value) -> None:
    if value in (None, "", []):
        return
    controls = step.locator(f'[name="{name}"]')
    if controls.count() == 0:
        return
    first = controls.first
    kind = first.get_attribute("type") or first.evaluate("e => e.tagName.toLowerCase()")
    if kind in ("radio", "checkbox"):
        for choice in value if isinstance(value, list) else [value]:
            control = step.locator(f'[name="{name}"][value="{choice}"]')
            by_label(page, step, control.get_attribute("id")).check()
        return
    if not first.is_visible():
        return
    control = by_label(page, step, first.get_attribute("id"))
    if kind == "select":
        control.select_option(str(value))
    else:
        control.fill(str(value))


def add_attempt(page, step, row: dict) -> None:
    """One row of the log: its kind first, which shows that kind's own fields."""
    by_label(page, step, "log-moyen").select_option(row["moyen"])
    for key in ("date", "heure", "resultat", "preuve", "message_erreur", "reference", "lieu"):
        if row.get(key):
            by_label(page, step, f"log-{key}").fill(row[key])
    for key in ("avec_temoin", "accuse_reception"):
        if row.get(key):
            by_label(page, step, f"log-{key}").select_option(row[key])
    step.locator("#log-save").click()


def walk(page, answers: dict, until: str | None = None) -> None:
    """Fill every step from `answers`, then open the documents step; or stop on step
    `until` once it is filled (its attempts typed, for the attempts step)."""
    flat = flatten(answers)
    for _ in range(20):
        step = page.locator("section.step:not([hidden])")
        name = step.get_attribute("data-step")
        if name == "documents":
            return
        if name == "tentatives" and page.locator("#log-table tbody tr").count() == 0:
            for row in answers.get("tentatives", []):
                add_attempt(page, step, row)
        elif name == "temoin":
            set_field(page, step, "a_temoin", "oui" if answers.get("temoin") else "non")
        elif name == "avocat":
            set_field(page, step, "a_avocat", "oui" if answers.get("avocat") else "non")
        for field_name in step.locator("[name]").evaluate_all(
            "els => [...new Set(els.map(e => e.name))]"
        ):
            set_field(page, step, field_name, flat.get(field_name))
        if name == until:
            return
        next_step(page, name)
    raise AssertionError("the interview never reached the documents step")


def next_step(page, name: str) -> None:
    """« Continuer » on step `name`: the next step shows, with no error summary."""
    page.locator("#step-next").click()
    page.wait_for_function(
        """(name) => document.querySelector("section.step:not([hidden])").dataset.step !== name
            || !document.getElementById("error-summary").hidden""",
        arg=name,
    )
    errors = page.locator("#error-summary:not([hidden])")
    assert errors.count() == 0, f"step {name}: {errors.inner_text()}"


def open_answers(page, folder: Path, answers: dict | str) -> None:
    """Open answers (a persona's name, or the answers) with « Ouvrir mes réponses », as a
    person who saved them earlier would; the form goes as far as they are complete."""
    source = folder / "answers.json"
    content = persona(answers) if isinstance(answers, str) else answers
    source.write_text(json.dumps(content), encoding="utf-8")
    page.locator("#open-answers").set_input_files(str(source))
    # Read (the page empties the input) and shown: the step on screen is the address's.
    page.wait_for_function(
        "() => { const step = location.hash && document.querySelector(location.hash);"
        " return document.getElementById('open-answers').value === '' && step && !step.hidden; }"
    )


def download(page, card, action: str) -> Path:
    """Click a document card's download link (`txt`, `odt`); the file it gave.

    Chromium drops any download past ten in one second (chromedp/chromedp#791), and a
    test that checks every card clicks faster than that: a pause keeps under the limit.
    """
    page.wait_for_timeout(150)
    with page.expect_download() as started:
        card.locator(f'[data-action="{action}"]').click()
    return started.value.path()


def today() -> str:
    return date.today().isoformat()


def storage_snapshot(page) -> str:
    """Everything the page's origin keeps: web storage, cookies, databases, every cache's
    addresses and texts; an answer found here was stored."""
    return page.evaluate(
        """async () => {
            const out = [JSON.stringify(localStorage), JSON.stringify(sessionStorage)];
            out.push(document.cookie);
            if (indexedDB.databases) out.push(JSON.stringify(await indexedDB.databases()));
            if (self.caches) {
              for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                for (const request of await cache.keys()) {
                  out.push(request.url);
                  const response = await cache.match(request);
                  const type = response.headers.get("content-type") || "";
                  const binary = type.includes("wasm") || type.includes("zip");
                  if (!binary) out.push(await response.text());
                }
              }
            }
            return out.join("\\n");
        }"""
    )
