"""Savings and project-money pages of the process blueprint (targets, measures, chart)."""

from __future__ import annotations

from collections.abc import Callable

from flask import redirect, render_template, request, url_for
from markupsafe import Markup
from werkzeug.wrappers import Response as BaseResponse

from coop import services
from coop.domain.access import Role
from coop.domain.errors import CoopError
from coop.domain.process.evaluation import GoalArea
from coop.domain.process.savings import MeasureStatus
from coop.domain.typed_numbers import typed_whole
from coop.services.process_savings import SavingsSummary
from web.charts import Series, grouped_bar_chart
from web.filters import nok
from web.views.auth import current_actor, get_uow, requires
from web.views.process import bp

Page = tuple[str, int]


def _form(name: str) -> str:
    return request.form.get(name, "")[:10_000]


def savings_chart(s: SavingsSummary) -> Markup:
    """Target, adopted and realised for the whole programme and every group with figures."""
    rows = [("Hele programmet", s.target_nok, s.adopted_nok, s.realised_nok)]
    rows += [
        (g.name, g.target_nok, g.adopted_nok, g.realised_nok)
        for g in s.groups
        if g.target_nok is not None or g.adopted_nok or g.realised_nok
    ]
    if s.target_nok is None and len(rows) == 1:
        return Markup("")
    series = [
        Series("Mål", tuple(r[1] or 0 for r in rows)),
        Series("Vedtatt", tuple(r[2] for r in rows)),
        Series("Realisert", tuple(r[3] for r in rows)),
    ]
    return grouped_bar_chart(
        "innsparing", "Sparemål, vedtatt og realisert",
        "Mål mot vedtatte tiltak og realiserte besparelser (mål 0 kr betyr ikke oppgitt).",
        [r[0] for r in rows], series, nok,
    )  # fmt: skip


def _page(slug: str, template: str, error: str | None = None, status: int = 200) -> Page:
    view = services.process_view(slug, current_actor(), get_uow())
    summary = services.savings_summary(slug, get_uow())
    entries, balances = services.money_balances(slug, get_uow())
    year = typed_whole(request.args.get("aar", "") or str(view.as_of.year), "År", 1990, 2100)
    results = services.evaluation_report(slug, year, get_uow())
    html = render_template(
        template, view=view, savings=summary, chart=savings_chart(summary), error=error,
        measure_statuses=MeasureStatus, entries=entries, balances=balances, results=results,
        year=year, areas=GoalArea,
        project_services=services.project_overview(slug, get_uow()).services,
    )  # fmt: skip
    return html, status


@bp.get("/<slug>/innsparing")
@requires()
def savings(slug: str) -> Page:
    """Targets, measures and tracking with a chart."""
    return _page(slug, "process/savings.html")


def _done(
    slug: str, endpoint: str, template: str, run: Callable[[], object]
) -> Page | BaseResponse:
    try:
        run()
    except CoopError as error:
        return _page(slug, template, error.message, 422)
    return redirect(url_for(endpoint, slug=slug))


@bp.post("/<slug>/innsparing/mal")
@requires(Role.STEERING)
def savings_target(slug: str) -> Page | BaseResponse:
    """Set a group's target for a year."""

    def run() -> object:
        return services.set_savings_target(
            slug, _form("gruppe"), _form("aar"), _form("belop"), current_actor(), get_uow(),
            _form("grunnlag"), _form("tjeneste"), _form("kommune"),
        )  # fmt: skip

    return _done(slug, "process.savings", "process/savings.html", run)


@bp.post("/<slug>/innsparing/tiltak")
@requires(Role.STEERING)
def add_measure(slug: str) -> Page | BaseResponse:
    """Add a measure."""
    return _done(slug, "process.savings", "process/savings.html", lambda: services.add_measure(
        slug, _form("gruppe"), _form("tiltak"), _form("aar"), _form("effekt"), current_actor(),
        get_uow(), _form("status") or "foreslatt"))  # fmt: skip


@bp.post("/<slug>/innsparing/tiltak/<int:number>")
@requires(Role.STEERING)
def change_measure(slug: str, number: int) -> Page | BaseResponse:
    """Change a measure's status or record what it realised in a year."""
    return _done(slug, "process.savings", "process/savings.html", lambda: services.update_measure(
        slug, number, current_actor(), get_uow(), _form("status") or None, _form("aar"),
        _form("realisert")))  # fmt: skip


@bp.get("/<slug>/prosjektmidler")
@requires()
def money(slug: str) -> Page:
    """Grants and spending per source."""
    return _page(slug, "process/money.html")


@bp.post("/<slug>/prosjektmidler")
@requires(Role.STEERING)
def add_money(slug: str) -> Page | BaseResponse:
    """Record a grant or spending."""
    return _done(slug, "process.money", "process/money.html", lambda: services.add_money(
        slug, _form("kilde"), _form("type"), _form("belop"), current_actor(), get_uow(),
        _form("dato"), _form("tekst")))  # fmt: skip


@bp.get("/<slug>/evaluering")
@requires()
def evaluation(slug: str) -> Page:
    """Goals with indicators, and how far each has come by ``?aar=`` (this year by default)."""
    return _page(slug, "process/evaluation.html")


@bp.post("/<slug>/evaluering")
@requires(Role.STEERING)
def add_goal(slug: str) -> Page | BaseResponse:
    """Set a goal with its indicator, start value and target."""

    def run() -> object:
        return services.add_goal(
            slug, _form("omrade"), _form("mal"), _form("indikator"), _form("start"),
            _form("malverdi"), current_actor(), get_uow(), _form("retning") != "lavere",
            _form("enhet"),
        )  # fmt: skip

    return _done(slug, "process.evaluation", "process/evaluation.html", run)


@bp.post("/<slug>/evaluering/maling")
@requires(Role.STEERING)
def measurement(slug: str) -> Page | BaseResponse:
    """Record an indicator's value for a year, with its source."""
    number = _form("maalnr")

    def run() -> object:
        return services.record_measurement(
            slug, int(number) if number.isdigit() else 0, _form("aar"), _form("verdi"),
            _form("kilde"), current_actor(), get_uow(),
        )  # fmt: skip

    return _done(slug, "process.evaluation", "process/evaluation.html", run)
