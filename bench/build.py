"""Time a clean full build and a no-change rebuild of the site, and print the figures.

A benchmark, not a test: times depend on the machine. Run it with `make bench`.
"""

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(output: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pelican", "-q", "-s", "pelicanconf.py", "-o", str(output)],
        cwd=ROOT,
        check=True,
    )
    return time.perf_counter() - start


def measure() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "output"
        clean = build(output)
        rebuild = build(output)
        size = sum(f.stat().st_size for f in output.rglob("*") if f.is_file())
        files = sum(1 for f in output.rglob("*") if f.is_file())
        shutil.rmtree(output)
    return {
        "clean build (s)": clean,
        "no-change rebuild (s)": rebuild,
        "output size (MB)": size / 1e6,
        "output files": files,
    }


def main():
    for name, value in measure().items():
        print(
            f"{name:<24} {value:>10.2f}" if isinstance(value, float) else f"{name:<24} {value:>10}"
        )


if __name__ == "__main__":
    main()
