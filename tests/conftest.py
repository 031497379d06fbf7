"""Shared fixtures: one real site build per test session, failing on any warning."""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from support import build_site  # noqa: E402


@pytest.fixture(scope="session")
def site_build(tmp_path_factory):
    """(output folder, log records at WARNING or above) of one full build.

    RDV_PREBUILT_SITE=path reuses a build already made, to iterate on the browser tests.
    """
    prebuilt = os.environ.get("RDV_PREBUILT_SITE")
    if prebuilt:
        return Path(prebuilt), []
    output = tmp_path_factory.mktemp("site") / "output"
    records = build_site(output)
    return output, records


@pytest.fixture(scope="session")
def site(site_build) -> Path:
    return site_build[0]


@pytest.fixture(scope="session")
def served_site(site):
    """Base URL of the built site served on localhost by the project's own server."""
    import threading

    sys.path.insert(0, str(ROOT / "scripts"))
    from serve import make_server

    server = make_server(str(site), "127.0.0.1", 0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
