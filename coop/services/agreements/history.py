"""Use cases on an agreement's history: versions, readable diffs, adoption tracker, notice.

All are reads, open to every logged-in role (the mayors' group follows the adoption too).
"""

from __future__ import annotations

from dataclasses import dataclass

from coop.domain.agreements import adoption as ad
from coop.domain.agreements.draft import POINTS, DraftStatus
from coop.domain.agreements.drafting import build_draft
from coop.domain.errors import NotFound
from coop.persistence.repositories.agreements import StoredVersion
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.agreements.views import (
    AdoptionView,
    DecisionRecord,
    DiffLine,
    ParticipantDecision,
    VersionDiff,
    VersionInfo,
    VersionsView,
)


def agreement_versions(slug: str, scenario: str, service: str, uow: UnitOfWork) -> VersionsView:
    """Every saved version, newest first, and the last one put to the councils before it."""
    with uow:
        project = uow.projects.get(slug)
        name = project.service(service).name
        uow.scenarios.get(slug, scenario).arrangement(service)  # NotFound / InvalidData
        stored = uow.agreements.versions(slug, scenario, service)
    earlier_ready = [v.number for v in stored[:-1] if v.status is DraftStatus.READY]
    return VersionsView(
        slug,
        project.name,
        scenario,
        service,
        name,
        tuple(VersionInfo.of(v) for v in reversed(stored)),
        earlier_ready[-1] if earlier_ready else None,
    )


def diff_agreement_versions(
    slug: str, scenario: str, service: str, old: int, new: int, uow: UnitOfWork
) -> VersionDiff:
    """What changed from version ``old`` to ``new``: lines, checklist points and members."""
    with uow:
        project = uow.projects.get(slug)
        before = uow.agreements.get(slug, scenario, service, old)
        after = uow.agreements.get(slug, scenario, service, new)
    labels = {letter: label for letter, label, _ in POINTS}
    points = ad.changed_points(build_draft(before.inputs), build_draft(after.inputs))
    names_before = {before.inputs.municipalities[n].name for n in before.version.participants}
    names_after = {after.inputs.municipalities[n].name for n in after.version.participants}
    return VersionDiff(
        slug=slug,
        project_name=project.name,
        scenario=scenario,
        service=service,
        service_name=project.service(service).name,
        old=VersionInfo.of(before),
        new=VersionInfo.of(after),
        lines=readable_diff(ad.version_diff(before.version, after.version)),
        changed_points=tuple((p, labels[p]) for p in points),
        joined=tuple(sorted(names_after - names_before)),
        left=tuple(sorted(names_before - names_after)),
    )


def readable_diff(unified: str) -> tuple[DiffLine, ...]:
    """Unified diff lines as kinds a page can mark in words, headers dropped."""
    out = []
    for line in unified.splitlines():
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            out.append(DiffLine("gap", "…"))
        elif line.startswith("+"):
            out.append(DiffLine("added", line[1:]))
        elif line.startswith("-"):
            out.append(DiffLine("removed", line[1:]))
        else:
            out.append(DiffLine("same", line[1:]))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class AgreementNotice:
    """The host's notice to the state office and the reminder to publish."""

    notice: str
    reminder: str


def agreement_notice(slug: str, scenario: str, service: str, uow: UnitOfWork) -> AgreementNotice:
    """Notice and reminder for the newest version; ``NotFullyAdopted`` until all adopted it."""
    with uow:
        latest = _latest(uow, slug, scenario, service)
        adoptions = uow.agreements.adoptions(slug, scenario, service)
    draft = build_draft(latest.inputs)
    return AgreementNotice(
        ad.statsforvalter_notice(draft, adoptions, latest.content_hash),
        ad.publication_reminder(draft, adoptions, latest.content_hash),
    )


def _latest(uow: UnitOfWork, slug: str, scenario: str, service: str) -> StoredVersion:
    latest = uow.agreements.latest(slug, scenario, service)
    if latest is None:
        raise NotFound(f"Avtalen for «{service}» i «{scenario}» har ingen lagret versjon ennå.")
    return latest


def agreement_adoption(slug: str, scenario: str, service: str, uow: UnitOfWork) -> AdoptionView:
    """The adoption tracker: each council on the newest version, and every decision.

    Once all councils adopted the newest version, it adds the notice to the state office
    and the reminder to publish.
    """
    with uow:
        project = uow.projects.get(slug)
        arrangement = uow.scenarios.get(slug, scenario).arrangement(service)
        stored = uow.agreements.versions(slug, scenario, service)
        adoptions = uow.agreements.adoptions(slug, scenario, service)
        towns = uow.municipalities.list(arrangement.participants | _decided(adoptions))
    names = {m.number: m.name for m in towns}
    latest = stored[-1] if stored else None
    number_of = {v.content_hash: v.number for v in stored}
    decisions = tuple(
        DecisionRecord(a, names.get(a.participant, a.participant), number_of.get(a.version_hash))
        for a in adoptions
    )
    status = notice = reminder = None
    rows: tuple[ParticipantDecision, ...] = ()
    if latest is not None:
        status = ad.adoption_status(latest.version.participants, adoptions, latest.content_hash)
        rows = tuple(_participant(n, names[n], status) for n in latest.version.participants)
        if status.complete:
            draft = build_draft(latest.inputs)
            notice = ad.statsforvalter_notice(draft, adoptions, latest.content_hash)
            reminder = ad.publication_reminder(draft, adoptions, latest.content_hash)
    return AdoptionView(
        slug=slug,
        project_name=project.name,
        scenario=scenario,
        service=service,
        service_name=project.service(service).name,
        latest=VersionInfo.of(latest) if latest else None,
        versions=tuple(VersionInfo.of(v) for v in reversed(stored)),
        status=status,
        participants=rows,
        decisions=decisions,
        notice=notice,
        reminder=reminder,
        names=names,
    )


def _decided(adoptions: list[ad.Adoption]) -> frozenset[str]:
    return frozenset(a.participant for a in adoptions)


def _participant(number: str, name: str, status: ad.AdoptionStatus) -> ParticipantDecision:
    state = ad.participant_state(number, status)
    return ParticipantDecision(number, name, state, number in status.adopted_by)
