"""Issue 14 in a real browser: preview on an existing key, a finance officer's change to a shared
key waits as a proposal the others see, takes effect only when the steering group accepts it,
and the key page says who did what. Runs on its own server: it changes the demo's key."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server

from coop import services

pytestmark = pytest.mark.browser

KEY_URL = "/prosjekter/astafjord-2007/nokler/vis?navn=Folketall"


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory, app_template: Path) -> Iterator[str]:
    from web import create_app

    folder = tmp_path_factory.mktemp("proposal")
    shutil.copy(app_template, folder / "p.sqlite")
    app = create_app({"SECRET_KEY": "browser-test", "DATABASE_URL": f"sqlite:///{folder}/p.sqlite"})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    app.extensions["coop.engine"].dispose()


def _as(browser: Any, base: str, username: str) -> Any:
    context = browser.new_context(base_url=base, locale="nb-NO")
    page = context.new_page()
    page.goto("/logg-inn")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(services.DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(f"{base}/")
    return page


def _submit(page: Any, button: str) -> None:
    """Press a form's button and wait until the page it leads to has loaded.

    ``click`` returns once the navigation has started; reading ``main`` at that moment could
    catch the new page before its body was parsed (seen as an empty ``main`` under load).
    """
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()


def _weights(page: Any) -> str:
    return page.get_by_role("table", name="Delene i nøkkelen").inner_text()


def test_preview_proposal_acceptance_and_log(browser: Any, own_server: str) -> None:
    finance = _as(browser, own_server, "okonomi-salangen")
    finance.goto(KEY_URL)
    stored_before = _weights(finance)
    # preview on an existing key: 1 000 000 kr equally on barnevern's three partners
    finance.get_by_label("Fordel etter").first.select_option("equal")
    finance.get_by_label("Vekt i prosent").first.fill("100")
    finance.get_by_label("Tjeneste", exact=True).select_option("barnevern")
    finance.get_by_label("Beløp å fordele per år (kroner)").last.fill("1 000 000")
    _submit(finance, "Forhåndsvis uten å lagre")
    body = finance.locator("main").inner_text().replace("\u00a0", " ")
    assert "Skriv et navn på nøkkelen" not in body
    assert "333 334 kr" in body  # 333 334 + 333 333 + 333 333 = 1 000 000
    # saving makes a proposal; the stored key is unchanged
    _submit(finance, "Lagre nøkkelen")
    assert "forslag nr. 1" in finance.locator("main").inner_text()
    assert _weights(finance) == stored_before

    other = _as(browser, own_server, "okonomi-gratangen")
    other.goto(KEY_URL)
    seen = other.locator("main").inner_text()
    assert "Forslag nr. 1 fra okonomi-salangen" in seen
    assert other.get_by_role("table", name="Hva forslaget betyr for hver kommune").count() == 1
    assert other.get_by_role("button", name="Godta forslaget").count() == 0
    assert _weights(other) == stored_before

    steering = _as(browser, own_server, "styring")
    steering.goto(KEY_URL)
    _submit(steering, "Godta forslaget")
    assert "Forslag nr. 1 er godtatt" in steering.locator("main").inner_text()
    after = _weights(steering)
    assert after != stored_before
    assert "Likt\t100\u00a0%" in after
    log = steering.get_by_role("region", name="Endringer").inner_text()
    assert "Foreslått av okonomi-salangen" in log
    assert "Endret av styring" in log
    for page in (finance, other, steering):
        page.context.close()
