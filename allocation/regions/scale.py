"""Economies of scale: fit yearly cost = F + m · population to imported budgets.

Ordinary least squares on (population, yearly cost) pairs, one per municipality. F, the cost
a service carries whatever its size (leader, on-call duty, premises), is what joining groups
saves, so the region model prices every host with it. Standard errors come from the residual
variance (n − 2 degrees of freedom); with fewer than three municipalities there is no fit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ScaleFit:
    """F and m with their standard errors, the fit's R² and the number of points."""

    fixed: float
    per_inhabitant: float
    fixed_se: float
    per_inhabitant_se: float
    r2: float
    n: int


def fit_scale(population: Sequence[float], cost: Sequence[float]) -> ScaleFit | None:
    """Least-squares line through (population, cost); None below three distinct sizes."""
    x, y = np.asarray(population, dtype=float), np.asarray(cost, dtype=float)
    if x.shape != y.shape or len(np.unique(x)) < 3:
        return None
    design = np.column_stack([np.ones_like(x), x])
    (fixed, slope), *_ = np.linalg.lstsq(design, y, rcond=None)
    residual = y - design @ np.array([fixed, slope])
    n = len(x)
    sigma2 = float(residual @ residual) / (n - 2) if n > 2 else 0.0
    cov = sigma2 * np.linalg.inv(design.T @ design)
    total = float(((y - y.mean()) ** 2).sum())
    r2 = 1.0 - float(residual @ residual) / total if total > 0 else 1.0
    return ScaleFit(
        float(fixed),
        float(slope),
        math.sqrt(max(cov[0, 0], 0.0)),
        math.sqrt(max(cov[1, 1], 0.0)),
        r2,
        n,
    )
