"""The council case package from the web (tracker, print view, PDF job) and `coop case-package`."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from flask import Flask

from web.cli import main

from ..conftest import login
from .test_agreements_pdf import pdf_text

SLUG, SCENARIO = "astafjord-2007", "Ordførergruppas forslag 2007"
PACKAGE = f"/saksframlegg/{SLUG}/{SCENARIO}"
CONDITION = "samtlige deltakerkommuner fatter likelydende vedtak i alle sakene i pakken"


def test_every_role_reaches_the_package_from_the_agreements_and_prints_a_council(
    app: Flask,
) -> None:
    client = login(app.test_client(), "ordforer")
    index = client.get(f"/avtaler/{SLUG}").get_data(as_text=True)
    assert f'href="/saksframlegg/{SLUG}/Ordf%C3%B8rergruppas%20forslag%202007"' in index
    page = client.get(PACKAGE)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Pakken er under behandling." in html
    assert CONDITION in html
    for name in ("Gratangen", "Ibestad", "Lavangen", "Salangen"):
        assert f'<th scope="row">{name}</th>' in html
    printed = client.get(f"{PACKAGE}/5514").get_data(as_text=True)
    assert "Forslag til vedtak" in printed
    assert "Ibestad (1917)" in printed  # the number valid on 24.05.2007
    assert "(kommuneloven 1992 § 28 b)" in printed
    assert printed.count('class="case-attachment"') == 5
    assert client.get(f"{PACKAGE}/0301").status_code == 404
    assert client.get(f"/saksframlegg/{SLUG}/Ingen slik").status_code == 404


def test_the_pdf_is_a_job_any_reader_may_start_and_a_non_party_is_refused_at_once(
    app: Flask,
) -> None:
    from coop.domain.access import Role
    from web.case_print import CASE_JOB

    assert set(app.extensions["coop.jobs"].kinds[CASE_JOB].roles) == {
        Role.STEERING,
        Role.FINANCE,
        Role.READER,
    }
    client = login(app.test_client(), "okonomi-salangen")
    assert client.get(f"{PACKAGE}/0301/saksframlegg.pdf").status_code == 404
    assert client.get(f"/saksframlegg/{SLUG}/Ingen slik/5522/saksframlegg.pdf").status_code == 404


def test_the_cli_writes_html_and_pdf_and_names_what_is_unknown(app: Flask, tmp_path: Path) -> None:
    runner = CliRunner()
    common = ["case-package", SLUG, "--database", app.config["DATABASE_URL"]]
    out_html, out_pdf = tmp_path / "sak.html", tmp_path / "sak.pdf"
    wrote = runner.invoke(
        main, [*common, "--scenario", SCENARIO, "--municipality", "5522", "--html", str(out_html)]
    )
    assert wrote.exit_code == 0, wrote.output
    assert "Salangen kommune (5 avtaler som vedlegg)" in wrote.output
    html = out_html.read_text(encoding="utf-8")
    assert '<html lang="nb">' in html
    assert "<style>" in html
    assert "/static/" not in html
    assert "Salangen (1923)" in html
    made = runner.invoke(
        main, [*common, "--scenario", SCENARIO, "--municipality", "5514", "--pdf", str(out_pdf)]
    )
    assert made.exit_code == 0, made.output
    text, reader = pdf_text(out_pdf.read_bytes())
    assert "Ibestad kommune er ikke part i avtalene om barnevern" in text
    assert CONDITION in text
    root = reader.trailer["/Root"]  # tagged PDF/UA-1, as the agreement PDF
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]).lower().startswith("nb")
    title = str(reader.metadata.title) if reader.metadata else ""
    assert title.startswith("Saksframlegg for Ibestad kommune")
    for args, message in (
        (["--scenario", "Ingen slik", "--municipality", "5522"], "Finner ikke alternativet"),
        (["--scenario", SCENARIO, "--municipality", "0301"], "Kommunenummer 0301 er ikke part"),
    ):
        failed = runner.invoke(main, [*common, *args, "--html", str(out_html)])
        assert failed.exit_code == 2
        assert message in failed.output
    unknown = runner.invoke(
        main,
        ["case-package", "ukjent", "--database", app.config["DATABASE_URL"], "--scenario", "x",
         "--municipality", "5522", "--html", str(out_html)],
    )  # fmt: skip
    assert unknown.exit_code == 2
    assert "Fant ikke samarbeidsprosjektet «ukjent»" in unknown.output
    neither = runner.invoke(main, [*common, "--scenario", SCENARIO, "--municipality", "5522"])
    assert neither.exit_code == 2
    assert "Oppgi nøyaktig én av --pdf" in neither.output


def test_the_agreement_pages_ask_for_dates_as_dd_mm_aaaa_text_not_a_native_picker(
    app: Flask,
) -> None:
    client = login(app.test_client(), "styring")
    base = f"/avtaler/{SLUG}/{SCENARIO}/barnevern"
    draft = client.get(base).get_data(as_text=True)
    adoption = client.get(f"{base}/vedtak").get_data(as_text=True)
    for html in (draft, adoption):
        assert 'type="date"' not in html
    assert f'href="/saksframlegg/{SLUG}/' in adoption  # the package, from one agreement
    assert 'id="dato" name="dato" maxlength="10" value="24.05.2007"' in draft
    assert "Overføres fra og med (dd.mm.åååå)" in draft
    preview = client.get(f"{base}?dato=01.03.2026").get_data(as_text=True)
    assert "kapittel 20" in preview


def test_the_steering_group_sets_or_clears_the_package_condition_in_the_settings(
    app: Flask,
) -> None:
    client = login(app.test_client(), "styring")
    settings = client.get(f"/prosjekter/{SLUG}/innstillinger/").get_data(as_text=True)
    assert CONDITION in settings  # the demo's, from Salangen 2007
    version = settings.split('name="versjon" value="', 1)[1].split('"', 1)[0]
    form = {"navn": "Samarbeidsprosjektet Gratangen, Lavangen, Salangen og Ibestad",
            "beskrivelse": "Kort.", "versjon": version, "pakkevilkaar": ""}  # fmt: skip
    saved = client.post(f"/prosjekter/{SLUG}/innstillinger/detaljer", data=form)
    assert saved.status_code == 302, saved.get_data(as_text=True)
    page = client.get(PACKAGE).get_data(as_text=True)
    assert "Prosjektet har ikke satt noe pakkevilkår." in page
    assert CONDITION not in client.get(f"{PACKAGE}/5522").get_data(as_text=True)


def test_the_api_reads_and_patches_the_package_condition(app: Flask) -> None:
    from .test_api import token

    client, headers = app.test_client(), token(app, "styring")
    project = client.get(f"/api/projects/{SLUG}", headers=headers).get_json()
    assert CONDITION in project["package_condition"]
    patched = client.patch(
        f"/api/projects/{SLUG}",
        json={"version": project["version"], "package_condition": "Alle eller ingen."},
        headers=headers,
    )
    assert patched.status_code == 200, patched.get_json()
    assert patched.get_json()["package_condition"] == "Alle eller ingen."
    assert patched.get_json()["description"] == project["description"]  # kept
    too_long = client.patch(
        f"/api/projects/{SLUG}",
        json={"version": patched.get_json()["version"], "package_condition": "x" * 2001},
        headers=headers,
    )
    assert too_long.status_code == 422
    assert "package_condition" in too_long.get_json()["error"]["message"]


def test_salangens_saksframlegg_shows_the_member_pages_amounts_for_the_same_option(
    app: Flask,
) -> None:
    import re
    from html import unescape

    client = login(app.test_client(), "okonomi-salangen")
    member = client.get(f"/prosjekter/{SLUG}/kommuner/5522?alternativ={SCENARIO}")
    assert member.status_code == 200
    table = unescape(member.get_data(as_text=True)).split('class="municipality-bill"', 1)[1]
    table = table.split("</tbody>", 1)[0]
    # «Etter nøkkelen» is the second amount of each row on «Hva betaler Salangen?»
    rows = re.findall(r'<td class="num">([^<]+)<span class="cell-note">nøkkel', table)
    assert len(rows) == 5
    case = unescape(client.get(f"{PACKAGE}/5522").get_data(as_text=True))
    for amount in rows:
        assert f"{amount.strip()} (" in case, amount  # «1 999 644 kr (Folketall)»
