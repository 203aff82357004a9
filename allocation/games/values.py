"""Values of a cost game: Shapley value (exact and sampled), SCRB and proportional splits."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from allocation.games.game import CostGame, GameError

MAX_EXACT_SHAPLEY = 20


def shapley(game: CostGame) -> dict[str, float]:
    """Exact Shapley value: each player's marginal cost averaged over all join orders.

    φ_i = Σ_{S ∌ i} |S|!(n-|S|-1)!/n! · (c(S ∪ {i}) - c(S)), summed over all 2^(n-1)
    coalitions at once with numpy (bit i splits the cost vector into with/without halves).
    """
    if game.n > MAX_EXACT_SHAPLEY:
        raise GameError(
            f"Eksakt Shapley-verdi regnes for høyst {MAX_EXACT_SHAPLEY} deltakere "
            f"(spillet har {game.n}); bruk utvalgsberegning (shapley_sampled)."
        )
    n = game.n
    costs = game.costs()
    sizes = np.bitwise_count(np.arange(1 << n, dtype=np.uint32)).astype(np.intp)
    weights = np.array(
        [
            float(Fraction(math.factorial(s) * math.factorial(n - s - 1), math.factorial(n)))
            for s in range(n)
        ]
    )
    values: dict[str, float] = {}
    for i, player in enumerate(game.players):
        halves = costs.reshape(-1, 2, 1 << i)
        size = sizes.reshape(-1, 2, 1 << i)[:, 0, :]
        values[player] = float(np.sum(weights[size] * (halves[:, 1, :] - halves[:, 0, :])))
    return values


def shapley_sampled(
    game: CostGame, samples: int, seed: int
) -> tuple[dict[str, float], dict[str, float]]:
    """Shapley value estimated from random join orders, with 95 % half-widths.

    Each sampled permutation charges every player its marginal cost when it joins; the mean
    over samples is unbiased, and each permutation's charges sum to c(N), so the estimate is
    efficient. The half-width is 1.96 · s / √samples per player (normal approximation).
    """
    if samples < 2:
        raise GameError("Utvalgsberegning av Shapley-verdien trenger minst to rekkefølger.")
    rng = np.random.default_rng(seed)
    draws = np.empty((samples, game.n), dtype=np.float64)
    for row in range(samples):
        mask, before = 0, 0.0
        for i in rng.permutation(game.n):
            mask |= 1 << int(i)
            after = game.value(mask)
            draws[row, i] = after - before
            before = after
    means = draws.mean(axis=0)
    half = 1.96 * draws.std(axis=0, ddof=1) / math.sqrt(samples)
    return (
        {p: float(means[i]) for i, p in enumerate(game.players)},
        {p: float(half[i]) for i, p in enumerate(game.players)},
    )


def scrb(game: CostGame) -> dict[str, float]:
    """Separable costs, remaining benefits (Young, Okada & Hashimoto 1982).

    Separable cost s_i = c(N) - c(N∖{i}); remaining benefit r_i = max(0, c({i}) - s_i);
    the remaining joint cost c(N) - Σ s_j is shared in proportion to r_i (equally when every
    r_i is 0). Needs only c(N), c({i}) and c(N∖{i}), so it scales to any n.
    """
    total = game.value(game.grand)
    separable = [total - game.value(game.grand & ~(1 << i)) for i in range(game.n)]
    remaining = [max(0.0, game.value(1 << i) - s) for i, s in enumerate(separable)]
    joint = total - sum(separable)
    weight = sum(remaining)
    shares = [r / weight if weight > 0 else 1.0 / game.n for r in remaining]
    return {p: separable[i] + shares[i] * joint for i, p in enumerate(game.players)}


def proportional(game: CostGame) -> dict[str, float]:
    """c(N) split in proportion to stand-alone costs c({i}) (equally if all are 0)."""
    total = game.value(game.grand)
    alone = [game.value(1 << i) for i in range(game.n)]
    weight = sum(alone)
    if weight <= 0:
        return {p: total / game.n for p in game.players}
    return {p: total * alone[i] / weight for i, p in enumerate(game.players)}
