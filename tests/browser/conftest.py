"""Playwright driving Debian's Chromium against the built site served on localhost.

Every request to anything but the local server is aborted and counted: the count must
stay 0 for the whole session, because the site promises to load nothing from elsewhere.
"""

import shutil
import tempfile
from urllib.parse import urlsplit

import pytest
from chromium import CHROMIUM, launch


@pytest.fixture(scope="session")
def pw():
    """One Playwright for the session: its sync API cannot run twice in one thread."""
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(pw):
    profile = tempfile.mkdtemp(prefix="rdv-chromium-")
    context = launch(pw, profile, locale="fr-FR", accept_downloads=True)
    yield context
    context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def foreign_requests():
    """URLs of requests to another origin, aborted by the route below."""
    return []


@pytest.fixture
def page(browser, served_site, foreign_requests):
    origin = urlsplit(served_site).netloc

    def guard(route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob") or parts.netloc == origin:
            route.continue_()
        else:
            foreign_requests.append(url)
            route.abort()

    browser.route("**/*", guard)
    page = browser.new_page()
    page.set_default_timeout(60_000)
    errors, requests = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    # Every Content-Security-Policy violation on any page of the test is recorded.
    page.add_init_script(
        """window.__cspViolations = [];
        document.addEventListener("securitypolicyviolation", (event) => {
          window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
        });"""
    )
    page.errors = errors
    page.requests = requests
    yield page
    violations = [] if page.is_closed() else page.evaluate("window.__cspViolations || []")
    page.close()
    browser.unroute("**/*", guard)
    assert errors == [], errors
    assert violations == [], violations
    assert foreign_requests == [], foreign_requests


@pytest.fixture
def fresh_context(pw, tmp_path):
    """A new browser profile, with no routing, so the service worker behaves as for a person."""
    context = launch(pw, tmp_path / "profile", locale="fr-FR", accept_downloads=True)
    foreign = []

    def count(request):
        if urlsplit(request.url).hostname not in ("127.0.0.1", None):
            foreign.append(request.url)

    context.on("request", count)
    yield context
    context.close()
    assert foreign == []
