"""Finance page: one service's cost split by every method, its a konto plan and settlement."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask import Blueprint, render_template, request
from markupsafe import Markup

from coop.domain.costs.partner_exit import Investment
from coop.domain.errors import CoopError
from coop.domain.limits import (
    MAX_GAIN_TYPED,
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
from web.views.auth import get_uow, requires

bp = Blueprint("finance", __name__, url_prefix="/prosjekter/<slug>/fordeling")


def _amount(name: str, what: str) -> Decimal | None:
    """Kroner from the query ('1 234 567,50'), bounded; None when empty, else a 422."""
    return optional(read_kroner, request.args.get(name, ""), what)


@bp.get("/<service>")
@requires()
def split(slug: str, service: str) -> str:
    """Compare every way of splitting one service's cost, with a konto and settlement."""
    gain = optional(read_percent, request.args.get("gevinst", ""), "Effektiviseringsgevinst",
                    -MAX_GAIN_TYPED, MAX_GAIN_TYPED)  # fmt: skip
    view = finance_view(
        slug,
        service,
        get_uow(),
        scenario_name=request.args.get("alternativ") or None,
        efficiency_gain_pct=gain,
        frequency=frequency_from(request.args.get("hyppighet")),
        actual_total_nok=_amount("faktisk", "faktisk nettokostnad"),
    )
    leaving = request.args.get("uttreder") or None
    exit_cost = None
    if leaving:
        exit_cost = exit_estimate(
            view,
            leaving,
            read_date(request.args.get("oppsagt") or date.today().isoformat(), "Oppsagt"),
            _whole("maneder", "Oppsigelsestid (måneder)", 12, 120),
            _investments(),
        )
    return render_template(
        "finance/split.html",
        view=view,
        chart=_split_chart(view),
        method_sentences=METHOD_SENTENCES,
        frequencies=FREQUENCY_LABELS,
        args=request.args,
        exit_cost=exit_cost,
    )


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


def _investments() -> list[Investment]:
    """The one joint investment the form asks for, when its cost is filled in."""
    cost = _amount("investering_belop", "investeringens kostnad")
    if cost is None:
        return []
    name = request.args.get("investering", "").strip() or "Felles investering"
    start = request.args.get("investering_dato", "").strip()
    if not start:
        raise CoopError("Oppgi når investeringen ble tatt i bruk (dato).")
    return [
        Investment(
            name,
            cost,
            read_date(start, "Investeringen tatt i bruk"),
            _whole("investering_levetid", "Levetid (år)", 5, 100),
        )
    ]
