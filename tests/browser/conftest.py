"""Real-browser fixtures: the app on a loopback port, Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server

from coop import services
from coop.persistence import migrate

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless=new",
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
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve the demo app on 127.0.0.1 in a thread; yield its base URL."""
    from web import create_app

    folder = tmp_path_factory.mktemp("live")
    app = create_app({"SECRET_KEY": "browser-test", "DATABASE_URL": f"sqlite:///{folder}/b.sqlite"})
    migrate.upgrade(app.extensions["coop.engine"])
    services.load_demo(app.extensions["coop.uow"]())
    services.create_demo_users(app.extensions["coop.uow"]())
    server = make_server("127.0.0.1", 0, app, threaded=True)
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


@pytest.fixture
def page(browser: Any, live_server: str) -> Iterator[Any]:
    """A fresh page, logged in as the steering-group demo user."""
    context = browser.new_context(base_url=live_server, locale="nb-NO")
    page = context.new_page()
    page.goto("/logg-inn")
    page.get_by_label("Brukernavn").fill("styring")
    page.get_by_label("Passord").fill(services.DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(f"{live_server}/")
    yield page
    context.close()


def screenshot(page: Any, name: str) -> Path:
    """Save a full-page screenshot under bench/out/ (git-ignored) and return its path."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core (bundled with axe-playwright-python) and return serious/critical findings."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [v for v in results.response["violations"] if v.get("impact") in {"serious", "critical"}]
