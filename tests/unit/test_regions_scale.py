"""The economies-of-scale line against points that lie on it, and against too few points."""

from __future__ import annotations

import pytest

from allocation.regions.scale import fit_scale


def test_points_on_a_line_give_its_intercept_and_slope_with_no_uncertainty() -> None:
    # cost = 2 000 000 + 3 000 · population, exactly
    pops = [1000.0, 4000.0, 10000.0, 25000.0]
    fit = fit_scale(pops, [2_000_000 + 3000 * p for p in pops])
    assert fit is not None
    assert fit.fixed == pytest.approx(2_000_000)
    assert fit.per_inhabitant == pytest.approx(3000)
    assert fit.fixed_se == pytest.approx(0, abs=1e-3)
    assert (fit.r2, fit.n) == (pytest.approx(1.0), 4)


def test_scatter_gives_the_textbook_standard_errors() -> None:
    # x = 0, 1, 2, 3; y = 1, 3, 2, 5: Sxy = 5.5, Sxx = 5, slope 1.1, intercept 2.75 − 1.65 =
    # 1.1; residuals −0.1, 0.8, −1.3, 0.6 → s² = 2.7 / 2 = 1.35; se(slope) = √(1.35 / 5).
    fit = fit_scale([0, 1, 2, 3], [1, 3, 2, 5])
    assert fit is not None
    assert (fit.fixed, fit.per_inhabitant) == (pytest.approx(1.1), pytest.approx(1.1))
    assert fit.per_inhabitant_se == pytest.approx((1.35 / 5) ** 0.5)


def test_fewer_than_three_sizes_give_no_fit() -> None:
    assert fit_scale([1000, 2000], [1.0, 2.0]) is None
    assert fit_scale([1000, 1000, 2000], [1.0, 1.1, 2.0]) is None
