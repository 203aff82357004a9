"""Shared decisions: a change that moves other partners' money is a proposal first.

When a municipality's finance officer changes a cost key that a placement option uses, every
partner's bill moves; so the change waits as a proposal until the steering group accepts it.
Partners see it, and what it would cost them, meanwhile. Agreements cite the key as accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from coop.domain.costs.key_model import CostKey
from coop.domain.errors import require


class ProposalStatus(StrEnum):
    """Where a proposal stands."""

    PENDING = "til behandling"
    ACCEPTED = "godtatt"
    REJECTED = "avvist"
    OUTDATED = "utdatert"  # the key changed after the proposal was made


@dataclass(frozen=True, slots=True)
class KeyProposal:
    """A proposed new version of a project's cost key."""

    id: int | None
    project: str
    key: CostKey  # the proposed key (same name as the current one)
    base_version: int  # the key version the proposal was made from
    proposed_by: str
    proposed_at: datetime
    reason: str = ""
    status: ProposalStatus = ProposalStatus.PENDING
    decided_by: str | None = None
    decided_at: datetime | None = None

    def __post_init__(self) -> None:
        require(len(self.reason) <= 500, "Begrunnelsen kan være høyst 500 tegn.")

    @property
    def pending(self) -> bool:
        """True while the steering group has not decided."""
        return self.status is ProposalStatus.PENDING
