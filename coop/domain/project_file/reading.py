"""Reading a project file back into domain objects, refusing a newer format or a damaged file."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from coop.domain.assumptions import PlanningAssumptions
from coop.domain.changes import Change
from coop.domain.errors import CoopError, InvalidData
from coop.domain.json_codec import cost_key_from_json, policy_from_json
from coop.domain.model import (
    Baseline,
    CooperationProject,
    LegalForm,
    Scenario,
    Service,
    ServiceArrangement,
)
from coop.domain.process.codec import record_from_json
from coop.domain.project_file.contents import (
    FORMAT,
    VERSION,
    ProjectFile,
    StoredAdoption,
    StoredAgreement,
)
from coop.domain.travel.links import LinkMode, TravelLink


def _dec(value: Any) -> Decimal:
    return Decimal(str(value))


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _travel_link(k: Any) -> TravelLink:
    """One leg of travel as the file writes it (the project's own and the network alike)."""
    return TravelLink(
        k["fra"],
        k["til"],
        _dec(k["km"]),
        _dec(k["minutter"]),
        LinkMode(k["type"]),
        _dec(k["ferjepris_nok"]),
        _dec(k["ventetid_min"]),
        k["grunnlag"],
        k["sesong"],
    )


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
        travel = tuple(_travel_link(k) for k in data["reiser"])
        section = "reisenett"
        network = tuple(_travel_link(k) for k in data.get("reisenett", []))
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
