"""Use cases for a project's cost keys (fordelingsnøkler): read, create, edit safely, preview.

Typed input is turned into a ``CostKey`` in ``coop.services.cost_keys.input``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from coop.domain import errors, model
from coop.domain.access import Actor, Forbidden, Role, require_any_municipality
from coop.domain.changes import key_fields
from coop.domain.costs import key_model
from coop.domain.costs.keys import CostSplitLine
from coop.domain.costs.service_split import split_service_cost, split_shared_cost
from coop.domain.errors import InvalidData
from coop.domain.limits import read_kroner
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.budgets.function_maps import service_names
from coop.services.change_log import record
from coop.services.cost_keys.fit import key_misfit
from coop.services.cost_keys.input import (
    KeyFormInvalid,
    KeyInput,
    build_cost_key,
)
from coop.services.cost_keys.proposals import store_proposal
from coop.services.project_data import load_project_data

EXAMPLE_AMOUNT_NOK = Decimal(1_000_000)


class ProposalMade(Exception):  # noqa: N818 - an outcome, not a failure
    """The change was stored as a proposal for the steering group (``number``)."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


class StaleCostKey(errors.ConcurrentEdit):
    """Someone saved the key after the user opened it; ``current`` is what is stored now."""

    def __init__(self, current: key_model.CostKey) -> None:
        errors.CoopError.__init__(
            self,
            f"Nøkkelen «{current.name}» er endret av noen andre siden du åpnet den. Ingenting "
            "ble lagret. Sammenlign det du skrev med det som er lagret nå, og lagre på nytt "
            "hvis endringene dine fortsatt skal gjelde.",
        )
        self.current = current


@dataclass(frozen=True)
class KeyList:
    """A project's cost keys with where each is used."""

    slug: str
    project_name: str
    keys: tuple[key_model.CostKey, ...]
    used_by: Mapping[str, tuple[str, ...]]
    editable: bool


@dataclass(frozen=True)
class KeyPage:
    """What the key page needs: the stored key (None for a new one) and the form's choices."""

    slug: str
    project_name: str
    key: key_model.CostKey | None
    names: Mapping[str, str]  # kommunenummer -> name, project members
    services: Mapping[str, str]  # code -> name
    metrics: tuple[str, ...]  # usage counts found in the project's baselines
    used_by: tuple[str, ...]
    editable: bool


@dataclass(frozen=True)
class KeyPreview:
    """A key applied to one service's yearly cost, in whole kroner; ``error`` if it cannot be."""

    key: key_model.CostKey
    service: str
    service_name: str
    host: str
    host_basis: str  # the placement option the host is taken from
    names: Mapping[str, str]  # kommunenummer -> name of the service's participants
    amount_nok: Decimal
    amount_basis: str
    amount_is_estimate: bool
    population_date: date | None  # of the register's population figures used
    lines: tuple[CostSplitLine, ...] = ()
    partner_overhead_nok: Decimal = Decimal(0)  # what partners pay the host in overhead
    error: str | None = None

    @property
    def total_nok(self) -> Decimal:
        """Everything charged, overhead included."""
        return sum((line.total_nok for line in self.lines), Decimal(0))


def list_cost_keys(slug: str, actor: Actor, uow: UnitOfWork) -> KeyList:
    """All cost keys of a project and the placement options using them; every role reads."""
    with uow:
        project = uow.projects.get(slug)
        keys = tuple(uow.cost_keys.list(slug))
        used = _used_by(project, uow)
    return KeyList(slug, project.name, keys, used, _may_edit(actor, project))


def get_cost_key(slug: str, name: str | None, actor: Actor, uow: UnitOfWork) -> KeyPage:
    """One key with the form's choices; ``name`` None opens a new key (editors only)."""
    with uow:
        project = uow.projects.get(slug)
        if name is None:
            require_any_municipality(actor, project.municipalities)
        key = uow.cost_keys.get(slug, name) if name is not None else None
        members = uow.municipalities.list(project.municipalities)
        codes = [s.code for s in project.services]
        baselines = uow.baselines.list(project.municipalities, codes)
        used = _used_by(project, uow)
    metrics = sorted({metric for b in baselines for metric in b.usage})
    return KeyPage(
        slug=slug,
        project_name=project.name,
        key=key,
        names={m.number: m.name for m in members},
        services={s.code: s.name for s in project.services},
        metrics=tuple(metrics),
        used_by=used.get(name or "", ()),
        editable=_may_edit(actor, project),
    )


def create_cost_key(
    slug: str, entered: KeyInput, actor: Actor, uow: UnitOfWork
) -> key_model.CostKey:
    """Add a key to a project (steering group, finance of a member, admin); names are unique."""
    with uow:
        project = uow.projects.get(slug)
        require_any_municipality(actor, project.municipalities)
        key = build_cost_key(entered, project.municipalities)
        if key.name in {k.name for k in uow.cost_keys.list(slug)}:
            taken = f"Prosjektet har allerede en nøkkel som heter «{key.name}»."
            raise KeyFormInvalid({"name": taken})
        uow.cost_keys.add(slug, key)
        record(uow, actor, "nokkel", key.name, None, key_fields(key), slug)
        uow.commit()
    return key


def update_cost_key(
    slug: str,
    name: str,
    entered: KeyInput,
    expected_version: int | None,
    actor: Actor,
    uow: UnitOfWork,
) -> key_model.CostKey:
    """Overwrite a key unless someone saved it since ``expected_version``; the name is fixed.

    Placement options refer to keys by name, so the name in ``entered`` is ignored.
    """
    with uow:
        project = uow.projects.get(slug)
        require_any_municipality(actor, project.municipalities)
        before = uow.cost_keys.get(slug, name)  # NotFound before anything else
        if expected_version is None:
            raise KeyFormInvalid({"version": "Skjemaet mangler versjon; åpne nøkkelen på nytt."})
        key = build_cost_key(replace(entered, name=name), project.municipalities)
        uses = [(s.name, a) for s in uow.scenarios.list(slug) for a in s.arrangements]
        uses = [(option, a) for option, a in uses if a.cost_key == name]
        used = [a for _, a in uses]
        names = {m.number: m.name for m in uow.municipalities.list(project.municipalities)}
        misfit = key_misfit(key, uses, names, service_names(uow))
        if misfit:  # a saved key must never make a split fail
            raise KeyFormInvalid({"fixed": misfit})
        if actor.role is Role.FINANCE:
            if used and not any(actor.municipalities & a.participants for a in used):
                raise Forbidden(
                    f"Nøkkelen «{name}» brukes bare for tjenester dine kommuner ikke deltar i."
                )
            if used:  # it moves other partners' money: a proposal for the steering group
                if before.version != expected_version:
                    raise StaleCostKey(before)
                number = store_proposal(uow, slug, key, expected_version, actor)
                uow.commit()
                raise ProposalMade(number)
        try:
            uow.cost_keys.save(slug, key, expected_version)
            record(uow, actor, "nokkel", name, key_fields(before), key_fields(key), slug)
            uow.commit()
            return replace(key, version=expected_version + 1)
        except errors.ConcurrentEdit:
            pass  # rolled back on leaving the block; read what is stored now afresh
    with uow:
        raise StaleCostKey(uow.cost_keys.get(slug, name))


def preview_cost_key(
    slug: str,
    key: str | KeyInput,
    actor: Actor,
    uow: UnitOfWork,
    service: str | None = None,
    amount: str | None = None,
) -> KeyPreview:
    """What a stored key (by name) or typed input charges each participant of one service.

    The amount defaults to the participants' gross cost in their latest baselines (an
    estimate if any baseline is), else an example of 1 000 000 kr; population is the
    register's. Every role may preview; typed input that breaks a rule raises
    ``KeyFormInvalid`` and nothing is ever stored.
    """
    del actor  # reading is open to every role
    with uow:
        project = uow.projects.get(slug)
        if isinstance(key, KeyInput):
            cost_key = build_cost_key(key, project.municipalities)
        else:
            cost_key = uow.cost_keys.get(slug, key)
        arrangements = [(s.name, a) for s in uow.scenarios.list(slug) for a in s.arrangements]
        code = service or _default_service(project, cost_key.name, [a for _, a in arrangements])
        known = code in {s.code for s in project.services}
        members = sorted(project.participants_of(code)) if known else []
        people = {m.number: m for m in uow.municipalities.list(members)}
        baselines = load_project_data(slug, uow, [code] if known else []).baselines.of(code)
    host, host_basis = _host(code, cost_key.name, members, arrangements)
    total, basis, estimate = _amount(amount, members, baselines)
    dates = {m.population_date for m in people.values()}
    preview = KeyPreview(
        key=cost_key,
        service=code,
        service_name=project.service(code).name if known else code,
        host=host,
        host_basis=host_basis,
        names={n: m.name for n, m in people.items()},
        amount_nok=total if total is not None else Decimal(0),
        amount_basis=basis,
        amount_is_estimate=estimate,
        population_date=dates.pop() if len(dates) == 1 else None,
    )
    try:
        project.service(code)
        if total is None:
            raise errors.InvalidData(f"Beløpet «{(amount or '').strip()}» er ikke et tall.")
        population = {n: m.population for n, m in people.items()}
        typed = bool(amount and amount.strip())
        if typed:  # the typed amount is what the key splits; measures are not part of it
            split = split_shared_cost(
                total, cost_key, members, host, population, baselines, measures=False,
                names=preview.names,
            )  # fmt: skip
        else:
            split = split_service_cost(
                total, cost_key, members, host, population, baselines, names=preview.names
            )
    except errors.CoopError as error:
        return replace(preview, error=error.message)
    partners = sum((li.overhead_nok for li in split.lines if li.member != host), Decimal(0))
    return replace(preview, lines=split.lines, partner_overhead_nok=partners)


def _amount(
    amount: str | None, members: list[str], baselines: Mapping[str, model.Baseline]
) -> tuple[Decimal | None, str, bool]:
    """Amount to preview, its basis and whether it is an estimate; None if not a number."""
    if amount and amount.strip():
        try:
            typed = read_kroner(amount, "Beløpet", Decimal(0))
        except InvalidData as error:
            raise KeyFormInvalid({"belop": error.message}) from None
        return typed, "beløpet du skrev inn", False
    if members and all(m in baselines for m in members):
        years = sorted({baselines[m].year for m in members})
        span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        total = sum((baselines[m].gross_cost_nok for m in members), Decimal(0))
        estimate = any(baselines[m].is_estimate for m in members)
        return total, f"deltakernes brutto driftsutgift {span} i grunnlaget", estimate
    return EXAMPLE_AMOUNT_NOK, "eksempelbeløp; grunnlaget mangler for noen deltakere", False


def _host(
    service: str,
    key_name: str,
    members: list[str],
    arrangements: list[tuple[str, model.ServiceArrangement]],
) -> tuple[str, str]:
    """The host of a placement option for the service, preferring one that uses the key."""
    using = [(n, a) for n, a in arrangements if a.service == service and a.host in members]
    using.sort(key=lambda item: item[1].cost_key != key_name)  # stable: this key first
    if using:
        return using[0][1].host, f"fra alternativet «{using[0][0]}»"
    return (members[0] if members else ""), "ingen alternativ plasserer tjenesten ennå"


def _default_service(
    project: model.CooperationProject, key_name: str, arrangements: list[model.ServiceArrangement]
) -> str:
    using = [a.service for a in arrangements if a.cost_key == key_name]
    if using:
        return using[0]
    return project.services[0].code if project.services else ""


def _used_by(project: model.CooperationProject, uow: UnitOfWork) -> dict[str, tuple[str, ...]]:
    names = {s.code: s.name for s in project.services}
    used: dict[str, list[str]] = {}
    for scenario in uow.scenarios.list(project.slug):
        for a in scenario.arrangements:
            if a.cost_key:
                used.setdefault(a.cost_key, []).append(
                    f"{scenario.name}: {names.get(a.service, a.service)}"
                )
    return {k: tuple(v) for k, v in used.items()}


def _may_edit(actor: Actor, project: model.CooperationProject) -> bool:
    try:
        require_any_municipality(actor, project.municipalities)
    except Forbidden:
        return False
    return True
