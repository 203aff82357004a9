"""``coop`` commands for a project's figures: baselines, travel between members, assumptions.

A region without budget files enters its figures here, each with its basis; travel starts as
an estimate (anslag) and is replaced pair by pair or from a route planner's file.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import click
from flask import Flask

from coop import services
from coop.domain.assumptions import FIELDS
from coop.domain.errors import InvalidData
from coop.domain.travel.travel_files import MODES
from web.api.serialize import pair_rows
from web.cli.projects import JSON, and_list
from web.cli.support import (
    cli_actor,
    fail,
    key_values,
    one_of,
    print_json,
    uow_of,
    whole_option,
    with_app,
)
from web.filters import fte, km, minutes, nok, pct

FIGURES = (  # option → the use case's figure
    ("fte", "fte"),
    ("headcount", "headcount"),
    ("gross_cost", "gross_cost_nok"),
    ("pay_cost", "pay_cost_nok"),
    ("measures", "pass_through_nok"),
)
MAX_FILE_BYTES = 2_000_000


@click.command("set-baseline")
@click.argument("slug")
@click.option("--service", required=True, metavar="KODE", help="Tjenestekode.")
@click.option("--municipality", required=True, metavar="NNNN", help="Kommunenummer.")
@click.option("--year", required=True, metavar="ÅÅÅÅ", help="År.")
@click.option("--fte", default=None, metavar="F", help="Årsverk (4,5).")
@click.option("--headcount", default=None, metavar="N", help="Antall ansatte.")
@click.option("--gross-cost", default=None, metavar="KR", help="Brutto driftsutgift.")
@click.option("--pay-cost", default=None, metavar="KR", help="Lønnskostnad.")
@click.option("--measures", default=None, metavar="KR", help="Tiltak (KOSTRA 251/252).")
@click.option("--usage", "usage", multiple=True, metavar="BRUKSMÅL=N", help="Bruksdata.")
@click.option("--basis", required=True, metavar="|".join(services.BASES), help="Grunnlag.")
@click.option("--reason", default="", help="Begrunnelse (til endringsloggen).")
@JSON
@with_app
def set_baseline(
    app: Flask,
    slug: str,
    service: str,
    municipality: str,
    year: str,
    usage: tuple[str, ...],
    basis: str,
    reason: str,
    as_json: bool,
    **figures: str | None,
) -> None:
    """Før inn én kommunes tall for én tjeneste og ett år, med grunnlag."""
    one_of(basis, services.BASES, "--basis")
    when = whole_option(year, "--year", 1990, 2100)
    assert when is not None  # noqa: S101 - a required option
    values = {name: figures[option] or "" for option, name in FIGURES}
    for metric, count in key_values(usage, "--usage", "meldinger=120").items():
        values[f"usage:{metric}"] = count
    if not any(v.strip() for v in values.values()):
        raise InvalidData("Oppgi minst ett tall (--fte, --gross-cost, --usage …).")
    baseline = services.set_baseline(
        slug, service, municipality, when, values, basis, cli_actor(), uow_of(app), reason
    )
    if as_json:
        print_json(baseline)
        return
    overview = services.project_overview(slug, uow_of(app))
    name = next((m.name for m in overview.municipalities if m.number == municipality), "")
    label = next((s.name for s in overview.services if s.code == service), service)
    people = "ansatt" if baseline.headcount == 1 else "ansatte"
    click.echo(
        f"{label}, {name} {when}: {fte(baseline.fte)}, {baseline.headcount} {people}, "
        f"brutto {nok(baseline.gross_cost_nok)}, lønn {nok(baseline.pay_cost_nok)}, "
        f"tiltak {nok(baseline.pass_through_nok)} ({services.BASES[basis]})."
    )


@click.command("travel")
@click.argument("slug")
@JSON
@with_app
def travel(app: Flask, slug: str, as_json: bool) -> None:
    """Vis reisen mellom hvert par av prosjektets kommuner og hvor tallene kommer fra."""
    page = services.travel_page(slug, cli_actor(), uow_of(app))
    if as_json:
        print_json({"project": slug, "estimated": page.estimated, "pairs": pair_rows(page)})
        return
    for p in page.pairs:
        r = p.pair.route
        click.echo(f"{p.a_name}–{p.b_name}: {km(r.km)}, {minutes(r.minutes)} ({p.source_label})")
    click.echo(f"{page.estimated} av {len(page.pairs)} par er anslag.")


def _member(app: Flask, slug: str, text: str) -> tuple[str, str]:
    """(number, name) of a project member given by number or name."""
    overview = services.project_overview(slug, uow_of(app))
    for m in overview.municipalities:
        if text.strip() in (m.number, m.name) or text.strip().casefold() == m.name.casefold():
            return m.number, m.name
    raise InvalidData(f"«{text[:40]}» er ikke med i prosjektet {overview.name}.")


@click.command("set-travel")
@click.argument("slug")
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@click.option("--km", "km_text", required=True, metavar="KM", help="Kilometer.")
@click.option("--minutes", "minutes_text", required=True, metavar="MIN", help="Minutter.")
@click.option("--mode", default="vei", show_default=True, metavar="vei|ferje|bru/tunnel")
@click.option("--fare", default="", metavar="KR", help="Ferjepris.")
@click.option("--wait", default="", metavar="MIN", help="Ventetid (ferje).")
@click.option("--season", default="", help="Sesong (f.eks. «sommer»).")
@click.option("--basis", default="", help="Kilde (standard: oppgitt av deg).")
@JSON
@with_app
def set_travel(
    app: Flask,
    slug: str,
    a: str,
    b: str,
    km_text: str,
    minutes_text: str,
    mode: str,
    fare: str,
    wait: str,
    season: str,
    basis: str,
    as_json: bool,
) -> None:
    """Før inn reisen mellom to kommuner (begge veier); erstatter anslaget."""
    one_of(mode, MODES, "--mode")
    (na, name_a), (nb, name_b) = _member(app, slug, a), _member(app, slug, b)
    values = {
        "km": km_text,
        "minutes": minutes_text,
        "mode": MODES[mode].value,
        "fare_nok": fare,
        "wait_min": wait,
        "season": season,
        "basis": basis,
    }
    link = services.set_travel(slug, na, nb, values, cli_actor(), uow_of(app))
    if as_json:
        print_json(link)
        return
    click.echo(f"{name_a}–{name_b}: {km(link.km)}, {minutes(link.minutes)} ({link.basis}).")


@click.command("remove-travel")
@click.argument("slug")
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@with_app
def remove_travel(app: Flask, slug: str, a: str, b: str) -> None:
    """Glem de innførte tallene for et par; reisenettet eller anslaget gjelder igjen."""
    (na, name_a), (nb, name_b) = _member(app, slug, a), _member(app, slug, b)
    services.remove_travel(slug, na, nb, cli_actor(), uow_of(app))
    click.echo(f"{name_a}–{name_b}: innførte tall er fjernet.")


@click.command("import-travel")
@click.argument("slug")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@JSON
@with_app
def import_travel(app: Flask, slug: str, file: Path, as_json: bool) -> None:
    """Les reiser fra en fil med par (fra;til;km;minutter) eller en matrise (ruteplanlegger)."""
    if not file.is_file():
        fail(f"finner ikke filen {file}", 2)
    if file.stat().st_size > MAX_FILE_BYTES:
        fail(f"{file.name} er større enn {MAX_FILE_BYTES // 1_000_000} MB", 2)
    links = services.import_travel(slug, file.read_bytes(), file.name, cli_actor(), uow_of(app))
    if as_json:
        print_json({"project": slug, "links": links})
        return
    overview = services.project_overview(slug, uow_of(app))
    names = {m.number: m.name for m in overview.municipalities}
    for link in links:
        click.echo(
            f"{names[link.origin]} → {names[link.destination]}: {km(link.km)}, "
            f"{minutes(link.minutes)}"
        )
    click.echo(f"{file.name}: {len(links)} {'reise' if len(links) == 1 else 'reiser'} lagret.")


@click.command("assumptions")
@click.argument("slug")
@click.option("--set", "changes", multiple=True, metavar="FELT=VERDI", help="Endre en verdi.")
@click.option("--reason", default="", help="Begrunnelse (til endringsloggen).")
@JSON
@with_app
def assumptions(
    app: Flask, slug: str, changes: tuple[str, ...], reason: str, as_json: bool
) -> None:
    """Vis eller endre prosjektets forutsetninger (budsjettår, planperiode, reiser, gevinst …).

    Felt: baseline_year, budget_year, horizon_years, discount_rate_pct, efficiency_gain_pct,
    cost_per_fte_nok, fixed_host_cost_nok og trips-TJENESTE (tjenestereiser per år).
    """
    if changes:
        form = key_values(changes, "--set", "efficiency_gain_pct=7,5")
        settable = set(FIELDS) - {"trips_per_partner"}
        unknown = [f for f in form if f not in settable and not f.startswith("trips-")]
        if unknown:
            raise InvalidData(
                f"Ukjent forutsetning: {', '.join(unknown)} (se coop assumptions --help)."
            )
        values = services.parse_assumption_values(form)
        services.save_assumptions(slug, values, cli_actor(), uow_of(app), None, reason)
    view = services.get_assumptions(slug, cli_actor(), uow_of(app))
    if as_json:
        print_json(view.assumptions)
        return
    a = view.assumptions
    for field, label in view.labels.items():
        if field != "trips_per_partner":
            click.echo(f"{label}: {_shown(field, getattr(a, field))}; grunnlag: {a.basis(field)}")
    trips = [f"{view.service_names.get(c, c)} {n}" for c, n in sorted(a.trips_per_partner.items())]
    click.echo(
        f"{view.labels['trips_per_partner']}: {and_list(trips)}; "
        f"grunnlag: {a.basis('trips_per_partner')}"
    )


def _shown(field: str, value: object) -> str:
    """An assumption as a person reads it: «850 000 kr», «7,5 %», «4 år», «2026»."""
    if field.endswith("_nok"):
        return nok(value)  # type: ignore[arg-type]
    if field.endswith("_pct"):
        return pct(Decimal(str(value)) / 100, 1)
    return f"{value} år" if field == "horizon_years" else str(value)
