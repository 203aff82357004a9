"""Use cases for agreement drafts: draft, save versions, diff, mark ready, track adoption.

Everyone logged in reads and prints; only the steering group (and admin) saves versions,
marks them «klar til vedtak» and records council decisions. Adoption is by content hash,
so any change to the text, a new participant included, needs every council again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import TypeVar

from coop.domain.access import Actor, Role, require_role
from coop.domain.agreements import adoption as ad
from coop.domain.agreements.draft import DraftStatus
from coop.domain.agreements.drafting import AgreementInputs, build_draft, checklist, mark_ready
from coop.domain.agreements.terms import AgreementTerms, parse_date, parse_terms
from coop.domain.errors import ConcurrentEdit, InvalidData, NotFound, require
from coop.domain.formatting import format_date
from coop.persistence.repositories.agreements import StoredVersion
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.agreements.inputs import budget_year_for, current_inputs, default_terms
from coop.services.agreements.views import (
    AgreementIndex,
    AgreementSummary,
    DraftView,
    SaveResult,
    VersionInfo,
    signatories,
)
from coop.services.change_log import record
from coop.services.project_data import assumptions_of

E = TypeVar("E", bound=StrEnum)


def _today(today: date | None) -> date:
    return today or datetime.now(UTC).date()


def draft_agreement(
    slug: str,
    scenario: str,
    service: str,
    uow: UnitOfWork,
    decided_on: date | None = None,
    version: int | None = None,
    today: date | None = None,
) -> DraftView:
    """The draft from today's data and the newest terms, or a saved version as it was saved.

    ``decided_on`` previews the current draft under another date (the law and titles follow).
    """
    with uow:
        project = uow.projects.get(slug)
        latest = uow.agreements.latest(slug, scenario, service)
        notes: tuple[str, ...] = ()
        if version is not None:
            stored = uow.agreements.get(slug, scenario, service, version)
            inputs = stored.inputs
        else:
            stored = None
            terms = default_terms(uow, slug, scenario, service, _today(today))
            if decided_on is not None:
                baseline_year = assumptions_of(project, uow).baseline_year
                terms = redated(terms, decided_on, baseline_year)
            inputs, notes = current_inputs(uow, slug, scenario, service, terms)
        adoptions = uow.agreements.adoptions(slug, scenario, service)
    return _view(slug, project.name, scenario, inputs, notes, latest, stored, adoptions)


def redated(terms: AgreementTerms, decided_on: date, baseline_year: int) -> AgreementTerms:
    """Terms under another date; a budget year that followed the old date follows the new one."""
    follows = terms.budget_year in (None, budget_year_for(terms.decided_on, baseline_year))
    year = budget_year_for(decided_on, baseline_year) if follows else terms.budget_year
    return replace(terms, decided_on=decided_on, budget_year=year)


def _view(
    slug: str,
    project_name: str,
    scenario: str,
    inputs: AgreementInputs,
    notes: tuple[str, ...],
    latest: StoredVersion | None,
    stored: StoredVersion | None,
    adoptions: list[ad.Adoption],
) -> DraftView:
    draft = build_draft(inputs)
    draft = replace(draft, warnings=(*draft.warnings, *notes))
    if stored is not None:
        draft = replace(draft, status=stored.status)
        digest = stored.content_hash
    else:
        digest = ad.content_hash(draft)
        if latest is not None and latest.content_hash == digest:
            draft = replace(draft, status=latest.status)
    items = checklist(draft)
    status = (
        ad.adoption_status(latest.version.participants, adoptions, latest.content_hash)
        if latest is not None
        else None
    )
    return DraftView(
        slug=slug,
        project_name=project_name,
        scenario=scenario,
        service=inputs.arrangement.service,
        service_name=inputs.service_name,
        draft=draft,
        checklist=items,
        missing=tuple(i for i in items if i.mandatory and not i.filled),
        notes=notes,
        content_hash=digest,
        terms=AgreementTerms.of(inputs).as_fields(),
        signatories=signatories(inputs, draft),
        latest=VersionInfo.of(latest) if latest else None,
        shown_version=VersionInfo.of(stored) if stored else None,
        adoption=status,
    )


def save_agreement_version(
    slug: str,
    scenario: str,
    service: str,
    values: Mapping[str, str],
    actor: Actor,
    uow: UnitOfWork,
    expected_version: int | None = None,
    ready: bool = False,
    now: datetime | None = None,
) -> SaveResult:
    """Save the draft built from submitted terms as a new version (if its text changed).

    ``expected_version`` is the newest version number the user saw (0 for none); a newer one
    means someone else saved meanwhile. With ``ready`` the version is also marked «klar til
    vedtak», which fails naming every missing mandatory point.
    """
    require_role(actor, Role.STEERING)
    moment = now or datetime.now(UTC)
    with uow:
        latest = uow.agreements.latest(slug, scenario, service)
        if expected_version is not None and (latest.number if latest else 0) != expected_version:
            raise ConcurrentEdit("Avtaleutkastet")
        defaults = default_terms(uow, slug, scenario, service, moment.date())
        inputs, _ = current_inputs(uow, slug, scenario, service, parse_terms(values, defaults))
        draft = build_draft(inputs)
        if ready:
            mark_ready(draft)
        version = ad.save_version([latest.version] if latest else [], draft, moment.date())
        if latest is not None and version.number == latest.number:
            created, status = False, DraftStatus.READY if ready else latest.status
            if status is not latest.status:
                uow.agreements.set_status(slug, scenario, service, version.number, status)
        else:
            created, status = True, DraftStatus.READY if ready else DraftStatus.DRAFT
            uow.agreements.add(slug, scenario, version, inputs, status, actor.username, moment)
            record(uow, actor, "avtale", f"{scenario}/{service}", None,
                   {"versjon": f"{version.number} ({status.value})"}, slug, at=moment)  # fmt: skip
        uow.commit()
    return SaveResult(version.number, version.content_hash, created, status)


def mark_agreement_ready(
    slug: str, scenario: str, service: str, actor: Actor, uow: UnitOfWork
) -> SaveResult:
    """Mark the newest saved version «klar til vedtak» if no mandatory point is missing."""
    require_role(actor, Role.STEERING)
    with uow:
        latest = _require_latest(uow, slug, scenario, service)
        mark_ready(build_draft(latest.inputs))
        uow.agreements.set_status(slug, scenario, service, latest.number, DraftStatus.READY)
        uow.commit()
    return SaveResult(latest.number, latest.content_hash, False, DraftStatus.READY)


def _require_latest(uow: UnitOfWork, slug: str, scenario: str, service: str) -> StoredVersion:
    latest = uow.agreements.latest(slug, scenario, service)
    if latest is None:
        raise NotFound(
            f"Avtalen for «{service}» i «{scenario}» har ingen lagret versjon ennå. "
            "Lagre utkastet først."
        )
    return latest


def list_agreements(slug: str, uow: UnitOfWork, today: date | None = None) -> AgreementIndex:
    """Every arrangement of every scenario with its newest version and adoption count."""
    with uow:
        project = uow.projects.get(slug)
        latest = uow.agreements.latest_by_arrangement(slug)
        decisions = uow.agreements.adoptions_by_arrangement(slug)
        rows = []
        for sc in uow.scenarios.list(slug):
            for a in sc.arrangements:
                names = {m.number: m.name for m in uow.municipalities.list(a.participants)}
                stored = latest.get((sc.name, a.service))
                status = changed = None
                if stored is not None:
                    status = ad.adoption_status(
                        stored.version.participants,
                        decisions.get((sc.name, a.service), []),
                        stored.content_hash,
                    )
                    terms = AgreementTerms.of(stored.inputs)
                    inputs, _ = current_inputs(uow, slug, sc.name, a.service, terms)
                    changed = ad.content_hash(build_draft(inputs)) != stored.content_hash
                rows.append(
                    AgreementSummary(
                        scenario=sc.name,
                        service=a.service,
                        service_name=project.service(a.service).name,
                        host_name=names[a.host],
                        participant_names=tuple(sorted(names.values())),
                        latest=VersionInfo.of(stored) if stored else None,
                        adopted=len(status.adopted_by) if status else 0,
                        participants=len(stored.version.participants) if stored else len(names),
                        complete=bool(status and status.complete),
                        changed_since_latest=bool(changed),
                    )
                )
    return AgreementIndex(slug, project.name, tuple(rows))


def record_adoption(
    slug: str,
    scenario: str,
    service: str,
    values: Mapping[str, str],
    actor: Actor,
    uow: UnitOfWork,
    now: datetime | None = None,
) -> ad.AdoptionStatus:
    """Record one body's decision on a version that is «klar til vedtak».

    ``values``: participant, body («kommunestyre»/«formannskap»), meeting_date, case_number,
    outcome («vedtatt», «ikke vedtatt», «utsatt») and version (number; default the newest).
    """
    require_role(actor, Role.STEERING)
    with uow:
        latest = _require_latest(uow, slug, scenario, service)
        number = (values.get("version") or "").strip()
        stored = (
            uow.agreements.get(slug, scenario, service, int(number)) if number.isdigit() else latest
        )
        require(
            stored.status is DraftStatus.READY,
            f"Versjon {stored.number} er ikke merket «klar til vedtak» og kan ikke behandles "
            "av kommunestyrene ennå.",
        )
        participant = (values.get("participant") or "").strip()
        names = stored.inputs.municipalities
        require(bool(participant), "Velg kommunestyret som har behandlet saken.")
        require(
            participant in stored.version.participants,
            f"{_who(uow, participant)} deltar ikke i versjon {stored.number} av avtalen.",
        )
        decision = ad.Adoption(
            participant=participant,
            body=_choice(ad.AdoptionBody, values.get("body"), "Organ"),
            meeting_date=parse_date((values.get("meeting_date") or "").strip(), "Møtedato"),
            case_number=(values.get("case_number") or "").strip(),
            outcome=_choice(ad.Outcome, values.get("outcome"), "Utfall"),
            version_hash=stored.content_hash,
        )
        require(
            decision.meeting_date <= (now or datetime.now(UTC)).date(),
            f"Møtedatoen {format_date(decision.meeting_date)} for {names[participant].name} "
            "ligger fram i tid.",
        )
        uow.agreements.add_adoption(
            slug, scenario, service, decision, actor.username, now or datetime.now(UTC)
        )
        record(uow, actor, "vedtak", f"{scenario}/{service}/{participant}", None,
               {"vedtak": f"{decision.body.value} {format_date(decision.meeting_date)}: "
                          f"{decision.outcome.value} (sak {decision.case_number}), versjon "
                          f"{stored.number}"}, slug)  # fmt: skip
        adoptions = uow.agreements.adoptions(slug, scenario, service)
        uow.commit()
    return ad.adoption_status(latest.version.participants, adoptions, latest.content_hash)


def _who(uow: UnitOfWork, number: str) -> str:
    """The municipality's name for a message; the number as typed when none has it."""
    found = uow.municipalities.list([number])
    return found[0].name if found else f"Kommunenummer {number}"


def _choice(kind: type[E], text: str | None, label: str) -> E:
    try:
        return kind((text or "").strip())
    except ValueError:
        allowed = ", ".join(f"«{k.value}»" for k in kind)
        raise InvalidData(f"{label}: «{text or ''}» er ikke et gyldig valg ({allowed}).") from None
