"""Read OR-Library p-median files (Beasley 1990): the graph, p, and the published optima."""

from __future__ import annotations

import numpy as np


def read_orlib(text: str) -> tuple[np.ndarray, int]:
    """Shortest-path distance matrix and p of one ``pmedN.txt``.

    The first line is «n edges p», then «i j cost» per edge (1-based). As in Beasley's own
    reader, a pair given twice keeps its last cost; distances are all-pairs shortest paths.
    """
    lines = [line.split() for line in text.splitlines() if line.strip()]
    n, _, p = map(int, lines[0])
    d = np.full((n, n), np.inf)
    np.fill_diagonal(d, 0.0)
    for parts in lines[1:]:
        i, j, c = int(parts[0]) - 1, int(parts[1]) - 1, float(parts[2])
        d[i, j] = d[j, i] = c
    for k in range(n):  # Floyd–Warshall, one pivot row at a time
        d = np.minimum(d, d[:, k, None] + d[None, k, :])
    return d, p


def published_optima(text: str) -> dict[str, float]:
    """``pmedopt.txt``: instance name → optimal objective."""
    out = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0].startswith("pmed"):
            out[parts[0]] = float(parts[1])
    return out
