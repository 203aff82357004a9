"""Plain results of the agreement use cases: what pages, PDF and CLI show (no rules here)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from coop.domain.agreements.adoption import Adoption, AdoptionStatus
from coop.domain.agreements.draft import AgreementDraft, ChecklistItem, DraftStatus
from coop.domain.agreements.drafting import AgreementInputs
from coop.domain.agreements.terms import TERM_FIELDS, TermField
from coop.persistence.repositories.agreements import StoredVersion


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """A saved version as listed: number, short hash, status, who and when."""

    number: int
    content_hash: str
    status: DraftStatus
    decided_on: date
    saved_by: str
    saved_at: datetime
    participants: tuple[str, ...]  # names, alphabetical

    @property
    def short_hash(self) -> str:
        """The first twelve hex digits, enough to tell versions apart on paper."""
        return self.content_hash[:12]

    @classmethod
    def of(cls, stored: StoredVersion) -> VersionInfo:
        """Summarise a stored version."""
        names = stored.inputs.municipalities
        return cls(
            stored.number,
            stored.content_hash,
            stored.status,
            stored.decided_on,
            stored.saved_by,
            stored.saved_at,
            tuple(sorted(names[n].name for n in stored.version.participants)),
        )


@dataclass(frozen=True, slots=True)
class Signatory:
    """A participant's signature line: the ordfører signs at the administrative centre."""

    number: str
    name: str
    place: str
    is_host: bool


@dataclass(frozen=True, slots=True)
class DraftView:
    """A draft (current, or a saved version) with its checklist and where it stands."""

    slug: str
    project_name: str
    scenario: str
    service: str
    service_name: str
    draft: AgreementDraft
    checklist: tuple[ChecklistItem, ...]
    missing: tuple[ChecklistItem, ...]
    notes: tuple[str, ...]
    content_hash: str
    terms: Mapping[str, str]
    signatories: tuple[Signatory, ...]
    latest: VersionInfo | None
    shown_version: VersionInfo | None  # set when this view is a saved version
    adoption: AdoptionStatus | None
    fields: tuple[TermField, ...] = TERM_FIELDS

    @property
    def matches_latest(self) -> bool:
        """True when the text shown is the newest saved version's text."""
        return self.latest is not None and self.latest.content_hash == self.content_hash

    @property
    def can_mark_ready(self) -> bool:
        """The «klar til vedtak» button is on only when no mandatory point is missing."""
        return not self.missing


def signatories(inputs: AgreementInputs, draft: AgreementDraft) -> tuple[Signatory, ...]:
    """One signature line per participant, in the draft's order."""
    towns = inputs.municipalities
    return tuple(
        Signatory(n, towns[n].name, towns[n].admin_centre, n == draft.host)
        for n in draft.participants
    )


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What saving did: the version number, its hash, whether it is new, and its status."""

    number: int
    content_hash: str
    created: bool
    status: DraftStatus


@dataclass(frozen=True, slots=True)
class AgreementSummary:
    """One arrangement of a project on the agreements list."""

    scenario: str
    service: str
    service_name: str
    host_name: str
    participant_names: tuple[str, ...]
    latest: VersionInfo | None
    adopted: int  # councils that adopted the newest version
    participants: int
    complete: bool
    changed_since_latest: bool  # today's data or scenario give a different text


@dataclass(frozen=True, slots=True)
class AgreementIndex:
    """All arrangements of a project, per scenario."""

    slug: str
    project_name: str
    rows: tuple[AgreementSummary, ...]


@dataclass(frozen=True, slots=True)
class VersionsView:
    """Saved versions of one arrangement, newest first, with the default comparison."""

    slug: str
    project_name: str
    scenario: str
    service: str
    service_name: str
    versions: tuple[VersionInfo, ...]
    last_put_forward: int | None  # newest «klar til vedtak» version before the latest


@dataclass(frozen=True, slots=True)
class DiffLine:
    """One line of a readable diff: ``added``, ``removed``, ``same`` or ``gap``."""

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class VersionDiff:
    """What changed between two versions, line by line and per checklist point."""

    slug: str
    project_name: str
    scenario: str
    service: str
    service_name: str
    old: VersionInfo
    new: VersionInfo
    lines: tuple[DiffLine, ...]
    changed_points: tuple[tuple[str, str], ...]  # (letter, label)
    joined: tuple[str, ...]  # participant names added
    left: tuple[str, ...]  # participant names removed


@dataclass(frozen=True, slots=True)
class ParticipantDecision:
    """Where one participant stands on the newest version."""

    number: str
    name: str
    state: str  # bokmål: «vedtatt», «utsatt», «vedtatt med endringer», «ikke behandlet» …
    adopted: bool


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    """A recorded decision with the names and version number a reader needs."""

    adoption: Adoption
    name: str
    version: int | None  # None if the hash matches no saved version


@dataclass(frozen=True, slots=True)
class AdoptionView:
    """The adoption tracker of one arrangement; notice and reminder once complete."""

    slug: str
    project_name: str
    scenario: str
    service: str
    service_name: str
    latest: VersionInfo | None
    versions: tuple[VersionInfo, ...]
    status: AdoptionStatus | None
    participants: tuple[ParticipantDecision, ...]
    decisions: tuple[DecisionRecord, ...]
    notice: str | None
    reminder: str | None
    names: Mapping[str, str]
