"""Offline after one visit: the real server is stopped, not emulated (emulation misses
service-worker traffic), then the guide and the forms must still work."""

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
    page.wait_for_selector("#offline-status:not([hidden])")


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
        preview = page.locator(f'section.document[data-kind="{kind}"] .document__preview')
        assert preview.inner_text().strip(), kind


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
