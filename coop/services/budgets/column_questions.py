"""«Which column is what»: the question a budget file with unknown columns raises.

The form pre-selects, per concept (function, amount, art, ansvar, FTE), the column the import
used, else the closest header by name (synonyms, fuzzy match, the budget year in the
header), and turns the user's answers back into a ``column_map`` for the import.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coop.budget_import.columns import CONCEPT_LABELS, REQUIRED, SYNONYMS, Concept, normalise_header
from coop.budget_import.report import IssueKind
from coop.domain.errors import require

OPTIONAL = (Concept.ART, Concept.ANSVAR, Concept.FTE)  # asked for, but may be left out
MAPPING_CONCEPTS = tuple(c.value for c in (*REQUIRED, *OPTIONAL))
_AMOUNT_HINTS = frozenset(
    {"budsjett", "budsjet", "regnskap", "rekneskap", "belop", "kr", "sum", "vedtatt", "amount"}
    | {"vedteke", "revidert", "justert", "opprinnelig", "opprinneleg", "forslag"}
)
_TEXT_HINTS = ("tekst", "navn", "namn")


@dataclass(frozen=True)
class ColumnChoice:
    """One concept the user picks a column for, with the column pre-selected (or "")."""

    concept: str
    label: str
    required: bool
    selected: str


@dataclass(frozen=True)
class MappingQuestion:
    """«Which column is what»: the file's headers and one choice per concept."""

    headers: tuple[str, ...]
    choices: tuple[ColumnChoice, ...]
    needed: bool  # True when the file cannot be read without an answer


def _fuzzy(key: str, names: Sequence[str]) -> float:
    """How much a normalised header looks like one of a concept's names (0–1)."""
    best = 0.0
    for name in names:
        if key == name:
            return 1.0
        if min(len(key), len(name)) >= 3 and (key.startswith(name) or name.startswith(key)):
            best = max(best, 0.9)
        best = max(best, difflib.SequenceMatcher(None, key, name).ratio())
    return best


def _amount_score(header: str, mapped: bool, year: int) -> float:
    key = normalise_header(header)
    years = re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", header)
    hinted = any(h in key.split("_") or key.startswith(h) for h in _AMOUNT_HINTS)
    if not (mapped or hinted or str(year) in years):
        return 0.0
    score = 8.0 if str(year) in years else (0.0 if years else 4.0)
    return score + 2 * mapped + hinted + 0.5 * ("budsj" in key)


def _guess(
    concept: Concept,
    headers: tuple[str, ...],
    mapping: Mapping[str, str],
    year: int,
    taken: set[str],
    fuzzy: bool,
) -> str:
    """The header to pre-select for ``concept``: what the import used, else a close name."""
    free = [h for h in headers if h not in taken]
    if concept is Concept.AMOUNT:
        scored = [
            (_amount_score(h, mapping.get(h) == "amount", year), -i, h) for i, h in enumerate(free)
        ]
        scored = [s for s in scored if s[0] > 0 and mapping.get(s[2]) in (None, "amount")]
        return max(scored)[2] if scored else ""
    used = [h for h in free if mapping.get(h) == concept.value]
    if used or not fuzzy:
        return used[0] if used else ""
    candidates = [
        (_fuzzy(normalise_header(h), SYNONYMS[concept]), -i, h)
        for i, h in enumerate(free)
        if h not in mapping and not any(t in normalise_header(h) for t in _TEXT_HINTS)
    ]
    best = max(candidates, default=(0.0, 0, ""))
    return best[2] if best[0] >= 0.75 else ""


def mapping_question(
    report: Mapping[str, Any], year: int, column_map: Mapping[str, str] | None
) -> MappingQuestion | None:
    """What to ask the user about the columns, pre-filled from the import or a good guess."""
    headers = tuple(h for h in report.get("headers", ()) if h)
    if not headers:
        return None
    errors = report.get("errors", [])
    kinds = {e.get("kind") for e in errors}
    needed = bool(kinds & {str(IssueKind.MAPPING_NEEDED), str(IssueKind.YEAR_NEEDED)})
    needed = needed or (bool(column_map) and bool(errors))
    mapping = report.get("mapping", {})
    taken: set[str] = set()
    choices = []
    for concept in (*REQUIRED, *OPTIONAL):
        selected = _guess(concept, headers, mapping, year, taken, fuzzy=needed)
        taken.add(selected)
        label = CONCEPT_LABELS[concept]
        choices.append(ColumnChoice(concept.value, label, concept in REQUIRED, selected))
    return MappingQuestion(headers, tuple(choices), needed)


def column_map_from_choices(
    headers: Sequence[str], current: Mapping[str, str], choices: Mapping[str, str]
) -> dict[str, str]:
    """Turn «concept → column» answers into a ``column_map`` (column → concept).

    Every required concept needs a column of the file and no column may be chosen twice;
    a column the import used for a single-column concept but that was not chosen now is
    set to «brukes ikke». Raises InvalidData naming every problem.
    """
    problems: list[str] = []
    out: dict[str, str] = {}
    for concept in (*REQUIRED, *OPTIONAL):
        header, label = choices.get(concept.value) or "", CONCEPT_LABELS[concept]
        if not header:
            if concept in REQUIRED:
                problems.append(f"velg hvilken kolonne som er {label}")
        elif header not in headers:
            problems.append(f"kolonnen «{header}» finnes ikke i filen")
        elif header in out:
            other = CONCEPT_LABELS[Concept(out[header])]
            problems.append(f"kolonnen «{header}» er valgt både for {other} og for {label}")
        else:
            out[header] = concept.value
    require(not problems, "Kolonnevalget ble ikke brukt: " + "; ".join(problems) + ".")
    single = {c.value for c in (Concept.FUNCTION, *OPTIONAL)}
    for header, used_as in current.items():
        if header not in out and used_as in single:
            out[header] = Concept.IGNORE.value
    return out
