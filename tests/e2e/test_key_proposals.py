"""A finance officer's change to a key other partners pay by is a proposal until the steering
group accepts it; everyone sees it and what it would cost them; the change log says who."""

from __future__ import annotations

import re

import pytest
from flask import Flask

from coop import services
from coop.domain.access import Actor, Forbidden, Role
from coop.services.cost_keys.input import ComponentInput, KeyInput

from ..conftest import login

SLUG = "astafjord-2007"
BASE = f"/prosjekter/{SLUG}/nokler"
KEY = "Folketall"  # used by «Ordførergruppas forslag 2007» for barnevern and skatt/innfordring
READER = Actor("ordforer", Role.READER)


def stored_version(app: Flask) -> tuple[int, list[str]]:
    keys = services.list_cost_keys(SLUG, READER, app.extensions["coop.uow"]()).keys
    key = next(k for k in keys if k.name == KEY)
    return key.version, [str(c.weight) for c in key.components]


def text(page: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", page)


def test_a_finance_change_waits_for_the_steering_group_then_takes_effect(app: Flask) -> None:
    finance = login(app.test_client(), "okonomi-salangen")
    change = {"kind-1": "equal", "weight-1": "20", "kind-2": "population", "weight-2": "80",
              "population_date": "2024-01-01", "version": "1"}  # fmt: skip
    response = finance.post(f"{BASE}/vis?navn={KEY}", data=change)
    assert response.status_code == 302
    page = text(finance.get(response.headers["Location"]).get_data(as_text=True))
    assert "sendt til styringsgruppen som forslag nr. 1" in page
    assert stored_version(app) == (1, ["1"])  # nothing changed yet
    mayor = text(login(app.test_client(), "ordforer").get(f"{BASE}/vis?navn={KEY}").get_data(
        as_text=True))  # fmt: skip
    assert "Forslag nr. 1 fra okonomi-salangen" in mayor
    assert "Hva forslaget betyr for hver kommune per år" in mayor
    assert "Godta forslaget" not in mayor  # only the steering group decides
    steering = login(app.test_client(), "styring")
    decided = steering.post(f"{BASE}/forslag/1", data={"beslutning": "godta", "navn": KEY})
    assert decided.status_code == 302
    assert stored_version(app) == (2, ["0.2", "0.8"])
    log = [c.sentence for c in services.project_changes(SLUG, app.extensions["coop.uow"]())]
    assert any("Endret av styring" in s and "forslag 1 fra okonomi-salangen godtatt" in s
               for s in log)  # fmt: skip
    assert any("Foreslått av okonomi-salangen" in s and "likt (tom) → 20 %" in s for s in log)


def test_the_impact_table_adds_up_and_equal_shares_move_money_to_the_small(app: Flask) -> None:
    uow = app.extensions["coop.uow"]
    key = services.get_cost_key(SLUG, KEY, READER, uow()).key
    assert key is not None
    entered = KeyInput(KEY, (ComponentInput("equal", "100"),), "", "0")
    salangen = Actor("okonomi-salangen", Role.FINANCE, frozenset({"5522"}))
    with pytest.raises(services.ProposalMade):
        services.update_cost_key(SLUG, KEY, entered, key.version, salangen, uow())
    (impact,) = services.list_proposals(SLUG, uow(), KEY)
    assert sum(impact.now_nok.values()) == sum(impact.proposed_nok.values())
    # Salangen has the most people: equal shares lower its bill, raise the small ones'
    assert impact.change("5522") < 0 < impact.change("5518")


def test_a_finance_user_cannot_touch_a_key_for_services_they_are_not_in(app: Flask) -> None:
    ibestad = Actor("okonomi-ibestad", Role.FINANCE, frozenset({"5514"}))  # not in barnevern
    entered = KeyInput(KEY, (ComponentInput("equal", "100"),), "", "0")
    with pytest.raises(Forbidden, match="bare for tjenester dine kommuner ikke deltar i"):
        services.update_cost_key(SLUG, KEY, entered, 1, ibestad, app.extensions["coop.uow"]())
    assert stored_version(app) == (1, ["1"])


def test_preview_of_an_existing_key_works_without_a_name_field(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    data = {"kind-1": "equal", "weight-1": "100", "population_date": "", "host_overhead_pct": "0",
            "version": "1", "handling": "forhandsvis", "tjeneste": "barnevern",
            "belop": "1 000 000"}  # fmt: skip
    response = client.post(f"{BASE}/vis?navn={KEY}", data=data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Skriv et navn på nøkkelen" not in page
    assert "333\u00a0334\u00a0kr" in page  # 1 000 000 kr equally on three: 333 334 + 2 × 333 333
    assert stored_version(app) == (1, ["1"])
