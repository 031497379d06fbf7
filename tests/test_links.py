"""Every internal link and #anchor in the built site resolves."""

from support import html_files, ids, is_external, resolve, soup


def test_internal_links_and_anchors_resolve(site):
    broken = []
    for page in html_files(site):
        for tag in soup(page).find_all(["a", "link"], href=True):
            url = tag["href"]
            if is_external(url) or url.startswith(("mailto:", "tel:", "data:")):
                continue
            target, fragment = resolve(site, page, url)
            if not target.exists():
                broken.append(f"{page.relative_to(site)} → {url} (no file)")
            elif fragment and target.suffix == ".html" and fragment not in ids(target):
                broken.append(f"{page.relative_to(site)} → {url} (no #{fragment})")
    assert broken == []
