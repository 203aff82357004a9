"""What a project file holds: its format name and version, and the project as domain objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from coop.domain.assumptions import PlanningAssumptions
from coop.domain.changes import Change
from coop.domain.costs.key_model import CostKey
from coop.domain.json_codec import Json
from coop.domain.model import Baseline, CooperationProject, Scenario
from coop.domain.process.record import ProcessRecord
from coop.domain.transition.policy_model import PersonnelPolicy
from coop.domain.travel.links import TravelLink

FORMAT = "coop-prosjekt"
VERSION = 1


@dataclass(frozen=True)
class StoredAgreement:
    """One saved agreement version as the file holds it (inputs kept as their own JSON)."""

    scenario: str
    service: str
    number: int
    content_hash: str
    text: str
    participants: tuple[str, ...]
    decided_on: date
    status: str
    saved_by: str
    saved_at: datetime
    inputs: Json


@dataclass(frozen=True)
class StoredAdoption:
    """One council decision as the file holds it."""

    scenario: str
    service: str
    participant: str
    body: str
    meeting_date: date
    case_number: str
    outcome: str
    version_hash: str


@dataclass(frozen=True)
class ProjectFile:
    """Everything of one project, as domain objects."""

    project: CooperationProject
    created_by: str
    assumptions: PlanningAssumptions | None
    baselines: tuple[Baseline, ...]
    travel: tuple[TravelLink, ...]
    policies: tuple[PersonnelPolicy, ...]
    keys: tuple[CostKey, ...]
    scenarios: tuple[Scenario, ...]
    agreements: tuple[StoredAgreement, ...]
    adoptions: tuple[StoredAdoption, ...]
    changes: tuple[Change, ...]
    network: tuple[TravelLink, ...] = ()  # shared-network links on the members' routes
    process: ProcessRecord | None = None  # plan, groups, staff log, savings, money, goals
