"""Finance page: one service's cost split by every method, its a konto plan and settlement."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask import Blueprint, redirect, render_template, request, url_for
from markupsafe import Markup
from werkzeug.wrappers import Response

from coop.domain.costs.akonto import Frequency
from coop.domain.costs.partner_exit import ExitCost, Investment
from coop.domain.errors import InvalidData, NotFound
from coop.domain.jobs import Job, JobStatus
from coop.domain.limits import (
    MAX_GAIN_TYPED,
    blank,
    optional,
    read_count,
    read_date,
    read_kroner,
    read_percent,
)
from coop.services.jobs.records import job_status
from coop.services.jobs.split_job import KIND, results_from_json, runs_inline
from coop.services.splits.cost_split import SplitResult
from coop.services.splits.finance import FREQUENCY_LABELS, frequency_from
from coop.services.splits.finance_view import (
    FinanceView,
    exit_estimate,
    finance_view,
    placing_options,
)
from web import charts, filters
from web.forms import FieldProblems
from web.views import jobs
from web.views.auth import current_actor, get_uow, requires

bp = Blueprint("finance", __name__, url_prefix="/prosjekter/<slug>/fordeling")


MAIN_FIELDS = ("gevinst", "hyppighet", "faktisk")
"""Fields of the «Beregn» form; a problem in one of them hides the results it would change."""


@bp.get("/<service>")
@requires()
def split(slug: str, service: str) -> tuple[str, int] | Response:
    """Compare every way of splitting one service's cost, with a konto and settlement.

    A value that cannot be read is shown beside its field with the user's input kept (422),
    and the figures that do not depend on it are still computed. A service with more than
    ``INLINE_MAX_PARTNERS`` partners is split by a background job (20 partners took a minute,
    bench/request_times.py): the request starts it and answers 303 to its status page, which
    links back here with ``jobb`` when the splits are ready (issue 15.3).
    """
    problems = FieldProblems()
    args = request.args
    gain = problems.read("gevinst", optional, read_percent, args.get("gevinst", ""),
                         "Effektiviseringsgevinst", -MAX_GAIN_TYPED, MAX_GAIN_TYPED)  # fmt: skip
    frequency = problems.read("hyppighet", frequency_from, args.get("hyppighet"))
    actual = problems.read("faktisk", optional, read_kroner, args.get("faktisk", ""),
                           "Faktisk netto driftsutgift", Decimal(0))  # fmt: skip
    scenario = args.get("alternativ") or None
    splits, job = None, None
    if args.get("jobb"):
        job = _split_job(args["jobb"], slug, service)
        if not _same_split(job, gain, "gevinst" in problems):
            job = None  # an input to the split changed: compute again (inline or a new job)
    if job is not None:
        if job.status is not JobStatus.DONE:
            return redirect(url_for("jobs.status", job_id=job.id), 303)
        splits = results_from_json(job.result or {})
        scenario = job.params.get("scenario") or None
        gain = None if job.params.get("gain_pct") is None else Decimal(job.params["gain_pct"])
    elif "gevinst" not in problems and not _inline(slug, service):
        scenario = scenario or next(iter(placing_options(slug, service, get_uow())), None)
        params = {"service": service, "scenario": scenario,
                  "gain_pct": None if gain is None else str(gain)}  # fmt: skip
        return redirect(url_for("jobs.status", job_id=jobs.start(KIND, params, slug).id), 303)
    view = _view(slug, service, problems, gain, frequency or "quarterly", actual, scenario, splits)
    exit_cost = None
    if args.get("uttreder"):
        exit_cost = _exit(view, args["uttreder"], problems)
    return render_template(
        "finance/split.html",
        view=view,
        chart=_split_chart(view),
        method_sentences=METHOD_SENTENCES,
        frequencies=FREQUENCY_LABELS,
        args=args,
        exit_cost=exit_cost,
        problems=problems,
        main_problems=any(f in problems for f in MAIN_FIELDS),
        job_id=job.id if job is not None else None,
    ), 422 if problems else 200


def _view(
    slug: str,
    service: str,
    problems: FieldProblems,
    gain: Decimal | None,
    frequency: Frequency,
    actual: Decimal | None,
    scenario: str | None = None,
    splits: list[SplitResult] | None = None,
) -> FinanceView:
    """The finance view; a domain rule broken by one typed value is put beside that field.

    The use case says what is wrong but not which field caused it, so the field is found by
    computing again without each typed value in turn (only when something was refused).
    """
    try:
        return finance_view(slug, service, get_uow(), scenario, gain, frequency, actual, splits)
    except InvalidData as error:
        if gain is not None and splits is None:
            try:
                view = finance_view(slug, service, get_uow(), scenario, None, frequency, actual)
            except InvalidData:
                pass
            else:
                problems["gevinst"] = error.message
                return view
        if actual is None:
            raise
        view = finance_view(slug, service, get_uow(), scenario, gain, frequency, None, splits)
        problems["faktisk"] = error.message
        return view


def _inline(slug: str, service: str) -> bool:
    """True when the split runs in this request; an unknown service is the view's to refuse."""
    try:
        return runs_inline(slug, service, get_uow())
    except InvalidData:
        return True


def _split_job(job_id: str, slug: str, service: str) -> Job:
    """The split job named in ``jobb``: this service's, visible to this user, not failed."""
    job = job_status(job_id, current_actor(), get_uow())
    if job.kind != KIND or job.project != slug or job.params.get("service") != service:
        raise NotFound("Fant ikke jobben for denne fordelingen.")
    if job.status in (JobStatus.FAILED, JobStatus.CANCELLED):
        raise InvalidData(
            job.error or "Beregningen ble avbrutt; last siden på nytt for å starte den igjen."
        )
    return job


def _same_split(job: Job, gain: Decimal | None, gain_refused: bool) -> bool:
    """True when the form asks for the split ``job`` made: the same option and gain.

    The form carries ``jobb`` so that a display choice (a konto, actual cost, an exit) reuses
    the job's splits; a link with only ``jobb`` (from the job's page) takes the job's inputs.
    A gain that cannot be read is shown at its field and decides nothing.
    """
    args = request.args
    made_for = job.params.get("scenario") or None
    if "alternativ" in args and (args["alternativ"] or None) != made_for:
        return False
    if "gevinst" not in args or gain_refused:
        return True
    asked = job.params.get("gain_pct")
    if gain is None:
        return asked is None
    results = (job.result or {}).get("results") or [{}]
    made = results[0].get("gain_pct")  # the gain the job used, the project's when not asked
    return any(v is not None and Decimal(v) == gain for v in (asked, made))


def _exit(view: FinanceView, leaving: str, problems: FieldProblems) -> ExitCost | None:
    """The exit estimate from the «Beregn uttreden» form; None when a field is refused."""
    args = request.args
    typed = args.get("oppsagt") or date.today().isoformat()
    given = problems.read("oppsagt", read_date, typed, "Oppsigelsen er sendt")
    months = problems.read("maneder", _whole, "maneder", "Oppsigelsestid (måneder)", 12, 60)
    investments = _investments(problems)
    if given is None or months is None or investments is None:
        return None
    try:
        return exit_estimate(view, leaving, given, months, investments)
    except InvalidData as error:
        problems["uttreder"] = error.message
        return None


METHOD_SENTENCES = {
    "key": "slik alternativet fakturerer i dag",
    "shapley": "snittet av hva kommunen legger til, over alle rekkefølger",
    "nucleolus": "gjør den minst fornøyde gruppen så fornøyd som mulig",
    "least-core": "minst mulig fristelse for en gruppe til å bryte ut",
    "scrb": "egen særkostnad, resten etter hva kommunen ellers ville spart",
    "proportional": "i forhold til kostnaden alene",
}


def _split_chart(view: FinanceView) -> Markup:
    """Per partner: alone today, the key, Shapley and the nucleolus (four series, four colours)."""
    by_method = {r.method: r for r in view.splits}
    first = view.splits[0]
    series = [charts.Series("Alene i dag", tuple(first.standalone[m] for m in view.members))]
    for method, name in (("key", "Nøkkelen"), ("shapley", "Shapley"), ("nucleolus", "Nukleolus")):
        if method in by_method:
            allocation = by_method[method].allocation
            series.append(charts.Series(name, tuple(allocation[m] for m in view.members)))
    return charts.grouped_bar_chart(
        "diagram-fordeling",
        f"Hva hver kommune betaler per år for {view.service_name.lower()}",
        "For hver kommune: kostnaden alene i dag, andelen etter nøkkelen, Shapley-verdien og "
        "nukleolus. Alle tallene står også i tabellen under.",
        [view.name(m) for m in view.members],
        series,
        filters.nok,
    )


def _whole(name: str, label: str, default: int, high: int) -> int:
    """A bounded count from the query; ``default`` when empty."""
    found = optional(read_count, request.args.get(name, ""), label, 0, high)
    return default if found is None else found


def _investments(problems: FieldProblems) -> list[Investment] | None:
    """The one joint investment the form asks for, when its cost is filled in; None if refused."""
    args = request.args
    if blank(args.get("investering_belop")):
        return []
    cost = problems.read("investering_belop", read_kroner, args["investering_belop"],
                         "Investeringens kostnad", Decimal(0))  # fmt: skip
    life = problems.read("investering_levetid", _whole, "investering_levetid",
                         "Avskrives over (år)", 5, 100)  # fmt: skip
    start = args.get("investering_dato", "").strip()
    when = problems.read("investering_dato", read_date, start, "Tatt i bruk") if start else None
    if not start:
        problems["investering_dato"] = "Tatt i bruk: oppgi når investeringen ble tatt i bruk."
    if life == 0:
        problems["investering_levetid"] = "Avskrives over (år): levetiden må være minst ett år."
    if cost is None or when is None or not life:
        return None
    name = args.get("investering", "").strip() or "Felles investering"
    return [Investment(name, cost, when, life)]
