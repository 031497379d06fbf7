"""Nothing a page loads comes from another origin: offline use and privacy depend on it."""

import base64
import hashlib
import re
import sys

import pytest
from support import ROOT, html_files, is_external, soup

sys.path.insert(0, str(ROOT / "plugins"))
from pyodide_forms.pyodide_forms import boot_script

CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")
REMOTE_IMPORT = re.compile(r"""(?:import\s*\(|from\s+|importScripts\()\s*['"](https?://[^'"]+)""")
LOADING_ATTRS = {
    "script": ["src"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "iframe": ["src"],
    "audio": ["src"],
    "video": ["src", "poster"],
    "embed": ["src"],
    "object": ["data"],
    "track": ["src"],
    "input": ["src"],
    "link": ["href"],  # stylesheets, icons, preloads, manifests: all are fetched
    "meta": [],
}


def test_html_loads_only_same_origin(site):
    offenders = []
    for page in html_files(site):
        doc = soup(page)
        for tag_name, attrs in LOADING_ATTRS.items():
            for tag in doc.find_all(tag_name):
                for attr in attrs:
                    for url in (tag.get(attr) or "").replace(",", " ").split():
                        if is_external(url) and not url.startswith("data:"):
                            offenders.append(f"{page.relative_to(site)}: <{tag_name} {attr}={url}>")
        offenders += [f"{page.relative_to(site)}: inline style" for _ in doc.find_all(style=True)]
        # No inline style block at all, and no inline script but the ones the page's own
        # CSP names by their hash: the CSP allows nothing else.
        policy = doc.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        offenders += [f"{page.relative_to(site)}: inline <script>" for s in doc.find_all("script")
                      if not s.get("src") and _csp_hash(s.string or "") not in policy]  # fmt: skip
        offenders += [f"{page.relative_to(site)}: <style>" for _ in doc.find_all("style")]
        for block in doc.find_all("style"):
            offenders += [f"{page.relative_to(site)}: {m}" for m in CSS_URL.findall(block.text)]
    assert offenders == []


def test_css_and_js_load_only_same_origin(site):
    offenders = []
    for sheet in site.rglob("*.css"):
        for match in CSS_URL.finditer(sheet.read_text(encoding="utf-8")):
            url = match.group(1) or match.group(2)
            if is_external(url):
                offenders.append(f"{sheet.relative_to(site)}: {url}")
    for script in [*site.rglob("*.js"), *site.rglob("*.mjs")]:
        text = script.read_text(encoding="utf-8", errors="replace")
        for url in REMOTE_IMPORT.findall(text):
            offenders.append(f"{script.relative_to(site)}: {url}")
    assert offenders == []


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_form_page_inlines_the_boot_script_its_csp_allows(site):
    script = soup(site / "formulaire" / "index.html").find("script", id="forms-boot")
    assert script.string == boot_script()["script"]
    assert _csp_hash(script.string) == boot_script()["csp"]


# The deployment headers repeat the page's CSP, and a header CSP that lacked the hash
# would block the boot script: the form would never start Python.
@pytest.mark.parametrize("config", ["deploy/_headers", "deploy/nginx.conf"])
def test_deployment_csp_allows_the_boot_script(config):
    text = (ROOT / config).read_text("utf-8")
    policies = [line for line in text.splitlines() if "style-src" in line]
    assert policies, f"{config} has no page CSP"
    missing = [line for line in policies if boot_script()["csp"] not in line]
    assert missing == [], f"put {boot_script()['csp']} in script-src of {config}"
