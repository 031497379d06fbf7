"""Build the site without the booklets, for quick checks while editing content.

.venv/bin/python scripts/dev_build.py /tmp/out    # prints every warning
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from pelican.settings import read_settings  # noqa: E402
from support import build_site  # noqa: E402

settings = read_settings(str(ROOT / "pelicanconf.py"))
plugins = [p for p in settings["PLUGINS"] if p not in ("booklets", "precompress")]
for record in build_site(Path(sys.argv[1]), PLUGINS=plugins):
    print(record.levelname, record.getMessage()[:300])
