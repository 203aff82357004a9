"""Cost-key form input: typed strings in, a valid ``CostKey`` out, every broken rule by field.

The key editor (``coop.services.cost_keys.editing``) builds keys from what users type here;
numbers may be written the Norwegian way ('12,5', '1 000', '30 %').
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from coop.domain.costs import key_model
from coop.domain.errors import InvalidData
from coop.domain.limits import read_decimal
from coop.reference.catalogue import metric_label

TYPED_KEY_LIMIT = Decimal(1_000_000)

KINDS = {
    "equal": "Likt",
    "population": "Folketall",
    "target_group": "Målgruppe (del av folketallet)",
    "usage": "Bruk (saker, brukere, lønnsslipper …)",
    "fixed": "Faste prosentandeler",
}


class KeyFormInvalid(InvalidData):
    """Input for a cost key breaks one or more rules; ``errors`` maps form field to message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__(" ".join(errors.values()))
        self.errors = dict(errors)


@dataclass(frozen=True)
class ComponentInput:
    """One row of the form: kind (a key of ``KINDS``, empty if unused), weight in %, metric."""

    kind: str = ""
    weight_pct: str = ""
    metric: str = ""


@dataclass(frozen=True)
class KeyInput:
    """A cost key as typed: plain strings; percentages as '30' or '12,5'."""

    name: str
    components: tuple[ComponentInput, ...]
    population_date: str = ""
    host_overhead_pct: str = ""
    fixed_pct: Mapping[str, str] = field(default_factory=dict)  # kommunenummer -> percent
    description: str = ""


def build_cost_key(
    entered: KeyInput, municipalities: Iterable[str], version: int = 1
) -> key_model.CostKey:
    """Turn typed values into a ``CostKey``; every broken rule is reported by its field."""
    errors: dict[str, str] = {}
    name = entered.name.strip()
    if not name:
        errors["name"] = "Skriv et navn på nøkkelen."
    elif len(name) > 100:
        errors["name"] = "Navnet på nøkkelen kan være høyst 100 tegn."
    when = _date(entered.population_date, errors)
    overhead = parse_typed_number(
        entered.host_overhead_pct or "0", "host_overhead_pct", "Administrasjonstillegget", errors
    )
    exponent = overhead.normalize().as_tuple().exponent if overhead is not None else 0
    if isinstance(exponent, int) and exponent < -2:
        errors["host_overhead_pct"] = "Administrasjonstillegget kan ha høyst to desimaler."
    outside = sorted(set(entered.fixed_pct) - set(municipalities))
    if outside:
        errors["fixed"] = f"Kommunenummer {', '.join(outside)} er ikke med i prosjektet."
    fixed = _fixed_shares(entered.fixed_pct, errors)
    components = _components(entered.components, fixed, errors)
    rows = [r for r in entered.components if r.kind.strip() or r.weight_pct.strip()]
    if not rows:
        errors["components"] = "Nøkkelen må ha minst én del med type og vekt."
    if fixed and not any(r.kind.strip() == "fixed" for r in rows):
        errors["fixed"] = "Faste andeler er fylt ut, men ingen del har typen faste prosentandeler."
    if errors or overhead is None:
        raise KeyFormInvalid(errors)
    parts = tuple(components)
    try:
        return key_model.CostKey(name, parts, when, overhead, entered.description.strip(), version)
    except InvalidData as error:
        raise KeyFormInvalid({_key_field(name, parts, when): error.message}) from None


def _components(
    rows: tuple[ComponentInput, ...], fixed: dict[str, Decimal], errors: dict[str, str]
) -> list[key_model.KeyComponent]:
    out: list[key_model.KeyComponent] = []
    for i, row in enumerate(rows, start=1):
        kind, metric = row.kind.strip(), row.metric.strip() or None
        if not kind and not row.weight_pct.strip():
            continue
        if kind not in KINDS:
            errors[f"kind-{i}"] = f"Velg hva del {i} skal fordele etter."
            continue
        if not row.weight_pct.strip():
            errors[f"weight-{i}"] = f"Skriv vekten til del {i} i prosent."
            continue
        pct = parse_typed_number(row.weight_pct, f"weight-{i}", f"Vekten til del {i}", errors)
        if pct is None:
            continue
        if kind == "target_group" and metric is None:
            errors[f"metric-{i}"] = f"Skriv hvilken målgruppe del {i} teller (f.eks. 0–22 år)."
            continue
        if kind == "fixed" and any(c.kind is key_model.KeyKind.FIXED for c in out):
            errors[f"kind-{i}"] = "Bare én del kan ha faste prosentandeler."
            continue
        out.extend(_component(i, kind, pct / 100, metric, fixed, errors))
    return out


def _component(
    i: int,
    kind: str,
    weight: Decimal,
    metric: str | None,
    fixed: dict[str, Decimal],
    errors: dict[str, str],
) -> list[key_model.KeyComponent]:
    key_kind = {"target_group": "population"}.get(kind, kind)
    metric = metric if kind in ("target_group", "usage") else None
    shares = fixed if kind == "fixed" else {}
    try:
        return [key_model.KeyComponent(key_model.KeyKind(key_kind), weight, metric, shares)]
    except InvalidData as error:
        # The model names the rule; find the field by trying the weight on its own.
        try:
            key_model.KeyComponent(key_model.KeyKind.EQUAL, weight)
        except InvalidData:
            errors[f"weight-{i}"] = f"Del {i}: {error.message}"
            return []
        if kind == "fixed":
            errors["fixed"] = error.message
        else:
            errors[f"metric-{i}"] = f"Del {i}: {error.message}"
        return []


def _key_field(name: str, components: tuple[key_model.KeyComponent, ...], when: date | None) -> str:
    """Which field a ``CostKey`` rule failed on: try the parts with neutral values."""
    try:
        key_model.CostKey(name, components, date(2000, 1, 1))
    except InvalidData:
        return "components"
    try:
        key_model.CostKey(name, components, when)
    except InvalidData:
        return "population_date"
    return "host_overhead_pct"


def _fixed_shares(entered: Mapping[str, str], errors: dict[str, str]) -> dict[str, Decimal]:
    shares = {}
    for number, text in entered.items():
        if text.strip():
            value = parse_typed_number(text, f"fixed-{number}", f"Fast andel for {number}", errors)
            if value is not None:
                shares[number] = value / 100
    return shares


def parse_typed_number(text: str, where: str, what: str, errors: dict[str, str]) -> Decimal | None:
    """A number typed the Norwegian way ('12,5', '1 000', '30 %'); None and an error if not.

    Bounded (|x| ≤ 1 000 000) by the shared reader; the key's own rules narrow it further.
    """
    try:
        return read_decimal(text, what, -TYPED_KEY_LIMIT, TYPED_KEY_LIMIT)
    except InvalidData as error:
        errors[where] = error.message
        return None


def _date(text: str, errors: dict[str, str]) -> date | None:
    text = text.strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    errors["population_date"] = f"«{text}» er ikke en dato (skriv for eksempel 01.01.2024)."
    return None


def describe_component(component: key_model.KeyComponent) -> str:
    """Bokmål label of a key part: 'Likt', 'Folketall', 'Målgruppe 0–22 år', 'Bruk: saker'."""
    if component.kind is key_model.KeyKind.POPULATION and component.metric:
        return f"Målgruppe: {component.metric}"
    if component.kind is key_model.KeyKind.USAGE:
        return f"Bruk: {metric_label(component.metric or '')}"
    return {
        key_model.KeyKind.EQUAL: "Likt",
        key_model.KeyKind.POPULATION: "Folketall",
        key_model.KeyKind.FIXED: "Faste andeler",
    }[component.kind]


def input_kind(component: key_model.KeyComponent) -> str:
    """The form's kind for a stored part (target group is population with a metric)."""
    if component.kind is key_model.KeyKind.POPULATION and component.metric:
        return "target_group"
    return component.kind.value
