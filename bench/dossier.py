"""Time and peak memory to build a filing pack of 20 phone screenshots on the command line.

    .venv/bin/python bench/dossier.py [--runs 3] [--count 20]

Makes 20 screenshot-like images (1080 × 2400, text and flat colours, with Pillow: bench
only) as PNG with transparency (what Android saves), as PNG without it, and as JPEG (what the
browser will send after re-encoding), then runs `python -m rdv_forms dossier` on each set
in a fresh process. Prints the median wall time, the peak resident memory of that process
and the size of the zip.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "forms" / "examples" / "answers-renouvellement.json"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def screenshot(index: int) -> Image.Image:
    image = Image.new("RGBA", (1080, 2400), (246, 246, 246, 255))
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 40)
    draw.rectangle([0, 0, 1080, 110], fill=(0, 0, 145, 255))
    draw.text((40, 30), f"{8 + index % 12:02d}:{index * 7 % 60:02d}   rdv-prefecture", font=font,
              fill=(255, 255, 255, 255))  # fmt: skip
    for line in range(28):
        draw.text((40, 180 + 74 * line), f"Aucun créneau disponible ({index}.{line}) — réessayez",
                  font=font, fill=(30, 30, 30, 255))  # fmt: skip
    draw.rounded_rectangle([60, 2250, 1020, 2360], 30, fill=(0, 99, 204, 255))
    return image


def write_set(folder: Path, count: int, kind: str) -> list[str]:
    folder.mkdir()
    paths = []
    for index in range(count):
        image = screenshot(index)
        path = folder / f"capture-{index:02d}.{'jpg' if kind == 'jpeg' else 'png'}"
        if kind == "png-rgba":
            image.save(path)
        elif kind == "png-rgb":
            image.convert("RGB").save(path)
        else:
            image.convert("RGB").save(path, quality=80)
        paths.append(f"3={path}")
    return paths


def run(pieces: list[str], output: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB of one `dossier` command in its own process."""
    command = [sys.executable, "-c", "import resource, sys; from rdv_forms.cli import main; "
               "code = main(sys.argv[1:]); "
               "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); "
               "sys.exit(code)",
               "dossier", "--answers", str(EXAMPLE), "--today", "2026-11-22",
               "--output", str(output), "--pieces", *pieces]  # fmt: skip
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT / "forms")
    elapsed = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(result.stderr)
    peak_kb = int(result.stderr.strip().splitlines()[-1])
    return elapsed, peak_kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--count", type=int, default=20)
    options = parser.parse_args()
    print(f"Pack of {options.count} screenshots, 1080 × 2400, median of {options.runs} runs:")
    with tempfile.TemporaryDirectory() as work:
        for kind in ("png-rgba", "png-rgb", "jpeg"):
            pieces = write_set(Path(work) / kind, options.count, kind)
            given = sum(Path(p.split("=", 1)[1]).stat().st_size for p in pieces)
            times, peaks = [], []
            for attempt in range(options.runs):
                output = Path(work) / f"out-{kind}-{attempt}"
                elapsed, peak = run(pieces, output)
                times.append(elapsed)
                peaks.append(peak)
            (zipped,) = output.glob("*.zip")
            size = zipped.stat().st_size / 2**20
            median = statistics.median(times)
            print(f"  {kind:<9} given {given / 2**20:5.1f} MB   time {median:6.2f} s"
                  f"   peak memory {max(peaks):6.0f} MB   zip {size:5.1f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
