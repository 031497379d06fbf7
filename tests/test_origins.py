"""Nothing a page loads comes from another origin: offline use and privacy depend on it."""

import re

from support import html_files, is_external, soup

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
        # No inline script or style block at all: the CSP allows neither.
        offenders += [f"{page.relative_to(site)}: inline <script>" for s in doc.find_all("script")
                      if not s.get("src")]  # fmt: skip
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
