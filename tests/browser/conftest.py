"""Real-browser fixtures: the app on a loopback port, Debian's Chromium driven by Playwright.

Each role logs in through the form once per session; its cookies (Playwright ``storage_state``)
start every later page of that role already logged in.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from coop import services

# Debian's chromium-headless-shell: the same Blink and V8 as its chromium, built for headless
# use only (what Playwright itself runs headless); pages load in ~30 % less time than in
# chromium's --headless=new (bench/browser_pages.py). Debian's chromium where it is missing.
SHELL = shutil.which("chromium-headless-shell")
CHROMIUM = SHELL or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    *([] if SHELL else ["--headless=new"]),
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).resolve().parents[2] / "bench" / "out"


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory, app_template: Path) -> Iterator[Flask]:
    """The app the browser tests talk to, on a copy of the demo database with its users.

    Tests may set up state through its services (``app.extensions["coop.uow"]``) and then check
    in the browser what a user does with it.
    """
    from web import create_app

    folder = tmp_path_factory.mktemp("live")
    shutil.copy(app_template, folder / "b.sqlite")
    app = create_app({"SECRET_KEY": "browser-test", "DATABASE_URL": f"sqlite:///{folder}/b.sqlite"})
    app.instance_path = str(folder / "instance")  # pending uploads stay with this server
    yield app
    app.extensions["coop.engine"].dispose()


@pytest.fixture(scope="session")
def live_server(live_app: Flask) -> Iterator[str]:
    """Serve ``live_app`` on a free 127.0.0.1 port in a thread; yield its URL."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium from the system (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        reason = f"Chromium finnes ikke på {CHROMIUM} (make test installerer den med apt)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def logged_in(browser: Any, live_server: str) -> Callable[[str], dict[str, Any]]:
    """A demo user's storage state, from one login through the form per session."""
    states: dict[str, dict[str, Any]] = {}

    def state(username: str) -> dict[str, Any]:
        if username not in states:
            context = browser.new_context(base_url=live_server, locale="nb-NO")
            page = context.new_page()
            page.goto("/logg-inn")
            page.get_by_label("Brukernavn").fill(username)
            page.get_by_label("Passord").fill(services.DEMO_PASSWORD)
            page.get_by_role("button", name="Logg inn").click()
            page.wait_for_url(f"{live_server}/")
            states[username] = context.storage_state()
            context.close()
        return states[username]

    return state


@pytest.fixture
def page(
    browser: Any, live_server: str, logged_in: Callable[[str], dict[str, Any]]
) -> Iterator[Any]:
    """A fresh blank page, logged in as the steering-group demo user (each test goes on from it).

    The login is checked with one API request on the page's cookies, not by loading a page.
    """
    context = browser.new_context(
        base_url=live_server, locale="nb-NO", storage_state=logged_in("styring")
    )
    me = context.request.get("/api/me", max_redirects=0)
    assert me.status == 200, "the saved login no longer holds"
    assert me.json()["username"] == "styring"
    page = context.new_page()
    yield page
    context.close()


def screenshot(page: Any, name: str) -> Path | None:
    """With ``COOP_SCREENSHOTS=1``, save a full-page screenshot under bench/out/ (git-ignored).

    Off by default: nothing is asserted on a picture, and a full-page PNG costs the gate time.
    """
    if not os.environ.get("COOP_SCREENSHOTS"):
        return None
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core (bundled with axe-playwright-python) and return serious/critical findings."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [v for v in results.response["violations"] if v.get("impact") in {"serious", "critical"}]
