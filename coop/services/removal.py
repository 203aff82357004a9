"""Deleting placement options, cost keys and personnel policies (issue 15.7).

A delete is refused, with what depends on it, while another record names the thing: an
option naming a policy or key, a pending proposal for a key, a saved agreement draft for an
option. The checks read the stored references directly, so a row that no longer loads (an
old «Infinity») can still be deleted. Every delete is written to the change log.
"""

from __future__ import annotations

from coop.domain import errors
from coop.domain.access import Actor, Role, require_role
from coop.domain.dependents import key_in_use, key_users, option_in_use, policy_in_use
from coop.domain.proposals import ProposalStatus
from coop.persistence.unit_of_work import UnitOfWork
from coop.persistence.unreadable import BROKEN
from coop.services.budgets.function_maps import service_names
from coop.services.change_log import record

REASON = "slettet"


def delete_scenario(slug: str, name: str, actor: Actor, uow: UnitOfWork) -> None:
    """Delete an option unless agreement drafts were saved for it; steering group and admin."""
    require_role(actor, Role.STEERING)
    with uow:
        stored = {option for option, _p, _k in uow.scenarios.references(slug)}
        if name not in stored:
            raise errors.NotFound(f"Fant ikke alternativet «{name}».")
        drafted = [
            s for (option, s) in uow.agreements.latest_by_arrangement(slug) if option == name
        ]
        refusal = option_in_use(name, drafted, service_names(uow))
        if refusal:
            raise errors.InvalidData(refusal)
        uow.scenarios.delete(slug, name)
        record(uow, actor, "alternativ", name, {}, None, slug, REASON)
        uow.commit()


def delete_cost_key(slug: str, name: str, actor: Actor, uow: UnitOfWork) -> None:
    """Delete a cost key no option uses and no pending proposal concerns; steering and admin."""
    require_role(actor, Role.STEERING)
    with uow:
        if name not in uow.cost_keys.names(slug):
            raise errors.NotFound(f"Fant ikke fordelingsnøkkelen «{name}».")
        users = key_users(name, uow.scenarios.references(slug), service_names(uow))
        refusal = key_in_use(name, users, _pending_proposals(slug, name, uow))
        if refusal:
            raise errors.InvalidData(refusal)
        uow.cost_keys.delete(slug, name)
        record(uow, actor, "nokkel", name, {}, None, slug, REASON)
        uow.commit()


def delete_policy(slug: str, name: str, actor: Actor, uow: UnitOfWork) -> None:
    """Delete personnel policies no option names; steering group and admin."""
    require_role(actor, Role.STEERING)
    with uow:
        if name not in uow.policies.names(slug):
            raise errors.NotFound(f"Fant ikke de personalpolitiske retningslinjene «{name}».")
        refusal = policy_in_use(name, uow.scenarios.references(slug))
        if refusal:
            raise errors.InvalidData(refusal)
        uow.policies.delete(slug, name)
        record(uow, actor, "retningslinjer", name, {}, None, slug, REASON)
        uow.commit()


def _pending_proposals(slug: str, name: str, uow: UnitOfWork) -> int:
    """Pending proposals for the key; one that no longer loads counts as pending."""
    try:
        proposals = uow.proposals.list(slug, name)
    except BROKEN:
        return 1
    return sum(1 for p in proposals if p.status is ProposalStatus.PENDING)
