"""The Python memory snapshot: a second visit starts from it, it holds nobody's data, and a
broken one is dropped without the person noticing.

Each test has a profile of its own (`fresh_context`), so whether a snapshot exists never
depends on which test ran before.
"""

import pytest
from interview import download, form_url, persona, walk
from test_form import cli_text, wait_ready

pytestmark = pytest.mark.browser

CANARY = "CANARISNAPSHOT4d1e"
FOLDER = "rdv-forms-python-snapshot"  # in the origin private file system


def snapshot_contents(page, canary: str) -> dict:
    return page.evaluate(
        """async ([folderName, canary]) => {
            const root = await navigator.storage.getDirectory();
            const folder = await root.getDirectoryHandle(folderName);
            const files = [];
            for await (const [name, handle] of folder.entries()) files.push([name, handle]);
            if (files.length !== 1) return { names: files.map(([name]) => name) };
            const [name, handle] = files[0];
            const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
            const has = (text) => {
              const needle = new TextEncoder().encode(text);
              const first = needle[0];
              for (let i = bytes.indexOf(first); i !== -1; i = bytes.indexOf(first, i + 1)) {
                let j = 1;
                while (j < needle.length && bytes[i + j] === needle[j]) j++;
                if (j === needle.length) return true;
              }
              return false;
            };
            return {
              names: [name],
              size: bytes.length,
              canary: has(canary),
              module: has("rdv_forms.documents.refere"),
            };
        }""",
        [FOLDER, canary],
    )


def runtime_hash(page) -> str:
    runtime = page.locator("#forms-boot").get_attribute("data-runtime")
    return runtime.rstrip("/").rsplit("/", 1)[-1]


def make_documents(page, answers: dict) -> list[str]:
    walk(page, answers)
    wait_ready(page)
    page.wait_for_selector('#documents[data-state="done"]', timeout=120_000)
    return page.locator("#documents section.document").evaluate_all(
        "cs => cs.map(c => c.dataset.kind)"
    )


def test_second_visit_starts_from_a_snapshot_that_holds_no_answer(fresh_context, served_site):
    page = fresh_context.new_page()
    page.set_default_timeout(60_000)
    page.goto(form_url(served_site, "fr"))
    # The person fills the whole form and gets the documents while the snapshot is made.
    answers = persona("rdv-prefecture-avocat-ajaccio")
    answers["personne"]["nom"] = CANARY
    make_documents(page, answers)
    assert page.locator("body").get_attribute("data-python-boot") == "fresh"
    page.wait_for_selector('body[data-python-snapshot="stored"]', timeout=120_000)

    stored = snapshot_contents(page, CANARY)
    (name,) = stored["names"]
    assert name == f"{runtime_hash(page)}.{stored['size']}.snapshot"
    assert stored["size"] > 10_000_000  # a whole Python heap…
    assert stored["module"]  # …with the forms package imported…
    assert not stored["canary"]  # …and not a trace of the answers.

    page.goto(form_url(served_site, "fr"))  # not reload(): the URL now ends in #etape-documents
    kinds = make_documents(page, persona("rdv-prefecture-avocat-ajaccio"))
    assert page.locator("body").get_attribute("data-python-boot") == "snapshot"
    assert page.evaluate("performance.getEntriesByName('rdv:worker:snapshot-failed').length") == 0
    for kind in kinds:
        card = page.locator(f'#documents section.document[data-kind="{kind}"]')
        expected = cli_text(kind, "rdv-prefecture-avocat-ajaccio")
        assert download(page, card, "txt").read_text(encoding="utf-8") == expected, kind
        assert download(page, card, "odt").read_bytes()[:2] == b"PK", kind


# Wrong bytes where the snapshot was: a write cut short, or memory from another build.
BREAK_SNAPSHOT = """async ([folderName, corruption]) => {
    const root = await navigator.storage.getDirectory();
    const folder = await root.getDirectoryHandle(folderName);
    const [[name, handle]] = await Array.fromAsync(folder.entries());
    const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
    const write = async (fileName, data) => {
      const file = await folder.getFileHandle(fileName, { create: true });
      const writable = await file.createWritable();
      await writable.write(data);
      await writable.close();
    };
    if (corruption === "truncated") {
      await write(name, bytes.slice(0, bytes.length >> 1));  // the name keeps the full length
    } else {
      bytes[20] ^= 0xff;  // inside the Pyodide build id that starts the snapshot
      await write(name, bytes);
    }
}"""


@pytest.mark.parametrize("corruption", ["truncated", "other build"])
def test_a_broken_snapshot_is_dropped_and_replaced(fresh_context, served_site, corruption):
    page = fresh_context.new_page()
    page.set_default_timeout(60_000)
    page.goto(form_url(served_site, "fr"))
    page.wait_for_selector('body[data-python-snapshot="stored"]', timeout=120_000)
    page.evaluate(BREAK_SNAPSHOT, [FOLDER, corruption])

    page.goto(form_url(served_site, "fr"))
    kinds = make_documents(page, persona("rdv-prefecture-avocat-ajaccio"))
    assert "refere" in kinds
    assert page.locator("body").get_attribute("data-python-boot") == "fresh"
    # A short file is never even tried; memory from another build is tried and refused.
    tried = page.evaluate("performance.getEntriesByName('rdv:worker:snapshot-failed').length")
    assert tried == (corruption == "other build")
    page.wait_for_selector('body[data-python-snapshot="stored"]', timeout=120_000)
    assert snapshot_contents(page, CANARY)["size"] > 10_000_000

    page.reload()
    wait_ready(page)
    assert page.locator("body").get_attribute("data-python-boot") == "snapshot"
