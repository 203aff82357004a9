"""Use cases for placement options (scenarios): read, edit with optimistic locking."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from coop.domain import errors, model
from coop.domain.access import SYSTEM, Actor, Role, require_role
from coop.domain.changes import scenario_fields
from coop.domain.limits import read_fte
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.budgets.function_maps import service_names
from coop.services.change_log import record
from coop.services.cost_keys.fit import require_key_fits
from coop.services.projects import ProjectOverview, project_overview


def list_scenarios(slug: str, uow: UnitOfWork) -> list[model.Scenario]:
    """All placement options of a project."""
    with uow:
        return uow.scenarios.list(slug)


def get_scenario(slug: str, name: str, uow: UnitOfWork) -> model.Scenario:
    """One placement option of a project."""
    with uow:
        return uow.scenarios.get(slug, name)


def save_scenario(
    scenario: model.Scenario,
    uow: UnitOfWork,
    expected_version: int | None,
    actor: Actor = SYSTEM,
) -> None:
    """Add a scenario (``expected_version`` None) or overwrite it if nobody changed it since."""
    with uow:
        project = uow.projects.get(scenario.project)
        mentioned = set(project.municipalities).union(
            *(a.participants for a in scenario.arrangements)
        )
        names = {m.number: m.name for m in uow.municipalities.list(sorted(mentioned))}
        scenario.check_against(project, names)
        scenario.check_references(
            uow.policies.names(scenario.project), uow.cost_keys.names(scenario.project)
        )
        keys = {k.name: k for k in uow.cost_keys.list(scenario.project)}
        for a in scenario.arrangements:
            if a.cost_key in keys:
                require_key_fits(keys[a.cost_key], [(scenario.name, a)], names, service_names(uow))
        before = None
        if expected_version is None:
            uow.scenarios.add(scenario)
        else:
            before = scenario_fields(uow.scenarios.get(scenario.project, scenario.name))
            uow.scenarios.save(scenario, expected_version)
        record(uow, actor, "alternativ", scenario.name, before, scenario_fields(scenario),
               scenario.project)  # fmt: skip
        uow.commit()


def edit_scenario(
    slug: str,
    name: str,
    arrangements: Iterable[Mapping[str, object]],
    actor: Actor,
    uow: UnitOfWork,
    expected_version: int | None,
    policy: str | None = None,
    description: str = "",
) -> model.Scenario:
    """Save a placement option from plain values; steering group and admin only.

    ``arrangements`` holds dicts with service, host, participants (list), legal_form
    ("20-2"/"20-3"), joint_fte, local_fte (decimal strings) and cost_key (name or empty).
    """
    require_role(actor, Role.STEERING)
    built = []
    for a in arrangements:
        service = str(a["service"])
        joint = read_fte(a.get("joint_fte") or 0, f"Felles årsverk for «{service}»")
        local = read_fte(a.get("local_fte") or 0, f"Lokale årsverk for «{service}»")
        participants = a.get("participants") or []
        built.append(
            model.ServiceArrangement(
                service=service,
                host=str(a["host"]),
                participants=frozenset(str(p) for p in participants),  # type: ignore[attr-defined]
                legal_form=_legal_form(str(a.get("legal_form") or "20-2")),
                joint_fte=joint,
                local_fte=local,
                cost_key=str(a.get("cost_key") or "") or None,
            )
        )
    scenario = model.Scenario(slug, name.strip(), tuple(built), policy or None, description)
    save_scenario(scenario, uow, expected_version, actor)
    return scenario


def _legal_form(text: str) -> model.LegalForm:
    try:
        return model.LegalForm(text)
    except ValueError:
        raise errors.InvalidData(
            f"Ukjent samarbeidsform «{text}» (bruk 20-2 eller 20-3)."
        ) from None


@dataclass(frozen=True)
class ScenarioEditor:
    """What the scenario form needs: the project, the scenario (if any) and the choices."""

    project: ProjectOverview
    scenario: model.Scenario | None
    names: Mapping[str, str]
    policies: tuple[str, ...]
    cost_keys: tuple[str, ...]


def scenario_editor(slug: str, name: str | None, uow: UnitOfWork) -> ScenarioEditor:
    """Load a scenario (or none, for a new one) with the project's policies and cost keys."""
    overview = project_overview(slug, uow)
    with uow:
        scenario = uow.scenarios.get(slug, name) if name else None
        policies = tuple(p.name for p in uow.policies.list(slug))
        keys = tuple(k.name for k in uow.cost_keys.list(slug))
    names = {m.number: m.name for m in overview.municipalities}
    return ScenarioEditor(overview, scenario, names, policies, keys)
