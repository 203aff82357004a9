"""Use cases for savings targets and measures, project money and evaluation goals.

Same rules as the plan: steering group (or admin) writes, each write in the change log.
Amounts are typed the Norwegian way («1 234 567», «4,5 mill.» is not accepted: whole kroner).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from coop.domain import errors
from coop.domain.access import Actor
from coop.domain.formatting import format_kr
from coop.domain.process.evaluation import Goal, GoalArea, GoalResult, Measurement, evaluate
from coop.domain.process.money import MoneyEntry, MoneyKind, SourceBalance, balances
from coop.domain.process.record import ProcessRecord, next_number
from coop.domain.process.savings import (
    MAX_NOK,
    GroupTracking,
    Measure,
    MeasureStatus,
    SavingsTarget,
    programme_totals,
    realised_from_accounts,
    track,
)
from coop.domain.typed_numbers import typed_date, typed_decimal, typed_whole
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.change_log import record as log
from coop.services.process import change_record, pick, project_member


def _nok(raw: str, what: str) -> Decimal:
    return typed_decimal(raw, what, Decimal(0), MAX_NOK).quantize(Decimal("0.01"))


def _year(raw: str, what: str = "År") -> int:
    return typed_whole(raw, what, 1990, 2100)


@dataclass(frozen=True)
class SavingsSummary:
    """«mål 44 mill., vedtatt 31 mill., realisert 27 mill.» and one line per group."""

    target_nok: Decimal | None
    adopted_nok: Decimal
    realised_nok: Decimal
    year: int | None
    basis: str
    groups: tuple[GroupTracking, ...]
    measures: tuple[Measure, ...]
    targets: tuple[SavingsTarget, ...]


def savings_summary(slug: str, uow: UnitOfWork) -> SavingsSummary:
    """Targets, adopted and realised savings per group and in total."""
    with uow:
        uow.projects.get(slug)
        rec = uow.process.get(slug)
        accounts = _from_accounts(rec, uow)
    lines = track(rec.savings, [g.name for g in rec.groups], accounts)
    target, adopted, realised = programme_totals(rec.savings, lines)
    s = rec.savings
    return SavingsSummary(
        target, adopted, realised, s.year, s.basis, tuple(lines), s.measures, s.targets
    )


def _from_accounts(rec: ProcessRecord, uow: UnitOfWork) -> dict[str, list[tuple[int, Decimal]]]:
    """Realised savings per group read from the figures of targets tied to a service.

    Only targets with both a service and a municipality count: the cost before the first
    target year minus each later year's accounted cost.
    """
    out: dict[str, list[tuple[int, Decimal]]] = {}
    tied: dict[tuple[str, str, str], int] = {}
    for t in rec.savings.targets:
        if t.service and t.municipality:
            key = (t.group, t.service, t.municipality)
            tied[key] = min(tied.get(key, t.year), t.year)
    for (group, service, number), first_year in sorted(tied.items()):
        costs = {
            b.year: (b.gross_cost_nok, b.basis) for b in uow.baselines.list([number], [service])
        }
        out.setdefault(group, []).extend(realised_from_accounts(costs, first_year))
    return out


def savings_as_json(slug: str, uow: UnitOfWork) -> dict[str, object]:
    """The tracking as ``coop savings --json`` prints it (amounts as decimal strings)."""
    s = savings_summary(slug, uow)

    def money(x: Decimal | None) -> str | None:
        return None if x is None else f"{x:.2f}"

    return {
        "target_nok": money(s.target_nok),
        "groups": [
            {
                "name": g.name,
                "target_nok": money(g.target_nok),
                "adopted_nok": money(g.adopted_nok),
                "realised_nok": money(g.realised_nok),
            }
            for g in s.groups
        ],
    }


def set_savings_target(
    slug: str,
    group: str,
    year: str,
    target: str,
    actor: Actor,
    uow: UnitOfWork,
    basis: str = "",
    service: str = "",
    municipality: str = "",
) -> SavingsTarget:
    """Set (or replace) a group's target for one year of the økonomiplan."""
    with uow:
        made: list[SavingsTarget] = []
        old: list[SavingsTarget] = []

        codes = {s.code for s in uow.projects.get(slug).services}
        errors.require(
            not service.strip() or service.strip() in codes,
            f"Tjenesten «{service.strip()[:40]}» er ikke med i prosjektet.",
        )

        def edit(rec: ProcessRecord, members: tuple[str, ...]) -> ProcessRecord:
            t = SavingsTarget(
                group.strip(), _year(year), _nok(target, "Sparemål"), service.strip() or None,
                project_member(municipality.strip(), members), basis.strip(),
            )  # fmt: skip
            made.append(t)
            s = rec.savings
            old.extend(x for x in s.targets if (x.group, x.year) == (t.group, t.year))
            kept = tuple(x for x in s.targets if (x.group, x.year) != (t.group, t.year))
            return replace(rec, savings=replace(s, targets=(*kept, t)))

        change_record(slug, actor, uow, None, edit)
        t = made[0]
        log(uow, actor, "sparemal", f"{t.group} {t.year}",
            {"mål": format_kr(old[0].target_nok)} if old else None,
            {"mål": format_kr(t.target_nok)}, slug)  # fmt: skip
        uow.commit()
    return made[0]


def add_measure(
    slug: str,
    group: str,
    title: str,
    year: str,
    expected: str,
    actor: Actor,
    uow: UnitOfWork,
    status: str = "foreslatt",
    basis: str = "",
) -> Measure:
    """Add a measure with its expected yearly effect."""
    with uow:
        made: list[Measure] = []

        def edit(rec: ProcessRecord, members: tuple[str, ...]) -> ProcessRecord:
            s = rec.savings
            m = Measure(
                next_number([x.number for x in s.measures]), group.strip(), title.strip(),
                _year(year), _nok(expected, "Forventet effekt"),
                pick(MeasureStatus, status, "Status"), (), basis.strip(),
            )  # fmt: skip
            made.append(m)
            return replace(rec, savings=replace(s, measures=(*s.measures, m)))

        change_record(slug, actor, uow, None, edit)
        m = made[0]
        log(uow, actor, "tiltak", f"{m.number} {m.title}", None,
            {"gruppe": m.group, "effekt": format_kr(m.expected_nok), "status": m.status.label},
            slug)  # fmt: skip
        uow.commit()
    return made[0]


def update_measure(
    slug: str,
    number: int,
    actor: Actor,
    uow: UnitOfWork,
    status: str | None = None,
    realised_year: str = "",
    realised: str = "",
) -> Measure:
    """Change a measure's status, or record what it realised in a year (from the accounts)."""
    with uow:
        pair: list[Measure] = []

        def edit(rec: ProcessRecord, members: tuple[str, ...]) -> ProcessRecord:
            s = rec.savings
            old = next((m for m in s.measures if m.number == number), None)
            if old is None:
                raise errors.NotFound(f"Fant ikke tiltak {number}.")
            new = old
            if status:
                new = replace(new, status=pick(MeasureStatus, status, "Status"))
            if realised_year.strip():
                y = _year(realised_year, "Regnskapsår")
                amount = typed_decimal(realised, "Realisert", -MAX_NOK, MAX_NOK)
                rows = dict(new.realised_nok) | {y: amount.quantize(Decimal("0.01"))}
                new = replace(new, realised_nok=tuple(sorted(rows.items())))
            pair.extend((old, new))
            measures = tuple(new if m.number == number else m for m in s.measures)
            return replace(rec, savings=replace(s, measures=measures))

        change_record(slug, actor, uow, None, edit)
        old, new = pair
        log(uow, actor, "tiltak", f"{new.number} {new.title}", _measure_text(old),
            _measure_text(new), slug)  # fmt: skip
        uow.commit()
    return pair[1]


def _measure_text(m: Measure) -> dict[str, str]:
    realised = "; ".join(f"{y}: {format_kr(a)}" for y, a in m.realised_nok)
    return {"status": m.status.label, "realisert": realised}


def add_money(
    slug: str,
    source: str,
    kind: str,
    amount: str,
    actor: Actor,
    uow: UnitOfWork,
    on: str = "",
    text: str = "",
    basis: str = "",
) -> MoneyEntry:
    """Record a grant or spending against a source of project money."""
    with uow:
        made: list[MoneyEntry] = []

        def edit(rec: ProcessRecord, members: tuple[str, ...]) -> ProcessRecord:
            e = MoneyEntry(
                next_number([x.number for x in rec.money]), source.strip(),
                pick(MoneyKind, kind, "Type"), _nok(amount, "Beløp"),
                typed_date(on, "Dato") if on.strip() else None, text.strip(), basis.strip(),
            )  # fmt: skip
            made.append(e)
            return replace(rec, money=(*rec.money, e))

        change_record(slug, actor, uow, None, edit)
        e = made[0]
        log(uow, actor, "prosjektmidler", f"{e.number} {e.source}", None,
            {"type": e.kind.label, "beløp": format_kr(e.amount_nok), "tekst": e.text},
            slug)  # fmt: skip
        uow.commit()
    return made[0]


def money_balances(
    slug: str, uow: UnitOfWork
) -> tuple[tuple[MoneyEntry, ...], list[SourceBalance]]:
    """Every entry and the balance per source."""
    with uow:
        uow.projects.get(slug)
        rec = uow.process.get(slug)
    return rec.money, balances(rec.money)


def add_goal(
    slug: str,
    area: str,
    text: str,
    indicator: str,
    start_value: str,
    target_value: str,
    actor: Actor,
    uow: UnitOfWork,
    higher_is_better: bool = True,
    unit: str = "",
) -> Goal:
    """Set an evaluation goal with its indicator, start value and target."""
    with uow:
        made: list[Goal] = []

        def edit(rec: ProcessRecord, members: tuple[str, ...]) -> ProcessRecord:
            limit = Decimal(10) ** 12
            g = Goal(
                next_number([x.number for x in rec.goals]), pick(GoalArea, area, "Område"),
                text.strip(), indicator.strip(),
                typed_decimal(start_value, "Startverdi", -limit, limit),
                typed_decimal(target_value, "Målverdi", -limit, limit), higher_is_better,
                unit.strip(),
            )  # fmt: skip
            made.append(g)
            return replace(rec, goals=(*rec.goals, g))

        change_record(slug, actor, uow, None, edit)
        g = made[0]
        log(uow, actor, "evaluering", f"{g.number} {g.indicator}", None,
            {"mål": g.text, "start": str(g.start_value), "mål_verdi": str(g.target_value)},
            slug)  # fmt: skip
        uow.commit()
    return made[0]


def record_measurement(
    slug: str, number: int, year: str, value: str, source: str, actor: Actor, uow: UnitOfWork
) -> Goal:
    """Record an indicator's value for a year (from imported figures or KOSTRA)."""
    with uow:
        made: list[Goal] = []

        def edit(rec: ProcessRecord, members: tuple[str, ...]) -> ProcessRecord:
            old = next((g for g in rec.goals if g.number == number), None)
            if old is None:
                raise errors.NotFound(f"Fant ikke evalueringsmål {number}.")
            limit = Decimal(10) ** 12
            m = Measurement(_year(year), typed_decimal(value, "Verdi", -limit, limit), source)
            kept = tuple(x for x in old.measurements if x.year != m.year)
            new = replace(old, measurements=tuple(sorted((*kept, m), key=lambda x: x.year)))
            made.append(new)
            return replace(rec, goals=tuple(new if g.number == number else g for g in rec.goals))

        change_record(slug, actor, uow, None, edit)
        g = made[0]
        log(uow, actor, "evaluering", f"{g.number} {g.indicator}", None,
            {"målt": f"{year.strip()}: {value.strip()} ({source.strip()})"}, slug)  # fmt: skip
        uow.commit()
    return made[0]


def evaluation_report(slug: str, up_to_year: int, uow: UnitOfWork) -> list[GoalResult]:
    """Each goal against its latest measurement up to a year."""
    errors.require(1990 <= up_to_year <= 2100, "Året må være mellom 1990 og 2100.")
    with uow:
        uow.projects.get(slug)
        rec = uow.process.get(slug)
    return evaluate(rec.goals, up_to_year)
