"""«Forutsetninger», «Endringslogg», the project file (export, import) and the catalogue pages."""

from __future__ import annotations

import io
import json
from decimal import Decimal

from flask import Flask

from coop import services
from coop.domain.access import SYSTEM

from ..conftest import login

KAFJORD, SKJERVOY, NORDREISA = "5540", "5542", "5544"
SLUG = "poster-test"


def setup(app: Flask) -> None:
    uow = app.extensions["coop.uow"]
    services.create_project("Postertest", [KAFJORD, SKJERVOY, NORDREISA], ["barnevern", "ppt"],
                            SYSTEM, uow(), slug=SLUG)  # fmt: skip
    for user in ("styring", "ordforer", "okonomi-salangen"):
        services.grant_access(SLUG, user, SYSTEM, uow())


def test_assumptions_are_shown_as_defaults_and_changed_with_their_basis(web_app: Flask) -> None:
    setup(web_app)
    url = f"/prosjekter/{SLUG}/forutsetninger"
    client = login(web_app.test_client(), "styring")
    page = client.get(url).text
    assert "standard (anslag)" in page
    first = services.get_assumptions(SLUG, SYSTEM, web_app.extensions["coop.uow"]()).assumptions
    saved = client.post(
        url,
        data={
            "versjon": str(first.version),
            "efficiency_gain_pct": "7,5",
            "cost_per_fte_nok": "905\u00a0000",  # as the page writes it: no-break space
            "trips-ppt": "24",
            "begrunnelse": "vedtak i styringsgruppen",
        },
    )
    assert saved.status_code == 302
    view = services.get_assumptions(SLUG, SYSTEM, web_app.extensions["coop.uow"]())
    assert view.assumptions.efficiency_gain_pct == Decimal("7.5")
    assert view.assumptions.trips("ppt") == 24
    assert view.assumptions.basis("efficiency_gain_pct") == "oppgitt av styring"
    page = client.get(url).text
    assert "oppgitt av styring" in page
    assert 'value="7,5"' in page
    assert view.assumptions.cost_per_fte_nok == Decimal(905_000)
    assert '<td class="num">905\u00a0000\u00a0kr</td>' in page  # grouped in the table
    assert 'value="905\u00a0000"' in page  # and in the field, which reads it back
    stale = client.post(url, data={"versjon": str(first.version), "efficiency_gain_pct": "9"})
    assert stale.status_code == 409
    bad = client.post(url, data={"versjon": str(view.assumptions.version), "horizon_years": "fem"})
    assert bad.status_code == 422
    assert 'value="fem" aria-invalid="true" aria-describedby="horizon_years-feil"' in bad.text
    reader = login(web_app.test_client(), "ordforer")
    assert "Endre forutsetningene" not in reader.get(url).text
    assert reader.post(url, data={"efficiency_gain_pct": "1"}).status_code == 403
    finance = login(web_app.test_client(), "okonomi-salangen")
    assert finance.post(url, data={"efficiency_gain_pct": "1"}).status_code == 403
    after = services.get_assumptions(SLUG, SYSTEM, web_app.extensions["coop.uow"]())
    assert after.assumptions.efficiency_gain_pct == Decimal("7.5")


def test_the_change_log_lists_changes_and_downloads_as_csv(web_app: Flask) -> None:
    setup(web_app)
    client = login(web_app.test_client(), "styring")
    client.post(f"/prosjekter/{SLUG}/innstillinger/kommuner", data={"kommune": "Kvænangen"})
    page = login(web_app.test_client(), "ordforer").get(f"/prosjekter/{SLUG}/endringer").text
    assert f"Deltakerkommune {SLUG}/5546" in page  # Kvænangen
    assert "<td>5540, 5542, 5544</td><td>5540, 5542, 5544, 5546</td>" in page
    csv = client.get(f"/prosjekter/{SLUG}/endringer.csv")
    assert csv.mimetype == "text/csv"
    lines = csv.text.splitlines()
    assert lines[0] == "tidspunkt;hvem;type;objekt;felt;fra;til;begrunnelse"
    assert any(";styring;Deltakerkommune;" in line and "5546" in line for line in lines[1:])


def test_a_project_file_is_downloaded_and_imported_as_a_copy(web_app: Flask) -> None:
    setup(web_app)
    client = login(web_app.test_client(), "styring")
    exported = client.get(f"/prosjekter/{SLUG}/eksport")
    assert exported.headers["Content-Disposition"] == f'attachment; filename="{SLUG}.json"'
    data = json.loads(exported.text)
    data["prosjekt"]["kode"] = "poster-kopi"
    upload = {"fil": (io.BytesIO(json.dumps(data).encode()), "kopi.json")}
    imported = client.post("/importer-prosjekt", data=upload, content_type="multipart/form-data")
    assert imported.status_code == 302
    copy = services.project_overview("poster-kopi", web_app.extensions["coop.uow"]())
    assert {m.number for m in copy.municipalities} == {KAFJORD, SKJERVOY, NORDREISA}
    broken = {"fil": (io.BytesIO(b'{"format": "noe annet"'), "skadet.json")}
    refused = client.post("/importer-prosjekt", data=broken, content_type="multipart/form-data")
    assert refused.status_code == 422
    assert "ikke gyldig JSON" in refused.text
    data["prosjekt"]["kode"] = "poster-tredje"
    again = {"fil": (io.BytesIO(json.dumps(data).encode()), "kopi.json")}
    reader = login(web_app.test_client(), "ordforer")
    assert reader.get("/importer-prosjekt").status_code == 403
    denied = reader.post("/importer-prosjekt", data=again, content_type="multipart/form-data")
    assert denied.status_code == 403
    with web_app.extensions["coop.uow"]() as uow:
        assert not uow.projects.exists("poster-tredje")


def test_everyone_reads_the_catalogue_and_only_the_admin_edits_it(web_app: Flask) -> None:
    reader = login(web_app.test_client(), "ordforer")
    page = reader.get("/katalog/").text
    assert "Barnevern" in page
    assert "Tjenester som ikke lenger kan settes opp" in page  # skatteoppkreving since 2020
    assert reader.get("/katalog/ppt").status_code == 403
    assert reader.post("/katalog/ppt", data={"navn": "X"}).status_code == 403
    admin = login(web_app.test_client(), "admin")
    entry = services.get_entry("ppt", web_app.extensions["coop.uow"]())
    form = admin.get("/katalog/ppt").text
    assert f'value="{entry.trips_per_partner}"' in form
    saved = admin.post(
        "/katalog/ppt",
        data={
            "versjon": entry.version,
            "navn": entry.name,
            "oppgaver": entry.tasks_text,
            "reiser": "30",
            "advarsler": "Sjekk opplæringsloven 2024.",
            "fra": "",
            "til": "",
        },
    )
    assert saved.status_code == 302
    after = services.get_entry("ppt", web_app.extensions["coop.uow"]())
    assert (after.trips_per_partner, after.warnings) == (30, ("Sjekk opplæringsloven 2024.",))
    bad = admin.post(
        "/katalog/ppt", data={"versjon": after.version, "navn": entry.name, "reiser": "mange"}
    )
    assert bad.status_code == 422
    assert "Tjenestereiser: «mange» er ikke et helt tall." in bad.text
    stale = admin.post(
        "/katalog/ppt", data={"versjon": entry.version, "navn": "Gammel", "reiser": "1"}
    )
    assert stale.status_code == 409
    assert services.get_entry("ppt", web_app.extensions["coop.uow"]()).name == entry.name


HOSTILE_FIGURES = ["NaN", "1e999999", "9" * 400, "٣٠٠٠٠٠", "-850 000", "1,5e3", "Infinity"]


def test_hostile_assumption_figures_are_refused_and_the_page_still_reads(web_app: Flask) -> None:
    """Each bad cost per FTE is a 422 at its field; nothing is saved; the table stays grouped."""
    setup(web_app)
    url = f"/prosjekter/{SLUG}/forutsetninger"
    client = login(web_app.test_client(), "styring")
    before = services.get_assumptions(SLUG, SYSTEM, web_app.extensions["coop.uow"]()).assumptions
    for raw in HOSTILE_FIGURES:
        data = {"versjon": str(before.version), "cost_per_fte_nok": raw}
        refused = client.post(url, data=data)
        assert refused.status_code == 422, raw
        assert 'id="cost_per_fte_nok-feil"' in refused.text, raw
    nul = client.post(url, data={"versjon": str(before.version), "cost_per_fte_nok": "85\x00"})
    assert nul.status_code == 422  # refused for every form before it reaches the page
    assert "cost_per_fte_nok: teksten inneholder et NUL-tegn" in nul.text
    after = services.get_assumptions(SLUG, SYSTEM, web_app.extensions["coop.uow"]()).assumptions
    assert after == before
    page = client.get(url).text
    shown = f"{before.cost_per_fte_nok:,.0f}".replace(",", "\u00a0")  # e.g. 850 000
    assert f'<td class="num">{shown}\u00a0kr</td>' in page
