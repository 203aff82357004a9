"""Agreement pages: list, draft with checklist, print view, PDF, versions, diff, adoption."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.wrappers import Response as BaseResponse

from coop.domain.access import Role
from coop.domain.agreements.adoption import Outcome
from coop.domain.errors import ConcurrentEdit, CoopError
from coop.domain.limits import optional, read_date, read_version
from coop.services.agreements import history, use_cases
from coop.services.agreements.views import DraftView
from web.agreement_print import PDF_JOB, mark_gaps, print_html
from web.forms import FieldProblems
from web.views import jobs
from web.views.auth import check_role, current_actor, get_uow, requires

bp = Blueprint("agreements", __name__, url_prefix="/avtaler")
bp.add_app_template_filter(mark_gaps, "gaps")
ONE = "/<slug>/<scenario>/<service>"


def _args_view(
    slug: str, scenario: str, service: str, problems: FieldProblems | None = None
) -> DraftView:
    """The draft the query asks for: ``versjon=N`` (saved) or ``dato=…`` (preview).

    A bad value raises (print view, PDF: refused at once), or with ``problems`` is kept there
    under its field and left out, so the draft page shows the current draft and the message.
    """
    args = request.args
    if problems is None:
        version = optional(read_version, args.get("versjon", ""), "Versjon")
        decided_on = optional(read_date, args.get("dato", ""), "Avtaledato")
    else:
        decided_on = problems.read("dato", optional, read_date, args.get("dato", ""),
                                   "Avtaledato")  # fmt: skip
        version = problems.read("versjon", optional, read_version, args.get("versjon", ""),
                                "Versjon")  # fmt: skip
    return use_cases.draft_agreement(slug, scenario, service, get_uow(), decided_on, version)


def _draft_page(
    view: DraftView,
    error: str | None = None,
    status: int = 200,
    problems: FieldProblems | None = None,
) -> tuple[str, int]:
    values = request.form if error else view.terms
    editable = check_role(current_actor(), Role.STEERING)
    html = render_template(
        "agreements/draft.html", view=view, values=values, editable=editable, error=error,
        problems=problems or FieldProblems(),
    )  # fmt: skip
    return html, 422 if problems else status


@bp.get("/<slug>")
@requires()
def index(slug: str) -> str:
    """Every arrangement of the project, per scenario, with version and adoption status."""
    return render_template(
        "agreements/index.html", index=use_cases.list_agreements(slug, get_uow())
    )


@bp.get(ONE)
@requires()
def draft(slug: str, scenario: str, service: str) -> tuple[str, int]:
    """The draft with its § 20-4 checklist; the steering group edits the terms here.

    A bad ``dato`` or ``versjon`` in the address is shown at its field, as typed (422).
    """
    problems = FieldProblems()
    view = _args_view(slug, scenario, service, problems)
    return _draft_page(view, problems=problems)


@bp.post(ONE)
@requires(Role.STEERING)
def save(slug: str, scenario: str, service: str) -> tuple[str, int] | BaseResponse:
    """Save the terms as a new version, optionally marked «klar til vedtak»."""
    seen, ready = request.form.get("version", ""), request.form.get("action") == "ready"
    expected = optional(read_version, seen, "Versjon")
    args = (slug, scenario, service, request.form, current_actor(), get_uow(), expected, ready)
    try:
        result = use_cases.save_agreement_version(*args)
    except CoopError as error:
        code = 409 if isinstance(error, ConcurrentEdit) else 422
        view = use_cases.draft_agreement(slug, scenario, service, get_uow())
        return _draft_page(view, error.message, code)
    saved = "lagret som versjon" if result.created else "uendret siden versjon"
    flash(f"Avtaleteksten er {saved} {result.number} ({result.status.value}).")
    return redirect(url_for("agreements.draft", slug=slug, scenario=scenario, service=service))


@bp.get(f"{ONE}/utskrift")
@requires()
def printable(slug: str, scenario: str, service: str) -> str:
    """Print view: the agreement alone, A4 print CSS, signature lines per ordfører."""
    return print_html(current_app, _args_view(slug, scenario, service), standalone=False)


@bp.get(f"{ONE}/agreement.pdf")
@requires()
def pdf(slug: str, scenario: str, service: str) -> BaseResponse:
    """The same document as a PDF (WeasyPrint, no network access), made in a background job.

    The request returns at once to the job's page, which offers the file when it is ready.
    """
    view = _args_view(slug, scenario, service)  # a bad version or date: 422 now, no job
    decided_on = optional(read_date, request.args.get("dato", ""), "Avtaledato")
    params = {
        "scenario": scenario,
        "service": service,
        "version": view.shown_version.number if view.shown_version else None,
        "decided_on": decided_on.isoformat() if decided_on else None,
    }
    job = jobs.start(PDF_JOB, params, slug)
    return redirect(url_for("jobs.status", job_id=job.id), 303)


@bp.get(f"{ONE}/versjoner")
@requires()
def versions(slug: str, scenario: str, service: str) -> str:
    """Saved versions with hash, status and who saved them; pick two to compare."""
    view = history.agreement_versions(slug, scenario, service, get_uow())
    return render_template("agreements/versions.html", view=view)


@bp.get(f"{ONE}/endringer")
@requires()
def changes(slug: str, scenario: str, service: str) -> str | BaseResponse:
    """Readable diff between two versions (``fra`` and ``til``)."""
    old, new = request.args.get("fra", ""), request.args.get("til", "")
    if not (old.isascii() and old.isdigit() and new.isascii() and new.isdigit()):
        flash("Velg to versjoner å sammenligne.")
        return redirect(
            url_for("agreements.versions", slug=slug, scenario=scenario, service=service)
        )
    diff = history.diff_agreement_versions(
        slug, scenario, service, read_version(old), read_version(new), get_uow()
    )
    return render_template("agreements/diff.html", diff=diff)


def _adoption_page(
    slug: str, scenario: str, service: str, error: str | None = None, status: int = 200
) -> tuple[str, int]:
    view = history.agreement_adoption(slug, scenario, service, get_uow())
    editable = check_role(current_actor(), Role.STEERING)
    form = request.form if error else None
    html = render_template(
        "agreements/adoption.html",
        view=view,
        editable=editable,
        error=error,
        form=form,
        outcomes=list(Outcome),
    )
    return html, status


@bp.get(f"{ONE}/vedtak")
@requires()
def adoption(slug: str, scenario: str, service: str) -> tuple[str, int]:
    """Adoption tracker; after full adoption the notice to the state office."""
    return _adoption_page(slug, scenario, service)


@bp.post(f"{ONE}/vedtak")
@requires(Role.STEERING)
def record(slug: str, scenario: str, service: str) -> tuple[str, int] | BaseResponse:
    """Record one council's (or formannskap's) decision on a version."""
    try:
        use_cases.record_adoption(slug, scenario, service, request.form, current_actor(), get_uow())
    except CoopError as error:
        return _adoption_page(slug, scenario, service, error.message, 422)
    flash("Vedtaket er registrert.")
    return redirect(url_for("agreements.adoption", slug=slug, scenario=scenario, service=service))
