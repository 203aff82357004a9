"""Ranked designs stay distinct when a municipality has two equally cheap hosts.

Found by ``test_top_k_equals_the_sorted_brute_force_list``: with continuous assignments a
no-good cut was met by splitting municipality 4 half-and-half between hosts 0 and 2, and the
third design rounded back to the second.
"""

from __future__ import annotations

import numpy as np
import pytest

from allocation.regions.data import RegionInput, RegionRules
from allocation.regions.design import design_regions


def test_two_equally_cheap_hosts_give_two_designs_and_then_the_next_cost() -> None:
    names = ("1500", "1501", "1502", "1503", "1504")
    t = np.array(
        [
            [0, 1, 1, 1, 1],
            [1, 0, 2, 2, 2],
            [1, 2, 0, 0, 1],
            [1, 2, 0, 0, 1],
            [1, 2, 1, 1, 0],
        ],
        dtype=float,
    )
    # hosts 1500–1502 are free, 1503 and 1504 cost 1; serving costs 0,1 per minute.
    inp = RegionInput(names, (100.0,) * 5, 0.1 * t, (0.0, 0.0, 0.0, 1.0, 1.0), t)
    result = design_regions(inp, RegionRules(), top=3)
    # By hand: 1500, 1501, 1502 host themselves for free and 1503 joins 1502 at 0; 1504
    # joins 1500 or 1502 at 0,1 — two designs of 0,1. Every other design pays at least two
    # 0,1 steps (or a fixed cost of 1): the third costs 0,2.
    assert [d.objective for d in result.designs] == pytest.approx([0.1, 0.1, 0.2])
    assert {d.hosts for d in result.designs[:2]} == {
        ("1500", "1501", "1502", "1502", "1500"),
        ("1500", "1501", "1502", "1502", "1502"),
    }
    assert len({d.hosts for d in result.designs}) == 3
