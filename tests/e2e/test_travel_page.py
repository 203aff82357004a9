"""The travel page: estimates labelled anslag, one pair entered, pairs imported from a file."""

from __future__ import annotations

from decimal import Decimal

from flask import Flask

from coop import services
from coop.domain.access import SYSTEM
from coop.domain.travel.member_routes import RouteSource

from ..conftest import login

KAFJORD, SKJERVOY, NORDREISA, KVAENANGEN = "5540", "5542", "5544", "5546"
SLUG = "reise-test"
URL = f"/prosjekter/{SLUG}/reiser/"


def setup(app: Flask) -> None:
    uow = app.extensions["coop.uow"]
    services.create_project("Reisetest", [KAFJORD, SKJERVOY, NORDREISA, KVAENANGEN], ["ppt"],
                            SYSTEM, uow(), slug=SLUG)  # fmt: skip
    for user in ("styring", "ordforer", "okonomi-salangen"):
        services.grant_access(SLUG, user, SYSTEM, uow())


def pair(app: Flask, a: str, b: str):  # noqa: ANN201
    page = services.travel_page(SLUG, SYSTEM, app.extensions["coop.uow"]())
    return next(v.pair for v in page.pairs if {v.a, v.b} == {a, b})


def test_every_pair_is_shown_and_estimates_are_labelled(app: Flask) -> None:
    setup(app)
    page = login(app.test_client(), "ordforer").get(URL).text
    # Four members make 4·3/2 = 6 pairs; none is entered yet.
    assert page.count('<tr><th scope="row">') == 6
    estimated = services.travel_page(SLUG, SYSTEM, app.extensions["coop.uow"]()).estimated
    assert f"{estimated} av 6 par er" in page
    assert "Oppgi reisen for ett par" not in page  # readers see, not edit


def test_one_pair_is_entered_with_ferry_fare_and_season(web_app: Flask) -> None:
    setup(web_app)
    client = login(web_app.test_client(), "styring")
    form = client.get(URL, query_string={"fra": NORDREISA, "til": SKJERVOY}).text
    assert f'<option value="{NORDREISA}" selected>' in form
    saved = client.post(URL, data={"fra": NORDREISA, "til": SKJERVOY, "minutter": "75",
                                   "km": "62,5", "type": "ferry", "ferjepris": "140",
                                   "sesong": "vinter", "grunnlag": "ruteplanlegger"})  # fmt: skip
    assert saved.status_code == 302
    route = pair(web_app, SKJERVOY, NORDREISA)
    assert route.source is RouteSource.ENTERED
    assert (route.route.minutes, route.route.km) == (Decimal(75), Decimal("62.5"))
    page = client.get(URL).text
    assert "oppgitt for prosjektet" in page
    assert "ruteplanlegger" in page
    forgotten = client.post(URL + "glem", data={"fra": NORDREISA, "til": SKJERVOY})
    assert forgotten.status_code == 302
    assert pair(web_app, SKJERVOY, NORDREISA).source is not RouteSource.ENTERED


def test_a_bad_figure_is_refused_at_its_field_and_nothing_changes(web_app: Flask) -> None:
    setup(web_app)
    client = login(web_app.test_client(), "styring")
    before = pair(web_app, KAFJORD, KVAENANGEN)
    bad = client.post(URL, data={"fra": KAFJORD, "til": KVAENANGEN, "minutter": "mange",
                                 "km": "80"})  # fmt: skip
    assert bad.status_code == 422
    assert "Minutter: «mange» er ikke et tall." in bad.text
    assert 'value="mange" aria-invalid="true" aria-describedby="minutter-feil"' in bad.text
    assert pair(web_app, KAFJORD, KVAENANGEN) == before


def test_a_file_with_a_bad_line_names_the_line_and_changes_nothing(web_app: Flask) -> None:
    setup(web_app)
    client = login(web_app.test_client(), "styring")
    bad = "fra;til;km;minutter\nKåfjord;Skjervøy;95;110\nNordreisa;Atlantis;10;12\n".encode()
    response = client.post(URL + "import", data={"fil": (_file(bad), "ruter.csv")},
                           content_type="multipart/form-data")  # fmt: skip
    assert response.status_code == 422
    assert "linje 3" in response.text
    assert "Atlantis" in response.text
    assert pair(web_app, KAFJORD, SKJERVOY).source is not RouteSource.ENTERED
    matrix = (
        "minutter;Kåfjord;Skjervøy;Nordreisa;Kvænangen\nKåfjord;0;110;60;120\n"
        "Skjervøy;110;0;75;100\nNordreisa;60;75;0;55\nKvænangen;120;100;55;0\n"
    )
    good = client.post(URL + "import", data={"fil": (_file(matrix.encode()), "matrise.csv")},
                       content_type="multipart/form-data")  # fmt: skip
    assert good.status_code == 302
    assert pair(web_app, NORDREISA, KVAENANGEN).route.minutes == Decimal(55)
    assert pair(web_app, KAFJORD, SKJERVOY).source is RouteSource.ENTERED


def test_readers_and_finance_users_cannot_enter_or_import(web_app: Flask) -> None:
    setup(web_app)
    for user in ("ordforer", "okonomi-salangen"):
        client = login(web_app.test_client(), user)
        entered = client.post(URL, data={"fra": KAFJORD, "til": SKJERVOY, "minutter": "1",
                                         "km": "1"})  # fmt: skip
        assert entered.status_code == 403
        assert client.post(URL + "glem", data={"fra": KAFJORD, "til": SKJERVOY}).status_code == 403
        upload = client.post(URL + "import", data={"fil": (_file(b"x"), "r.csv")},
                             content_type="multipart/form-data")  # fmt: skip
        assert upload.status_code == 403
    assert pair(web_app, KAFJORD, SKJERVOY).source is not RouteSource.ENTERED


def _file(raw: bytes):  # noqa: ANN202
    import io

    return io.BytesIO(raw)
