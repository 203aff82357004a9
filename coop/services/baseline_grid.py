"""Baseline figures without a budget file: a grid of services × members for one year.

Each cell is one municipality's figures for one service: FTE, headcount, gross cost, pay
cost, measures charged to the home municipality (KOSTRA 251/252) and usage counts, each with
its basis (budsjett, regnskap, anslag, SSB/KOSTRA). Cells filled by a budget import show the
file they came from; a hand-entered figure says who entered it. Figures from another year
than the grid's are shown as such, never mixed in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal

from coop.domain import errors, model
from coop.domain.access import Actor, require_municipality
from coop.domain.limits import read_count, read_decimal, read_fte, read_kroner
from coop.domain.model import BASELINE_FIGURES
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.change_log import record
from coop.services.project_data import assumptions_of

BASES = {
    "budsjett": "budsjett",
    "regnskap": "regnskap",
    "anslag": "anslag",
    "kostra": "SSB/KOSTRA",
}
USAGE_LIMIT = Decimal(10**9)
"""Cases, pupils, users: a count per year far below a billion."""
MONEY = ("gross_cost_nok", "pay_cost_nok", "pass_through_nok")


@dataclass(frozen=True)
class GridCell:
    """One municipality's figures for one service in the grid's year (or why there are none)."""

    number: str
    name: str
    baseline: model.Baseline | None  # figures of exactly the grid's year
    other_years: tuple[int, ...]  # years with figures, when the grid's year has none
    editable: bool


@dataclass(frozen=True)
class GridRow:
    """One service: its participants' cells and the usage metrics a key can use."""

    code: str
    name: str
    metrics: tuple[tuple[str, str], ...]  # (code, label)
    cells: tuple[GridCell, ...]

    @property
    def total_fte(self) -> Decimal:
        """Sum of the year's FTE over the cells that have figures."""
        return sum((c.baseline.fte for c in self.cells if c.baseline), Decimal(0))

    @property
    def total_gross_nok(self) -> Decimal:
        """Sum of the year's gross cost over the cells that have figures."""
        return sum((c.baseline.gross_cost_nok for c in self.cells if c.baseline), Decimal(0))


@dataclass(frozen=True)
class BaselineGrid:
    """The grid for one project and year."""

    slug: str
    project_name: str
    year: int
    baseline_year: int  # the project's baseline year (what calculations use)
    rows: tuple[GridRow, ...]
    bases: Mapping[str, str]


def baseline_grid(
    slug: str, actor: Actor, uow: UnitOfWork, year: int | None = None
) -> BaselineGrid:
    """The figures of every service × participant for ``year`` (the baseline year by default)."""
    with uow:
        project = uow.projects.get(slug)
        assumptions = assumptions_of(project, uow)
        chosen = year or assumptions.baseline_year
        errors.require(1990 <= chosen <= 2100, f"Året {chosen} er utenfor gyldig område.")
        names = {m.number: m.name for m in uow.municipalities.list(project.municipalities)}
        codes = [s.code for s in project.services]
        rows = uow.baselines.list(project.municipalities, codes)
        catalogue = {e.code: e for e in uow.catalogue.list(codes)}
    by_key: dict[tuple[str, str], list[model.Baseline]] = {}
    for b in rows:
        by_key.setdefault((b.service, b.municipality), []).append(b)
    grid = []
    for s in project.services:
        metrics = (
            {m.code: m.name for m in catalogue[s.code].usage_metrics} if s.code in catalogue else {}
        )
        cells = []
        for number in sorted(project.participants_of(s.code), key=lambda n: names.get(n, n)):
            found = by_key.get((s.code, number), [])
            exact = next((b for b in found if b.year == chosen), None)
            for metric in exact.usage if exact else ():
                metrics.setdefault(metric, metric)
            cells.append(
                GridCell(
                    number,
                    names.get(number, number),
                    exact,
                    tuple(sorted(b.year for b in found)) if exact is None else (),
                    _may_edit(actor, number),
                )
            )
        grid.append(GridRow(s.code, s.name, tuple(metrics.items()), tuple(cells)))
    return BaselineGrid(slug, project.name, chosen, assumptions.baseline_year, tuple(grid), BASES)


def _may_edit(actor: Actor, number: str) -> bool:
    try:
        require_municipality(actor, number)
    except errors.CoopError:
        return False
    return True


def _fields(b: model.Baseline | None) -> dict[str, str] | None:
    if b is None:
        return None
    out = {label: str(getattr(b, f)) for f, label in BASELINE_FIGURES.items() if f != "usage"}
    out.update({f"bruk: {k}": str(v) for k, v in sorted(b.usage.items())})
    out["grunnlag"] = b.basis
    return out


def set_baseline(
    slug: str,
    service: str,
    number: str,
    year: int,
    values: Mapping[str, str],
    basis: str,
    actor: Actor,
    uow: UnitOfWork,
    reason: str = "",
) -> model.Baseline:
    """Enter or change one municipality's figures for one service and year.

    ``values`` are typed text (Norwegian numbers: «1 234 567», «4,5»); an empty value keeps the
    figure (0 for a new cell); ``usage:METRIC`` keys set usage counts. ``basis`` is one of
    ``BASES``; the figures typed get it as their basis, the others keep theirs.
    """
    require_municipality(actor, number)
    errors.require(basis in BASES, f"Velg grunnlag: {', '.join(BASES.values())}.")
    errors.require(1990 <= year <= 2100, f"Året {year} er utenfor gyldig område.")
    with uow:
        project = uow.projects.get(slug)
        found = project.service(service)
        name = uow.municipalities.get(number).name
        errors.require(
            number in project.participants_of(service),
            f"{name} deltar ikke i «{found.name}».",
        )
        before = next(iter(uow.baselines.list([number], [service], year)), None)
        typed, typed_usage = _typed(values)
        usage = {**(before.usage if before else {}), **typed_usage}
        label = f"{BASES[basis]} {year}"
        field_basis = dict(before.field_basis) if before else {}
        for figure in typed:
            field_basis[figure] = label
        if typed_usage:
            field_basis["usage"] = label
        base = before or model.Baseline(
            number, service, year, Decimal(0), 0, Decimal(0), Decimal(0), basis=label
        )
        try:
            after = replace(
                base,
                **typed,  # type: ignore[arg-type]
                usage=usage,
                basis=label if before is None else before.basis,
                field_basis=field_basis,
                source=f"registrert i coop av {actor.username} {datetime.now(UTC):%d.%m.%Y}",
            )
        except TypeError as error:
            raise errors.InvalidData(f"Ugyldig tall: {error}") from None
        if after.headcount == 0 and after.fte > 0 and "headcount" not in typed:
            after = replace(
                after, headcount=int(after.fte.to_integral_value(rounding="ROUND_CEILING"))
            )
        uow.baselines.replace(after)
        record(uow, actor, "grunnlag", f"{found.name}/{name}/{year}", _fields(before),
               _fields(after), slug, reason)  # fmt: skip
        uow.commit()
        return after


def _typed(values: Mapping[str, str]) -> tuple[dict[str, object], dict[str, Decimal]]:
    out: dict[str, object] = {}
    usage: dict[str, Decimal] = {}
    for key, raw in values.items():
        if not str(raw).strip():
            continue
        if key == "fte":
            out["fte"] = read_fte(raw, "Årsverk")
        elif key == "headcount":
            out["headcount"] = read_count(raw, "Antall ansatte", 0, 99_999)
        elif key in MONEY:
            out[key] = read_kroner(raw, BASELINE_FIGURES[key].capitalize())
        elif key.startswith("usage:"):
            metric = key.removeprefix("usage:")
            model.check_code(metric, "Bruksmålet")
            usage[metric] = read_decimal(raw, f"Bruksmålet «{metric}»", Decimal(0), USAGE_LIMIT)
        else:
            raise errors.InvalidData(f"Ukjent tall «{key}» i grunnlaget.")
    return out, usage
