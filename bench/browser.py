"""Forms in headless Chromium: time to ready and to the first document, cold and warm,
and the bytes each visit transfers. Prints a table. Needs a full build in output/.

Cold: a new browser profile (nothing cached). Warm: the same profile, reloaded after the
service worker has precached everything and the page has stored its Python memory
snapshot, so Python starts from the snapshot. Times are from navigation start.

"generate" is one document's preview (HTML and text) as the page waits for it, worker
round trip included; "odt" is its .odt file, made once every preview is on screen. Both
are medians over the documents of the first pass after boot, then ("again") of a second
pass, as when the person goes back to change an answer. "form warm, filled" opens the
answers only once the page has warmed up (see `visit`), so its times are from a longer
wait and only its generate columns compare.

"KB" is what the visit transferred (bodies and headers, compressed) until the first document
was on screen; for the guide page, the whole visit.

"form cold, slow 4G" is one first visit over Lighthouse's slow mobile network (150 ms
round trip, 1.6 Mbit/s down): what a phone on little data gets, where the bytes, not the
processor, set the time.
"""

import json
import statistics
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from chromium import launch  # noqa: E402
from serve import make_server  # noqa: E402

ANSWERS = ROOT / "forms" / "examples" / "answers-renouvellement.json"
RUNS = 5
# Lighthouse's "slow 4G" throttling, applied through the DevTools protocol.
SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6e6 / 8,
    "uploadThroughput": 750e3 / 8,
}


def cpu_times() -> list[int] | None:
    """The machine's CPU time counters (Linux), to tell a quiet run from a noisy one."""
    try:
        return [int(n) for n in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    except (OSError, ValueError):
        return None


def stolen_share(before: list[int] | None, after: list[int] | None) -> float | None:
    """The share of CPU time the hypervisor gave to other machines ("steal") in between.

    On a shared virtual machine the same build's cold visit ranges from 1.7 to 2.4 s with
    it: times are only comparable between runs where it is near zero.
    """
    if not before or not after or len(before) < 8:
        return None
    spent = [b - a for a, b in zip(before, after, strict=True)]
    return spent[7] / sum(spent) if sum(spent) else None


def serve(directory: Path):
    server = make_server(str(directory), "127.0.0.1", 0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def visit(
    context, url: str, answers: Path | None, patient: bool = False, network: dict | None = None
) -> dict:
    """One page load; with `answers`, the documents made from them.

    Impatient (the default), the answers are opened the moment the form appears: the worst
    case for the first document. Patient, they are opened once the page has warmed up, as
    when a person has spent a minute filling in the form.
    """
    page = context.new_page()
    transferred = []
    page.on(
        "requestfinished",
        lambda r: transferred.append(
            r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"]
        ),
    )
    if network:
        devtools = context.new_cdp_session(page)
        devtools.send("Network.enable")
        devtools.send("Network.emulateNetworkConditions", network)
    page.goto(url)
    if answers and patient:
        page.wait_for_function(
            "() => performance.getEntriesByName('rdv:warmed-up').length > 0", timeout=120_000
        )
    if answers:
        page.locator("#open-answers").set_input_files(str(answers))
        page.locator("#step-next").click()  # « Préparer mes documents »
        page.wait_for_function(
            "() => performance.getEntriesByName('rdv:first-document').length > 0", timeout=120_000
        )
        # What the target counts: the bytes it took to get there, not the pages the service
        # worker precaches afterwards for offline use.
        to_first_document = sum(transferred)
        # A second pass, as when the person goes back to change an answer: the same
        # documents once Python's code is warm.
        page.wait_for_selector('#documents[data-state="done"]', timeout=120_000)
        page.locator("#step-back").click()
        page.locator("#step-next").click()
        page.wait_for_function(
            "() => performance.getEntriesByName('rdv:generate-odt:journal').length > 1"
            " && document.getElementById('documents').dataset.state === 'done'",
            timeout=120_000,
        )
    boot = page.locator("body").get_attribute("data-python-boot")
    # First occurrence of each mark; the second pass's generate times under "again:".
    marks = page.evaluate(
        """() => {
            const out = {};
            for (const e of performance.getEntries().filter((e) => e.name.startsWith("rdv:"))) {
              const value = e.entryType === "measure" ? e.duration : e.startTime;
              out[e.name in out ? `again:${e.name}` : e.name] = value;
            }
            return out;
        }"""
    )
    page.wait_for_timeout(300)
    page.close()
    return {"bytes": to_first_document if answers else sum(transferred), "boot": boot, **marks}


def measure(site: Path) -> dict[str, list[dict]]:
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    results = {
        "form cold": [],
        "form warm": [],
        "form warm, filled": [],
        "form cold, slow 4G": [],
        "guide page cold": [],
    }
    with sync_playwright() as playwright:
        for _ in range(RUNS):
            with tempfile.TemporaryDirectory() as profile:
                context = launch(playwright, profile)
                results["form cold"].append(visit(context, base + "formulaire/", ANSWERS))
                page = context.new_page()
                page.goto(base + "formulaire/")
                page.wait_for_selector('body[data-offline-ready="true"]', timeout=120_000)
                page.wait_for_selector("body[data-python-snapshot]", timeout=120_000)
                page.close()
                results["form warm"].append(visit(context, base + "formulaire/", ANSWERS))
                results["form warm, filled"].append(
                    visit(context, base + "formulaire/", ANSWERS, patient=True)
                )
                context.close()
            if not results["form cold, slow 4G"]:  # one is enough: the network sets its time
                with tempfile.TemporaryDirectory() as profile:
                    context = launch(playwright, profile)
                    results["form cold, slow 4G"].append(
                        visit(context, base + "formulaire/", ANSWERS, network=SLOW_4G)
                    )
                    context.close()
            with tempfile.TemporaryDirectory() as profile:
                context = launch(playwright, profile)
                results["guide page cold"].append(visit(context, base + "etape-1-preuves/", None))
                context.close()
    server.shutdown()
    return results


def main():
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "output"
    if not (site / "sw.js").exists():
        raise SystemExit(f"{site} has no full build: run `make build` first")
    before = cpu_times()
    results = measure(site)
    stolen = stolen_share(before, cpu_times())
    columns = [
        ("usable ms", "rdv:form-usable"),
        ("worker ms", "rdv:worker:start"),
        ("python ms", "rdv:worker:python"),
        ("ready ms", "rdv:ready"),
        ("1st doc ms", "rdv:first-document"),
    ]
    print(f"{'visit':<19}{'boot':>9}{'KB':>8}" + "".join(f"{name:>12}" for name, _ in columns)
          + f"{'generate ms':>13}{'odt ms':>8}{'again ms':>10}{'odt ms':>8}")  # fmt: skip
    for name, runs in results.items():

        def median(key, runs=runs):
            values = [r[key] for r in runs if key in r]
            return f"{statistics.median(values):.0f}" if values else "—"

        def spread(prefix, runs=runs):
            values = [v for r in runs for k, v in r.items() if k.startswith(prefix)]
            return f"{statistics.median(values):.0f}" if values else "—"

        boots = {r["boot"] for r in runs if r.get("boot")}
        print(
            f"{name:<19}{'/'.join(sorted(boots)) or '—':>9}"
            f"{statistics.median(r['bytes'] for r in runs) / 1000:>8.0f}"
            + "".join(f"{median(key):>12}" for _, key in columns)
            + f"{spread('rdv:generate:'):>13}{spread('rdv:generate-odt:'):>8}"
            + f"{spread('again:rdv:generate:'):>10}{spread('again:rdv:generate-odt:'):>8}"
        )
    print(f"Runs per visit: {RUNS} (slow 4G: 1); times are medians, in ms from navigation.")
    if stolen is not None:
        print(f"CPU time taken by the hypervisor during the runs (steal): {stolen:.1%}")
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "browser.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
