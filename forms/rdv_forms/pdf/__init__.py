"""PDF output, loaded only when asked for: documents, exhibits and the filing pack.

Standard library only, like the rest of rdv_forms, with two DejaVu Serif subsets as package
data (`fonts/`, made by `scripts/subset_pdf_font.py`). Nothing here is imported by the other
renderers, so the browser can fetch it separately, when a person asks for a PDF.
"""

from __future__ import annotations

from .fonts import MissingGlyphs

__all__ = ["MissingGlyphs"]
