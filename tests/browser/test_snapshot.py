"""The Python memory snapshot: a second visit starts from it, it holds nobody's data, and a
broken one is dropped without the person noticing.

Each test has a profile of its own, so whether a snapshot exists never depends on which
test ran before.
"""

import pytest
from chromium import CHROMIUM, CHROMIUM_ARGS
from interview import persona, walk
from test_form import cli_text, form_url, wait_ready

pytestmark = pytest.mark.browser

CANARY = "CANARISNAPSHOT4d1e"
CACHE = "rdv-forms-python-snapshot"


@pytest.fixture
def profile(pw, tmp_path):
    context = pw.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        headless=True,
        locale="fr-FR",
        accept_downloads=True,
    )
    yield context
    context.close()


def snapshot_contents(page, canary: str) -> dict:
    return page.evaluate(
        """async ([cacheName, canary]) => {
            const cache = await caches.open(cacheName);
            const keys = await cache.keys();
            if (keys.length !== 1) return { keys: keys.map((r) => r.url) };
            const stored = await cache.match(keys[0]);
            const inflated = stored.body.pipeThrough(new DecompressionStream("gzip"));
            const bytes = new Uint8Array(await new Response(inflated).arrayBuffer());
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
              keys: keys.map((r) => r.url),
              size: bytes.length,
              canary: has(canary),
              module: has("rdv_forms.documents.refere"),
            };
        }""",
        [CACHE, canary],
    )


def make_documents(page, answers: dict) -> list[str]:
    walk(page, answers)
    wait_ready(page)
    page.wait_for_selector('#documents[data-state="done"]', timeout=120_000)
    return page.locator("#documents section.document").evaluate_all(
        "cs => cs.map(c => c.dataset.kind)"
    )


def test_second_visit_starts_from_a_snapshot_that_holds_no_answer(profile, served_site):
    page = profile.new_page()
    page.set_default_timeout(60_000)
    page.goto(form_url(served_site, "fr"))
    # The person fills the whole form and gets the documents while the snapshot is made.
    answers = persona("renouvellement-titre-expire")
    answers["personne"]["nom"] = CANARY
    make_documents(page, answers)
    assert page.locator("body").get_attribute("data-python-boot") == "fresh"
    page.wait_for_selector('body[data-python-snapshot="stored"]', timeout=120_000)

    stored = snapshot_contents(page, CANARY)
    assert len(stored["keys"]) == 1 and "/pyodide/" in stored["keys"][0]
    assert stored["size"] > 10_000_000  # a whole Python heap…
    assert stored["module"]  # …with the forms package imported…
    assert not stored["canary"]  # …and not a trace of the answers.

    page.goto(form_url(served_site, "fr"))  # not reload(): the URL now ends in #etape-documents
    kinds = make_documents(page, persona("renouvellement-titre-expire"))
    assert page.locator("body").get_attribute("data-python-boot") == "snapshot"
    assert page.evaluate("performance.getEntriesByName('rdv:worker:snapshot-failed').length") == 0
    for kind in kinds:
        card = page.locator(f'#documents section.document[data-kind="{kind}"]')
        with page.expect_download() as download:
            card.locator('[data-action="txt"]').click()
        expected = cli_text(kind, "renouvellement-titre-expire")
        assert download.value.path().read_text(encoding="utf-8") == expected, kind
        with page.expect_download() as download:
            card.locator('[data-action="odt"]').click()
        assert download.value.path().read_bytes()[:2] == b"PK", kind


# Same key, wrong bytes: what a write cut short or memory from another build would leave.
BREAK_SNAPSHOT = """async ([cacheName, corruption]) => {
    const cache = await caches.open(cacheName);
    const [key] = await cache.keys();
    const bytes = new Uint8Array(await (await cache.match(key)).arrayBuffer());
    const read = (stream) => new Response(stream).arrayBuffer().then((b) => new Uint8Array(b));
    const gzip = (raw) => new Blob([raw]).stream().pipeThrough(new CompressionStream("gzip"));
    const gunzip = (raw) => new Blob([raw]).stream().pipeThrough(new DecompressionStream("gzip"));
    let broken;
    if (corruption === "truncated") {
      broken = bytes.slice(0, bytes.length >> 1);
    } else {
      const memory = await read(gunzip(bytes));
      memory[20] ^= 0xff; // inside the Pyodide build id that starts the snapshot
      broken = await read(gzip(memory));
    }
    await cache.put(key, new Response(broken));
}"""


@pytest.mark.parametrize("corruption", ["truncated", "other build"])
def test_a_broken_snapshot_is_dropped_and_replaced(profile, served_site, corruption):
    page = profile.new_page()
    page.set_default_timeout(60_000)
    page.goto(form_url(served_site, "fr"))
    page.wait_for_selector('body[data-python-snapshot="stored"]', timeout=120_000)
    page.evaluate(BREAK_SNAPSHOT, [CACHE, corruption])

    page.goto(form_url(served_site, "fr"))
    kinds = make_documents(page, persona("renouvellement-titre-expire"))
    assert "refere" in kinds
    assert page.locator("body").get_attribute("data-python-boot") == "fresh"
    assert page.evaluate("performance.getEntriesByName('rdv:worker:snapshot-failed').length") == 1
    page.wait_for_selector('body[data-python-snapshot="stored"]', timeout=120_000)
    assert snapshot_contents(page, CANARY)["size"] > 10_000_000

    page.reload()
    wait_ready(page)
    assert page.locator("body").get_attribute("data-python-boot") == "snapshot"
