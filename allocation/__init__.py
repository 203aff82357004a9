"""Optimisation island: placement, cost games and fair splits on plain data (no coop, no DB)."""

from allocation.games import (
    CoreCheck,
    CostGame,
    core_check,
    least_core,
    nucleolus,
    proportional,
    scrb,
    shapley,
    shapley_sampled,
)
from allocation.placement import (
    ALL_LOCKS,
    Alternative,
    CostTerm,
    Placement,
    PlacementInput,
    PlacementInputError,
    PlacementReport,
    PlacementRules,
    best_with,
    explain_infeasible,
    optimise_placement,
    price_of_locks,
)
from allocation.pmedian import solve_pmedian
from allocation.solver import Conflict, Infeasible, SolveOptions, SolverFailed

__all__ = [
    "ALL_LOCKS",
    "Alternative",
    "Conflict",
    "CoreCheck",
    "CostGame",
    "CostTerm",
    "Infeasible",
    "Placement",
    "PlacementInput",
    "PlacementInputError",
    "PlacementReport",
    "PlacementRules",
    "SolveOptions",
    "SolverFailed",
    "best_with",
    "core_check",
    "explain_infeasible",
    "least_core",
    "nucleolus",
    "optimise_placement",
    "price_of_locks",
    "proportional",
    "scrb",
    "shapley",
    "shapley_sampled",
    "solve_pmedian",
]
