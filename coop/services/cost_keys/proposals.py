"""Use cases for proposed key changes: what they would cost each partner, accept, reject."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from coop.domain import errors
from coop.domain.access import Actor, Role, require_role
from coop.domain.changes import key_fields
from coop.domain.costs.key_model import CostKey
from coop.domain.costs.service_split import split_service_cost
from coop.domain.proposals import KeyProposal, ProposalStatus
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.budgets.function_maps import service_names
from coop.services.change_log import record
from coop.services.cost_keys.fit import require_key_fits
from coop.services.project_data import load_project_data


@dataclass(frozen=True)
class ProposalImpact:
    """A proposal with each municipality's yearly bill now and under the proposal."""

    proposal: KeyProposal
    current_version: int
    now_nok: Mapping[str, Decimal]  # summed over the options' services that use the key
    proposed_nok: Mapping[str, Decimal]
    names: Mapping[str, str]
    basis: str

    def change(self, number: str) -> Decimal:
        """Yearly change for one municipality (positive: pays more)."""
        return self.proposed_nok.get(number, Decimal(0)) - self.now_nok.get(number, Decimal(0))


def _bills(slug: str, key: CostKey, uow: UnitOfWork) -> tuple[dict[str, Decimal], str]:
    """Each member's yearly charge under ``key`` in the first option that uses it."""
    for scenario in uow.scenarios.list(slug):
        using = [a for a in scenario.arrangements if a.cost_key == key.name]
        if not using:
            continue
        data = load_project_data(slug, uow, [a.service for a in using])
        out: dict[str, Decimal] = {}
        for a in using:
            own = {m: b for m, b in data.baselines.of(a.service).items() if m in a.participants}
            members = sorted(a.participants)
            if set(own) != set(members):
                continue
            total = sum((b.gross_cost_nok for b in own.values()), Decimal(0))
            split = split_service_cost(
                total, key, members, a.host, data.population(members), own, names=data.names
            )
            for line in split.lines:
                out[line.member] = out.get(line.member, Decimal(0)) + line.total_nok
        basis = (
            f"alternativet «{scenario.name}», kommunenes egne kostnader i "
            f"{data.assumptions.baseline_year}"
        )
        return out, basis
    return {}, "nøkkelen brukes ikke i noe alternativ ennå"


def list_proposals(slug: str, uow: UnitOfWork, name: str | None = None) -> list[ProposalImpact]:
    """A project's proposals (optionally for one key), newest first, with their effect."""
    with uow:
        proposals = uow.proposals.list(slug, name)
        names = {
            m.number: m.name for m in uow.municipalities.list(uow.projects.get(slug).municipalities)
        }
        out = []
        for p in proposals:
            current = uow.cost_keys.get(slug, p.key.name)
            now, basis = _bills(slug, current, uow)
            proposed, _ = _bills(slug, p.key, uow)
            out.append(ProposalImpact(p, current.version, now, proposed, names, basis))
        return out


def propose_key(
    slug: str, key: CostKey, base_version: int, actor: Actor, uow: UnitOfWork, reason: str = ""
) -> int:
    """Store a proposed key change (made by a finance officer); return its number."""
    with uow:
        number = store_proposal(uow, slug, key, base_version, actor, reason)
        uow.commit()
        return number


def store_proposal(
    uow: UnitOfWork, slug: str, key: CostKey, base_version: int, actor: Actor, reason: str = ""
) -> int:
    """Add a proposal inside the caller's open unit of work (no commit)."""
    current = uow.cost_keys.get(slug, key.name)
    if current.version != base_version:
        raise errors.ConcurrentEdit(f"Nøkkelen «{key.name}»")
    proposal = KeyProposal(None, slug, key, base_version, actor.username, datetime.now(UTC), reason)
    number = uow.proposals.add(proposal)
    why = f"forslag {number} til styringsgruppen" + (f": {reason}" if reason else "")
    record(uow, actor, "nokkel", key.name, key_fields(current), key_fields(key), slug, why)
    return number


def decide_proposal(
    slug: str, number: int, accept: bool, actor: Actor, uow: UnitOfWork, reason: str = ""
) -> ProposalStatus:
    """The steering group accepts (the key changes) or rejects a pending proposal.

    A proposal made from an older version of the key than the current one is outdated:
    it is marked so and nothing changes; the proposer must look again.
    """
    require_role(actor, Role.STEERING)
    now = datetime.now(UTC)
    with uow:
        p = uow.proposals.get(slug, number)
        errors.require(p.pending, f"Forslag {number} er allerede {p.status.value}.")
        current = uow.cost_keys.get(slug, p.key.name)
        if accept and current.version != p.base_version:
            status = ProposalStatus.OUTDATED
        else:
            status = ProposalStatus.ACCEPTED if accept else ProposalStatus.REJECTED
        if status is ProposalStatus.ACCEPTED:
            uses = [(s.name, a) for s in uow.scenarios.list(slug) for a in s.arrangements]
            project = uow.projects.get(slug)
            names = {m.number: m.name for m in uow.municipalities.list(project.municipalities)}
            require_key_fits(
                p.key,
                [(o, a) for o, a in uses if a.cost_key == p.key.name],
                names,
                service_names(uow),
            )
            uow.cost_keys.save(slug, p.key, current.version)
            why = f"forslag {number} fra {p.proposed_by} godtatt" + (
                f": {reason}" if reason else ""
            )
            record(uow, actor, "nokkel", p.key.name, key_fields(current), key_fields(p.key), slug,
                   why)  # fmt: skip
        else:
            record(uow, actor, "nokkel", p.key.name, {"forslag": f"{number} til behandling"},
                   {"forslag": f"{number} {status.value}"}, slug, reason)  # fmt: skip
        uow.proposals.decide(slug, number, status, actor.username, now)
        uow.commit()
        return status
