"""Hostile numbers in query strings, forms, JSON and options (issue 15.1, 15.4, 15.5).

Each case once gave a 500 or pinned a worker (``belop=1e999999`` ran 153 s); now each is a
422 whose bokmål message names the field, and nothing is stored.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from werkzeug.test import EnvironBuilder

from coop import services
from tests.conftest import login
from web.cli import main

SLUG = "astafjord-2007"
P = f"/prosjekter/{SLUG}"
DRAFT = f"/avtaler/{SLUG}/Ordførergruppas forslag 2007/barnevern"


@pytest.mark.parametrize(
    ("url", "field"),
    [
        (f"{P}/nokler/vis?navn=Folketall&belop=1e999999", "Beløpet"),
        (f"{P}/nokler/vis?navn=Folketall&belop=1e100", "Beløpet"),
        (f"{P}/nokler/vis?navn=Folketall&belop=²", "Beløpet"),
        (f"{P}/sammenlign?sparemaal=1e999999", "Sparemålet"),
        (f"{P}/sammenlign?gevinst=1e999", "Effektiviseringsgevinsten"),
        (f"{P}/fordeling/barnevern?faktisk=1e999999", "Faktisk netto driftsutgift"),
        (f"{P}/fordeling/barnevern?uttreder=5516&maneder=²", "Oppsigelsestid"),
        (f"{P}/fordeling/barnevern?uttreder=5516&maneder=99999999999999", "Oppsigelsestid"),
        (
            f"{P}/fordeling/barnevern?uttreder=5516&investering_belop=1000"
            "&investering_dato=01.01.2020&investering_levetid=²",
            "Avskrives over (år)",
        ),
        (f"{P}/plassering/?kjor=1&antall=inf", "Antall alternativer som vises"),
        (f"{P}/plassering/?kjor=1&min_tjenester=-1", "Minst antall tjenester"),
        (f"{P}/plassering/?kjor=1&maks_tjenester=2.5", "Flest tjenester"),
        (f"{DRAFT}?versjon=²", "Versjon"),
        (f"{DRAFT}?dato=24.05.0007", "Avtaledato"),
        ("/import/funksjonskart?kommune=1851&ar=²", "År"),
        (f"/api/projects/{SLUG}/compare?savings_target=1e999999", "savings_target"),
        (f"/api/projects/{SLUG}/compare?efficiency_gain_pct=NaN", "efficiency_gain_pct"),
        (f"/api/projects/{SLUG}/services/barnevern/split?efficiency_gain_pct=1e9", "efficiency"),
    ],
)
def test_a_hostile_query_is_a_422_naming_the_field(app: Flask, url: str, field: str) -> None:
    response = login(app.test_client(), "admin").get(url)
    assert response.status_code == 422, response.get_data(as_text=True)[:500]
    assert field in response.get_data(as_text=True)


def test_the_key_preview_shows_the_amount_error_at_the_field(app: Flask) -> None:
    response = login(app.test_client(), "admin").get(
        f"{P}/nokler/vis", query_string={"navn": "Folketall", "belop": "1e999999"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="belop-feil"' in page
    assert 'aria-invalid="true" aria-describedby="belop-feil belop-hjelp"' in page


@pytest.mark.parametrize(
    ("url", "form", "field"),
    [
        ("/import/funksjonskart", {"kommune": "1851", "gjelder_fra": "²"}, "Gjelder fra"),
        ("/import/forhandsvis", {"municipality": "1851", "year": "²"}, "År"),
        (f"{P}/alternativer/Ordførergruppas forslag 2007", {"version": "²"}, "Versjon"),
        (DRAFT, {"version": "²"}, "Versjon"),
    ],
)
def test_a_hostile_form_field_is_a_422_and_nothing_changes(
    app: Flask, url: str, form: dict[str, str], field: str
) -> None:
    client = login(app.test_client(), "admin")
    before = client.get(f"/api/projects/{SLUG}/changes").get_json()
    data: dict[str, object] = dict(form)
    if url.startswith("/import/forhandsvis"):
        data["file"] = (__import__("io").BytesIO(b"art;funksjon;belop\n"), "b.csv")
    response = client.post(url, data=data)
    assert response.status_code == 422, response.get_data(as_text=True)[:500]
    assert field in response.get_data(as_text=True)
    assert client.get(f"/api/projects/{SLUG}/changes").get_json() == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('{"top": 1e400}', "top"),
        ('{"max_net_loss_fte": NaN}', "max_net_loss_fte"),
        ('{"max_staff_commute_min": Infinity}', "max_staff_commute_min"),
        ('{"fixed_host_cost_nok": 1e100}', "fixed_host_cost_nok"),
        ('{"min_services_hosted": -1}', "min_services_hosted"),
    ],
)
def test_non_finite_or_huge_placement_rules_are_refused(app: Flask, body: str, field: str) -> None:
    token = services.issue_api_token("styring", app.extensions["coop.uow"]())
    response = app.test_client().post(
        f"/api/projects/{SLUG}/placement",
        data=body,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    assert response.status_code == 422, response.get_data(as_text=True)
    assert field in response.get_json()["error"]["message"]


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["place", SLUG, "--top", "²"], "--top"),
        (["place", SLUG, "--max-commute", "inf"], "--max-commute"),
        (["place", SLUG, "--max-net-loss", "1e999999"], "--max-net-loss"),
        (["place", SLUG, "--min-services", "-1"], "--min-services"),
        (["split", SLUG, "--service", "barnevern", "--gain", "nan"], "--gain"),
        (
            ["agreement", SLUG, "--service", "barnevern", "--version", "²", "--html", "x"],
            "--version",
        ),
        (
            ["agreement", SLUG, "--service", "barnevern", "--date", "31.02.2026", "--html", "x"],
            "--date",
        ),
    ],
)
def test_a_hostile_option_exits_2_with_one_bokmal_line(
    app: Flask, tmp_path: Path, args: list[str], option: str
) -> None:
    url = app.config["DATABASE_URL"]
    result = CliRunner().invoke(main, [*args, "--database", url])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert option in lines[0]
    assert "Traceback" not in result.output


def test_import_budget_year_must_be_an_ascii_year(app: Flask, tmp_path: Path) -> None:
    file = tmp_path / "b.csv"
    file.write_text("art;funksjon;belop\n", encoding="utf-8")
    url = app.config["DATABASE_URL"]
    args = ["import-budget", str(file), "--municipality", "1851", "--year", "²"]
    result = CliRunner().invoke(main, [*args, "--database", url])
    assert result.exit_code == 2, result.output
    assert "--year" in result.stderr


def test_a_budget_upload_over_20_mb_is_refused_with_the_limit(app: Flask) -> None:
    import io

    client = login(app.test_client(), "admin")
    big = io.BytesIO(b"art;funksjon;belop\n" + b"1;2;3\n" * (21 * 1024 * 1024 // 6))
    data = {"municipality": "1851", "year": "2026", "file": (big, "stor.csv")}
    builder = EnvironBuilder(path="/import/forhandsvis", method="POST", data=data)
    environ = builder.get_environ()  # the 21 MB body is spooled to a temporary file
    try:
        response = client.open(environ)
    finally:
        environ["wsgi.input"].close()
        builder.close()
    assert response.status_code == 413
    assert "grensen er 20 MB" in response.get_data(as_text=True)


def test_the_cli_refuses_a_budget_file_over_20_mb(app: Flask, tmp_path: Path) -> None:
    file = tmp_path / "stor.csv"
    file.write_bytes(b"art;funksjon;belop\n" + b"1;2;3\n" * (21 * 1024 * 1024 // 6))
    url = app.config["DATABASE_URL"]
    args = ["import-budget", str(file), "--municipality", "1851", "--year", "2026"]
    result = CliRunner().invoke(main, [*args, "--database", url])
    assert result.exit_code == 2, result.output
    assert "stor.csv: filen er for stor" in result.stderr


OPTION = {"service": "barnevern", "host": "5518", "participants": ["5516", "5518", "5522"]}


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ('{"version": "abc", "arrangements": []}', "version må være et helt tall"),
        ('{"arrangements": "abc"}', "arrangements må være en liste"),
        ('{"arrangements": [{"host": "5518", "participants": []}]}', "mangler feltet «service»"),
        ('{"arrangements": [{"service": "barnevern", "participants": []}]}', "«host»"),
        (
            '{"arrangements": [{"service": "barnevern", "host": "5518", "participants": 5}]}',
            "arrangements.0.participants må være en liste",
        ),
        (
            '{"arrangements": [{"service": "barnevern", "host": "5518", "participants": '
            '["5516", "5518"], "joint_fte": "NaN"}]}',
            "Felles årsverk for «barnevern»: «NaN» er ikke et tall",
        ),
        (
            '{"arrangements": [{"service": "barnevern", "host": "5518", "participants": '
            '["5516", "5518"], "joint_fte": "Infinity"}]}',
            "«Infinity» er ikke et tall",
        ),
        (
            '{"arrangements": [{"service": "barnevern", "host": "5518", "participants": '
            '["5516", "5518"], "joint_fte": NaN}]}',
            "arrangements[0].joint_fte: nan er ikke et endelig tall",
        ),
        (
            '{"arrangements": [{"service": "barnevern", "host": "5518", "participants": '
            '["5516", "5518"], "joint_fte": 1e400}]}',
            "er ikke et endelig tall",
        ),
        (
            '{"arrangements": [{"service": "barnevern", "host": "5518", "participants": '
            '["5516", "5518"], "joint_fte": 10000}]}',
            "joint_fte: er større enn 9999",
        ),
        ('{"arrangements": [], "x": ' + "[" * 200 + "]" * 200 + "}", "dypere enn 32"),
        ('{"arrangements": [], "x": ' + "[" * 100_000 + "]" * 100_000 + "}", "JSON-kropp"),
    ],
)
def test_a_broken_scenario_body_is_a_422_and_nothing_is_stored(
    app: Flask, body: str, says: str
) -> None:
    token = services.issue_api_token("styring", app.extensions["coop.uow"]())
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    response = client.put(f"/api/projects/{SLUG}/scenarios/Ny", data=body, headers=headers)
    assert response.status_code == 422, response.get_data(as_text=True)
    assert says in response.get_json()["error"]["message"]
    names = [
        s["name"] for s in client.get(f"/api/projects/{SLUG}/scenarios", headers=headers).get_json()
    ]
    assert "Ny" not in names


def test_contradictory_placement_rules_are_refused(app: Flask) -> None:
    token = services.issue_api_token("styring", app.extensions["coop.uow"]())
    response = app.test_client().post(
        f"/api/projects/{SLUG}/placement",
        json={"min_services_hosted": 3, "max_services_hosted": 1},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 422
    assert "Minst 3 tjenester" in response.get_json()["error"]["message"]


@pytest.mark.parametrize(
    ("method", "url", "form"),
    [
        ("GET", f"{P}/sammenlign?alternativ=a%00b", None),
        ("GET", f"{P}/alternativer/a%00b", None),
        ("POST", f"{P}/alternativer/nytt", {"name": "a\x00b"}),
    ],
)
def test_a_nul_character_is_refused_at_the_door(
    app: Flask, method: str, url: str, form: dict[str, str] | None
) -> None:
    """PostgreSQL cannot store NUL (a 500 there); SQLite could: both now answer 422."""
    client = login(app.test_client(), "admin")
    response = client.open(url, method=method, data=form)
    assert response.status_code == 422
    assert "NUL-tegn" in response.get_data(as_text=True)


def test_a_nul_in_a_json_body_is_refused(app: Flask) -> None:
    token = services.issue_api_token("styring", app.extensions["coop.uow"]())
    response = app.test_client().put(
        f"/api/projects/{SLUG}/scenarios/Ny",
        json={"arrangements": [], "description": "a\x00b"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 422
    assert "description: teksten inneholder et NUL-tegn" in response.get_json()["error"]["message"]
