"""The change log: who changed what, when, from what to what — and why, when they said.

Append-only: an entry is written in the same transaction as the change it records, and
nothing in the app edits or deletes one. Values are kept as the text a person reads
(«20 %», «Salangen»), so the log still reads right after the object itself is gone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from coop.domain.costs.key_model import CostKey
from coop.domain.errors import require
from coop.domain.formatting import format_kr, format_pct
from coop.domain.model import Scenario
from coop.domain.transition.policy_model import PersonnelPolicy

MAX_VALUE = 2000
KINDS = {
    "prosjekt": "Prosjekt",
    "deltaker": "Deltakerkommune",
    "tjeneste": "Tjeneste",
    "deltakelse": "Deltakelse",
    "grunnlag": "Grunnlagstall",
    "reise": "Reiserute",
    "forutsetninger": "Forutsetninger",
    "retningslinjer": "Personalpolitiske retningslinjer",
    "nokkel": "Fordelingsnøkkel",
    "alternativ": "Plasseringsalternativ",
    "avtale": "Avtaletekst",
    "vedtak": "Vedtak",
    "katalog": "Tjenestekatalog",
    "bruker": "Bruker",
    "milepael": "Milepæl",
    "motedato": "Møteplan",
    "gruppe": "Arbeidsgruppe",
    "personal": "Personallogg",
    "sparemal": "Sparemål",
    "tiltak": "Tiltak",
    "prosjektmidler": "Prosjektmidler",
    "evaluering": "Evalueringsmål",
}


def _clip(text: str) -> str:
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


@dataclass(frozen=True, slots=True)
class Change:
    """One field of one object changed by one person at one moment."""

    at: datetime
    actor: str
    kind: str  # a key of KINDS
    key: str  # the object's natural key, e.g. "barnevern/5522/2026"
    field: str  # bokmål field label, or "" for created/removed
    old: str
    new: str
    project: str | None = None
    reason: str = ""

    def __post_init__(self) -> None:
        require(self.kind in KINDS, f"Ukjent type i endringsloggen: «{self.kind}».")
        require(self.at.tzinfo is not None, "Tidspunktet i endringsloggen må ha tidssone.")
        require(len(self.reason) <= 500, "Begrunnelsen kan være høyst 500 tegn.")

    @property
    def kind_label(self) -> str:
        """Bokmål name of the kind of object."""
        return KINDS[self.kind]


def changes_between(
    before: Mapping[str, str] | None, after: Mapping[str, str] | None
) -> list[tuple[str, str, str]]:
    """Field-by-field differences as (field, old, new); created/removed give one line each.

    ``before`` None means the object is new, ``after`` None that it was removed.
    """
    if before is None and after is None:
        return []
    if before is None:
        return [("", "", "opprettet")]
    if after is None:
        return [("", "", "fjernet")]
    fields = list(dict.fromkeys([*before, *after]))
    return [
        (f, _clip(before.get(f, "")), _clip(after.get(f, "")))
        for f in fields
        if before.get(f, "") != after.get(f, "")
    ]


def key_fields(key: CostKey) -> dict[str, str]:
    """A cost key as the change log shows it, e.g. «likt 20 %», «folketall 80 %»."""
    out = {
        f"{c.kind.label}{' (' + c.metric + ')' if c.metric else ''}": _pct(c.weight)
        for c in key.components
    }
    out["folketall per"] = f"{key.population_date:%d.%m.%Y}" if key.population_date else ""
    out["administrasjonstillegg"] = format_pct(key.host_overhead_pct)
    out["beskrivelse"] = key.description
    return out


def policy_fields(p: PersonnelPolicy) -> dict[str, str]:
    """A personnel policy as the change log shows it."""
    return {
        "reisetilskudd": "; ".join(
            f"fra {b.from_km} km: {format_kr(b.grant_nok)}" for b in p.bands
        ),
        "år med tilskudd": str(p.grant_years),
        "årlig": "ja" if p.yearly else "nei",
        "km én vei": "ja" if p.one_way_km else "nei",
        "flytting": (
            f"{format_kr(p.relocation_nok)}, {format_pct(p.relocation_share * 100)} flytter"
        ),
        "omstillingstilskudd": format_kr(p.transition_grant_nok),
        "terskel": "fra og med" if p.threshold_inclusive else "over",
        "omstillingstilskudd til": p.transition_grant_to,
        "beskrivelse": p.description,
    }


def scenario_fields(s: Scenario) -> dict[str, str]:
    """A placement option as the change log shows it: host, participants, FTE, key per service."""
    out = {
        a.service: f"vert {a.host}; deltakere {' '.join(sorted(a.participants))}; "
        f"{a.joint_fte} felles årsverk; nøkkel {a.cost_key or '(lik fordeling)'}"
        for a in s.arrangements
    }
    out["retningslinjer"] = s.policy or ""
    out["beskrivelse"] = s.description
    return out


def _pct(share: Decimal) -> str:
    return f"{(share * 100).normalize():f}".replace(".", ",") + " %"
