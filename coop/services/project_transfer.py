"""Use cases: export a whole project to one JSON file, and import such a file.

For backup, for moving a project between an embedded SQLite and a PostgreSQL server, and for
sending it to a consultant. An import is all or nothing: a newer format, a damaged file, a
project code already in use, an unknown municipality or baseline figures that differ from
the ones in this database are refused with a message, and nothing is written.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from coop.domain import errors
from coop.domain.access import Actor, Role, require_role
from coop.domain.agreements.adoption import Adoption, AdoptionBody, AgreementVersion, Outcome
from coop.domain.agreements.codec import inputs_from_json, inputs_to_json
from coop.domain.agreements.draft import DraftStatus
from coop.domain.changes import Change
from coop.domain.json_limits import check_json
from coop.domain.process.record import ProcessRecord
from coop.domain.project_file.contents import ProjectFile, StoredAdoption, StoredAgreement
from coop.domain.project_file.reading import project_from_json
from coop.domain.project_file.writing import project_to_json
from coop.domain.travel.links import TravelLink
from coop.domain.travel.member_routes import RouteSource
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.change_log import record
from coop.services.project_data import load_project_data

MAX_FILE_BYTES = 50_000_000
MAX_FILE_DEPTH = 32
"""A project file nests six levels; 32 leaves room and refuses a hostile document."""
MAX_FILE_VALUES = 1_000_000
"""The demo's largest project has 902 values (20 kB); all 357 municipalities fit easily."""


def export_project(slug: str, actor: Actor, uow: UnitOfWork) -> dict[str, Any]:
    """The project as coop's project file (a JSON-safe dict)."""
    with uow:
        project = uow.projects.get(slug)
        codes = [s.code for s in project.services]
        baselines = tuple(uow.baselines.list(project.municipalities, codes))
        agreements = []
        for versions in _all_versions(slug, uow):
            agreements.extend(versions)
        adoptions = [
            StoredAdoption(
                scenario,
                service,
                a.participant,
                a.body.value,
                a.meeting_date,
                a.case_number,
                a.outcome.value,
                a.version_hash,
            )  # fmt: skip
            for (scenario, service), items in uow.agreements.adoptions_by_arrangement(slug).items()
            for a in items
        ]
        file = ProjectFile(
            project=project,
            created_by="",
            assumptions=uow.assumptions.find(slug),
            baselines=baselines,
            travel=tuple(uow.project_travel.list(slug)),
            policies=tuple(uow.policies.list(slug)),
            keys=tuple(uow.cost_keys.list(slug)),
            scenarios=tuple(uow.scenarios.list(slug)),
            agreements=tuple(agreements),
            adoptions=tuple(adoptions),
            changes=tuple(reversed(uow.changes.list(slug, limit=1_000_000))),
            network=_network_used(slug, uow),
            process=uow.process.get(slug),
        )
    return project_to_json(file, datetime.now(UTC), actor.username)


def _network_used(slug: str, uow: UnitOfWork) -> tuple[TravelLink, ...]:
    """Links of coop's shared network that the members' routes run along."""
    data = load_project_data(slug, uow, services=())
    on_paths = {
        frozenset(leg)
        for pair in data.pairs.values()
        if pair.source is RouteSource.NETWORK
        for leg in zip(pair.route.path, pair.route.path[1:], strict=False)
    }
    return tuple(
        k for k in uow.travel_links.list() if frozenset((k.origin, k.destination)) in on_paths
    )


def _all_versions(slug: str, uow: UnitOfWork) -> list[list[StoredAgreement]]:
    out = []
    for scenario, service in uow.agreements.latest_by_arrangement(slug):
        out.append(
            [
                StoredAgreement(
                    v.scenario,
                    v.service,
                    v.number,
                    v.content_hash,
                    v.version.text,
                    v.version.participants,
                    v.decided_on,
                    v.status.value,
                    v.saved_by,
                    v.saved_at,
                    inputs_to_json(v.inputs),
                )  # fmt: skip
                for v in uow.agreements.versions(slug, scenario, service)
            ]
        )
    return out


def import_project(data: Any, actor: Actor, uow: UnitOfWork) -> str:
    """Create the project in the file here; refuse (changing nothing) what does not fit."""
    require_role(actor, Role.STEERING)
    check_json(data, "Prosjektfilen", MAX_FILE_DEPTH, MAX_FILE_VALUES)  # as API bodies (15.5)
    f = project_from_json(data)
    p = f.project
    with uow:
        if uow.projects.exists(p.slug):
            raise errors.InvalidData(
                f"Prosjektet «{p.slug}» finnes allerede her; ingenting er importert."
            )
        known = uow.municipalities.numbers()
        missing = sorted(set(p.municipalities) - known)
        if missing:
            raise errors.InvalidData(
                f"Kommunenummer {', '.join(missing)} finnes ikke i kommuneregisteret her; "
                "ingenting er importert."
            )
        for service in p.services:
            existing = uow.services.find(service.code)
            if existing is None:
                uow.services.upsert(service)
            elif service.owner is not None and existing.owner != service.owner:
                raise errors.InvalidData(
                    f"Tjenestekoden «{service.code}» er i bruk her for en annen tjeneste; "
                    "ingenting er importert."
                )
        _check_baselines(f, uow)
        network = {(k.origin, k.destination): k for k in uow.travel_links.list()}
        clash = [
            f"{k.origin}–{k.destination}"
            for k in f.network
            if (k.origin, k.destination) in network and network[k.origin, k.destination] != k
        ]
        if clash:
            raise errors.InvalidData(
                f"Reisenettet her har andre tall for {', '.join(clash[:5])}; ingenting er "
                "importert."
            )
        now = datetime.now(UTC)
        uow.projects.add(p, f.created_by or actor.username, now)
        uow.access.grant(p.slug, actor.username)
        if f.assumptions is not None:
            uow.assumptions.save(p.slug, f.assumptions, None)
        for baseline in f.baselines:
            uow.baselines.replace(baseline)
        for link in f.travel:
            uow.project_travel.put(p.slug, link)
        for link in f.network:
            if (link.origin, link.destination) not in network:
                uow.travel_links.add(link)
        for policy in f.policies:
            uow.policies.add(p.slug, policy)
        for key in f.keys:
            uow.cost_keys.add(p.slug, key)
        for scenario in f.scenarios:
            scenario.check_against(p)
            scenario.check_references([q.name for q in f.policies], [k.name for k in f.keys])
            uow.scenarios.add(scenario)
        for a in sorted(f.agreements, key=lambda a: (a.scenario, a.service, a.number)):
            version = AgreementVersion(
                a.number, a.content_hash, a.text, a.participants, a.saved_at.date()
            )
            uow.agreements.add(p.slug, a.scenario, version, inputs_from_json(a.inputs),
                               DraftStatus(a.status), a.saved_by, a.saved_at)  # fmt: skip
        for d in f.adoptions:
            adoption = Adoption(d.participant, AdoptionBody(d.body), d.meeting_date,
                                d.case_number, Outcome(d.outcome), d.version_hash)  # fmt: skip
            uow.agreements.add_adoption(
                p.slug, d.scenario, d.service, adoption, actor.username, now
            )
        if f.process is not None:
            _check_process(f.process, p.municipalities)
            uow.process.save(p.slug, replace(f.process, version=0), actor.username, now)
        for c in f.changes:
            uow.changes.add(
                Change(c.at, c.actor, c.kind, c.key, c.field, c.old, c.new, p.slug, c.reason)
            )
        record(uow, actor, "prosjekt", p.slug, None, {}, p.slug, "importert fra prosjektfil", now)
        uow.commit()
    return p.slug


def _check_process(rec: ProcessRecord, members: tuple[str, ...]) -> None:
    """Every municipality the process record names must be a member of the project."""
    named = {m.municipality for m in rec.milestones} | {
        c.municipality for c in rec.council_meetings
    }
    named |= {m.municipality for m in rec.staff_meetings} | {n.municipality for n in rec.notices}
    outside = sorted(n for n in named if n is not None and n not in members)
    if outside:
        raise errors.InvalidData(
            f"Prosjektfilen, del «prosess»: kommune {', '.join(outside)} er ikke med i "
            "prosjektet; ingenting er importert."
        )


def _check_baselines(f: ProjectFile, uow: UnitOfWork) -> None:
    """Figures already here for the same municipality, service and year must be the same."""
    p = f.project
    here = {
        (b.municipality, b.service, b.year): b
        for b in uow.baselines.list(p.municipalities, [s.code for s in p.services])
    }
    differ = [
        f"{b.municipality}/{b.service}/{b.year}"
        for b in f.baselines
        if (b.municipality, b.service, b.year) in here
        and here[b.municipality, b.service, b.year] != b
    ]
    if differ:
        shown = ", ".join(differ[:5]) + (f" og {len(differ) - 5} til" if len(differ) > 5 else "")
        raise errors.InvalidData(
            f"Grunnlagstallene i filen avviker fra tallene her for {shown}; ingenting er "
            "importert. Avklar hvilke tall som gjelder først."
        )
