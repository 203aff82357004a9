"""Writing a project to coop's file format, as JSON-safe values the reading side takes back."""

from __future__ import annotations

from datetime import datetime

from coop.domain.assumptions import PlanningAssumptions
from coop.domain.json_codec import Json, cost_key_to_json, decimals, policy_to_json
from coop.domain.model import Baseline, Scenario, Service
from coop.domain.process.codec import record_to_json
from coop.domain.project_file.contents import FORMAT, VERSION, ProjectFile
from coop.domain.travel.links import TravelLink


def _service(s: Service) -> Json:
    return {
        "kode": s.code,
        "navn": s.name,
        "kostra_funksjoner": list(s.kostra_functions),
        "beskrivelse": s.description,
        "eier": s.owner,
    }


def _baseline(b: Baseline) -> Json:
    return {
        "kommune": b.municipality,
        "tjeneste": b.service,
        "aar": b.year,
        "aarsverk": str(b.fte),
        "ansatte": b.headcount,
        "brutto_nok": str(b.gross_cost_nok),
        "lonn_nok": str(b.pay_cost_nok),
        "bruk": decimals(b.usage),
        "grunnlag": b.basis,
        "direkte_nok": str(b.pass_through_nok),
        "grunnlag_per_tall": dict(sorted(b.field_basis.items())),
        "kilde": b.source,
    }


def _link(k: TravelLink) -> Json:
    return {
        "fra": k.origin,
        "til": k.destination,
        "km": str(k.km),
        "minutter": str(k.minutes),
        "type": k.mode.value,
        "ferjepris_nok": str(k.fare_nok),
        "ventetid_min": str(k.wait_min),
        "grunnlag": k.basis,
        "sesong": k.season,
    }


def _scenario(s: Scenario) -> Json:
    return {
        "navn": s.name,
        "retningslinjer": s.policy,
        "beskrivelse": s.description,
        "plasseringer": [
            {
                "tjeneste": a.service,
                "vert": a.host,
                "deltakere": sorted(a.participants),
                "lovform": a.legal_form.value,
                "felles_aarsverk": str(a.joint_fte),
                "lokale_aarsverk": str(a.local_fte),
                "nokkel": a.cost_key,
            }
            for a in s.arrangements
        ],
    }


def _assumptions(a: PlanningAssumptions) -> Json:
    return {
        "grunnlagsaar": a.baseline_year,
        "budsjettaar": a.budget_year,
        "planperiode_aar": a.horizon_years,
        "diskonteringsrente_pct": str(a.discount_rate_pct),
        "gevinst_pct": str(a.efficiency_gain_pct),
        "kostnad_per_aarsverk_nok": str(a.cost_per_fte_nok),
        "reiser": dict(sorted(a.trips_per_partner.items())),
        "faste_vertskostnader_nok": str(a.fixed_host_cost_nok),
        "grunnlag": dict(sorted(a.bases.items())),
    }


def project_to_json(f: ProjectFile, exported_at: datetime, exported_by: str) -> Json:
    """The whole project in coop's file format (JSON-safe values)."""
    p = f.project
    participation = [
        {"tjeneste": code, "kommune": m, "status": "deltar",
         "fra": p.joined_on[code, m].isoformat() if (code, m) in p.joined_on else None}
        for code, members in sorted(p.participants.items()) for m in sorted(members)
    ] + [
        {"tjeneste": code, "kommune": m, "status": "kan_bli_med", "fra": None}
        for code, members in sorted(p.may_join.items()) for m in sorted(members)
    ]  # fmt: skip
    return {
        "format": FORMAT,
        "versjon": VERSION,
        "eksportert": exported_at.isoformat(),
        "eksportert_av": exported_by,
        "prosjekt": {
            "kode": p.slug,
            "navn": p.name,
            "beskrivelse": p.description,
            "vedtatt": p.decided_on.isoformat() if p.decided_on else None,
            "pakkevilkaar": p.package_condition,
            "opprettet_av": f.created_by,
        },
        "kommuner": list(p.municipalities),
        "tjenester": [_service(s) for s in p.services],
        "deltakelse": participation,
        "forutsetninger": _assumptions(f.assumptions) if f.assumptions else None,
        "grunnlag": [_baseline(b) for b in f.baselines],
        "reiser": [_link(k) for k in f.travel],
        "reisenett": [_link(k) for k in f.network],
        "retningslinjer": [policy_to_json(x) for x in f.policies],
        "nokler": [cost_key_to_json(k) for k in f.keys],
        "alternativer": [_scenario(s) for s in f.scenarios],
        "avtaler": [
            {
                "alternativ": a.scenario,
                "tjeneste": a.service,
                "nummer": a.number,
                "hash": a.content_hash,
                "tekst": a.text,
                "deltakere": list(a.participants),
                "dato": a.decided_on.isoformat(),
                "status": a.status,
                "lagret_av": a.saved_by,
                "lagret": a.saved_at.isoformat(),
                "grunnlag": a.inputs,
            }
            for a in f.agreements
        ],  # fmt: skip
        "vedtak": [
            {
                "alternativ": a.scenario,
                "tjeneste": a.service,
                "kommune": a.participant,
                "organ": a.body,
                "dato": a.meeting_date.isoformat(),
                "saksnummer": a.case_number,
                "utfall": a.outcome,
                "hash": a.version_hash,
            }
            for a in f.adoptions
        ],  # fmt: skip
        "prosess": record_to_json(f.process) if f.process and f.process.version else None,
        "endringslogg": [
            {
                "tid": c.at.isoformat(),
                "hvem": c.actor,
                "type": c.kind,
                "objekt": c.key,
                "felt": c.field,
                "fra": c.old,
                "til": c.new,
                "begrunnelse": c.reason,
            }
            for c in f.changes
        ],  # fmt: skip
    }
