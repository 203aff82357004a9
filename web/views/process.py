"""Process pages: project plan with timeline and calendar, organisation, staff log, status report.

Reading is for everyone with access to the project; the forms post to use cases that refuse
anyone but the steering group. A refused form re-renders the page with the message (422,
or 409 when someone else saved first) and nothing changed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from flask import Blueprint, Response, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from coop import services
from coop.domain.access import Role
from coop.domain.errors import ConcurrentEdit, CoopError
from coop.domain.process.calendar import plan_calendar
from coop.domain.process.organisation import GroupKind, MemberRole
from coop.domain.process.plan import Body, MilestoneType, Status
from coop.domain.process.staff import EventKind
from coop.domain.typed_numbers import typed_date
from web.timeline import plan_timeline
from web.views.auth import current_actor, get_uow, requires

bp = Blueprint("process", __name__, url_prefix="/prosess")
Page = tuple[str, int]


def _form(name: str) -> str:
    return request.form.get(name, "")[:10_000]


def _version() -> int | None:
    seen = request.form.get("versjon", "")
    return int(seen) if seen.isdigit() else None


def _page(template: str, slug: str, error: str | None = None, status: int = 200) -> Page:
    view = services.process_view(slug, current_actor(), get_uow())
    timeline = plan_timeline(view.record.milestones, f"Tidslinje: {view.name}", view.as_of)
    html = render_template(
        template, view=view, error=error, timeline=timeline, types=MilestoneType,
        bodies=Body, statuses=Status, kinds=EventKind, group_kinds=GroupKind, roles=MemberRole,
    )  # fmt: skip
    return html, status


def _write(
    slug: str, template: str, anchor: str, action: Callable[[], object]
) -> Page | BaseResponse:
    """Run a use case; on success back to the page (PRG), else the page with the error."""
    try:
        action()
    except CoopError as error:
        return _page(
            template, slug, error.message, 409 if isinstance(error, ConcurrentEdit) else 422
        )
    endpoint = {"process/plan.html": "process.plan", "process/staff.html": "process.staff",
                "process/organisation.html": "process.organisation"}[template]  # fmt: skip
    return redirect(url_for(endpoint, slug=slug, _anchor=anchor))


@bp.get("/<slug>")
@requires()
def plan(slug: str) -> Page:
    """The project plan: timeline, milestones with warnings, council meetings."""
    return _page("process/plan.html", slug)


@bp.post("/<slug>/milepaeler")
@requires(Role.STEERING)
def add_milestone(slug: str) -> Page | BaseResponse:
    """Add a milestone."""
    i = services.MilestoneInput(
        _form("type"), _form("tittel"), _form("frist"), _form("start"), _form("ansvarlig"),
        _form("organ") or "administrasjon", _form("kommune"), _form("status") or "planlagt",
    )  # fmt: skip
    return _write(
        slug,
        "process/plan.html",
        "milepaeler",
        lambda: services.add_milestone(slug, i, current_actor(), get_uow(), _version()),
    )


@bp.post("/<slug>/milepaeler/<int:number>")
@requires(Role.STEERING)
def change_milestone(slug: str, number: int) -> Page | BaseResponse:
    """Move a milestone (new date), change its status, or remove it."""
    if request.form.get("handling") == "fjern":
        return _write(slug, "process/plan.html", "milepaeler", lambda: services.remove_milestone(
            slug, number, current_actor(), get_uow(), _version()))  # fmt: skip
    fields = {"frist": "due", "start": "start", "status": "status", "ansvarlig": "owner"}
    changes = {k: _form(f) for f, k in fields.items() if f in request.form}
    return _write(slug, "process/plan.html", f"m{number}", lambda: services.update_milestone(
        slug, number, changes, current_actor(), get_uow(), _version()))  # fmt: skip


@bp.post("/<slug>/moteplan")
@requires(Role.STEERING)
def council_meeting(slug: str) -> Page | BaseResponse:
    """Add or remove a formannskap or kommunestyre meeting."""
    remove = request.form.get("handling") == "fjern"
    return _write(slug, "process/plan.html", "moteplan", lambda: services.set_council_meeting(
        slug, _form("kommune"), _form("organ"), _form("dato"), current_actor(), get_uow(),
        remove))  # fmt: skip


@bp.get("/<slug>/kalender.ics")
@requires()
def calendar(slug: str) -> Response:
    """The plan as an iCalendar file."""
    view = services.process_view(slug, current_actor(), get_uow())
    text = plan_calendar(slug, view.name, view.record.milestones, datetime.now(UTC))
    return Response(text, mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="{slug}-plan.ics"'})  # fmt: skip


@bp.get("/<slug>/organisasjon")
@requires()
def organisation(slug: str) -> Page:
    """Steering group and working groups with members, roles and mandate."""
    return _page("process/organisation.html", slug)


@bp.post("/<slug>/organisasjon")
@requires(Role.STEERING)
def save_group(slug: str) -> Page | BaseResponse:
    """Create or replace a group; members one per line as «stilling; rolle; navn»."""
    members = []
    for line in _form("medlemmer").splitlines():
        if line.strip():
            parts = [p.strip() for p in line.split(";")] + ["", ""]
            members.append((parts[0], parts[1] or "medlem", parts[2]))
    return _write(slug, "process/organisation.html", "grupper", lambda: services.save_group(
        slug, _form("navn"), _form("gruppetype") or "arbeidsgruppe", _form("mandat"), members,
        current_actor(), get_uow(), _version()))  # fmt: skip


@bp.get("/<slug>/personal")
@requires()
def staff(slug: str) -> Page:
    """Information meetings, drøftingsmøter, notices and reservation answers (aml. ch. 16)."""
    return _page("process/staff.html", slug)


@bp.post("/<slug>/personal/moter")
@requires(Role.STEERING)
def staff_meeting(slug: str) -> Page | BaseResponse:
    """Record an information meeting or a drøftingsmøte with its protocol."""
    return _write(slug, "process/staff.html", "moter", lambda: services.record_staff_meeting(
        slug, _form("motetype"), _form("dato"), _form("parter"), _form("protokoll"),
        current_actor(), get_uow(), _form("kommune")))  # fmt: skip


@bp.post("/<slug>/personal/varsler")
@requires(Role.STEERING)
def notice(slug: str) -> Page | BaseResponse:
    """Record a notice to affected staff (reservation deadline 14 days later by default)."""
    return _write(slug, "process/staff.html", "varsler", lambda: services.record_notice(
        slug, _form("informert"), _form("mottakere"), current_actor(), get_uow(),
        _form("frist"), _form("overdragelse"), _form("kommune")))  # fmt: skip


@bp.post("/<slug>/personal/svar")
@requires(Role.STEERING)
def answer(slug: str) -> Page | BaseResponse:
    """Record an employee's reservation answer."""
    number = _form("varsel")
    return _write(slug, "process/staff.html", "varsler", lambda: services.record_answer(
        slug, int(number) if number.isdigit() else 0, _form("ansatt"), _form("dato"),
        _form("svar") == "reserverer", current_actor(), get_uow()))  # fmt: skip


@bp.get("/<slug>/statusrapport")
@requires()
def status_report(slug: str) -> str:
    """The printable status report to the councils, as of ``?dato=`` (today by default)."""
    text = request.args.get("dato", "").strip()
    as_of = typed_date(text, "Dato") if text else date.today()
    view, report = services.project_status_report(slug, get_uow(), as_of)
    savings = services.savings_summary(slug, get_uow())
    timeline = plan_timeline(view.record.milestones, f"Tidslinje: {view.name}", as_of)
    return render_template(
        "process/status.html", view=view, report=report, savings=savings, timeline=timeline
    )


# The savings and project-money pages add their routes to this blueprint.
from web.views import process_savings  # noqa: E402, F401
