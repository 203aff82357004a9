"""Use cases for savings targets and measures and project money (goals: process_evaluation).

Same rules as the plan: steering group (or admin) writes, each write in the change log.
Amounts are typed the Norwegian way («1 234 567», «4,5 mill.» is not accepted: whole kroner).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from coop.domain import errors
from coop.domain.access import Actor
from coop.domain.formatting import format_kr
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
from coop.services.process_edit import LogLine, edit_record, pick, project_member


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

    def change(
        rec: ProcessRecord, members: tuple[str, ...]
    ) -> tuple[ProcessRecord, tuple[SavingsTarget | None, SavingsTarget]]:
        codes = {s.code for s in uow.projects.get(slug).services}
        errors.require(
            not service.strip() or service.strip() in codes,
            f"Tjenesten «{service.strip()[:40]}» er ikke med i prosjektet.",
        )
        t = SavingsTarget(
            group.strip(), _year(year), _nok(target, "Sparemål"), service.strip() or None,
            project_member(municipality.strip(), members), basis.strip(),
        )  # fmt: skip
        s = rec.savings
        old = next((x for x in s.targets if (x.group, x.year) == (t.group, t.year)), None)
        kept = tuple(x for x in s.targets if (x.group, x.year) != (t.group, t.year))
        return replace(rec, savings=replace(s, targets=(*kept, t))), (old, t)

    def line(pair: tuple[SavingsTarget | None, SavingsTarget]) -> LogLine:
        old, t = pair
        return LogLine("sparemal", f"{t.group} {t.year}",
                       {"mål": format_kr(old.target_nok)} if old else None,
                       {"mål": format_kr(t.target_nok)})  # fmt: skip

    return edit_record(slug, actor, uow, None, change, line)[1]


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

    def change(rec: ProcessRecord, _m: tuple[str, ...]) -> tuple[ProcessRecord, Measure]:
        s = rec.savings
        m = Measure(
            next_number([x.number for x in s.measures]), group.strip(), title.strip(),
            _year(year), _nok(expected, "Forventet effekt"),
            pick(MeasureStatus, status, "Status"), (), basis.strip(),
        )  # fmt: skip
        return replace(rec, savings=replace(s, measures=(*s.measures, m))), m

    def line(m: Measure) -> LogLine:
        return LogLine("tiltak", f"{m.number} {m.title}", None,
                       {"gruppe": m.group, "effekt": format_kr(m.expected_nok),
                        "status": m.status.label})  # fmt: skip

    return edit_record(slug, actor, uow, None, change, line)


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

    def change(
        rec: ProcessRecord, _m: tuple[str, ...]
    ) -> tuple[ProcessRecord, tuple[Measure, Measure]]:
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
        measures = tuple(new if m.number == number else m for m in s.measures)
        return replace(rec, savings=replace(s, measures=measures)), (old, new)

    def line(pair: tuple[Measure, Measure]) -> LogLine:
        old, new = pair
        return LogLine("tiltak", f"{new.number} {new.title}", _measure_text(old),
                       _measure_text(new))  # fmt: skip

    return edit_record(slug, actor, uow, None, change, line)[1]


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

    def change(rec: ProcessRecord, _m: tuple[str, ...]) -> tuple[ProcessRecord, MoneyEntry]:
        e = MoneyEntry(
            next_number([x.number for x in rec.money]), source.strip(),
            pick(MoneyKind, kind, "Type"), _nok(amount, "Beløp"),
            typed_date(on, "Dato") if on.strip() else None, text.strip(), basis.strip(),
        )  # fmt: skip
        return replace(rec, money=(*rec.money, e)), e

    def line(e: MoneyEntry) -> LogLine:
        return LogLine("prosjektmidler", f"{e.number} {e.source}", None,
                       {"type": e.kind.label, "beløp": format_kr(e.amount_nok),
                        "tekst": e.text})  # fmt: skip

    return edit_record(slug, actor, uow, None, change, line)


def money_balances(
    slug: str, uow: UnitOfWork
) -> tuple[tuple[MoneyEntry, ...], list[SourceBalance]]:
    """Every entry and the balance per source."""
    with uow:
        uow.projects.get(slug)
        rec = uow.process.get(slug)
    return rec.money, balances(rec.money)
