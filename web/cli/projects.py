"""``coop`` commands that build an own project: members, services, participation, options.

Any group of municipalities starts here (``coop create-project``), without demo data. Every
command calls one use case in ``coop.services`` as the command-line user (admin) and prints
names, not numbers; ``--json`` prints the project as the API shows it.
"""

from __future__ import annotations

from decimal import Decimal

import click
from flask import Flask

from coop import services
from coop.domain.agreements.terms import parse_date
from coop.domain.errors import InvalidData
from coop.domain.typed_numbers import typed_decimal
from coop.services.project_editing.creation import DEFAULT_PRESET
from coop.services.project_editing.participation import PARTICIPATION
from web.cli.support import (
    cli_actor,
    comma_list,
    key_values,
    one_of,
    print_json,
    uow_of,
    whole_option,
    with_app,
)
from web.filters import fte, nb_date

JSON = click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")


def and_list(items: list[str]) -> str:
    """«Bardu, Dyrøy og Målselv»."""
    return " og ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)


def _show(app: Flask, slug: str, as_json: bool, message: str) -> None:
    """Print the project as JSON, or ``message`` and the members and services by name."""
    overview = services.project_overview(slug, uow_of(app))
    if as_json:
        print_json(overview)
        return
    click.echo(message)
    click.echo(f"  Kommuner: {and_list([m.name for m in overview.municipalities])}")
    names = {m.number: m.name for m in overview.municipalities}
    for s in overview.services:
        members = and_list(sorted(names.get(n, n) for n in s.participants)) or "ingen"
        later = [names.get(n, n) for n in s.may_join]
        extra = f"; kan bli med senere: {and_list(later)}" if later else ""
        click.echo(f"  {s.name}: {members}{extra}")


@click.command("create-project")
@click.argument("slug")
@click.option("--name", required=True, help="Prosjektets navn.")
@click.option("--members", required=True, metavar="NNNN,NNNN,…", help="Kommuner (nummer/navn).")
@click.option("--services", "codes", default="", metavar="KODE,KODE,…", help="Fra katalogen.")
@click.option("--own-service", "own", multiple=True, metavar="NAVN", help="Egen tjeneste.")
@click.option("--description", default="", help="Beskrivelse.")
@click.option(
    "--policy-preset",
    default=DEFAULT_PRESET,
    show_default=True,
    metavar="|".join(sorted(services.POLICY_PRESETS)),
    help="Mal for personalpolitiske retningslinjer.",
)
@JSON
@with_app
def create_project(
    app: Flask,
    slug: str,
    name: str,
    members: str,
    codes: str,
    own: tuple[str, ...],
    description: str,
    policy_preset: str,
    as_json: bool,
) -> None:
    """Opprett et samarbeidsprosjekt av kommuner fra registeret og tjenester fra katalogen."""
    project = services.create_project(
        name,
        comma_list(members),
        comma_list(codes),
        cli_actor(),
        uow_of(app),
        slug=slug,
        description=description,
        own_services=[services.OwnService(n) for n in own],
        policy_preset=one_of(policy_preset, services.POLICY_PRESETS, "--policy-preset"),
    )
    _show(
        app,
        project.slug,
        as_json,
        f"Opprettet «{project.name}» ({project.slug}) med standard forutsetninger (anslag), "
        "retningslinjer og fordelingsnøkkel etter folketall.",
    )


@click.command("add-member")
@click.argument("slug")
@click.argument("member", metavar="NNNN|NAVN")
@click.option("--services", "codes", default=None, metavar="KODE,…", help="Standard: alle.")
@JSON
@with_app
def add_member(app: Flask, slug: str, member: str, codes: str | None, as_json: bool) -> None:
    """Ta en kommune med i prosjektet (i alle tjenester, eller bare i --services)."""
    chosen = None if codes is None else comma_list(codes)
    number = services.add_member(slug, member, cli_actor(), uow_of(app), chosen)
    name = _name(app, slug, number)
    _show(app, slug, as_json, f"{name} er med i prosjektet.")


@click.command("remove-member")
@click.argument("slug")
@click.argument("number", metavar="NNNN")
@JSON
@with_app
def remove_member(app: Flask, slug: str, number: str, as_json: bool) -> None:
    """Ta en kommune ut av prosjektet; nektes hvis et alternativ, en nøkkel eller avtale bruker den.

    Feilmeldingen lister det som bruker kommunen.
    """
    name = _name(app, slug, number)
    services.remove_member(slug, number, cli_actor(), uow_of(app))
    _show(app, slug, as_json, f"{name} er tatt ut av prosjektet.")


def _name(app: Flask, slug: str, number: str) -> str:
    overview = services.project_overview(slug, uow_of(app))
    return next((m.name for m in overview.municipalities if m.number == number), number)


@click.command("add-service")
@click.argument("slug")
@click.argument("code", required=False, metavar="[KODE]")
@click.option("--own", default=None, metavar="NAVN", help="En egen tjeneste (ikke i katalogen).")
@click.option("--functions", default="", metavar="244,251", help="KOSTRA-funksjoner (--own).")
@click.option("--trips", default=None, metavar="N", help="Tjenestereiser per år (--own).")
@JSON
@with_app
def add_service(
    app: Flask,
    slug: str,
    code: str | None,
    own: str | None,
    functions: str,
    trips: str | None,
    as_json: bool,
) -> None:
    """Legg til en tjeneste fra katalogen (KODE) eller en egen tjeneste (--own NAVN)."""
    if (code is None) == (own is None):
        raise InvalidData("Oppgi enten en tjenestekode fra katalogen eller --own NAVN.")
    if code is not None and (functions or trips is not None):
        raise InvalidData("--functions og --trips gjelder bare egne tjenester (--own).")
    extra = None
    if own is not None:
        extra = services.OwnService(own, tuple(comma_list(functions)))
        count = whole_option(trips, "--trips", 0, 1000)
        if count is not None:
            extra = services.OwnService(own, extra.kostra_functions, count)
    added = services.add_service(slug, cli_actor(), uow_of(app), code=code, own=extra)
    overview = services.project_overview(slug, uow_of(app))
    label = next(s.name for s in overview.services if s.code == added)
    _show(app, slug, as_json, f"{label} ({added}) er lagt til; alle kommunene deltar.")


@click.command("remove-service")
@click.argument("slug")
@click.argument("code", metavar="KODE")
@JSON
@with_app
def remove_service(app: Flask, slug: str, code: str, as_json: bool) -> None:
    """Ta en tjeneste ut av prosjektet (nektes hvis et alternativ eller en avtale bruker den)."""
    overview = services.project_overview(slug, uow_of(app))
    label = next((s.name for s in overview.services if s.code == code), code)
    services.remove_service(slug, code, cli_actor(), uow_of(app))
    _show(app, slug, as_json, f"{label} er tatt ut av prosjektet.")


@click.command("participation")
@click.argument("slug")
@click.option("--service", required=True, metavar="KODE", help="Tjenestekode.")
@click.option("--municipality", required=True, metavar="NNNN", help="Kommunenummer.")
@click.option("--status", required=True, metavar="|".join(PARTICIPATION), help="Deltakelse.")
@click.option("--from", "joined", default=None, metavar="DD.MM.ÅÅÅÅ", help="Deltar fra dato.")
@JSON
@with_app
def participation(
    app: Flask,
    slug: str,
    service: str,
    municipality: str,
    status: str,
    joined: str | None,
    as_json: bool,
) -> None:
    """Sett om en kommune deltar i en tjeneste, fra hvilken dato, eller kan bli med senere."""
    on = parse_date(joined[:40], "--from") if joined else None
    one_of(status, PARTICIPATION, "--status")
    services.set_participation(slug, service, municipality, status, cli_actor(), uow_of(app), on)
    overview = services.project_overview(slug, uow_of(app))
    name = next((m.name for m in overview.municipalities if m.number == municipality), "")
    label = next((s.name for s in overview.services if s.code == service), service)
    when = f" fra {nb_date(on)}" if on else ""
    _show(app, slug, as_json, f"{name}: {PARTICIPATION[status]}{when} i {label}.")


@click.command("save-option")
@click.argument("slug")
@click.argument("name")
@click.option("--host", "hosts", multiple=True, required=True, metavar="TJENESTE=NNNN")
@click.option("--key", "keys", multiple=True, metavar="TJENESTE=NØKKEL", help="Fordelingsnøkkel.")
@click.option("--fte", "ftes", multiple=True, metavar="TJENESTE=ÅRSVERK", help="Felles årsverk.")
@click.option("--policy", default=None, help="Personalpolitiske retningslinjer (navn).")
@click.option("--description", default="", help="Beskrivelse av alternativet.")
@JSON
@with_app
def save_option(
    app: Flask,
    slug: str,
    name: str,
    hosts: tuple[str, ...],
    keys: tuple[str, ...],
    ftes: tuple[str, ...],
    policy: str | None,
    description: str,
    as_json: bool,
) -> None:
    """Lagre et plasseringsalternativ: vert per tjeneste; alle deltakerne er med.

    Felles årsverk er som standard summen av deltakernes årsverk i grunnlagsåret; nøkkel og
    retningslinjer er som standard prosjektets første.
    """
    host_of = key_values(hosts, "--host", "barnevern=5524")
    key_of = key_values(keys, "--key", "barnevern=Folketall")
    fte_of = {
        s: typed_decimal(v, f"--fte {s}", Decimal(0), Decimal(10_000))
        for s, v in key_values(ftes, "--fte", "barnevern=11,5").items()
    }
    editor = services.scenario_editor(slug, None, uow_of(app))
    overview = editor.project
    known = {s.code: s for s in overview.services}
    stray = sorted((set(key_of) | set(fte_of)) - set(host_of))
    if stray:
        raise InvalidData(f"Oppgi --host for {', '.join(stray)} (har nøkkel eller årsverk).")
    default_key = editor.cost_keys[0] if editor.cost_keys else None
    arrangements = []
    for service, host in host_of.items():
        if service not in known:
            raise InvalidData(f"Tjenesten «{service}» finnes ikke i prosjektet.")
        arrangements.append(
            {
                "service": service,
                "host": host,
                "participants": list(known[service].participants),
                "joint_fte": str(fte_of.get(service, known[service].fte)),
                "cost_key": key_of.get(service) or default_key,
            }
        )
    chosen = policy or (editor.policies[0] if editor.policies else None)
    scenario = services.edit_scenario(
        slug, name, arrangements, cli_actor(), uow_of(app), None, chosen, description
    )
    if as_json:
        print_json(services.get_scenario(slug, scenario.name, uow_of(app)))
        return
    names = {m.number: m.name for m in overview.municipalities}
    click.echo(f"Lagret alternativet «{scenario.name}»:")
    for a in scenario.arrangements:
        key = f", nøkkel «{a.cost_key}»" if a.cost_key else ""
        click.echo(
            f"  {known[a.service].name}: {names.get(a.host, a.host)} er vert for "
            f"{and_list(sorted(names.get(p, p) for p in a.participants))} "
            f"({fte(a.joint_fte)}{key})"
        )


@click.command("catalogue")
@JSON
@with_app
def catalogue(app: Flask, as_json: bool) -> None:
    """Vis tjenestekatalogen: kode, navn, KOSTRA-funksjoner, reiser og advarsler."""
    view = services.list_catalogue(uow_of(app))
    if as_json:
        print_json(view)
        return
    for e in view.available:
        functions = ", ".join(e.kostra_functions)
        click.echo(f"{e.code}: {e.name} (KOSTRA {functions}; {e.trips_per_partner} reiser/år)")
        for warning in e.warnings:
            click.echo(f"    Merk: {warning}")
    for e in view.unavailable:
        click.echo(f"{e.code}: {e.name} – kan ikke settes opp per {nb_date(view.on)}")
