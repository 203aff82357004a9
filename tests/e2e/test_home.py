from flask.testing import FlaskClient


def test_home_page_lists_the_demo_projects_in_bokmal(client: FlaskClient) -> None:
    response = client.get("/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="nb">' in html
    assert "Samarbeidsprosjektet Gratangen, Lavangen, Salangen og Ibestad" in html
    assert "Samarbeidet Os, Røros og Holtålen" in html
    for name in ("Gratangen", "Lavangen", "Salangen", "Ibestad", "Os", "Røros", "Holtålen"):
        assert name in html
    assert "Barnevern" in html
    assert "Kart og oppmåling" in html


def test_home_page_formats_numbers_the_norwegian_way(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    assert "4,5\u00a0årsverk" in html  # barnevern
    assert "19,7\u00a0årsverk" in html  # seed-case total
    assert "2\u00a0069" in html  # Salangen's population 1.1.2024
    assert "01.01.2024" in html


def test_estimates_are_labelled_on_screen(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    assert 'class="estimate"' in html


def test_project_page_shows_its_placement_options(client: FlaskClient) -> None:
    html = client.get("/prosjekter/astafjord-2007").get_data(as_text=True)
    assert "Ordførergruppas forslag 2007" in html
    assert "Alt i Salangen" in html


def test_unknown_project_gives_a_bokmal_404(client: FlaskClient) -> None:
    response = client.get("/prosjekter/finnes-ikke")
    assert response.status_code == 404
    assert "Fant ikke samarbeidsprosjektet «finnes-ikke»" in response.get_data(as_text=True)


def test_unknown_page_gives_a_bokmal_404(client: FlaskClient) -> None:
    response = client.get("/ingen/slik/side")
    assert response.status_code == 404
    assert "Fant ikke siden" in response.get_data(as_text=True)


def test_pages_send_security_headers(client: FlaskClient) -> None:
    headers = client.get("/").headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"


def test_project_page_maps_the_travel_times_between_neighbours(client: FlaskClient) -> None:
    page = client.get("/prosjekter/astafjord-2007").get_data(as_text=True)
    assert "<h2>Reisetid mellom kommunene</h2>" in page
    assert '<title id="reisenett-tittel">Reisetid mellom kommunene i' in page
    assert "Gratangen–Lavangen: 30 min" in page  # demo link (anslag)
    assert "Reisetidene er anslag." in page
