"""How the tests start Debian's Chromium: headless, and never calling home."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]


def launch(playwright, profile, **options):
    """A persistent browser profile in `profile`, headless, with the arguments above.

    With the back-forward cache on, as a person's browser has it: Playwright turns it off by
    default, and Back would then never show what the cache keeps of a page.
    """
    return playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        ignore_default_args=["--disable-back-forward-cache"],
        headless=True,
        **options,
    )
