"""Use cases: primitives in, plain results out. Pages, the JSON API and the CLI call these.

The facade is lazy (PEP 562): ``services.import_budget`` imports its module on first use, so
a command that needs one use case does not pay for PuLP, networkx and every other use case
(``coop import-budget``, issue 16.9). The imports under ``TYPE_CHECKING`` are the table: add a
use case there and to ``__all__``; tests/unit/test_services_facade.py checks both.
"""

from __future__ import annotations

import ast
import importlib
import sys
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coop.services.access import (
        AccessList,
        grant_access,
        project_access,
        require_project,
        revoke_access,
        visible_projects,
    )
    from coop.services.accounts import (
        change_password,
        end_sessions,
        issue_api_token,
        list_api_tokens,
        load_user,
        revoke_api_token,
        rotate_api_token,
        set_password,
        set_user_active,
        user_for_token,
    )
    from coop.services.agreements.use_cases import list_agreements, save_agreement_version
    from coop.services.assumptions import (
        AssumptionsView,
        get_assumptions,
        parse_assumption_values,
        save_assumptions,
    )
    from coop.services.baseline_grid import BASES, BaselineGrid, baseline_grid, set_baseline
    from coop.services.budgets.imports import BudgetImportResult, import_budget, import_history
    from coop.services.catalogue import CatalogueView, get_entry, list_catalogue, save_entry
    from coop.services.change_log import ChangeView, changes_csv, project_changes
    from coop.services.compare import Comparison, compare_scenarios
    from coop.services.cost_keys.editing import (
        KeyList,
        KeyPage,
        KeyPreview,
        ProposalMade,
        StaleCostKey,
        create_cost_key,
        get_cost_key,
        list_cost_keys,
        preview_cost_key,
        update_cost_key,
    )
    from coop.services.cost_keys.input import ComponentInput, KeyFormInvalid, KeyInput
    from coop.services.cost_keys.proposals import ProposalImpact, decide_proposal, list_proposals
    from coop.services.login import LoginPolicy, LoginThrottled, authenticate
    from coop.services.network import (
        BalanceView,
        TransitionReport,
        TravelMatrix,
        cooperation_map_svg,
        load_travel_links,
        project_network_map,
        transition_cost,
        travel_matrix,
    )
    from coop.services.placement.request import (
        OptionView,
        PlacementImpossible,
        PlacementProposal,
        PlacementRequest,
    )
    from coop.services.placement.use_case import propose_hosts
    from coop.services.policies import (
        PolicyInput,
        PolicyTable,
        add_policy_variant,
        get_policy,
        policy_input,
        policy_table,
    )
    from coop.services.process import (
        MilestoneInput,
        ProcessView,
        add_milestone,
        plan_as_json,
        process_view,
        project_status_report,
        remove_milestone,
        save_group,
        set_council_meeting,
        update_milestone,
    )
    from coop.services.process_evaluation import add_goal, evaluation_report, record_measurement
    from coop.services.process_savings import (
        SavingsSummary,
        add_measure,
        add_money,
        money_balances,
        savings_as_json,
        savings_summary,
        set_savings_target,
        update_measure,
    )
    from coop.services.process_staff import record_answer, record_notice, record_staff_meeting
    from coop.services.project_editing.creation import POLICY_PRESETS, create_project
    from coop.services.project_editing.details import update_details
    from coop.services.project_editing.members import add_member, remove_member
    from coop.services.project_editing.own_services import OwnService
    from coop.services.project_editing.participation import set_participation
    from coop.services.project_editing.service_list import add_service, remove_service
    from coop.services.project_transfer import export_project, import_project
    from coop.services.projects import (
        LoadSummary,
        MunicipalityView,
        ProjectOverview,
        ServiceView,
        list_projects,
        load_demo,
        load_register,
        project_overview,
        read_baselines,
    )
    from coop.services.regions.impossible import RegionsImpossible
    from coop.services.regions.proposal import RegionProposal
    from coop.services.regions.query import RegionQuery
    from coop.services.regions.use_cases import propose_regions
    from coop.services.register_choices import check_members, municipality_choices
    from coop.services.removal import delete_cost_key, delete_policy, delete_scenario
    from coop.services.scenarios import (
        ScenarioEditor,
        edit_scenario,
        get_scenario,
        list_scenarios,
        save_scenario,
        scenario_editor,
    )
    from coop.services.splits.cost_split import (
        METHODS,
        SplitResult,
        split_game_table,
        split_service,
    )
    from coop.services.splits.key_fitting import FittedKey, fit_simple_key
    from coop.services.travel import (
        TravelPage,
        import_travel,
        remove_travel,
        set_travel,
        travel_page,
    )
    from coop.services.users import (
        DEMO_PASSWORD,
        create_demo_users,
        create_first_admin,
        create_user,
        list_users,
    )


__all__ = [
    "delete_cost_key",
    "delete_policy",
    "delete_scenario",
    "check_members",
    "municipality_choices",
    "RegionProposal",
    "RegionQuery",
    "RegionsImpossible",
    "propose_regions",
    "LoginPolicy",
    "LoginThrottled",
    "change_password",
    "end_sessions",
    "list_api_tokens",
    "revoke_api_token",
    "rotate_api_token",
    "set_password",
    "set_user_active",
    "MilestoneInput",
    "ProcessView",
    "add_milestone",
    "plan_as_json",
    "process_view",
    "project_status_report",
    "record_answer",
    "record_notice",
    "record_staff_meeting",
    "remove_milestone",
    "save_group",
    "set_council_meeting",
    "update_milestone",
    "SavingsSummary",
    "add_goal",
    "add_measure",
    "add_money",
    "evaluation_report",
    "money_balances",
    "record_measurement",
    "savings_as_json",
    "savings_summary",
    "set_savings_target",
    "update_measure",
    "AccessList",
    "grant_access",
    "project_access",
    "require_project",
    "revoke_access",
    "visible_projects",
    "ProposalMade",
    "ProposalImpact",
    "decide_proposal",
    "list_proposals",
    "list_agreements",
    "save_agreement_version",
    "export_project",
    "import_project",
    "AssumptionsView",
    "get_assumptions",
    "parse_assumption_values",
    "save_assumptions",
    "BASES",
    "BaselineGrid",
    "baseline_grid",
    "set_baseline",
    "CatalogueView",
    "get_entry",
    "list_catalogue",
    "save_entry",
    "ChangeView",
    "changes_csv",
    "project_changes",
    "POLICY_PRESETS",
    "OwnService",
    "add_member",
    "add_service",
    "remove_member",
    "remove_service",
    "set_participation",
    "update_details",
    "TravelPage",
    "import_travel",
    "remove_travel",
    "set_travel",
    "travel_page",
    "METHODS",
    "SplitResult",
    "split_game_table",
    "split_service",
    "FittedKey",
    "fit_simple_key",
    "PolicyInput",
    "PolicyTable",
    "add_policy_variant",
    "get_policy",
    "policy_input",
    "policy_table",
    "ComponentInput",
    "KeyFormInvalid",
    "KeyInput",
    "KeyList",
    "KeyPage",
    "KeyPreview",
    "StaleCostKey",
    "create_cost_key",
    "get_cost_key",
    "list_cost_keys",
    "preview_cost_key",
    "update_cost_key",
    "Comparison",
    "compare_scenarios",
    "OptionView",
    "PlacementImpossible",
    "PlacementProposal",
    "PlacementRequest",
    "propose_hosts",
    "BudgetImportResult",
    "import_budget",
    "import_history",
    "BalanceView",
    "TransitionReport",
    "TravelMatrix",
    "cooperation_map_svg",
    "load_travel_links",
    "project_network_map",
    "transition_cost",
    "travel_matrix",
    "authenticate",
    "DEMO_PASSWORD",
    "create_demo_users",
    "create_first_admin",
    "create_user",
    "issue_api_token",
    "list_users",
    "load_user",
    "user_for_token",
    "LoadSummary",
    "MunicipalityView",
    "ProjectOverview",
    "ServiceView",
    "ScenarioEditor",
    "create_project",
    "edit_scenario",
    "scenario_editor",
    "get_scenario",
    "list_projects",
    "list_scenarios",
    "load_demo",
    "load_register",
    "project_overview",
    "read_baselines",
    "save_scenario",
]


def _table() -> dict[str, str]:
    """Name → module, read from the ``if TYPE_CHECKING:`` imports of this file."""
    tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
    guard = next(
        n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING"
    )
    return {
        alias.asname or alias.name: node.module or ""
        for node in guard.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


_WHERE: dict[str, str] = {}


def __getattr__(name: str) -> Any:
    """Import the use case's module now and bind every facade name it defines."""
    if not _WHERE:
        _WHERE.update(_table())
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = importlib.import_module(_WHERE[name])
    for other, where in _WHERE.items():
        if where == module.__name__:  # its siblings too: one import per module
            globals()[other] = getattr(module, other)
    return globals()[name]


def __dir__() -> list[str]:
    """The facade's names, loaded or not."""
    return sorted({*globals(), *__all__})


class _Facade(types.ModuleType):
    """Keeps a facade name from being replaced by the submodule of the same name on import."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and name in __all__:
            return  # ``baseline_grid`` stays the function; the module is in sys.modules
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Facade
