"""Finance page: one service's cost split by every method, its a konto plan and settlement."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask import Blueprint, render_template, request
from markupsafe import Markup

from coop.domain.costs.akonto import Frequency
from coop.domain.costs.partner_exit import ExitCost, Investment
from coop.domain.errors import InvalidData
from coop.domain.limits import (
    MAX_GAIN_TYPED,
    blank,
    optional,
    read_count,
    read_date,
    read_kroner,
    read_percent,
)
from coop.services.splits.finance import (
    FREQUENCY_LABELS,
    FinanceView,
    exit_estimate,
    finance_view,
    frequency_from,
)
from web import charts, filters
from web.forms import FieldProblems
from web.views.auth import get_uow, requires

bp = Blueprint("finance", __name__, url_prefix="/prosjekter/<slug>/fordeling")


MAIN_FIELDS = ("gevinst", "hyppighet", "faktisk")
"""Fields of the «Beregn» form; a problem in one of them hides the results it would change."""


@bp.get("/<service>")
@requires()
def split(slug: str, service: str) -> tuple[str, int]:
    """Compare every way of splitting one service's cost, with a konto and settlement.

    A value that cannot be read is shown beside its field with the user's input kept (422),
    and the figures that do not depend on it are still computed.
    """
    problems = FieldProblems()
    args = request.args
    gain = problems.read("gevinst", optional, read_percent, args.get("gevinst", ""),
                         "Effektiviseringsgevinst", -MAX_GAIN_TYPED, MAX_GAIN_TYPED)  # fmt: skip
    frequency = problems.read("hyppighet", frequency_from, args.get("hyppighet"))
    actual = problems.read("faktisk", optional, read_kroner, args.get("faktisk", ""),
                           "Faktisk netto driftsutgift", Decimal(0))  # fmt: skip
    view = _view(slug, service, problems, gain, frequency or "quarterly", actual)
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
    ), 422 if problems else 200


def _view(
    slug: str,
    service: str,
    problems: FieldProblems,
    gain: Decimal | None,
    frequency: Frequency,
    actual: Decimal | None,
) -> FinanceView:
    """The finance view; a domain rule broken by one typed value is put beside that field.

    The use case says what is wrong but not which field caused it, so the field is found by
    computing again without each typed value in turn (only when something was refused).
    """
    scenario = request.args.get("alternativ") or None
    try:
        return finance_view(slug, service, get_uow(), scenario, gain, frequency, actual)
    except InvalidData as error:
        if gain is not None:
            try:
                view = finance_view(slug, service, get_uow(), scenario, None, frequency, actual)
            except InvalidData:
                pass
            else:
                problems["gevinst"] = error.message
                return view
        if actual is None:
            raise
        view = finance_view(slug, service, get_uow(), scenario, gain, frequency, None)
        problems["faktisk"] = error.message
        return view


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
