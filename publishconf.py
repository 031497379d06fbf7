"""Production settings: the public address comes from the environment."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

# Only used for absolute links that must leave the site (QR codes, canonical links).
PUBLIC_URL = os.environ.get("RDV_PUBLIC_URL", "").rstrip("/")
RELATIVE_URLS = True
DELETE_OUTPUT_DIRECTORY = True
SITEURL = PUBLIC_URL
