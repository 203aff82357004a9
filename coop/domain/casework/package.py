"""The package adoption tracker: every council, every agreement, one text hash each.

Pure domain. A package is the agreements of one placement option that go to the councils
together. It counts as adopted only when every party to every agreement adopted that agreement's
current text (hash). «Vedtatt med endringer», «utsatt» and «ikke vedtatt» are shown as such;
under a package condition (Salangen 2007: identical resolutions in all cases, or all are
reopened) any of them reopens the package for every council.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from coop.domain.agreements.adoption import AdoptionStatus, Outcome, participant_state

NOT_PARTY = "ikke part"
NO_VERSION = "ingen lagret versjon"
REOPENING = (Outcome.ADOPTED_WITH_CHANGES.value, Outcome.POSTPONED.value, Outcome.REJECTED.value)


@dataclass(frozen=True, slots=True)
class PackageItem:
    """One agreement of the package: its newest saved version and where the councils stand."""

    service: str
    service_name: str
    participants: tuple[str, ...]  # kommunenummer of the parties
    version: int | None  # newest saved version; None when nothing is saved yet
    status: AdoptionStatus | None  # None without a saved version


@dataclass(frozen=True, slots=True)
class CouncilLine:
    """One council across the package: its state per agreement, in package order."""

    number: str
    name: str
    states: tuple[str, ...]  # one per item; «ikke part» where it is no party

    @property
    def adopted_all(self) -> bool:
        """True when the council adopted the current text of every agreement it is party to."""
        return all(s in (Outcome.ADOPTED.value, NOT_PARTY) for s in self.states)


@dataclass(frozen=True, slots=True)
class Reopening:
    """A decision that, under the package condition, reopens the package for all."""

    name: str
    service_name: str
    state: str


@dataclass(frozen=True, slots=True)
class PackageStatus:
    """The package as a whole: adopted, reopened (under a condition) or still under way."""

    items: tuple[PackageItem, ...]
    councils: tuple[CouncilLine, ...]
    condition: str
    adopted: bool
    reopenings: tuple[Reopening, ...]  # decisions that reopen (or would, with a condition)

    @property
    def reopened(self) -> bool:
        """Under a package condition, any «utsatt», «ikke vedtatt» or amended adoption."""
        return bool(self.condition) and bool(self.reopenings)

    @property
    def state(self) -> str:
        """«vedtatt», «gjenåpnet» or «under behandling» for the package as a whole."""
        if self.adopted:
            return "vedtatt"
        return "gjenåpnet" if self.reopened else "under behandling"


def package_status(
    items: Sequence[PackageItem], names: Mapping[str, str], condition: str = ""
) -> PackageStatus:
    """Where the package stands; ``names`` maps kommunenummer to name for every council."""
    members = sorted({n for item in items for n in item.participants}, key=lambda n: names[n])
    councils = tuple(
        CouncilLine(n, names[n], tuple(_state(n, item) for item in items)) for n in members
    )
    reopenings = tuple(
        Reopening(line.name, item.service_name, state)
        for line in councils
        for item, state in zip(items, line.states, strict=True)
        if state in REOPENING
    )
    adopted = bool(items) and all(i.status is not None and i.status.complete for i in items)
    return PackageStatus(tuple(items), councils, condition.strip(), adopted, reopenings)


def _state(number: str, item: PackageItem) -> str:
    if number not in item.participants:
        return NOT_PARTY
    if item.status is None:
        return NO_VERSION
    return participant_state(number, item.status)
