"""Who moves to the host: staff transfers from the participants' baselines.

Pure domain: standard library and ``coop.domain.model`` only. Each participant transfers the FTEs it
used before (2007 guidelines); the cooperation graph, the job balance and the transition-cost
estimate all start from these transfers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from coop.domain.errors import require
from coop.domain.model import Baseline, check_municipality_number

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Employee:
    """One employee who moves, with a home municipality when it differs from the employer's."""

    service: str
    employer: str
    fte: Decimal
    home: str | None = None

    def __post_init__(self) -> None:
        check_municipality_number(self.employer)
        if self.home is not None:
            check_municipality_number(self.home)
        require(self.fte >= 0, f"Årsverk kan ikke være negative ({self.employer}/{self.service}).")


@dataclass(frozen=True, slots=True)
class StaffTransfer:
    """Staff of one participant that join a service at its host (expected values)."""

    service: str
    host: str
    municipality: str
    fte: Decimal
    headcount: Decimal
    pay_cost_nok: Decimal
    gross_cost_nok: Decimal
    basis: str

    @property
    def moves(self) -> bool:
        """True when the staff change employer, i.e. the municipality is not the host."""
        return self.municipality != self.host


def transfer_share(joint_fte: Decimal, baselines: Iterable[Baseline]) -> Decimal:
    """Share of every participant's baseline staff that moves into the joint service.

    Each municipality transfers the FTEs it used before (2007 guidelines). When the joint
    service has fewer FTE than the participants had, each keeps the same share locally:
    ``share = min(1, joint_fte / Σ baseline FTE)``. ``joint_fte`` 0 means "not set": all move.
    """
    total = sum((b.fte for b in baselines), ZERO)
    if joint_fte <= 0 or total <= joint_fte:
        return Decimal(1)
    return joint_fte / total


def _moved_fte(known: list[Baseline], share: Decimal) -> list[Decimal]:
    """FTE × share per participant to 0.001 FTE, by largest remainder so they sum exactly."""
    if share == 1:
        return [b.fte for b in known]
    unit = Decimal("0.001")
    exact = [b.fte * share for b in known]
    moved = [x.quantize(unit, ROUND_FLOOR) for x in exact]
    target = sum(exact, ZERO).quantize(unit, ROUND_HALF_UP)
    left = int((target - sum(moved, ZERO)) / unit)
    for i in sorted(range(len(known)), key=lambda i: moved[i] - exact[i])[:left]:
        moved[i] += unit
    return moved


def staff_transfers(
    service: str,
    host: str,
    participants: Iterable[str],
    baselines: Mapping[str, Baseline],
    joint_fte: Decimal = ZERO,
) -> tuple[StaffTransfer, ...]:
    """Staff of every participant with a baseline that join the service (host included).

    Moved FTE are rounded to 0.001 and sum exactly to the joint FTE; headcount and costs
    are scaled by the same share (expected values).
    """
    known = [baselines[m] for m in sorted(participants) if m in baselines]
    share = transfer_share(joint_fte, known)
    return tuple(
        StaffTransfer(
            service=service,
            host=host,
            municipality=b.municipality,
            fte=fte,
            headcount=b.headcount * share,
            pay_cost_nok=b.pay_cost_nok * share,
            gross_cost_nok=b.gross_cost_nok * share,
            basis=b.basis,
        )
        for b, fte in zip(known, _moved_fte(known, share), strict=True)
    )


def baselines_by_service(
    baselines: Iterable[Baseline], year: int | None = None
) -> dict[str, dict[str, Baseline]]:
    """Index baselines as service → municipality → baseline of the best-fitting year.

    The latest year not after ``year`` wins; failing that, the earliest later year.
    """
    out: dict[str, dict[str, Baseline]] = defaultdict(dict)

    def rank(b: Baseline) -> tuple[bool, int]:
        if year is None:
            return True, b.year
        return b.year <= year, b.year if b.year <= year else -b.year

    for b in baselines:
        current = out[b.service].get(b.municipality)
        if current is None or rank(b) > rank(current):
            out[b.service][b.municipality] = b
    return dict(out)
