"""Offline after one visit: the real server is stopped, not emulated (emulation misses
service-worker traffic), then the guide and the forms must still work."""

import json
import re
import shutil
import sys
import threading
from pathlib import Path

import pytest
from interview import persona, walk

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "plugins"))

pytestmark = pytest.mark.browser


class Server:
    """The project's own static server on a free port, stoppable mid-test."""

    def __init__(self, directory: Path):
        from serve import make_server

        self.httpd = make_server(str(directory), "127.0.0.1", 0, quiet=True)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def wait_offline_ready(page):
    page.wait_for_selector('body[data-offline-ready="true"]', timeout=120_000)
    page.wait_for_selector(".offline-status:not([hidden])")


def test_everything_works_after_the_server_stops(site, fresh_context):
    server = Server(site)
    page = fresh_context.new_page()
    page.set_default_timeout(60_000)
    page.goto(server.url + "formulaire/")
    wait_offline_ready(page)
    page.wait_for_selector('#runtime-status[data-state="ready"]', timeout=120_000)
    server.stop()

    page.reload()
    assert page.locator("h1").inner_text() == "Préparer mes documents"
    page.locator(".guide-nav summary").click()
    page.locator(".guide-nav a[href*='etape-1-preuves']").click()
    page.wait_for_url(re.compile(r"etape-1-preuves/$"))
    assert page.locator("h1").count() == 1

    page.goto(server.url + "formulaire/")
    walk(page, persona("sous-prefecture-guichet-temoin"))
    page.wait_for_selector('#runtime-status[data-state="ready"]', timeout=120_000)
    page.wait_for_selector('#documents[data-state="done"]', timeout=120_000)
    cards = page.locator("#documents section.document")
    kinds = cards.evaluate_all("cs => cs.map(c => c.dataset.kind)")
    assert {"email", "lettre", "refere", "bordereau", "journal"} <= set(kinds)
    for kind in kinds:
        card = page.locator(f'section.document[data-kind="{kind}"]')
        card.locator("summary").click()  # previews are folded, one open at a time
        assert card.locator(".document__preview").inner_text().strip(), kind


def precache_state(page) -> dict:
    return page.evaluate(
        """async () => {
            const out = {};
            for (const name of await caches.keys()) {
              if (!name.includes("precache")) continue;
              const cache = await caches.open(name);
              out[name] = (await cache.keys()).map((r) => r.url);
            }
            return out;
        }"""
    )


def test_update_prompt_and_single_precache_after_rebuild(site, fresh_context, tmp_path):
    from offline.offline import DEFAULTS, build_service_worker
    from precompress.precompress import compress_file

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    server = Server(copy)
    page = fresh_context.new_page()
    page.set_default_timeout(60_000)
    page.goto(server.url)
    wait_offline_ready(page)
    before = precache_state(page)
    assert len(before) == 1

    # A rebuild with changed content: the stylesheet changes, the service worker is regenerated.
    css = copy / "theme" / "css" / "guide.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    build_service_worker(ROOT, copy, {**DEFAULTS, "site_lang": "fr"})
    # As the build does last: fresh .br/.gz, or the server would send the old ones.
    for changed in (css, copy / "sw.js"):
        compress_file(changed, tmp_path / "compress-cache")

    page.reload()
    banner = page.locator("#update-banner")
    banner.wait_for(state="visible", timeout=120_000)
    with page.expect_navigation():
        banner.get_by_role("button").click()
    wait_offline_ready(page)
    after = precache_state(page)
    assert len(after) == 1
    (urls,) = after.values()
    revisions = dict(re.findall(r'url:"([^"]+)",revision:"([^"]+)"', (copy / "sw.js").read_text()))
    css_url = next(u for u in urls if "guide.css" in u)
    assert f"__WB_REVISION__={revisions['theme/css/guide.css']}" in css_url
    server.stop()


def offline_title(site: Path, lang: str) -> str:
    """The offline page's heading in LANG, as the build wrote it."""
    folder = site if lang == "fr" else site / lang
    html = (folder / "hors-ligne" / "index.html").read_text(encoding="utf-8")
    return re.search(r"<h1>(.*?)</h1>", html).group(1)


@pytest.mark.parametrize(
    "path, lang",
    [
        ("ar/glossaire/", "ar"),  # a language never visited
        ("fa/etape-2-refere/", "fa"),
        ("ar/imprimer/guide-ar-a4.pdf", "ar"),  # a booklet not prepared
        ("page-qui-n-existe-pas/", "fr"),  # no language in the address: the main one
    ],
)
def test_uncached_page_shows_our_offline_page_in_its_language(site, fresh_context, path, lang):
    server = Server(site)
    page = fresh_context.new_page()
    page.set_default_timeout(60_000)
    page.goto(server.url)
    wait_offline_ready(page)
    server.stop()

    page.goto(server.url + path)
    assert page.locator("h1").inner_text() == offline_title(site, lang)
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang in ("ar", "fa") else "ltr")
    # Its stylesheet and links work at the address asked for, not only at its own.
    assert page.evaluate("getComputedStyle(document.querySelector('.site-footer')).display") != ""
    assert page.evaluate("document.styleSheets[0].cssRules.length") > 0
    home = page.locator(".offline-page a").first.get_attribute("href")
    assert page.evaluate("(h) => new URL(h, document.baseURI).href", home) == (
        server.url if lang == "fr" else f"{server.url}{lang}/"
    )


def test_prepared_device_opens_every_language_and_the_booklets(site, fresh_context):
    pdf = next(site.glob("ar/imprimer/*.pdf"), None)
    if pdf is None:
        pytest.skip("this build has no booklets (built without plugins/booklets)")
    listing = json.loads((site / "offline-files.json").read_text(encoding="utf-8"))
    server = Server(site)
    page = fresh_context.new_page()
    page.set_default_timeout(60_000)
    page.goto(server.url + "imprimer/")
    wait_offline_ready(page)
    assert page.locator("#offline-status a").get_attribute("href").endswith("#preparer")

    button = page.locator("#prepare-device")
    button.click()
    page.wait_for_selector('#prepare-device[data-state="confirm"]')
    status = page.locator("#prepare-device-status").inner_text()
    assert f"{len(listing['files'])} fichiers" in status
    size = f"{listing['bytes'] / 1e6:.1f}".replace(".", ",")
    assert size in status and size in button.inner_text()
    button.click()
    page.wait_for_selector('#prepare-device[data-state="done"]', state="attached", timeout=300_000)
    assert page.locator("#prepare-device-progress").get_attribute("value") == str(
        len(listing["files"])
    )
    assert page.locator("#offline-status-all").is_visible()
    server.stop()

    page.goto(server.url + "ar/etape-2-refere/")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator(".offline-page").count() == 0
    assert page.locator("h1").inner_text() != offline_title(site, "ar")
    page.wait_for_selector("#offline-status-all:not([hidden])")
    url = server.url + pdf.relative_to(site).as_posix()
    head = page.evaluate(
        """async (url) => {
            const response = await fetch(url);
            const bytes = new Uint8Array(await response.arrayBuffer());
            return [response.status, bytes.length, String.fromCharCode(...bytes.slice(0, 5))];
        }""",
        url,
    )
    assert head == [200, pdf.stat().st_size, "%PDF-"]
    # Opened in a tab, the booklet is a navigation: it shows in Chromium's PDF viewer, whose
    # chrome-extension:// requests the fixture counts as another origin: not asserted here
    # (it did open in the viewer with the server stopped when tried; see build-sw.mjs's routes).
