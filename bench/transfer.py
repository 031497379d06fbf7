"""Bytes a visit transfers, from the built files: deterministic, unlike times.

Each asset counts at its brotli size (the .br file the build writes), as a browser that
accepts brotli receives it. `tests/test_budget.py` compares these figures with
bench/budget.json; `make bench` prints them.
"""

import json
import sys
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
BUDGET = ROOT / "bench" / "budget.json"


def wire_size(path: Path) -> int:
    compressed = path.with_name(path.name + ".br")
    return (compressed if compressed.exists() else path).stat().st_size


def page_assets(site: Path, page: Path) -> list[Path]:
    """The page and what it loads: stylesheets, scripts, icons, manifest, module imports."""
    doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    urls = [
        tag.get("href")
        for tag in doc.select('link[rel~="stylesheet"], link[rel="icon"], link[rel="manifest"]')
    ]
    urls += [tag.get("src") for tag in doc.select("script[src]")]
    urls += [tag.get("data-worker") for tag in doc.select("script[data-worker]")]
    assets = [page]
    for url in filter(None, urls):
        assets.append((page.parent / url).resolve())
    for script in [a for a in assets if a.suffix in (".js", ".mjs")]:
        text = script.read_text(encoding="utf-8")
        for name in ("workbox-window.mjs",):
            if name in text:
                assets.append(script.parent / name)
    return sorted(set(assets))


def runtime_assets(site: Path) -> list[Path]:
    """The runtime folder's own files: what the first document needs (plugins/pyodide_forms)."""
    (runtime,) = (site / "pyodide").iterdir()
    return sorted((p for p in runtime.iterdir() if p.is_file()), key=lambda p: p.name)


def feature_assets(site: Path) -> list[Path]:
    """The features' wheels, in the runtime folder's subfolders: fetched only when a person
    asks for a PDF or adds a file (issue 20), so never part of the first visit."""
    (runtime,) = (site / "pyodide").iterdir()
    wheels = [p for folder in runtime.iterdir() if folder.is_dir() for p in folder.glob("*.whl")]
    return sorted(wheels, key=lambda p: p.name)


def figures(site: Path) -> dict[str, int]:
    guide = page_assets(site, site / "etape-1-preuves" / "index.html")
    form = page_assets(site, site / "formulaire" / "index.html")
    runtime = [p for p in runtime_assets(site) if p.suffix not in (".br", ".gz")]
    result = {
        "guide page (HTML, CSS, JS)": sum(map(wire_size, guide)),
        "form page before Python": sum(map(wire_size, form)),
        "Python runtime and forms": sum(map(wire_size, runtime)),
    }
    result["first document, first visit"] = (
        result["form page before Python"] + result["Python runtime and forms"]
    )
    for path in runtime:
        result[f"  {path.name}"] = wire_size(path)
    features = feature_assets(site)
    result["PDF feature, on first use"] = sum(map(wire_size, features))
    for path in features:
        result[f"  {path.name}"] = wire_size(path)
    return result


def main():
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "output"
    budget = json.loads(BUDGET.read_text(encoding="utf-8"))
    print(f"{'what':<34}{'KB':>10}{'budget KB':>12}")
    for name, value in figures(site).items():
        limit = budget.get(name)
        shown = f"{limit / 1000:>12.0f}" if limit else ""
        print(f"{name:<34}{value / 1000:>10.1f}{shown}")


if __name__ == "__main__":
    main()
