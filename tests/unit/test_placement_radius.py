"""The radius model and the Lagrangian site pruning of the p-median core, against brute force."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st

from allocation.placement.heuristic import heuristic_sites
from allocation.placement.lagrange import improvement_needed, lagrangian_sites, probe_sites
from allocation.placement.pmedian import solve_pmedian
from allocation.placement.radius import build_radius_model, opened_sites, set_radius_start
from allocation.regions.orlib import read_orlib
from allocation.solver import SolveOptions, solve


@st.composite
def instances(draw: st.DrawFn) -> tuple[np.ndarray, int]:
    n_clients, n_sites = draw(st.integers(1, 8)), draw(st.integers(1, 7))
    values = st.integers(0, 30) | st.floats(-5, 40, allow_nan=False).map(lambda v: round(v, 2))
    cost = [[float(draw(values)) for _ in range(n_sites)] for _ in range(n_clients)]
    return np.array(cost), draw(st.integers(1, n_sites))


def brute_force(c: np.ndarray, p: int) -> tuple[float, list[tuple[int, ...]]]:
    """Optimum and every optimal set of sites, by enumeration."""
    values = {s: float(c[:, list(s)].min(axis=1).sum())
              for s in itertools.combinations(range(c.shape[1]), p)}  # fmt: skip
    best = min(values.values())
    return best, [s for s, v in values.items() if v <= best + 1e-9]


@settings(max_examples=80, deadline=None)
@given(instances(), st.booleans())
def test_radius_model_on_every_site_reaches_the_brute_force_optimum(
    case: tuple[np.ndarray, int], start: bool
) -> None:
    c, p = case
    model = build_radius_model(c, p, range(c.shape[1]))
    options = SolveOptions(warm_start=start)
    if start:
        set_radius_start(model, c, heuristic_sites(c, p))
    stats = solve(model.problem, options)
    best, _ = brute_force(c, p)
    assert stats.objective == pytest.approx(best, abs=1e-4)  # HiGHS's tolerances: 1e-6 per row
    opened = opened_sites(model)
    assert len(opened) == p
    assert float(c[:, opened].min(axis=1).sum()) == pytest.approx(best, abs=1e-6)


@settings(max_examples=150, deadline=None)
@given(instances(), st.data())
def test_lagrangian_bound_pruning_and_probing_never_lose_a_better_solution(
    case: tuple[np.ndarray, int], data: st.DataObject
) -> None:
    c, p = case
    # Any p sites as the incumbent (often a poor one, so that better solutions exist).
    incumbent = data.draw(st.permutations(range(c.shape[1])))[:p]
    nearest = c[:, incumbent].min(axis=1)
    upper = float(nearest.sum())
    need = improvement_needed(c, upper, 1e-9)
    result = lagrangian_sites(c, p, upper, nearest, need)
    best, optimal_sets = brute_force(c, p)
    assert result.bound <= best + need + 1e-6
    if best <= min(upper, result.upper) - need:  # better exists: its sites were all kept
        kept = set(result.sites.tolist())
        assert any(set(s) <= kept for s in optimal_sets)
        bar = min(upper, result.upper)
        probed = set(probe_sites(c, p, result, bar, need).tolist())
        assert any(set(s) <= probed for s in optimal_sets)
    note(f"better solutions existed: {best <= upper - need}")


def test_radius_model_of_a_hand_worked_case() -> None:
    # Client costs to sites 0, 1, 2; p = 1. Opening 0 costs 0+4+4 = 8, opening 1 costs
    # 2+0+3 = 5, opening 2 costs 6+3+0 = 9: site 1, objective 5. Client 0's levels are
    # 0, 2, 6 and its (3 − 1 + 1)-th nearest site costs 6, so it has far[0,1] and far[0,2].
    c = np.array([[0.0, 2.0, 6.0], [4.0, 0.0, 3.0], [4.0, 3.0, 0.0]])
    model = build_radius_model(c, 1, [0, 1, 2])
    assert [len(f) for f in model.far] == [2, 2, 2]
    stats = solve(model.problem)
    assert (opened_sites(model), stats.objective) == ([1], pytest.approx(5.0))


def test_integer_costs_need_a_whole_unit_of_improvement() -> None:
    assert improvement_needed(np.array([[1.0, 2.0]]), 100.0, 1e-9) == 1.0
    assert improvement_needed(np.array([[1.5, 2.0]]), 100.0, 1e-3) == pytest.approx(0.1)


def test_random_euclidean_instance_agrees_with_the_dense_assignment_model() -> None:
    rng = np.random.default_rng(11)
    points = rng.random((60, 2))
    cost = np.sqrt(((points[:, None] - points[None]) ** 2).sum(-1))
    dense = solve_pmedian(cost, 3, dense=True)
    radius = solve_pmedian(cost, 3)
    assert radius.status == "optimal"
    assert radius.objective == pytest.approx(dense.objective)


def test_a_tiny_time_limit_still_returns_a_solution_with_its_status() -> None:
    path = Path(__file__).resolve().parents[3] / "shared/benchmarks/orlib-pmed/pmed6.txt"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    cost, p = read_orlib(path.read_text())  # n = 200, p = 5: the bound alone does not prove it
    result = solve_pmedian(cost, p, SolveOptions(time_limit_s=0.01))
    assert result.status == "feasible"
    assert len(result.sites) == p
    assert result.objective == pytest.approx(cost[:, list(result.sites)].min(axis=1).sum())
    assert result.gap is not None
    assert 0 < result.gap < 0.05  # the Lagrangian bound's gap to the incumbent
    assert result.objective >= 7824  # pmed6's published optimum
