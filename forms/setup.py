"""Compile the gettext catalogs into the wheel: the .mo files are build products, not sources.

The .po sources stay in the sdist but not in the wheel: the browser downloads the wheel,
and nothing reads a .po at run time.
"""

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


setup(cmdclass={"build_py": build_py_with_catalogs})
