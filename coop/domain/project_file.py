"""A whole project as one versioned JSON file, and back: backup, moving, sending.

Everything a project's pages compute from — members, services, participation, baselines with
their basis, travel entered for it, assumptions, policies, keys, options, agreement versions
and adoptions, and the change log — in coop's own format. The file says which format version
it is; a newer version than this coop reads, or a damaged file, is refused with a message
naming what is wrong and where.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from coop.domain.assumptions import PlanningAssumptions
from coop.domain.changes import Change
from coop.domain.costs.key_model import CostKey
from coop.domain.errors import CoopError, InvalidData
from coop.domain.json_codec import (
    Json,
    cost_key_from_json,
    cost_key_to_json,
    decimals,
    policy_from_json,
    policy_to_json,
)
from coop.domain.model import (
    Baseline,
    CooperationProject,
    LegalForm,
    Scenario,
    Service,
    ServiceArrangement,
)
from coop.domain.process.codec import record_from_json, record_to_json
from coop.domain.process.record import ProcessRecord
from coop.domain.transition.policy_model import PersonnelPolicy
from coop.domain.travel.links import LinkMode, TravelLink

FORMAT = "coop-prosjekt"
VERSION = 1


@dataclass(frozen=True)
class StoredAgreement:
    """One saved agreement version as the file holds it (inputs kept as their own JSON)."""

    scenario: str
    service: str
    number: int
    content_hash: str
    text: str
    participants: tuple[str, ...]
    decided_on: date
    status: str
    saved_by: str
    saved_at: datetime
    inputs: Json


@dataclass(frozen=True)
class StoredAdoption:
    """One council decision as the file holds it."""

    scenario: str
    service: str
    participant: str
    body: str
    meeting_date: date
    case_number: str
    outcome: str
    version_hash: str


@dataclass(frozen=True)
class ProjectFile:
    """Everything of one project, as domain objects."""

    project: CooperationProject
    created_by: str
    assumptions: PlanningAssumptions | None
    baselines: tuple[Baseline, ...]
    travel: tuple[TravelLink, ...]
    policies: tuple[PersonnelPolicy, ...]
    keys: tuple[CostKey, ...]
    scenarios: tuple[Scenario, ...]
    agreements: tuple[StoredAgreement, ...]
    adoptions: tuple[StoredAdoption, ...]
    changes: tuple[Change, ...]
    network: tuple[TravelLink, ...] = ()  # shared-network links on the members' routes
    process: ProcessRecord | None = None  # plan, groups, staff log, savings, money, goals


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


def _dec(value: Any) -> Decimal:
    return Decimal(str(value))


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def project_from_json(data: Any) -> ProjectFile:
    """Read a project file; refuse a newer format or a damaged file, saying where."""
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        raise InvalidData("Filen er ikke en prosjektfil fra coop (mangler «format»).")
    version = data.get("versjon")
    if not isinstance(version, int):
        raise InvalidData("Prosjektfilen mangler versjonsnummer.")
    if version > VERSION:
        raise InvalidData(
            f"Prosjektfilen har format {version}, men denne coop leser bare til og med "
            f"{VERSION}. Oppdater coop først; ingenting er importert."
        )
    section = "prosjekt"
    try:
        p = data["prosjekt"]
        section = "tjenester"
        services = tuple(
            Service(
                s["kode"], s["navn"], tuple(s["kostra_funksjoner"]), s["beskrivelse"], s.get("eier")
            )  # fmt: skip
            for s in data["tjenester"]
        )
        section = "deltakelse"
        participants: dict[str, set[str]] = {}
        may_join: dict[str, set[str]] = {}
        joined: dict[tuple[str, str], date] = {}
        for row in data["deltakelse"]:
            target = participants if row["status"] == "deltar" else may_join
            if row["status"] not in ("deltar", "kan_bli_med"):
                raise InvalidData(f"ukjent status «{row['status']}»")
            target.setdefault(row["tjeneste"], set()).add(row["kommune"])
            if row.get("fra"):
                joined[row["tjeneste"], row["kommune"]] = date.fromisoformat(row["fra"])
        project = CooperationProject(
            slug=p["kode"],
            name=p["navn"],
            municipalities=tuple(data["kommuner"]),
            services=services,
            participants={k: frozenset(v) for k, v in participants.items()},
            description=p["beskrivelse"],
            decided_on=_date(p["vedtatt"]),
            package_condition=str(p.get("pakkevilkaar") or ""),
            joined_on=joined,
            may_join={k: frozenset(v) for k, v in may_join.items()},
        )
        section = "forutsetninger"
        a = data["forutsetninger"]
        assumptions = (
            PlanningAssumptions(
                baseline_year=a["grunnlagsaar"],
                budget_year=a["budsjettaar"],
                horizon_years=a["planperiode_aar"],
                discount_rate_pct=_dec(a["diskonteringsrente_pct"]),
                efficiency_gain_pct=_dec(a["gevinst_pct"]),
                cost_per_fte_nok=_dec(a["kostnad_per_aarsverk_nok"]),
                trips_per_partner={k: int(v) for k, v in a["reiser"].items()},
                fixed_host_cost_nok=_dec(a["faste_vertskostnader_nok"]),
                bases=a["grunnlag"],
            )  # fmt: skip
            if a
            else None
        )
        section = "grunnlag"
        baselines = tuple(
            Baseline(
                b["kommune"],
                b["tjeneste"],
                b["aar"],
                _dec(b["aarsverk"]),
                b["ansatte"],
                _dec(b["brutto_nok"]),
                _dec(b["lonn_nok"]),
                {k: _dec(v) for k, v in b["bruk"].items()},
                b["grunnlag"],
                _dec(b["direkte_nok"]),
                b["grunnlag_per_tall"],
                b["kilde"],
            )  # fmt: skip
            for b in data["grunnlag"]
        )
        section = "reiser"
        travel = tuple(
            TravelLink(
                k["fra"],
                k["til"],
                _dec(k["km"]),
                _dec(k["minutter"]),
                LinkMode(k["type"]),
                _dec(k["ferjepris_nok"]),
                _dec(k["ventetid_min"]),
                k["grunnlag"],
                k["sesong"],
            )  # fmt: skip
            for k in data["reiser"]
        )
        section = "reisenett"
        network = tuple(
            TravelLink(
                k["fra"],
                k["til"],
                _dec(k["km"]),
                _dec(k["minutter"]),
                LinkMode(k["type"]),
                _dec(k["ferjepris_nok"]),
                _dec(k["ventetid_min"]),
                k["grunnlag"],
                k["sesong"],
            )  # fmt: skip
            for k in data.get("reisenett", [])
        )
        section = "retningslinjer"
        policies = tuple(policy_from_json(x) for x in data["retningslinjer"])
        section = "nokler"
        keys = tuple(cost_key_from_json(k) for k in data["nokler"])
        section = "alternativer"
        scenarios = tuple(
            Scenario(
                project=project.slug,
                name=s["navn"],
                arrangements=tuple(
                    ServiceArrangement(
                        a["tjeneste"],
                        a["vert"],
                        frozenset(a["deltakere"]),
                        LegalForm(a["lovform"]),
                        _dec(a["felles_aarsverk"]),
                        _dec(a["lokale_aarsverk"]),
                        a["nokkel"],
                    )  # fmt: skip
                    for a in s["plasseringer"]
                ),
                policy=s["retningslinjer"],
                description=s["beskrivelse"],
            )
            for s in data["alternativer"]
        )
        section = "avtaler"
        agreements = tuple(
            StoredAgreement(
                a["alternativ"],
                a["tjeneste"],
                int(a["nummer"]),
                a["hash"],
                a["tekst"],
                tuple(a["deltakere"]),
                date.fromisoformat(a["dato"]),
                a["status"],
                a["lagret_av"],
                datetime.fromisoformat(a["lagret"]),
                a["grunnlag"],
            )  # fmt: skip
            for a in data["avtaler"]
        )
        section = "vedtak"
        adoptions = tuple(
            StoredAdoption(
                a["alternativ"],
                a["tjeneste"],
                a["kommune"],
                a["organ"],
                date.fromisoformat(a["dato"]),
                a["saksnummer"],
                a["utfall"],
                a["hash"],
            )  # fmt: skip
            for a in data["vedtak"]
        )
        section = "prosess"
        process = record_from_json(data["prosess"]) if data.get("prosess") else None
        section = "endringslogg"
        changes = tuple(
            Change(
                datetime.fromisoformat(c["tid"]),
                c["hvem"],
                c["type"],
                c["objekt"],
                c["felt"],
                c["fra"],
                c["til"],
                project.slug,
                c["begrunnelse"],
            )  # fmt: skip
            for c in data["endringslogg"]
        )
    except CoopError as error:
        raise InvalidData(f"Prosjektfilen, del «{section}»: {error.message}") from None
    except (KeyError, TypeError, ValueError, ArithmeticError, AttributeError) as error:
        raise InvalidData(
            f"Prosjektfilen er skadet i delen «{section}» ({type(error).__name__}: {error})."
        ) from None
    return ProjectFile(
        project, str(p.get("opprettet_av", "")), assumptions, baselines, travel, policies,
        keys, scenarios, agreements, adoptions, changes, network, process,
    )  # fmt: skip
