"""Use cases: primitives in, plain results out. Pages, the JSON API and the CLI call these."""

from coop.services.projects import (
    LoadSummary,
    MunicipalityView,
    ProjectOverview,
    ServiceView,
    create_project,
    get_scenario,
    list_projects,
    list_scenarios,
    load_demo,
    load_register,
    project_overview,
    read_baselines,
    save_scenario,
)

__all__ = [
    "LoadSummary",
    "MunicipalityView",
    "ProjectOverview",
    "ServiceView",
    "create_project",
    "get_scenario",
    "list_projects",
    "list_scenarios",
    "load_demo",
    "load_register",
    "project_overview",
    "read_baselines",
    "save_scenario",
]
