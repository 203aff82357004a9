"""How a change to a project is written (version check, change log) or refused (what uses it)."""

from __future__ import annotations

from dataclasses import dataclass

from coop.domain import errors, model
from coop.domain.access import Actor
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.change_log import record


def project_fields(p: model.CooperationProject) -> dict[str, str]:
    """The project's fields as the change log shows them."""
    return {
        "Navn": p.name,
        "Beskrivelse": p.description,
        "Pakkevilkår": p.package_condition,
        "Kommuner": ", ".join(sorted(p.municipalities)),
        "Tjenester": ", ".join(s.code for s in p.services),
    }


@dataclass(frozen=True)
class Uses:
    """What uses a member or a service of a project (options, keys, agreements)."""

    items: tuple[str, ...]

    def refuse(self, what: str) -> None:
        """Raise ``InvalidData`` listing the uses, when there are any."""
        if self.items:
            raise errors.InvalidData(
                f"{what} kan ikke fjernes fordi det er i bruk: {'; '.join(self.items)}. "
                "Endre eller slett disse først."
            )


def save_project(
    uow: UnitOfWork,
    actor: Actor,
    before: model.CooperationProject,
    after: model.CooperationProject,
    version: int | None,
    reason: str = "",
) -> int:
    """Save ``after`` over ``before`` (``version`` or before's), logged; the new version."""
    new_version = uow.projects.save(after, before.version if version is None else version)
    record(uow, actor, "prosjekt", after.slug, project_fields(before), project_fields(after),
           after.slug, reason)  # fmt: skip
    return new_version
