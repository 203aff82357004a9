"""Why no grouping satisfies the rules, in words a council can act on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from allocation.solver import Conflict
from coop.domain import errors
from coop.domain.formatting import format_whole

RULE_LABELS = {
    "min_population": "minste folketall per gruppe",
    "max_population": "største folketall per gruppe",
    "max_members": "største antall kommuner per gruppe",
    "max_travel": "lengste reisetid til vertskommunen",
    "groups": "antall grupper",
    "contiguity": "sammenhengende grupper (naboer)",
    "locked": "dagens samarbeid beholdes",
    "time_limit": "tidsgrense",
}


class RegionsImpossible(errors.CoopError):
    """No grouping satisfies the rules; ``conflicts`` names the rules and municipalities."""

    def __init__(self, conflicts: Sequence[Conflict], names: Mapping[str, str]) -> None:
        parts = [_conflict_text(c, names) for c in conflicts[:8]]
        more = f" (og {len(conflicts) - 8} til)" if len(conflicts) > 8 else ""
        detail = "; ".join(parts) or "ingen enkeltregel kunne pekes ut"
        super().__init__(
            f"Ingen inndeling oppfyller alle reglene. Det som stopper: {detail}{more}."
        )
        self.conflicts = tuple(conflicts)


def _conflict_text(c: Conflict, names: Mapping[str, str]) -> str:
    who = ", ".join(names.get(k, k) for k in c.keys)
    label = RULE_LABELS.get(c.rule, c.rule)
    if c.rule == "max_travel":
        return f"{label}: {who} trenger {c.needed:.0f} min, tillatt {c.available:.0f} min"
    if c.rule == "min_population":
        return (
            f"{label}: {who} har {format_whole(c.available)} innbyggere, "
            f"kravet er {format_whole(c.needed)}"
        )
    if c.rule in ("max_population", "max_members"):
        return (
            f"{label}: {who} trenger {format_whole(c.needed)}, tillatt {format_whole(c.available)}"
        )
    if c.rule == "groups":
        return f"{label}: trenger {format_whole(c.needed)}, valgt {format_whole(c.available)}"
    if c.rule == "time_limit":
        return (
            f"{label}: reglene kan ikke oppfylles samtidig, men forklaringen ble ikke ferdig "
            f"innen {format_whole(c.available)} "
            f"{'sekund' if round(c.available) == 1 else 'sekunder'} "
            "(gi mer tid for å se hvilke regler som stopper)"
        )
    return f"{label}: {who}"
