"""The saksframlegg's expensive figures: the comparison of options and the optimiser's price.

``option_price`` solves the placement model several times and ``compare_scenarios`` costs
every option; together they are most of a saksframlegg's time (bench/case_package_times.py),
so the web computes them in a background job for a large project (issue 15.3) and hands the
stored result back to ``case_package``. The JSON keeps kroner as exact decimal strings, so a
case built from a job prints the same as one computed at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from coop.domain import errors
from coop.domain.casework.saksframlegg import OptimiserFigures, OptionLine
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.compare import MAX_OPTIONS, compare_scenarios
from coop.services.option_price import option_price

ZERO = Decimal(0)
KIND = "case-figures"
TIME_LIMIT_S = 300.0  # the placement model has its own limit per solve (option_price)
INLINE_MAX_MEMBERS = 6
"""Above this many municipalities in the project the figures are a job (see the bench)."""


@dataclass(frozen=True, slots=True)
class CaseFigures:
    """The options table for one council and the optimiser's figures (or why there are none)."""

    options: tuple[OptionLine, ...]
    optimiser: OptimiserFigures | None
    optimiser_note: str


def runs_inline(slug: str, uow: UnitOfWork) -> bool:
    """True when the project is small enough to compute the figures inside a request."""
    with uow:
        return len(uow.projects.get(slug).municipalities) <= INLINE_MAX_MEMBERS


def case_figures(slug: str, scenario: str, number: str, uow: UnitOfWork) -> CaseFigures:
    """Compare the options (``scenario`` first) and price the option's hosts for ``number``."""
    with uow:
        all_scenarios = [s.name for s in uow.scenarios.list(slug)]
        chosen = uow.scenarios.get(slug, scenario)
    compared = [scenario, *(n for n in all_scenarios if n != scenario)][:MAX_OPTIONS]
    comparison = compare_scenarios(slug, compared, uow)
    service_names, town = comparison.service_names, comparison.municipality_names
    optimiser, note = None, ""
    try:
        price = option_price(slug, scenario, uow)
        optimiser = OptimiserFigures(
            best_hosts=tuple((service_names[s], town[h]) for s, h in price.best_hosts.items()),
            price_nok=price.price_nok,
            prices=tuple(
                (service_names[s], town[chosen.arrangement(s).host], p)
                for s, p in price.prices.items()
            ),
            horizon_years=price.horizon_years,
        )
    except errors.CoopError as problem:
        note = problem.message
    options = tuple(
        OptionLine(
            name=o.name,
            hosts=tuple((service_names[s], town[h]) for s, h in o.hosts.items()),
            one_off_nok=o.one_off_nok,
            change_all_nok=o.change_nok,
            change_here_nok=next((p.change_nok for p in o.partners if p.number == number), ZERO),
            net_fte_here=next((p.net_fte for p in o.partners if p.number == number), ZERO),
            proposed=o.name == scenario,
        )
        for o in comparison.options
    )
    return CaseFigures(options, optimiser, note)


def figures_json(f: CaseFigures) -> dict[str, Any]:
    """The figures as JSON for a job's result (decimals as strings)."""
    o = f.optimiser
    return {
        "options": [
            {
                "name": x.name,
                "hosts": [list(h) for h in x.hosts],
                "one_off_nok": str(x.one_off_nok),
                "change_all_nok": str(x.change_all_nok),
                "change_here_nok": str(x.change_here_nok),
                "net_fte_here": str(x.net_fte_here),
                "proposed": x.proposed,
            }  # fmt: skip
            for x in f.options
        ],
        "optimiser": None
        if o is None
        else {
            "best_hosts": [list(h) for h in o.best_hosts],
            "price_nok": str(o.price_nok),
            "prices": [[s, h, str(p)] for s, h, p in o.prices],
            "horizon_years": o.horizon_years,
        },
        "optimiser_note": f.optimiser_note,
    }


def figures_from_json(data: Mapping[str, Any]) -> CaseFigures:
    """``figures_json`` read back."""
    o = data.get("optimiser")
    return CaseFigures(
        options=tuple(
            OptionLine(
                name=str(x["name"]),
                hosts=tuple((str(s), str(h)) for s, h in x["hosts"]),
                one_off_nok=Decimal(x["one_off_nok"]),
                change_all_nok=Decimal(x["change_all_nok"]),
                change_here_nok=Decimal(x["change_here_nok"]),
                net_fte_here=Decimal(x["net_fte_here"]),
                proposed=bool(x["proposed"]),
            )
            for x in data.get("options", [])
        ),
        optimiser=None
        if o is None
        else OptimiserFigures(
            best_hosts=tuple((str(s), str(h)) for s, h in o["best_hosts"]),
            price_nok=Decimal(o["price_nok"]),
            prices=tuple((str(s), str(h), Decimal(p)) for s, h, p in o["prices"]),
            horizon_years=int(o["horizon_years"]),
        ),
        optimiser_note=str(data.get("optimiser_note", "")),
    )
