"""The PDF feature (issue 20): what it downloads, and a pack of 20 screenshots in Chromium
and on the command line. Prints figures; never a test.

    .venv/bin/python bench/pdf_feature.py [SITE] [--count 20] [--runs 3]

SITE is a full build (default output/; the .br files count, as in bench/transfer.py).

- Bytes: the second wheel as a browser that accepts brotli receives it, once.
- Screenshots: 1080 × 2400 phone screenshots (status bar, a banner, a photo-like band,
  text), saved as PNG as a phone does, then re-encoded in Chromium as the form does it
  (form/pieces.js's LONG_SIDE, QUALITIES and TARGET_BYTES, read from that file).
- Chromium: the page's python object (python_in_page.py) loads the feature, then builds the
  pack `--runs` times in the worker; the time is the call's round trip, pieces in and zip
  out. Memory: the peak resident size of the renderers (the one that runs the page and its
  workers is the largest), sampled every 50 ms from /proc while packing, and just before.
- Command line: `python -m rdv_forms dossier` on the same JPEGs, in a fresh process
  (bench/dossier.py's `run`): median time and peak resident memory.
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT / "bench"))
from chromium import launch  # noqa: E402
from dossier import run as run_cli  # noqa: E402
from python_in_page import with_python  # noqa: E402
from serve import make_server  # noqa: E402
from transfer import feature_assets, figures, wire_size  # noqa: E402

ANSWERS = ROOT / "forms" / "examples" / "answers-renouvellement.json"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def screenshot(index: int) -> bytes:
    """A phone screenshot as the phone saves it (PNG): flat areas, text, and a photo band."""
    rnd = random.Random(index)
    image = Image.new("RGB", (1080, 2400), (246, 246, 246))
    noise = Image.effect_noise((540, 450), 90).resize((1080, 900))
    noise = noise.filter(ImageFilter.GaussianBlur(1.2))
    bands = [noise.point(lambda v, k=k: (v * (k + 2) // 4 + rnd.randrange(60)) % 256)
             for k in range(3)]  # fmt: skip
    image.paste(Image.merge("RGB", bands), (0, 220))
    draw = ImageDraw.Draw(image)
    font, small = ImageFont.truetype(FONT, 40), ImageFont.truetype(FONT, 30)
    draw.rectangle([0, 0, 1080, 90], fill=(20, 20, 20))
    draw.text((40, 22), f"{8 + index % 12:02d}:{index * 7 % 60:02d}", font=small, fill="white")
    draw.rectangle([0, 90, 1080, 210], fill=(0, 0, 145))
    draw.text((40, 125), "Prise de rendez-vous — préfecture", font=font, fill="white")
    for line in range(16):
        draw.text((40, 1160 + 66 * line), f"Aucun créneau disponible ({index}.{line}) — "
                  "réessayez plus tard", font=small, fill=(30, 30, 30))  # fmt: skip
    draw.rounded_rectangle([60, 2250, 1020, 2360], 30, fill=(0, 99, 204))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


# In the page: re-encode as form/pieces.js does, and load the feature. The JPEGs and the
# connected python object stay in `window.__bench` for the packing, timed on its own.
PIECES_JS = (ROOT / "theme" / "static" / "js" / "form" / "pieces.js").read_text("utf-8")


def _constant(name: str) -> str:
    """A constant of form/pieces.js, so the bench re-encodes exactly as the form does."""
    found = re.search(rf"^const {name} = (.+);$", PIECES_JS, re.MULTILINE)
    if found is None:
        raise SystemExit(f"bench: no {name} in form/pieces.js")
    return found.group(1).replace("_", "")


ENCODING = "".join(
    f"  const {name} = {_constant(name)};\n" for name in ("LONG_SIDE", "TARGET_BYTES", "QUALITIES")
)

PREPARE = with_python(
    ENCODING
    + """
  const [pngs] = arg;
  await python.call({ action: "kinds" });  // Python booted
  const start = performance.now();
  const feature = await python.pdfFeature();
  const featureMs = performance.now() - start;
  const jpegs = [];
  for (const png of pngs) {
    const bitmap = await createImageBitmap(new Blob([fromBase64(png)], { type: "image/png" }));
    let scale = Math.min(1, LONG_SIDE / Math.max(bitmap.width, bitmap.height));
    let blob;
    for (let pass = 0; pass < 4; pass++, scale *= 0.75) {
      const canvas = new OffscreenCanvas(Math.round(bitmap.width * scale),
                                         Math.round(bitmap.height * scale));
      const context = canvas.getContext("2d");
      context.fillStyle = "#fff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      for (const quality of QUALITIES) {
        blob = await canvas.convertToBlob({ type: "image/jpeg", quality });
        if (blob.size <= TARGET_BYTES) break;
      }
      if (blob.size <= TARGET_BYTES) break;
    }
    bitmap.close();
    jpegs.push(await blob.arrayBuffer());
  }
  window.__bench = { python, jpegs };
  python.stop = () => {};  // kept for PACK; stopped there
  return { featureMs, featureBytes: feature.bytes, jpegs: jpegs.map(toBase64) };
"""
)

# The pack, `runs` times, with copies of the same JPEGs (the call transfers them away).
PACK = """async ([answers, runs]) => {
  const { python, jpegs } = window.__bench;
  const times = [];
  let zip = 0;
  for (let run = 0; run < runs; run++) {
    const pieces = jpegs.map((data, i) => ({ name: `capture-${i}.jpg`, number: 3,
                                             data: data.slice(0) }));
    const start = performance.now();
    const reply = await python.call({ action: "pack", answers }, { pieces });
    times.push(performance.now() - start);
    if (!reply.ok) throw new Error(JSON.stringify(reply.errors));
    zip = reply.data.zip.byteLength;
  }
  return { times, zip };
}"""


def renderers_of(browser: int) -> list[int]:
    """The renderer processes under a browser process (they are the zygote's children)."""
    parents, kinds = {}, {}
    for status in Path("/proc").glob("[0-9]*/status"):
        pid = int(status.parent.name)
        try:
            ppid = next(
                line for line in status.read_text().splitlines() if line.startswith("PPid:")
            )
            kinds[pid] = (status.parent / "cmdline").read_bytes()
        except (OSError, StopIteration):
            continue
        parents[pid] = int(ppid.split()[1])

    def under(pid: int) -> bool:
        while pid in parents and pid != browser:
            pid = parents[pid]
        return pid == browser

    return [pid for pid in parents if b"--type=renderer" in kinds[pid] and under(pid)]


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def browser_pid(profile: str) -> int:
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if any(a == f"--user-data-dir={profile}".encode() for a in args) and not any(
            a.startswith(b"--type=") for a in args
        ):
            return int(cmdline.parent.name)
    raise RuntimeError("Chromium's browser process not found")


class PeakRss(threading.Thread):
    """The largest renderer of a browser process, sampled until stopped."""

    def __init__(self, browser: int):
        super().__init__(daemon=True)
        self.browser, self.peak, self.done = browser, 0.0, threading.Event()

    def sample(self) -> float:
        return max((rss_mb(pid) for pid in renderers_of(self.browser)), default=0.0)

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, self.sample())
            time.sleep(0.05)


def in_chromium(site: Path, pngs: list[bytes], runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    server = make_server(str(site), "127.0.0.1", 0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/formulaire/"
    answers = json.loads(ANSWERS.read_text(encoding="utf-8"))
    encoded = [base64.b64encode(png).decode() for png in pngs]
    try:
        with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
            context = launch(playwright, profile)
            page = context.new_page()
            page.set_default_timeout(600_000)
            page.goto(url)
            page.wait_for_selector('#runtime-status[data-state="ready"]', timeout=300_000)
            result = page.evaluate(PREPARE, [encoded])
            # The re-encoding's garbage (52 MB of PNG text, bitmaps) is not the pack's.
            page.context.new_cdp_session(page).send("HeapProfiler.collectGarbage")
            page.evaluate("() => new Promise((done) => setTimeout(done, 2000))")  # settle
            monitor = PeakRss(browser_pid(profile))
            before = monitor.sample()
            monitor.start()
            result |= page.evaluate(PACK, [answers, runs])
            monitor.done.set()
            monitor.join()
            context.close()
    finally:
        server.shutdown()
        server.server_close()
    result["rss_before"], result["rss_peak"] = before, monitor.peak
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "output"))
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    site = Path(options.site)

    measured = figures(site)
    # Times on a shared machine follow its load: printed so runs can be compared.
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print("PDF feature, bytes loaded on first use (brotli, as the budget counts):")
    for wheel in feature_assets(site):
        print(f"  {wheel.name}: {wire_size(wheel) / 1000:.1f} KB "
              f"({wheel.stat().st_size / 1000:.1f} KB uncompressed)")  # fmt: skip
    print(f"  first visit, without it: {measured['first document, first visit'] / 1000:.1f} KB")

    pngs = [screenshot(i) for i in range(options.count)]
    result = in_chromium(site, pngs, options.runs)
    jpegs = [base64.b64decode(j) for j in result["jpegs"]]
    sizes = [len(j) / 1000 for j in jpegs]
    print(f"\n{options.count} screenshots 1080 × 2400: PNG {sum(map(len, pngs)) / 1e6:.1f} MB, "
          f"re-encoded by Chromium {min(sizes):.0f}–{max(sizes):.0f} KB each, "
          f"{sum(sizes) / 1000:.1f} MB in all")  # fmt: skip
    print(f"Chromium, worker: feature fetched and installed in {result['featureMs']:.0f} ms "
          f"({result['featureBytes'] / 1000:.0f} KB wheel)")  # fmt: skip
    print(f"  pack: median {statistics.median(result['times']) / 1000:.2f} s over "
          f"{len(result['times'])} runs ({', '.join(f'{t / 1000:.2f}' for t in result['times'])}"
          f"), zip {result['zip'] / 1e6:.1f} MB")  # fmt: skip
    print(f"  renderer memory (page + its workers): {result['rss_before']:.0f} MB before, "
          f"peak {result['rss_peak']:.0f} MB while packing")  # fmt: skip

    with tempfile.TemporaryDirectory() as work:
        paths = []
        for index, data in enumerate(jpegs):
            path = Path(work) / f"capture-{index:02d}.jpg"
            path.write_bytes(data)
            paths.append(f"3={path}")
        times, peaks = [], []
        for attempt in range(options.runs):
            elapsed, peak = run_cli(paths, Path(work) / f"out-{attempt}")
            times.append(elapsed)
            peaks.append(peak)
        (zipped,) = (Path(work) / "out-0").glob("*.zip")
        print(f"Command line (python -m rdv_forms dossier, same JPEGs): median "
              f"{statistics.median(times):.2f} s, peak memory {max(peaks):.0f} MB, "
              f"zip {zipped.stat().st_size / 1e6:.1f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
