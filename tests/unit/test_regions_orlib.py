"""OR-Library pmed instances through the region design with the side rules off."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from allocation.regions.data import RegionInput, RegionRules
from allocation.regions.design import design_regions
from allocation.regions.orlib import published_optima, read_orlib

ORLIB = Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "orlib-pmed"


def region_input(name: str) -> tuple[RegionInput, int]:
    path = ORLIB / f"{name}.txt"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    d, p = read_orlib(path.read_text())
    n = d.shape[0]
    codes = tuple(str(i) for i in range(n))
    return RegionInput(codes, (1.0,) * n, d, (0.0,) * n, d), p


@pytest.mark.parametrize("name", ["pmed1", "pmed2"])
def test_orlib_instance_solves_to_its_published_optimum(name: str) -> None:
    inp, p = region_input(name)
    result = design_regions(inp, RegionRules(groups=p))
    optimum = published_optima((ORLIB / "pmedopt.txt").read_text())[name]
    assert result.best.status == "optimal"
    assert result.best.objective == pytest.approx(optimum)
    assert len(result.best.regions) == p


def test_the_region_milp_itself_reaches_the_pmed1_optimum() -> None:
    # A travel limit above every distance keeps the instance the same but takes the MILP path.
    inp, p = region_input("pmed1")
    rules = RegionRules(groups=p, max_travel_min=float(np.max(inp.c)) + 1)
    assert design_regions(inp, rules).best.objective == pytest.approx(5819)


def test_read_orlib_takes_the_last_edge_of_a_repeated_pair_and_closes_paths() -> None:
    # OR-Library's convention: a repeated edge overwrites the earlier one; distances are the
    # shortest paths (Floyd–Warshall). 1-2 (5, then 3), 2-3 4: d(1,3) = 7.
    d, p = read_orlib(" 3 3 1\n 1 2 5\n 2 3 4\n 1 2 3\n")
    assert p == 1
    assert d.tolist() == [[0, 3, 7], [3, 0, 4], [7, 4, 0]]
