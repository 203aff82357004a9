"""The package adoption tracker: every council on every agreement of one placement option.

A read for every logged-in role. Council decisions are recorded per agreement (the
agreement's adoption page); this view puts them together under the project's package
condition.
"""

from __future__ import annotations

from dataclasses import dataclass

from coop.domain.agreements import adoption as ad
from coop.domain.casework.package import PackageItem, PackageStatus, package_status
from coop.domain.errors import NotFound
from coop.persistence.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class PackageView:
    """The tracker page: the project, the option and where the package stands."""

    slug: str
    project_name: str
    scenario: str
    status: PackageStatus
    services: tuple[str, ...]  # service codes in package order, for links


def package_adoption(slug: str, scenario: str, uow: UnitOfWork) -> PackageView:
    """Where every council stands on every agreement of ``scenario``, and the package as a whole."""
    with uow:
        project = uow.projects.get(slug)
        if scenario not in {s.name for s in uow.scenarios.list(slug)}:
            raise NotFound(f"Finner ikke alternativet «{scenario}» i «{project.name}».")
        arrangements = uow.scenarios.get(slug, scenario).arrangements
        latest = uow.agreements.latest_by_arrangement(slug)
        decisions = uow.agreements.adoptions_by_arrangement(slug)
        items = []
        numbers: set[str] = set()
        for a in arrangements:
            stored = latest.get((scenario, a.service))
            status = None
            parties = tuple(sorted(a.participants))
            if stored is not None:
                parties = stored.version.participants
                found = decisions.get((scenario, a.service), [])
                status = ad.adoption_status(parties, found, stored.content_hash)
            numbers |= set(parties)
            items.append(
                PackageItem(
                    a.service,
                    project.service(a.service).name,
                    parties,
                    stored.number if stored else None,
                    status,
                )
            )
        names = {m.number: m.name for m in uow.municipalities.list(numbers)}
    return PackageView(
        slug,
        project.name,
        scenario,
        package_status(items, names, project.package_condition),
        tuple(a.service for a in arrangements),
    )
