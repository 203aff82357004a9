"""Print HTML and PDF of one council's case package: the saksframlegg and its agreements.

The same machinery as the agreement PDF (``web.agreement_print``): one template for the
browser's print view and WeasyPrint, print.css inlined, only static files fetched, and
WeasyPrint's tagged PDF/UA-1 variant (structure tree, language nb, title). The PDF is made in a
background job, one file per council.
"""

from __future__ import annotations

import base64
import re
import warnings
from collections.abc import Mapping
from typing import Any

from flask import Flask, render_template

from coop.domain import errors
from coop.domain.access import Role
from coop.services.casework.case_package import CasePackage, case_package
from coop.services.jobs.context import JobContext
from coop.services.jobs.kinds import JobKind
from web.agreement_print import PRINT_CSS, quiet_weasyprint, static_fetcher, static_path

CASE_JOB = "case-package-pdf"
CASE_TIME_LIMIT_S = 300.0  # five agreements and the case: about 25 pages
_NUMBER = re.compile(r"^\d{4}$")


def case_html(app: Flask, package: CasePackage, standalone: bool) -> str:
    """The council's file as one HTML document; ``standalone`` inlines print.css."""
    css = static_path(app, PRINT_CSS).read_text(encoding="utf-8") if standalone else None
    return render_template(
        "casework/print.html", package=package, inline_css=css, standalone=standalone
    )


def case_pdf(app: Flask, package: CasePackage) -> bytes:
    """An A4 tagged PDF of the council's file (page numbers and headers from print.css)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "HarfBuzz-Subset", DeprecationWarning)
        from weasyprint import HTML  # imported late: loading Pango is slow

    quiet_weasyprint()
    html = case_html(app, package, standalone=True)
    document = HTML(string=html, base_url="coop-static:/", url_fetcher=static_fetcher(app))
    data: bytes = document.write_pdf(pdf_variant="pdf/ua-1")
    return data


def case_name(package: CasePackage) -> str:
    """«saksframlegg-SLUG-NNNN», the file name without its extension."""
    return f"saksframlegg-{package.slug}-{package.number}"


def _prepare(params: Mapping[str, Any]) -> dict[str, Any]:
    """Scenario and kommunenummer, checked before anything is queued."""
    scenario, number = params.get("scenario"), params.get("number")
    errors.require(isinstance(scenario, str) and 0 < len(scenario) <= 100, "Oppgi alternativet.")
    errors.require(
        isinstance(number, str) and bool(_NUMBER.match(number)),
        "Oppgi kommunenummeret med fire sifre.",
    )
    return {"scenario": scenario, "number": number}


def case_job_kind(app: Flask) -> JobKind:
    """The council's case package as a PDF job; the result carries the file (base64)."""

    def run(ctx: JobContext) -> dict[str, Any]:
        p = ctx.job.params
        if ctx.job.project is None:
            raise errors.InvalidData("Jobben mangler prosjekt.")
        ctx.progress("Setter sammen saksframlegget …")
        package = case_package(ctx.job.project, p["scenario"], p["number"], ctx.uow())
        ctx.progress("Lager PDF-en …")
        with app.test_request_context("/"):
            data = case_pdf(app, package)
        return {
            "filename": f"{case_name(package)}.pdf",
            "mimetype": "application/pdf",
            "bytes": len(data),
            "file_base64": base64.b64encode(data).decode("ascii"),
        }

    return JobKind(
        CASE_JOB,
        "Saksframlegg som PDF",
        (Role.STEERING, Role.FINANCE, Role.READER),
        _prepare,
        lambda _params: CASE_TIME_LIMIT_S,
        run,
    )
