"""Read the demo projects (package data ``coop/demo/data``, `;`-separated CSV) as domain objects.

Errors name the file and line, so a broken data file is found at once; nothing is written here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from importlib.resources import files
from importlib.resources.abc import Traversable

from coop.domain import errors, model
from coop.domain.assumptions import FIELDS, PlanningAssumptions
from coop.domain.costs import key_model
from coop.domain.transition import policy_model
from coop.domain.travel.links import TravelLink, parse_travel_links
from coop.reference.csv_rows import each, rows

DATA = files("coop.demo") / "data"


@dataclass(frozen=True)
class DemoData:
    """Everything the demo projects consist of, as domain objects."""

    services: tuple[model.Service, ...]
    projects: tuple[model.CooperationProject, ...]
    baselines: tuple[model.Baseline, ...]
    policies: tuple[tuple[str, policy_model.PersonnelPolicy], ...]
    cost_keys: tuple[tuple[str, key_model.CostKey], ...]
    scenarios: tuple[model.Scenario, ...]
    travel_links: tuple[TravelLink, ...]
    assumptions: tuple[tuple[str, PlanningAssumptions], ...] = ()


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _component(text: str) -> key_model.KeyComponent:
    kind, weight, *metric = text.split(":")
    return key_model.KeyComponent(
        key_model.KeyKind(kind), Decimal(weight), metric[0] if metric else None
    )


def read_demo(folder: Traversable | None = None) -> DemoData:
    """Read the demo projects from ``coop/demo/data`` (or another folder of the same files)."""
    d = folder or DATA
    services = each(
        d / "services.csv",
        lambda r: model.Service(
            r["kode"], r["navn"], tuple(r["kostra_funksjoner"].split("|")), r["beskrivelse"]
        ),
    )
    by_code = {s.code: s for s in services}
    members: dict[str, list[str]] = defaultdict(list)
    for _, r in rows(d / "project_municipalities.csv"):
        members[r["prosjekt"]].append(r["kommunenummer"])
    participants: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    may_join: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for line, r in rows(d / "participation.csv"):
        status = r.get("status") or "deltar"
        if status not in ("deltar", "kan_bli_med", "deltar_ikke"):
            raise errors.InvalidData(
                f"participation.csv linje {line}: status «{status}» er ikke «deltar», "
                "«kan_bli_med» eller «deltar_ikke»."
            )
        if status == "deltar_ikke":  # listed for the record: no party, may not join
            continue
        later = status == "kan_bli_med"
        (may_join if later else participants)[r["prosjekt"]][r["tjeneste"]].add(r["kommunenummer"])

    def project(r: dict[str, str]) -> model.CooperationProject:
        slug = r["prosjekt"]
        taking_part = participants[slug]
        return model.CooperationProject(
            slug=slug,
            name=r["navn"],
            municipalities=tuple(sorted(members[slug])),
            services=tuple(by_code[c] for c in sorted(taking_part, key=list(by_code).index)),
            participants={c: frozenset(m) for c, m in taking_part.items()},
            may_join={c: frozenset(m) for c, m in may_join[slug].items()},
            description=r["beskrivelse"],
            decided_on=_date(r["vedtatt"]),
            package_condition=r.get("pakkevilkaar") or "",
        )

    def baseline(r: dict[str, str]) -> model.Baseline:
        usage = dict(item.split("=") for item in r["bruk"].split("|") if item)
        return model.Baseline(
            municipality=r["kommunenummer"],
            service=r["tjeneste"],
            year=int(r["aar"]),
            fte=Decimal(r["aarsverk"]),
            headcount=int(r["ansatte"]),
            gross_cost_nok=Decimal(r["brutto_nok"]),
            pay_cost_nok=Decimal(r["lonn_nok"]),
            usage={k: Decimal(v) for k, v in usage.items()},
            basis=r["grunnlag"],
        )

    def policy(r: dict[str, str]) -> tuple[str, policy_model.PersonnelPolicy]:
        bands = tuple(
            policy_model.TravelBand(Decimal(km), Decimal(nok))
            for km, nok in (b.split(":") for b in r["trinn"].split("|"))
        )
        return r["prosjekt"], policy_model.PersonnelPolicy(
            name=r["navn"],
            bands=bands,
            grant_years=int(r["aar_betalt"]),
            yearly=r["aarlig"] == "ja",
            one_way_km=r["en_vei"] == "ja",
            relocation_nok=Decimal(r["flytting_nok"]),
            relocation_share=Decimal(r["flytting_andel"]),
            transition_grant_nok=Decimal(r["omstilling_nok"]),
            description=r["beskrivelse"],
            threshold_inclusive=r.get("terskel", "fra") != "over",
            transition_grant_to=r.get("omstilling_til") or "alle",
        )

    def cost_key(r: dict[str, str]) -> tuple[str, key_model.CostKey]:
        return r["prosjekt"], key_model.CostKey(
            name=r["navn"],
            components=tuple(_component(c) for c in r["komponenter"].split("|")),
            population_date=_date(r["folketall_dato"]),
            host_overhead_pct=Decimal(r["adm_tillegg_pct"]),
            description=r["beskrivelse"],
        )

    return DemoData(
        services=tuple(services),
        projects=tuple(each(d / "projects.csv", project)),
        baselines=tuple(each(d / "baselines.csv", baseline)),
        policies=tuple(each(d / "policies.csv", policy)),
        cost_keys=tuple(each(d / "cost_keys.csv", cost_key)),
        scenarios=tuple(_scenarios(d / "scenarios.csv")),
        travel_links=parse_travel_links(
            (d / "travel_links.csv").read_text(encoding="utf-8"), "travel_links.csv"
        ),
        assumptions=tuple(each(d / "assumptions.csv", _assumptions)),
    )


def _assumptions(r: dict[str, str]) -> tuple[str, PlanningAssumptions]:
    basis = r["grunnlag"]
    trips = dict(item.split("=") for item in r["reiser"].split("|") if item)
    return r["prosjekt"], PlanningAssumptions(
        baseline_year=int(r["grunnlagsaar"]),
        budget_year=int(r["budsjettaar"]),
        horizon_years=int(r["planperiode_aar"]),
        discount_rate_pct=Decimal(r["diskonteringsrente_pct"]),
        efficiency_gain_pct=Decimal(r["gevinst_pct"]),
        cost_per_fte_nok=Decimal(r["kostnad_per_aarsverk_nok"]),
        trips_per_partner={k: int(v) for k, v in trips.items()},
        fixed_host_cost_nok=Decimal(r["faste_vertskostnader_nok"]),
        bases=dict.fromkeys(FIELDS, basis),
    )


def _scenarios(path: Traversable) -> list[model.Scenario]:
    grouped: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for _, r in rows(path):
        grouped[r["prosjekt"], r["alternativ"]].append(r)

    def arrangement(r: dict[str, str]) -> model.ServiceArrangement:
        return model.ServiceArrangement(
            service=r["tjeneste"],
            host=r["vert"],
            participants=frozenset(r["deltakere"].split()),
            legal_form=model.LegalForm(r["lovform"]),
            joint_fte=Decimal(r["felles_aarsverk"]),
            local_fte=Decimal(r["lokale_aarsverk"]),
            cost_key=r["nokkel"] or None,
        )

    out = []
    for (slug, name), group in grouped.items():
        try:
            out.append(
                model.Scenario(
                    project=slug,
                    name=name,
                    arrangements=tuple(arrangement(r) for r in group),
                    policy=group[0]["retningslinjer"] or None,
                    description=group[0]["beskrivelse"],
                )
            )
        except (ValueError, errors.CoopError) as error:
            detail = error.message if isinstance(error, errors.CoopError) else repr(error)
            raise errors.InvalidData(f"{path.name}, alternativ «{name}»: {detail}") from error
    return out
