"""Process pages through the Flask test client, and ``coop plan``/``coop savings`` on the demo."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from web.cli import main

from ..conftest import login

AMOT = "framoverlent-sammen"
PAGES = [
    "", "/organisasjon", "/personal", "/innsparing", "/prosjektmidler", "/evaluering",
    "/statusrapport",
]  # fmt: skip


def test_every_process_page_renders_for_every_demo_project(client: FlaskClient) -> None:
    for slug in ("astafjord-2007", "nord-osterdal-gauldal", AMOT, "baerekraft-2023"):
        for page in PAGES:
            response = client.get(f"/prosess/{slug}{page}")
            assert response.status_code == 200, (slug, page)
        assert client.get(f"/prosjekter/{slug}").status_code == 200


def test_the_åmot_plan_shows_the_seed_milestones_with_the_plans_own_wording(
    client: FlaskClient,
) -> None:
    html = client.get(f"/prosess/{AMOT}").get_data(as_text=True)
    assert "Endelig vedtak i kommunestyret" in html
    assert "14.09.2022" in html
    assert "I planen: «Januar»" in html
    assert 'class="estimate"' in html  # the inferred year 2022 is marked anslag
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img" class="timeline"' in html


def test_the_calendar_has_one_event_per_milestone(client: FlaskClient) -> None:
    response = client.get(f"/prosess/{AMOT}/kalender.ics")
    assert response.mimetype == "text/calendar"
    text = response.get_data(as_text=True)
    assert text.count("BEGIN:VEVENT") == 11
    assert "DTSTART;VALUE=DATE:20220914\r\n" in text
    assert "DTEND;VALUE=DATE:20220915\r\n" in text  # all-day: the end is the next day
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_the_steering_group_adds_moves_and_completes_a_milestone(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    url = f"/prosess/{AMOT}/milepaeler"
    form = {"type": "IP", "tittel": "Allmøte for ansatte", "frist": "10.01.2022", "versjon": "1"}
    assert client.post(url, data=form).status_code == 302
    moved = client.post(f"{url}/12", data={"frist": "12.01.2022", "versjon": "2"})
    assert moved.status_code == 302
    done = client.post(f"{url}/12", data={"status": "fullfort", "versjon": "3"})
    assert done.status_code == 302
    html = client.get(f"/prosess/{AMOT}").get_data(as_text=True)
    assert "Allmøte for ansatte" in html
    assert "12.01.2022" in html
    stale = client.post(f"{url}/12", data={"status": "planlagt", "versjon": "3"})
    assert stale.status_code == 409
    assert "endret av noen andre" in stale.get_data(as_text=True)


def test_a_bad_date_is_a_422_naming_the_field_and_nothing_changes(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    before = client.get(f"/prosess/{AMOT}/kalender.ics").get_data(as_text=True).count("VEVENT")
    form = {"type": "BP", "tittel": "X", "frist": "31.02.2022"}
    response = client.post(f"/prosess/{AMOT}/milepaeler", data=form)
    assert response.status_code == 422
    assert "Frist: «31.02.2022» er ikke en dato" in response.get_data(as_text=True)
    after = client.get(f"/prosess/{AMOT}/kalender.ics").get_data(as_text=True).count("VEVENT")
    assert after == before


def test_readers_see_the_plan_but_cannot_change_it(app: Flask) -> None:
    client = login(app.test_client(), "ordforer")
    html = client.get("/prosess/astafjord-2007").get_data(as_text=True)
    assert "Kommunestyret i Lavangen" in html
    assert "Legg til milepæl" not in html
    form = {"type": "IP", "tittel": "X", "frist": "10.01.2007"}
    assert client.post("/prosess/astafjord-2007/milepaeler", data=form).status_code == 403


def test_a_drøftingsmøte_is_recorded_and_the_notice_gets_its_deadline(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    meeting = {"motetype": "drofting", "dato": "20.04.2007", "parter": "KFO og Fagforbundet",
               "protokoll": "Enighet om retningslinjene", "kommune": "5522"}  # fmt: skip
    assert client.post("/prosess/astafjord-2007/personal/moter", data=meeting).status_code == 302
    notice = {"informert": "20.03.2007", "mottakere": "Barnevernet i Lavangen"}
    assert client.post("/prosess/astafjord-2007/personal/varsler", data=notice).status_code == 302
    html = client.get("/prosess/astafjord-2007/personal").get_data(as_text=True)
    assert "Enighet om retningslinjene" in html
    assert "03.04.2007" in html  # 20.03. + 14 days
    early = {"informert": "20.03.2007", "mottakere": "IKT", "frist": "02.04.2007"}
    refused = client.post("/prosess/astafjord-2007/personal/varsler", data=early)
    assert refused.status_code == 422
    assert "tidligst 03.04.2007" in refused.get_data(as_text=True)


def test_the_status_report_as_of_a_day(client: FlaskClient) -> None:
    html = client.get("/prosess/baerekraft-2023/statusrapport?dato=05.03.2020").get_data(
        as_text=True
    )
    assert "Status per 05.03.2020" in html
    assert "Bystyrets bestilling" in html  # the decision the seed reports as made
    assert "Mål 44\u00a0000\u00a0000\u00a0kr" in html
    assert "Skrivefrist for arbeidsgruppene" in html  # next steps after 05.03.2020
    assert "ikke oppgitt" in html  # group targets the seed does not give


def test_coop_plan_and_savings_print_the_issue_shapes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/cli.sqlite"
    runner = CliRunner()
    assert runner.invoke(main, ["--database", url, "init-db"]).exit_code == 0
    assert runner.invoke(main, ["--database", url, "load-demo"]).exit_code == 0
    plan = json.loads(runner.invoke(main, ["--database", url, "plan", AMOT, "--json"]).output)
    assert list(plan) == ["milestones"]
    assert len(plan["milestones"]) == 11
    assert plan["milestones"][-1] == {
        "type": "EBP", "title": "Endelig vedtak i kommunestyret", "date": "2022-09-14",
        "owner": "Prosjektleder", "status": "planlagt",
    }  # fmt: skip
    assert plan["milestones"][0]["date"] == "2021-12-15"
    result = runner.invoke(main, ["--database", url, "savings", "baerekraft-2023", "--json"])
    savings = json.loads(result.output)
    assert list(savings) == ["target_nok", "groups"]
    assert savings["target_nok"] == "44000000.00"
    assert len(savings["groups"]) == 12
    assert savings["groups"][6] == {
        "name": "7: Interkommunalt samarbeid", "target_nok": None, "adopted_nok": "0.00",
        "realised_nok": "0.00",
    }  # fmt: skip
    missing = runner.invoke(main, ["--database", url, "plan", "finnes-ikke"])
    assert missing.exit_code == 2


def test_an_evaluation_goal_is_measured_against_its_target(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    url = "/prosess/astafjord-2007/evaluering"
    goal = {"omrade": "robusthet", "mal": "Færre fristbrudd i barnevernet",
            "indikator": "Fristbrudd i undersøkelser", "enhet": "%", "start": "12",
            "malverdi": "2", "retning": "lavere"}  # fmt: skip
    assert client.post(url, data=goal).status_code == 302
    measured = {"maalnr": "1", "aar": "2009", "verdi": "6", "kilde": "KOSTRA 2009 (eksempel)"}
    assert client.post(f"{url}/maling", data=measured).status_code == 302
    html = client.get(f"{url}?aar=2010").get_data(as_text=True)
    # (6 − 12) / (2 − 12) = 60 % of the way, not reached
    assert "Ikke nådd (60 % av veien)" in html
    assert "KOSTRA 2009 (eksempel)" in html
    assert "ikke målt" in client.get(f"{url}?aar=2008").get_data(as_text=True)
    bad = client.post(f"{url}/maling", data={**measured, "verdi": "mye"})
    assert bad.status_code == 422
    assert "Verdi: «mye» er ikke et tall" in bad.get_data(as_text=True)
    reader = login(app.test_client(), "ordforer")
    assert reader.post(url, data=goal).status_code == 403


def test_the_compare_page_takes_the_plans_savings_target_unless_one_is_typed(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    compare = "/prosjekter/astafjord-2007/sammenlign"
    assert "innsparingsplan" not in client.get(compare).get_data(as_text=True)
    target = {"gruppe": "Hele samarbeidet", "aar": "2026", "belop": "3 000 000"}
    assert client.post("/prosess/astafjord-2007/innsparing/mal", data=target).status_code == 302
    html = client.get(compare).get_data(as_text=True)
    assert "Sparemålet i prosjektets" in html
    assert "3\u00a0000\u00a0000\u00a0kr" in html
    typed = client.get(compare, query_string={"sparemaal": "5 000 000"}).get_data(as_text=True)
    assert "Kommunestyret har bedt om en innsparing på 5\u00a0000\u00a0000\u00a0kr" in typed
