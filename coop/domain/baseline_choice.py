"""Which baseline figures a project uses: one rule for every view.

The project's baseline year decides. For each service and participant the figures of that
year are used; when a participant has none for that year, its newest earlier figures are used
and the choice is stated; figures from later years are never mixed in (a partner importing
next year's budget changes nothing until the project moves its baseline year). A participant
with no figures at all is listed as missing, never counted as zero in silence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from coop.domain.model import ESTIMATE, Baseline


@dataclass(frozen=True, slots=True)
class BaselineChoice:
    """The figures a project uses, per service and participant, and what deviates."""

    year: int
    rows: Mapping[str, Mapping[str, Baseline]]  # service -> municipality -> baseline used
    older: Mapping[str, Mapping[str, int]]  # service -> municipality -> year used instead
    missing: Mapping[str, tuple[str, ...]]  # service -> participants without figures
    later_only: Mapping[str, tuple[str, ...]]  # service -> participants with only later years

    def of(self, service: str) -> dict[str, Baseline]:
        """Participant → baseline used, for one service."""
        return dict(self.rows.get(service, {}))

    def complete(self, service: str) -> bool:
        """True when every participant of the service has figures."""
        return not self.missing.get(service)

    def total(self, service: str, figure: str) -> Decimal:
        """Sum of one figure (``fte``, ``gross_cost_nok`` …) over the service's participants."""
        return sum((Decimal(getattr(b, figure)) for b in self.of(service).values()), Decimal(0))

    def bases(self, service: str) -> tuple[str, ...]:
        """The distinct bases of the figures used for a service."""
        return tuple(sorted({b.basis for b in self.of(service).values()}))

    def has_estimates(self, service: str) -> bool:
        """True when any figure used for the service is an estimate."""
        return any(b.is_estimate for b in self.of(service).values()) or any(
            ESTIMATE in basis for basis in self.bases(service)
        )

    def notes(self, service: str, names: Mapping[str, str]) -> tuple[str, ...]:
        """Bokmål notes on what deviates from the baseline year, for screens and documents."""
        out = [
            f"{names.get(m, m)}: tall fra {year} (mangler {self.year})"
            for m, year in sorted(self.older.get(service, {}).items())
        ]
        out += [
            f"{names.get(m, m)}: har bare tall for senere år enn {self.year}"
            for m in self.later_only.get(service, ())
        ]
        out += [
            f"{names.get(m, m)}: mangler tall"
            for m in self.missing.get(service, ())
            if m not in self.later_only.get(service, ())
        ]
        return tuple(out)


def choose_baselines(
    baselines: Iterable[Baseline], participants: Mapping[str, Iterable[str]], year: int
) -> BaselineChoice:
    """Pick each participant's figures for ``year`` (else its newest earlier ones)."""
    by_key: dict[tuple[str, str], list[Baseline]] = {}
    for b in baselines:
        by_key.setdefault((b.service, b.municipality), []).append(b)
    rows: dict[str, dict[str, Baseline]] = {}
    older: dict[str, dict[str, int]] = {}
    missing: dict[str, list[str]] = {}
    later: dict[str, list[str]] = {}
    for service, members in participants.items():
        for m in sorted(members):
            candidates = by_key.get((service, m), [])
            usable = [b for b in candidates if b.year <= year]
            if not usable:
                missing.setdefault(service, []).append(m)
                if candidates:
                    later.setdefault(service, []).append(m)
                continue
            chosen = max(usable, key=lambda b: b.year)
            rows.setdefault(service, {})[m] = chosen
            if chosen.year != year:
                older.setdefault(service, {})[m] = chosen.year
    return BaselineChoice(
        year=year,
        rows=rows,
        older=older,
        missing={k: tuple(v) for k, v in missing.items()},
        later_only={k: tuple(v) for k, v in later.items()},
    )
