"""Cost games given as tables (GAME.json): parsing, filling gaps, and the split-game answer.

Input: ``{"players": ["A", "B", ...], "costs": {"A": 10.0, "A+B": 15.0, ...}}``, coalitions as
player names joined by "+" in any order; the grand coalition is required. A coalition missing
from the table costs the cheapest partition into given coalitions (its members could each join
a listed group and pay that), found by dynamic programming over subsets.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from allocation.games.core import core_check
from allocation.games.game import CostGame, GameError
from allocation.games.lp import least_core, nucleolus
from allocation.games.values import proportional, scrb, shapley

Vector = npt.NDArray[np.float64]
MAX_PLAYERS = 20
_FILL_WORK_LIMIT = 400_000_000  # given coalitions × 2^n element steps for the gap-filling DP

METHODS: dict[str, Callable[[CostGame], dict[str, float]]] = {
    "shapley": shapley,
    "nucleolus": lambda game: nucleolus(game),
    "least-core": lambda game: least_core(game)[0],
    "scrb": scrb,
    "proportional": proportional,
}


class GameInputError(GameError):
    """A GAME.json table that cannot be read; the message names the coalition (bokmål)."""


def parse_game(data: Mapping[str, Any]) -> CostGame:
    """Read a GAME.json object into a table game, filling missing coalitions."""
    if not isinstance(data, Mapping) or "players" not in data or "costs" not in data:
        raise GameInputError("Spillfilen må være et JSON-objekt med «players» og «costs».")
    players = _players(data["players"])
    costs = data["costs"]
    if not isinstance(costs, Mapping):
        raise GameInputError("«costs» må være et objekt fra koalisjon (f.eks. «A+B») til kostnad.")
    index = {p: i for i, p in enumerate(players)}
    given: dict[int, float] = {}
    spelled: dict[int, str] = {}
    for key, raw in costs.items():
        mask = _coalition(str(key), index)
        if mask in given:
            raise GameInputError(
                f"Koalisjonen «{key}» er oppgitt to ganger (også som «{spelled[mask]}»)."
            )
        given[mask], spelled[mask] = _cost(str(key), raw), str(key)
    grand = (1 << len(players)) - 1
    if grand not in given:
        name = "+".join(players)
        raise GameInputError(f"Kostnaden for den store koalisjonen «{name}» (alle) mangler.")
    return CostGame.from_table(players, _fill(given, players))


def run_game_json(data: Mapping[str, Any], method: str) -> dict[str, Any]:
    """Split a table game by ``method`` and check the split against the core.

    Returns ``{"method", "allocation": {player: amount}, "in_core", "max_excess",
    "blocking_coalition": [...] | None}`` for ``coop split-game --json``.
    """
    chosen = method.strip().lower().replace("_", "-")
    if chosen not in METHODS:
        raise GameInputError(f"Ukjent metode «{method}»; velg en av: {', '.join(METHODS)}.")
    game = parse_game(data)
    allocation = METHODS[chosen](game)
    check = core_check(game, allocation, decide_core_empty=False)
    return {
        "method": chosen,
        "allocation": {p: _clean(allocation[p]) for p in game.players},
        "in_core": check.in_core,
        "max_excess": _clean(check.max_excess) if math.isfinite(check.max_excess) else 0.0,
        "blocking_coalition": list(check.blocking_coalition) if check.blocking_coalition else None,
    }


def _clean(value: float) -> float:
    """Round away solver noise (1e-9 of a krone is no information)."""
    return round(float(value), 9) + 0.0


def _players(raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw:
        raise GameInputError("«players» må være en ikke-tom liste med navn.")
    seen: set[str] = set()
    for player in raw:
        if not isinstance(player, str) or not player.strip():
            raise GameInputError(f"Spillernavnet {player!r} i «players» er ikke en tekst.")
        if "+" in player:
            raise GameInputError(f"Spillernavnet «{player}» kan ikke inneholde «+».")
        if player.strip() in seen:
            raise GameInputError(f"Spilleren «{player}» står to ganger i «players».")
        seen.add(player.strip())
    if len(raw) > MAX_PLAYERS:
        raise GameInputError(
            f"En kostnadstabell kan ha høyst {MAX_PLAYERS} spillere (fikk {len(raw)})."
        )
    return tuple(p.strip() for p in raw)


def _coalition(key: str, index: Mapping[str, int]) -> int:
    names = [part.strip() for part in key.split("+")]
    if not all(names):
        raise GameInputError(f"Koalisjonen «{key}» har et tomt spillernavn.")
    mask = 0
    for name in names:
        if name not in index:
            raise GameInputError(f"Koalisjonen «{key}» nevner den ukjente spilleren «{name}».")
        if mask >> index[name] & 1:
            raise GameInputError(f"Koalisjonen «{key}» nevner «{name}» to ganger.")
        mask |= 1 << index[name]
    return mask


def _cost(key: str, raw: Any) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise GameInputError(f"Kostnaden for koalisjonen «{key}» er ikke et tall ({raw!r}).")
    value = float(raw)
    if not math.isfinite(value):
        raise GameInputError(f"Kostnaden for koalisjonen «{key}» er ikke et endelig tall.")
    if value < 0:
        raise GameInputError(f"Kostnaden for koalisjonen «{key}» er negativ ({raw}).")
    return value


def _fill(given: Mapping[int, float], players: tuple[str, ...]) -> Vector:
    """Every coalition's cost: given, else the cheapest partition into given coalitions.

    f(∅) = 0; f(S) = min over given T ⊆ S of c(T) + f(S∖T), computed layer by layer in
    coalition size so each f(S∖T) is final; one numpy pass per (given T, layer).
    """
    n = len(players)
    count = 1 << n
    table = np.full(count, math.inf)
    table[0] = 0.0
    for mask, value in given.items():
        table[mask] = value
    if len(given) == count - 1:
        return table
    if len(given) * count > _FILL_WORK_LIMIT:
        raise GameInputError(
            "Tabellen er for stor til at manglende koalisjoner kan fylles inn; oppgi alle."
        )
    masks = np.arange(count, dtype=np.int64)
    sizes = np.bitwise_count(masks.astype(np.uint32))
    best = np.full(count, math.inf)
    best[0] = 0.0
    blocks = sorted(given.items(), key=lambda item: int(item[0]).bit_count())
    for k in range(1, n + 1):
        layer = masks[sizes == k]
        cheapest = np.full(len(layer), math.inf)
        for block, value in blocks:
            if block.bit_count() > k:
                break
            inside = (layer & block) == block
            rest = layer[inside] ^ block
            cheapest[inside] = np.minimum(cheapest[inside], value + best[rest])
        best[layer] = cheapest
    filled = np.where(np.isinf(table), best, table)
    unreachable = np.flatnonzero(np.isinf(filled))
    if len(unreachable):
        mask = int(unreachable[0])
        name = "+".join(p for i, p in enumerate(players) if mask >> i & 1)
        raise GameInputError(
            f"Koalisjonen «{name}» mangler kostnad og kan ikke settes sammen av "
            "oppgitte koalisjoner."
        )
    return filled
