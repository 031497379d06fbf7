"""Lay out one booklet format with WeasyPrint, and impose it when asked.

This runs in worker processes: a job carries plain data only, and the result carries what
WeasyPrint logged, because a worker's log records never reach the build's log by themselves.
"""

import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .imposition import impose


@dataclass(frozen=True)
class Job:
    """One format of one language's booklet."""

    lang: str
    kind: str  # "a4", "a5"…
    html: str
    stylesheets: tuple[str, ...]  # CSS texts, in cascade order
    pdf_options: dict
    folder: str  # where the PDFs go
    filename: str
    # When set, also write the saddle-stitch imposition of this format under that name,
    # padded with copies of the first page of `filler_html`.
    imposed_kind: str | None = None
    imposed_filename: str | None = None
    filler_html: str | None = None
    rtl: bool = False


@dataclass
class Result:
    lang: str
    pages: dict[str, int] = field(default_factory=dict)  # kind -> page count
    seconds: dict[str, float] = field(default_factory=dict)  # kind -> time to make it
    warnings: list[str] = field(default_factory=list)  # what WeasyPrint logged


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


@contextmanager
def weasyprint_warnings():
    """Collect WeasyPrint's warnings instead of printing them; the caller reports them."""
    weasy_logger = logging.getLogger("weasyprint")
    collect = _Collect()
    propagate = weasy_logger.propagate
    weasy_logger.addHandler(collect)
    weasy_logger.propagate = False
    try:
        yield collect.messages
    finally:
        weasy_logger.removeHandler(collect)
        weasy_logger.propagate = propagate


def pdf(html: str, stylesheets, pdf_options) -> tuple[bytes, int]:
    """(PDF bytes, page count) of an HTML document; only data: URLs may be loaded."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    # Everything the booklet needs is inline or comes from fontconfig: any other fetch is a
    # bug, and refusing it makes WeasyPrint log it (a test fails on that log).
    fetcher = URLFetcher(allowed_protocols={"data"})
    document = HTML(string=html, url_fetcher=fetcher).render(
        stylesheets=[CSS(string=css, url_fetcher=fetcher) for css in stylesheets],
        **pdf_options,
    )
    return document.write_pdf(**pdf_options), len(document.pages)


def run(job: Job) -> Result:
    """Make the job's PDFs in its folder."""
    result = Result(job.lang)
    folder = Path(job.folder)
    with weasyprint_warnings() as warnings:
        start = time.perf_counter()
        data, pages = pdf(job.html, job.stylesheets, job.pdf_options)
        (folder / job.filename).write_bytes(data)
        result.pages[job.kind] = pages
        result.seconds[job.kind] = time.perf_counter() - start
        if job.imposed_kind:
            start = time.perf_counter()
            filler, _ = pdf(job.filler_html, job.stylesheets, job.pdf_options)
            imposed, padded = impose(data, filler, rtl=job.rtl)
            (folder / job.imposed_filename).write_bytes(imposed)
            # A printed side carries two booklet pages: count sides, as the print shop does.
            result.pages[job.imposed_kind] = padded // 2
            result.seconds[job.imposed_kind] = time.perf_counter() - start
    result.warnings = [f"{job.lang} {job.kind}: {message}" for message in warnings]
    return result
