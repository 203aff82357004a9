"""Print HTML and PDF (WeasyPrint) of an agreement draft, with no network access.

The PDF is made from the same template as the browser's print view, with ``print.css``
inlined; the URL fetcher serves only files from the app's static folder and refuses the
rest, so a document can never reach the network.
"""

from __future__ import annotations

import logging
import re
import warnings
from pathlib import Path
from typing import Any

from flask import Flask, render_template
from markupsafe import Markup, escape

from coop.services.agreements.views import DraftView

PRINT_CSS = "print.css"
_GAP = re.compile(r"\[MANGLER: [^\]]+\]")
_MARK = Markup('<mark class="gap">{}</mark>')
_QUIET = ("weasyprint", "fontTools", "fontTools.subset", "fontTools.ttLib")


def mark_gaps(text: str) -> Markup:
    """Escape a clause and wrap each «[MANGLER: …]» placeholder in ``<mark>``."""
    parts, last = [], 0
    for match in _GAP.finditer(text):
        parts += [escape(text[last : match.start()]), _MARK.format(match.group(0))]
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def print_html(app: Flask, view: DraftView, standalone: bool) -> str:
    """The print document; ``standalone`` inlines print.css and drops the screen links."""
    css = _static(app, PRINT_CSS).read_text(encoding="utf-8") if standalone else None
    return render_template(
        "agreements/print.html", view=view, inline_css=css, standalone=standalone
    )


def pdf_bytes(app: Flask, view: DraftView) -> bytes:
    """An A4 PDF of the draft (page numbers and signature lines come from print.css)."""
    with warnings.catch_warnings():
        # Without Debian's libharfbuzz-subset0 WeasyPrint subsets fonts with fontTools and
        # warns that a future version will need the library; today's PDF is the same.
        warnings.filterwarnings("ignore", "HarfBuzz-Subset", DeprecationWarning)
        from weasyprint import HTML  # imported late: loading Pango is slow

    _quiet_weasyprint()
    html = print_html(app, view, standalone=True)
    document = HTML(string=html, base_url="coop-static:/", url_fetcher=static_fetcher(app))
    data: bytes = document.write_pdf()
    return data


def _static(app: Flask, name: str) -> Path:
    return Path(str(app.static_folder)) / name


def _quiet_weasyprint() -> None:
    """WeasyPrint reports unsupported CSS through logging: keep it out of warnings and logs."""
    for name in _QUIET:
        logging.getLogger(name).setLevel(logging.ERROR)


def static_fetcher(app: Flask) -> Any:
    """A URL fetcher that serves app static files by name and refuses everything else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    root = Path(str(app.static_folder)).resolve()

    class StaticOnly(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            name = url.removeprefix("coop-static:").lstrip("/").removeprefix("static/")
            path = (root / name).resolve()
            if not url.startswith("coop-static:") or root not in path.parents:
                raise ValueError(f"coop henter ikke eksterne ressurser ({url}).")
            return URLFetcherResponse(url, path.read_bytes())

    return StaticOnly()
