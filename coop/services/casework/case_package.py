"""Gather one council's saksframlegg from the project: drafts, comparison, optimiser, bill.

Nothing is recomputed here: the agreements come from the agreement use cases (the newest
saved version, else the current draft), the options from ``compare_scenarios``, the price of
the political choices from ``option_price`` and the municipality's figures from
``municipality_bill`` (the member page), so the case and those pages cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coop.domain import errors
from coop.domain.agreements.law import law_for
from coop.domain.casework.resolution import PackageAgreement
from coop.domain.casework.saksframlegg import CaseDocument, CaseInputs, EconomyLine, build_case
from coop.persistence.repositories.agreements import StoredVersion
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.agreements.use_cases import draft_agreement
from coop.services.agreements.views import DraftView
from coop.services.casework.case_figures import CaseFigures, case_figures
from coop.services.splits.municipality_bill import municipality_bill


@dataclass(frozen=True, slots=True)
class CasePackage:
    """One council's file: the saksframlegg and the agreements it attaches, in order."""

    slug: str
    scenario: str
    number: str  # today's kommunenummer (the document prints the one valid on its date)
    case: CaseDocument
    attachments: tuple[DraftView, ...]


def package_drafts(slug: str, scenario: str, uow: UnitOfWork) -> tuple[DraftView, ...]:
    """Every agreement of the option: its newest saved version, else the current draft."""
    with uow:
        project = uow.projects.get(slug)
        names = [s.name for s in uow.scenarios.list(slug)]
        if scenario not in names:
            listed = ", ".join(f"«{n}»" for n in names) or "ingen"
            raise errors.NotFound(
                f"Finner ikke alternativet «{scenario}» i «{project.name}» (prosjektet har "
                f"{listed})."
            )
        services = [a.service for a in uow.scenarios.get(slug, scenario).arrangements]
        latest = uow.agreements.latest_by_arrangement(slug)
    return tuple(
        draft_agreement(
            slug, scenario, service, uow, version=_number(latest.get((scenario, service)))
        )
        for service in services
    )


def _number(stored: StoredVersion | None) -> int | None:
    return stored.number if stored is not None else None


def case_package(
    slug: str, scenario: str, number: str, uow: UnitOfWork, figures: CaseFigures | None = None
) -> CasePackage:
    """The saksframlegg for council ``number`` with the package's agreements as attachments.

    ``figures`` are the comparison and optimiser figures from a job (``case_figures``);
    without them they are computed here.
    """
    drafts = package_drafts(slug, scenario, uow)
    with uow:
        project = uow.projects.get(slug)
        chosen = uow.scenarios.get(slug, scenario)
        policy = uow.policies.get(slug, chosen.policy) if chosen.policy else None
    parties = {n for d in drafts for n in d.draft.participants}
    if number not in parties:
        raise errors.NotFound(
            f"Kommunenummer {number} er ikke part i noen avtale i alternativet «{scenario}» "
            f"i «{project.name}»."
        )
    on = package_date(drafts)
    names = {n: name for d in drafts for n, name in d.draft.names.items()}
    printed = next(d.draft.number(number) for d in drafts if number in d.draft.participants)
    agreements = tuple(_attachment(n, d) for n, d in enumerate(drafts, 1))
    bill = municipality_bill(slug, number, uow, scenario, today=on, fair=False)
    if figures is None:
        figures = case_figures(slug, scenario, number, uow)
    economy = tuple(
        EconomyLine(
            b.service_name,
            b.host_name,
            b.key_name,
            b.alone_nok,
            b.key_nok,
            b.akonto_nok,
            b.instalments,
            b.exit_nok,
            b.exit_date,
        )  # fmt: skip
        for b in bill.bills
        if b.service in {d.service for d in drafts}
    )
    inputs = CaseInputs(
        project_name=project.name,
        scenario=scenario,
        number=printed,
        name=names[number],
        on=on,
        law=law_for(on),
        background=tuple(p for p in (project.description,) if p.strip()),
        proposal=chosen.description,
        options=figures.options,
        optimiser=figures.optimiser,
        optimiser_note=figures.optimiser_note,
        policy=policy,
        economy=economy,
        unsplit=tuple(u for u in bill.unsplit if u[0] in {d.service_name for d in drafts}),
        budget_year=bill.budget_year,
        baseline_year=bill.baseline_year,
        agreements=agreements,
        condition=project.package_condition,
        not_party=tuple(d.service_name for d in drafts if number not in d.draft.participants),
    )
    return CasePackage(slug, scenario, number, build_case(inputs), drafts)


def _attachment(number: int, view: DraftView) -> PackageAgreement:
    d = view.draft
    return PackageAgreement(
        attachment=number,
        title=d.title,
        service_name=view.service_name,
        host_name=d.names[d.host],
        party_names=tuple(d.names[n] for n in d.participants),
        legal_form=d.legal_form,
        version=view.shown_version.number if view.shown_version else None,
        status=d.status.value,
    )


def package_date(drafts: tuple[DraftView, ...]) -> date:
    """The package's date: the latest agreement date among its drafts."""
    return max(d.draft.decided_on for d in drafts)
