"""A Troms region that is not the demo, played through the JSON API only.

Bardu, Målselv, Sørreisa and Dyrøy (SSB 1.1.2024: 3 986, 6 714, 3 485 and 1 073 people) set
up barnevern and PPT, enter figures and travel, save an option and split the cost. Expected
figures are derived by hand in the comments.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from coop import services
from coop.domain.access import Actor, Role

from ..conftest import pg_test_app
from .test_api import token

BARDU, MALSELV, SORREISA, DYROY, LAVANGEN = "5520", "5524", "5526", "5528", "5518"
POPULATION = {BARDU: 3986, MALSELV: 6714, SORREISA: 3485, DYROY: 1073}
SLUG = "midt-troms"
STYRING = Actor("styring", Role.STEERING)
URL = f"/api/projects/{SLUG}"


class Api:
    """A test client that sends one user's API token."""

    def __init__(self, app: Flask, user: str) -> None:
        self.client: FlaskClient = app.test_client()
        self.headers = token(app, user)

    def __call__(self, method: str, url: str, expect: int = 200, **kwargs: Any) -> Any:
        response = self.client.open(url, method=method, headers=self.headers, **kwargs)
        assert response.status_code == expect, (url, response.get_data(as_text=True))
        return response.get_json() if response.is_json else response.get_data(as_text=True)


def create(api: Api) -> dict[str, Any]:
    body = {
        "slug": SLUG,
        "name": "Midt-Troms barnevern og PPT",
        "members": [BARDU, "Målselv", SORREISA, "5528 Dyrøy"],
        "services": ["barnevern", "ppt"],
    }
    created: dict[str, Any] = api("POST", "/api/projects", 201, json=body)
    return created


def fill(api: Api, year: int) -> None:
    """Barnevern: Bardu 3, Målselv 5, Sørreisa 2, Dyrøy 1 FTE at 1 mill. kr per FTE."""
    for number, fte in ((BARDU, 3), (MALSELV, "5,0"), (SORREISA, "2"), (DYROY, 1.0)):
        gross = Decimal(str(fte).replace(",", ".")) * 1_000_000
        api(
            "PUT",
            f"{URL}/baselines/barnevern/{number}/{year}",
            json={
                "basis": "budsjett",
                "fte": fte,
                "gross_cost_nok": f"{gross:,.0f}".replace(",", " "),
            },
        )


@pytest.fixture
def steering(app: Flask) -> Api:
    return Api(app, "styring")


@pytest.fixture
def pg_app(tmp_path: Path, pg_register_template: str) -> Iterator[Flask]:
    """The app on a PostgreSQL database of its own with only the register and the demo users."""
    with pg_test_app(tmp_path, pg_register_template) as app:
        yield app


@pytest.mark.postgres
def test_the_api_flow_runs_on_postgresql_from_an_empty_database(pg_app: Flask) -> None:
    steering = Api(pg_app, "styring")
    assert steering("GET", "/api/projects") == []
    play_region(steering)
    exported = steering("GET", f"{URL}/export")
    assert [o["navn"] for o in exported["alternativer"]] == ["Målselv er vert"]


def test_a_new_region_is_created_filled_placed_and_split_through_the_api(steering: Api) -> None:
    play_region(steering)


def play_region(steering: Api) -> None:
    """Create, fill, enter travel, save an option, check transition cost and the split."""
    project = create(steering)
    assert [m["name"] for m in project["municipalities"]] == [
        "Bardu",
        "Dyrøy",
        "Målselv",
        "Sørreisa",
    ]
    assert [s["code"] for s in project["services"]] == ["barnevern", "ppt"]
    year = project["baseline_year"]
    fill(steering, year)
    grid = steering("GET", f"{URL}/baselines", query_string={"year": year})
    row = next(r for r in grid["rows"] if r["code"] == "barnevern")
    figures = {c["number"]: c["baseline"] for c in row["cells"]}
    assert Decimal(figures[MALSELV]["fte"]) == 5
    assert figures[MALSELV]["field_basis"]["fte"] == f"budsjett {year}"
    # 3 + 5 + 2 + 1 = 11 FTE, 11 000 000 kr gross
    assert sum(Decimal(f["gross_cost_nok"]) for f in figures.values()) == 11_000_000
    travel = steering("GET", f"{URL}/travel")
    assert (len(travel["pairs"]), travel["estimated"]) == (6, 6)  # 4·3/2 pairs, all anslag
    steering("PUT", f"{URL}/travel/{BARDU}/{MALSELV}", json={"km": "40", "minutes": 35})
    travel = steering("GET", f"{URL}/travel")
    pair = next(p for p in travel["pairs"] if {p["a"], p["b"]} == {BARDU, MALSELV})
    assert (pair["source"], Decimal(pair["km"]), pair["estimate"]) == ("oppgitt", 40, False)
    assert travel["estimated"] == 5
    option = {
        "arrangements": [
            {
                "service": "barnevern",
                "host": MALSELV,
                "participants": sorted(POPULATION),
                "joint_fte": "11",
                "cost_key": "Folketall",
            }
        ],
        "policy": "Retningslinjer 2007",
    }
    steering("PUT", f"{URL}/scenarios/Målselv er vert", 201, json=option)
    cost = steering("GET", f"{URL}/scenarios/Målselv er vert/transition-cost")
    trips = [
        Decimal(line["amount_nok"])
        for line in cost["lines"]
        if line["kind"] == "tjenestereiser" and line["municipality"] == BARDU and line["year"] == 1
    ]
    # 100 trips (catalogue) × 2 legs × 40 km × 5,30 kr/km = 42 400 kr
    assert trips == [Decimal(42_400)]
    (split,) = steering(
        "GET",
        f"{URL}/services/barnevern/split",
        query_string={"method": "key", "scenario": "Målselv er vert"},
    )
    total = Decimal(split["total_nok"])
    shares = {m: Decimal(v) for m, v in split["allocation"].items()}
    assert sum(shares.values()) == total
    for number, people in POPULATION.items():  # by population: share = total × people / 15 258
        assert abs(shares[number] - total * people / 15_258) <= 1


def test_members_services_and_participation_change_with_the_version_checked(
    steering: Api,
) -> None:
    create(steering)
    added = steering(
        "POST", f"{URL}/members", 201, json={"member": "Lavangen", "services": ["ppt"]}
    )
    ppt = next(s for s in added["services"] if s["code"] == "ppt")
    assert LAVANGEN in ppt["participants"]
    barnevern = next(s for s in added["services"] if s["code"] == "barnevern")
    assert LAVANGEN not in barnevern["participants"]
    steering("PUT", f"{URL}/participation/ppt/{DYROY}", json={"status": "kan_bli_med"})
    later = steering(
        "PUT",
        f"{URL}/participation/ppt/{SORREISA}",
        json={"status": "deltar", "joined_on": "2028-08-01"},
    )
    ppt = next(s for s in later["services"] if s["code"] == "ppt")
    assert ppt["may_join"] == [DYROY]
    assert ppt["joined_on"] == {SORREISA: "2028-08-01"}
    own = {"name": "Felles kommuneadvokat", "kostra_functions": ["120"], "trips_per_partner": 6}
    with_own = steering("POST", f"{URL}/services", 201, json={"own": own})
    lawyer = next(s for s in with_own["services"] if s["name"] == "Felles kommuneadvokat")
    assert lawyer["own"] is True
    assert lawyer["kostra_functions"] == ["120"]
    steering("POST", f"{URL}/services", 201, json={"code": "legevakt"})
    after = steering("DELETE", f"{URL}/services/legevakt")
    assert "legevakt" not in [s["code"] for s in after["services"]]
    after = steering("DELETE", f"{URL}/members/{LAVANGEN}")
    assert LAVANGEN not in [m["number"] for m in after["municipalities"]]
    version = after["version"]
    renamed = steering("PATCH", URL, json={"name": "Midt-Troms 2027", "version": version})
    assert (renamed["name"], renamed["version"]) == ("Midt-Troms 2027", version + 1)
    stale = steering("PATCH", URL, 409, json={"description": "x", "version": version})
    assert "endret av noen andre" in stale["error"]["message"]


def test_assumptions_are_read_and_changed_with_their_basis(steering: Api) -> None:
    create(steering)
    view = steering("GET", f"{URL}/assumptions")
    assert view["saved"] is True
    assert view["assumptions"]["trips_per_partner"] == {"barnevern": 100, "ppt": 40}
    version = view["assumptions"]["version"]
    body = {"efficiency_gain_pct": "7,5", "trips_per_partner": {"ppt": 12}, "version": version}
    changed = steering("PUT", f"{URL}/assumptions", json=body)
    a = changed["assumptions"]
    assert (Decimal(a["efficiency_gain_pct"]), a["trips_per_partner"]["ppt"]) == (
        Decimal("7.5"),
        12,
    )
    assert a["bases"]["efficiency_gain_pct"] == "oppgitt av styring"
    stale = steering(
        "PUT", f"{URL}/assumptions", 409, json={"horizon_years": 5, "version": version}
    )
    assert stale["error"]["type"] == "ConcurrentEdit"
    bad = steering("PUT", f"{URL}/assumptions", 422, json={"efficiency_gain_pct": 100})
    assert "Effektiviseringsgevinsten" in bad["error"]["message"]


def test_travel_is_imported_as_csv_or_json_and_a_bad_cell_changes_nothing(steering: Api) -> None:
    create(steering)
    matrix = "minutter;Bardu;Målselv;Sørreisa\nBardu;;35;40\nMålselv;35;;20\nSørreisa;40;20;\n"
    result = steering("POST", f"{URL}/travel/import", data=matrix.encode(), content_type="text/csv")
    assert len(result["links"]) == 6  # each ordered pair of three municipalities
    travel = steering("GET", f"{URL}/travel")
    bs = next(p for p in travel["pairs"] if {p["a"], p["b"]} == {BARDU, SORREISA})
    assert Decimal(bs["minutes"]) == 40
    assert travel["estimated"] == 3  # Dyrøy's three pairs
    pairs = "fra;til;km;minutter\nDyrøy;Sørreisa;29;27\n"
    steering("POST", f"{URL}/travel/import", json={"filename": "par.csv", "content": pairs})
    assert steering("GET", f"{URL}/travel")["estimated"] == 2
    broken = "fra;til;km;minutter\nDyrøy;Bardu;4x;40\n"
    error = steering(
        "POST", f"{URL}/travel/import", 422, json={"filename": "feil.csv", "content": broken}
    )
    assert "feil.csv, linje 2, kolonne «km»" in error["error"]["message"]
    assert steering("GET", f"{URL}/travel")["estimated"] == 2
    steering("DELETE", f"{URL}/travel/{DYROY}/{SORREISA}")
    assert steering("GET", f"{URL}/travel")["estimated"] == 3


def test_catalogue_change_log_and_export_import(steering: Api) -> None:
    catalogue = steering("GET", "/api/catalogue")
    barnevern = next(e for e in catalogue["available"] if e["code"] == "barnevern")
    assert (barnevern["trips_per_partner"], barnevern["kostra_functions"]) == (
        100,
        ["244", "251", "252"],
    )
    assert "skatteoppkreving" in [e["code"] for e in catalogue["unavailable"]]
    create(steering)
    steering("PUT", f"{URL}/travel/{BARDU}/{MALSELV}", json={"km": 40, "minutes": 35})
    log = steering("GET", f"{URL}/changes")
    assert log[0]["kind"] == "reise"
    assert log[0]["key"] == "Bardu–Målselv"
    assert log[-1]["kind"] == "prosjekt"
    csv = steering("GET", f"{URL}/changes", query_string={"format": "csv"})
    assert csv.splitlines()[0] == "tidspunkt;hvem;type;objekt;felt;fra;til;begrunnelse"
    exported = steering("GET", f"{URL}/export")
    assert exported["format"] == "coop-prosjekt"
    again = steering("POST", "/api/projects/import", 422, json=exported)
    assert "finnes allerede" in again["error"]["message"]
    damaged = copy.deepcopy(exported)
    damaged["prosjekt"]["kode"] = "skadet"
    damaged["forutsetninger"]["reiser"] = []  # an object in a good file
    refused = steering("POST", "/api/projects/import", 422, json=damaged)
    assert "skadet i delen «forutsetninger»" in refused["error"]["message"]
    steering("GET", "/api/projects/skadet", 404)
    copy_ = copy.deepcopy(exported)
    copy_["prosjekt"]["kode"] = "midt-troms-kopi"
    imported = steering("POST", "/api/projects/import", 201, json=copy_)
    assert [m["number"] for m in imported["municipalities"]] == [BARDU, DYROY, MALSELV, SORREISA]
    pairs = steering("GET", "/api/projects/midt-troms-kopi/travel")["pairs"]
    assert Decimal(next(p for p in pairs if p["source"] == "oppgitt")["km"]) == 40


def test_refusals_name_the_role_the_field_or_what_uses_a_member(app: Flask, steering: Api) -> None:
    reader, finance = Api(app, "ordforer"), Api(app, "okonomi-salangen")
    body = {"name": "X", "members": [BARDU, MALSELV], "services": ["barnevern"]}
    assert reader("POST", "/api/projects", 403, json=body)["error"]["type"] == "Forbidden"
    project = create(steering)
    year = project["baseline_year"]
    cell = {"basis": "budsjett", "fte": 1}
    hidden = finance("PUT", f"{URL}/baselines/barnevern/{BARDU}/{year}", 404, json=cell)
    assert hidden["error"]["message"] == "Fant ikke samarbeidsprosjektet «midt-troms»."
    services.grant_access(SLUG, "okonomi-salangen", STYRING, app.extensions["coop.uow"]())
    refused = finance("PUT", f"{URL}/baselines/barnevern/{BARDU}/{year}", 403, json=cell)
    assert "5522" in refused["error"]["message"]  # Salangen's finance user, not Bardu's
    for value, shown in (("4,5,6", "«4,5,6»"), ("NaN", "«NaN»"), (1e308, "er utenfor")):
        bad = steering("PUT", f"{URL}/baselines/barnevern/{BARDU}/{year}", 422,
                       json={"basis": "budsjett", "fte": value})  # fmt: skip
        assert bad["error"]["message"].startswith("fte") or "Årsverk" in bad["error"]["message"]
        assert shown in bad["error"]["message"] or "under" in bad["error"]["message"]
    wrong = steering("PUT", f"{URL}/baselines/barnevern/{BARDU}/{year}", 422,
                     json={"basis": "budsjett", "fte": [1]})  # fmt: skip
    assert wrong["error"]["message"] == "fte må være et tall."
    unknown = steering("POST", "/api/projects", 422,
                       json={**body, "members": [BARDU, "9999"]})  # fmt: skip
    assert "9999" in unknown["error"]["message"]
    assert steering("POST", f"{URL}/members", 422, json={"member": 5522})["error"]["message"] == (
        "member må være en tekst."
    )
    extra = steering("POST", f"{URL}/members", 422, json={"member": "5522", "x": 1})
    assert "Ukjent felt i forespørselen: x" in extra["error"]["message"]
    deep = "[" * 100_000 + "]" * 100_000
    nested = steering("POST", f"{URL}/members", 422, data=deep, content_type="application/json")
    assert "JSON-kropp" in nested["error"]["message"]
    option = {
        "arrangements": [
            {"service": "barnevern", "host": MALSELV, "participants": [MALSELV, DYROY]}
        ]
    }
    steering("PUT", f"{URL}/scenarios/Liten", 201, json=option)
    used = steering("DELETE", f"{URL}/members/{DYROY}", 422)
    assert "alternativet «Liten» (barnevern)" in used["error"]["message"]
    assert DYROY in [m["number"] for m in steering("GET", URL)["municipalities"]]
