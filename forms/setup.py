"""Compile the gettext catalogs and the wording into the wheel: build products, not sources.

The .po sources stay in the sdist but not in the wheel: the browser downloads the wheel,
and nothing reads a .po at run time. Likewise the wording files (wording/*.toml) go into
the wheel as compact JSON: the browser then needs neither `tomllib` in its standard library
nor the jurists' comments, and reads them with the `json` it loads anyway.
"""

import json
import tomllib
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class build_py_with_catalogs(build_py):
    def run(self):
        super().run()
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        locale_dir = Path(self.build_lib) / "rdv_forms" / "locale"
        for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file, locale=po_path.parent.parent.name)
            with po_path.with_suffix(".mo").open("wb") as mo_file:
                write_mo(mo_file, catalog, use_fuzzy=False)
            po_path.unlink()
        wording_dir = Path(self.build_lib) / "rdv_forms" / "wording"
        for toml_path in sorted(wording_dir.glob("*.toml")):
            wording = tomllib.loads(toml_path.read_text(encoding="utf-8"))
            compact = json.dumps(wording, ensure_ascii=False, separators=(",", ":"))
            toml_path.with_suffix(".json").write_text(compact, encoding="utf-8")
            toml_path.unlink()


setup(cmdclass={"build_py": build_py_with_catalogs})
