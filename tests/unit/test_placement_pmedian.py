"""The p-median core (placement's approach on a cost matrix) against brute force and OR-Library."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Literal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allocation.placement.heuristic import heuristic_sites
from allocation.placement.pmedian import solve_pmedian

ORLIB = Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "orlib-pmed"


@st.composite
def matrices(draw: st.DrawFn) -> tuple[list[list[float]], int, list[float] | None]:
    n_clients, n_sites = draw(st.integers(1, 7)), draw(st.integers(1, 6))
    cost = [[float(draw(st.integers(0, 50))) for _ in range(n_sites)] for _ in range(n_clients)]
    weights = draw(st.none() | st.lists(st.sampled_from([0.5, 1.0, 2.0, 3.0]),
                                         min_size=n_clients, max_size=n_clients))  # fmt: skip
    return cost, draw(st.integers(1, n_sites)), weights


def brute_force(cost: list[list[float]], p: int, weights: list[float] | None) -> float:
    w = weights or [1.0] * len(cost)
    return min(
        sum(wi * min(row[j] for j in sites) for wi, row in zip(w, cost, strict=True))
        for sites in itertools.combinations(range(len(cost[0])), p)
    )


@settings(max_examples=60, deadline=None)
@given(
    matrices(),
    st.booleans(),
    st.booleans(),
    st.sampled_from([None, 1, 2]),
    st.sampled_from(["radius", "lists"]),
)
def test_optimum_equals_brute_force(
    case: tuple[list[list[float]], int, list[float] | None],
    start: bool,
    dense: bool,
    first_size: int | None,
    method: Literal["radius", "lists"],
) -> None:
    cost, p, weights = case
    result = solve_pmedian(
        cost, p, weights=weights, start=start, dense=dense, first_size=first_size, method=method
    )
    assert result.status == "optimal"
    assert result.objective == pytest.approx(brute_force(cost, p, weights), abs=1e-6)
    assert len(result.sites) == p
    w = weights or [1.0] * len(cost)
    served = sum(wi * row[j] for wi, row, j in zip(w, cost, result.assignment, strict=True))
    assert served == pytest.approx(result.objective, abs=1e-6)
    assert set(result.assignment) <= set(result.sites)


@settings(max_examples=30, deadline=None)
@given(matrices())
def test_heuristic_opens_p_distinct_sites_no_better_than_the_optimum(
    case: tuple[list[list[float]], int, list[float] | None],
) -> None:
    cost, p, _ = case
    sites = heuristic_sites(cost, p)
    assert len(set(sites)) == p
    value = sum(min(row[j] for j in sites) for row in cost)
    assert value >= brute_force(cost, p, None) - 1e-9


def test_dense_model_counts_assignments_links_and_the_count_row() -> None:
    result = solve_pmedian([[0.0, 3.0, 1.0], [2.0, 0.0, 5.0]], 1, dense=True)
    assert (result.n_variables, result.n_constraints) == (3 + 6, 2 + 6 + 1)
    assert (result.sites, result.objective, result.rounds) == ((0,), 2.0, 1)


def test_candidate_lists_widen_until_no_client_is_served_far_away() -> None:
    # Clients 0-2 sit at site 0, client 3 at site 2. With one candidate each (client 3 keeps
    # all sites: none is farther than site 0 of the start), round 1 opens site 2 and serves
    # clients 0-2 "far" at their lower bound 1 (3 < 4), so their lists grow; round 2 opens 0.
    cost = [[0.0, 1.0, 4.0], [0.0, 1.0, 4.0], [0.0, 1.0, 4.0], [4.0, 3.0, 0.0]]
    result = solve_pmedian(cost, 1, first_size=1, start=False, method="lists")
    assert result.rounds > 1
    assert (result.sites, result.objective) == ((0,), 4.0)
    assert brute_force(cost, 1, None) == 4.0


def test_sparse_and_dense_models_agree_on_a_random_instance() -> None:
    rng = np.random.default_rng(5)
    points = rng.random((40, 2))
    cost = np.sqrt(((points[:, None] - points[None]) ** 2).sum(-1))
    dense = solve_pmedian(cost, 4, dense=True)
    sparse = solve_pmedian(cost, 4, method="lists")
    assert sparse.objective == pytest.approx(dense.objective)
    assert sparse.n_variables < dense.n_variables


def test_p_outside_one_to_the_number_of_sites_is_rejected() -> None:
    with pytest.raises(ValueError, match="p = 3"):
        solve_pmedian([[1.0, 2.0]], 3)
    with pytest.raises(ValueError, match="vekt"):
        solve_pmedian([[1.0, 2.0]], 1, weights=[1.0, 2.0])


def test_orlib_pmed1_solves_to_its_published_optimum() -> None:
    path = ORLIB / "pmed1.txt"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    lines = path.read_text().split("\n")
    n, _, p = map(int, lines[0].split())
    d = np.full((n, n), np.inf)
    np.fill_diagonal(d, 0.0)
    for line in lines[1:]:
        if len(parts := line.split()) == 3:
            i, j, c = int(parts[0]) - 1, int(parts[1]) - 1, float(parts[2])
            d[i, j] = d[j, i] = c
    for k in range(n):
        d = np.minimum(d, d[:, k, None] + d[None, k, :])
    assert solve_pmedian(d, p).objective == pytest.approx(5819)
