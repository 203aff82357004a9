"""Print HTML and PDF (WeasyPrint) of an agreement draft, with no network access.

The PDF is made from the same template as the browser's print view, with ``print.css``
inlined; the URL fetcher serves only files from the app's static folder and refuses the
rest, so a document can never reach the network.
"""

from __future__ import annotations

import base64
import logging
import re
import warnings
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from flask import Flask, render_template
from markupsafe import Markup, escape

from coop.domain import errors
from coop.domain.access import Role
from coop.services.agreements import use_cases
from coop.services.agreements.views import DraftView
from coop.services.jobs.context import JobContext
from coop.services.jobs.kinds import JobKind

PRINT_CSS = "print.css"
_GAP = re.compile(r"\[(MANGLER|VALGFRITT): [^\]]+\]")
_MARK = Markup('<mark class="{}">{}</mark>')
_QUIET = ("weasyprint", "fontTools", "fontTools.subset", "fontTools.ttLib")


def mark_gaps(text: str) -> Markup:
    """Escape a clause; wrap each «[MANGLER: …]» gap and «[VALGFRITT: …]» prompt in ``<mark>``."""
    parts, last = [], 0
    for match in _GAP.finditer(text):
        kind = "gap" if match.group(1) == "MANGLER" else "prompt"
        parts += [escape(text[last : match.start()]), _MARK.format(kind, match.group(0))]
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def print_html(app: Flask, view: DraftView, standalone: bool) -> str:
    """The print document; ``standalone`` inlines print.css and drops the screen links."""
    css = static_path(app, PRINT_CSS).read_text(encoding="utf-8") if standalone else None
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

    quiet_weasyprint()
    html = print_html(app, view, standalone=True)
    document = HTML(string=html, base_url="coop-static:/", url_fetcher=static_fetcher(app))
    data: bytes = document.write_pdf(pdf_variant="pdf/ua-1")  # tagged, with lang and title
    return data


PDF_JOB = "agreement-pdf"
PDF_TIME_LIMIT_S = 300.0  # WeasyPrint on a long agreement; the demo's 6 pages take seconds


def pdf_name(view: DraftView) -> str:
    """«avtale-SLUG-SERVICE[-versjon-N]», the PDF's file name without «.pdf»."""
    suffix = f"-versjon-{view.shown_version.number}" if view.shown_version else ""
    return f"avtale-{view.slug}-{view.service}{suffix}"


def _prepare_pdf(params: Mapping[str, Any]) -> dict[str, Any]:
    """Scenario, service, saved version or preview date, checked before anything is queued."""
    scenario, service = params.get("scenario"), params.get("service")
    errors.require(isinstance(scenario, str) and 0 < len(scenario) <= 100, "Oppgi alternativet.")
    errors.require(isinstance(service, str) and 0 < len(service) <= 40, "Oppgi tjenesten.")
    version = params.get("version")
    errors.require(
        version is None or (type(version) is int and 0 < version < 10**6),
        "Versjonen må være et helt tall.",
    )
    decided_on = params.get("decided_on")
    if decided_on is not None:
        try:
            date.fromisoformat(str(decided_on))
        except ValueError as error:
            raise errors.InvalidData("Avtaledatoen må være en dato (ÅÅÅÅ-MM-DD).") from error
    return {"scenario": scenario, "service": service, "version": version, "decided_on": decided_on}


def pdf_job_kind(app: Flask) -> JobKind:
    """The agreement PDF as a background job; the result carries the file (base64)."""

    def run(ctx: JobContext) -> dict[str, Any]:
        p = ctx.job.params
        if ctx.job.project is None:
            raise errors.InvalidData("Jobben mangler prosjekt.")
        ctx.progress("Setter sammen avtaleteksten …")
        decided_on = date.fromisoformat(p["decided_on"]) if p.get("decided_on") else None
        view = use_cases.draft_agreement(
            ctx.job.project, p["scenario"], p["service"], ctx.uow(), decided_on, p.get("version")
        )
        ctx.progress("Lager PDF-en …")
        with app.test_request_context("/"):
            data = pdf_bytes(app, view)
        return {
            "filename": f"{pdf_name(view)}.pdf",
            "mimetype": "application/pdf",
            "bytes": len(data),
            "file_base64": base64.b64encode(data).decode("ascii"),
        }

    return JobKind(
        PDF_JOB,
        "Avtale som PDF",
        (Role.STEERING, Role.FINANCE, Role.READER),
        _prepare_pdf,
        lambda _params: PDF_TIME_LIMIT_S,
        run,
    )


def static_path(app: Flask, name: str) -> Path:
    """A file in the app's static folder (print.css for the standalone documents)."""
    return Path(str(app.static_folder)) / name


def quiet_weasyprint() -> None:
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
