"""«Hva betaler vi?»: one page per member with every service it takes part in."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from markupsafe import Markup

from coop.services.splits.municipality_bill import MunicipalityBill, municipality_bill
from web import charts, filters
from web.views.auth import get_uow, requires

bp = Blueprint("bills", __name__, url_prefix="/prosjekter/<slug>/kommuner")


def _chart(bill: MunicipalityBill) -> Markup | None:
    if not bill.bills:
        return None
    series = [
        charts.Series("Alene i dag", tuple(b.alone_nok for b in bill.bills)),
        charts.Series("Etter nøkkelen", tuple(b.key_nok for b in bill.bills)),
    ]
    if bill.fair_complete:  # a service with many partners has its range on the finance page
        series += [
            charts.Series("Lavest rettferdig", tuple(b.fair_low_nok or 0 for b in bill.bills)),
            charts.Series("Høyest rettferdig", tuple(b.fair_high_nok or 0 for b in bill.bills)),
        ]
    return charts.grouped_bar_chart(
        "diagram-kommune",
        f"Hva {bill.name} betaler per år, per tjeneste",
        "For hver tjeneste: egen kostnad i dag, andel etter fordelingsnøkkelen, og laveste og "
        "høyeste beløp etter de rettferdige metodene (Shapley, nukleolus og SCRB).",
        [b.service_name for b in bill.bills],
        series,
        filters.nok,
    )


@bp.get("/<number>")
@requires()
def show(slug: str, number: str) -> str:
    """The municipality's bill per service, with totals and a chart."""
    bill = municipality_bill(slug, number, get_uow(), request.args.get("alternativ") or None)
    return render_template("bills/show.html", bill=bill, chart=_chart(bill))
