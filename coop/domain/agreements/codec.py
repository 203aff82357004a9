"""Agreement inputs as plain JSON, so a saved version can be rebuilt exactly as it was saved.

A version keeps a snapshot of everything its text was built from (participants, names,
cost key, shares, policy and terms); later edits to the register, baselines or keys do not
change a version the councils may already have adopted. Decimals are strings, dates ISO.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from coop.domain.agreements.drafting import AgreementInputs
from coop.domain.agreements.service_terms import ServiceTerms
from coop.domain.agreements.terms import AgreementTerms, parse_terms
from coop.domain.errors import InvalidData
from coop.domain.json_codec import (
    cost_key_from_json,
    cost_key_to_json,
    decimals,
    policy_from_json,
    policy_to_json,
)
from coop.domain.model import (
    CooperationProject,
    LegalForm,
    Municipality,
    Service,
    ServiceArrangement,
)

FORMAT = 1
Json = dict[str, Any]


def inputs_to_json(inputs: AgreementInputs) -> Json:
    """Everything needed to rebuild the draft, as JSON-safe values."""
    a = inputs.arrangement
    return {
        "format": FORMAT,
        "project": {"slug": inputs.project.slug, "name": inputs.project.name},
        "service": {"code": a.service, "name": inputs.service_name},
        "arrangement": {
            "host": a.host,
            "participants": sorted(a.participants),
            "legal_form": a.legal_form.value,
            "joint_fte": str(a.joint_fte),
            "local_fte": str(a.local_fte),
            "cost_key": a.cost_key,
        },
        "municipalities": [_municipality(inputs.municipalities[n]) for n in sorted(a.participants)],
        "cost_key": cost_key_to_json(inputs.cost_key) if inputs.cost_key else None,
        "shares": decimals(inputs.shares),
        "amounts": decimals(inputs.amounts),
        "budget_total_nok": _opt(inputs.budget_total_nok),
        "policy": policy_to_json(inputs.policy) if inputs.policy else None,
        "new_act_from": {n: d.isoformat() for n, d in sorted(inputs.new_act_from.items())},
        "numbers_then": dict(sorted(inputs.numbers_then.items())),
        "catalogue": _catalogue_to_json(inputs.catalogue),
        "may_join": list(inputs.may_join),
        "terms": AgreementTerms.of(inputs).as_fields(),
    }


def inputs_from_json(data: Mapping[str, Any]) -> AgreementInputs:
    """Rebuild the inputs a version was saved with (raises ``InvalidData`` if unreadable)."""
    if data.get("format") != FORMAT:
        raise InvalidData(f"Ukjent lagringsformat for avtaleversjon: {data.get('format')!r}.")
    a, code = data["arrangement"], data["service"]["code"]
    members = frozenset(a["participants"])
    project = CooperationProject(
        slug=data["project"]["slug"],
        name=data["project"]["name"],
        municipalities=tuple(sorted(members)),
        services=(Service(code, data["service"]["name"]),),
        participants={code: members},
    )
    arrangement = ServiceArrangement(
        service=code,
        host=a["host"],
        participants=members,
        legal_form=LegalForm(a["legal_form"]),
        joint_fte=Decimal(a["joint_fte"]),
        local_fte=Decimal(a["local_fte"]),
        cost_key=a["cost_key"],
    )
    towns = [
        Municipality(**{**m, "population_date": date.fromisoformat(m["population_date"])})
        for m in data["municipalities"]
    ]
    terms = parse_terms(data["terms"], AgreementTerms(decided_on=date.min))
    return AgreementInputs(
        project=project,
        arrangement=arrangement,
        service_name=data["service"]["name"],
        municipalities={m.number: m for m in towns},
        cost_key=cost_key_from_json(data["cost_key"]) if data["cost_key"] else None,
        shares={n: Decimal(v) for n, v in data["shares"].items()},
        amounts={n: Decimal(v) for n, v in data["amounts"].items()},
        budget_total_nok=_read_opt(data["budget_total_nok"]),
        policy=policy_from_json(data["policy"]) if data["policy"] else None,
        new_act_from={n: date.fromisoformat(d) for n, d in data["new_act_from"].items()},
        numbers_then={str(n): str(v) for n, v in data.get("numbers_then", {}).items()},
        catalogue=_catalogue_from_json(data.get("catalogue") or {}),
        may_join=tuple(str(n) for n in data.get("may_join", ())),
        **terms.input_values(),
    )


def _catalogue_to_json(t: ServiceTerms) -> Json:
    return {
        "tasks": t.tasks,
        "references": list(t.references),
        "clauses": [list(c) for c in t.clauses],
        "pass_through": list(t.pass_through),
        "unverified": list(t.unverified),
    }


def _catalogue_from_json(data: Mapping[str, Any]) -> ServiceTerms:
    return ServiceTerms(
        tasks=str(data.get("tasks", "")),
        references=tuple(str(r) for r in data.get("references", ())),
        clauses=tuple((str(h), str(t)) for h, t in data.get("clauses", ())),
        pass_through=tuple(str(f) for f in data.get("pass_through", ())),
        unverified=tuple(str(r) for r in data.get("unverified", ())),
    )


def _municipality(m: Municipality) -> Json:
    return {
        "number": m.number,
        "name": m.name,
        "county": m.county,
        "population": m.population,
        "population_date": m.population_date.isoformat(),
        "admin_centre": m.admin_centre,
        "chief_title": m.chief_title,
    }


def _opt(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _read_opt(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)
