"""Time Debian's two headless Chromium builds on the demo's pages (why tests/browser uses one).

Serves the demo (SQLite in a temporary folder) on a loopback port, logs in as the steering
group, then loads ten main pages three times in each browser: chromium-headless-shell and
chromium with ``--headless=new``. Prints the launch time and the time for the 30 pages, the
median over ``--runs`` launches each, and the ratio shell / chromium.

    .venv/bin/python bench/browser_pages.py [--runs 5] [--quick]
"""

from __future__ import annotations

import argparse
import logging
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]  # the project, not bench/web.py, provides ``web``
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

from sqlalchemy.orm import sessionmaker  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from coop import services  # noqa: E402
from coop.persistence import migrate  # noqa: E402
from coop.persistence.orm.base import make_engine  # noqa: E402
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork  # noqa: E402
from web import create_app  # noqa: E402

P = "/prosjekter/astafjord-2007"
PAGES = [
    *("/", P, f"{P}/sammenlign", f"{P}/fordeling/barnevern", f"{P}/kommuner/5522"),
    *(f"{P}/nokler/", f"{P}/grunnlag/", f"{P}/reiser/", "/avtaler/astafjord-2007", "/katalog/"),
]
COMMON = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
CHEAP_HASH = "pbkdf2:sha256:1"  # a throwaway database


def serve_demo(folder: str) -> str:
    """The demo on SQLite in ``folder``, served in a thread; its base URL."""
    url = f"sqlite:///{folder}/bench.sqlite"
    engine = make_engine(url)
    migrate.upgrade(engine)
    services.load_demo(SqlAlchemyUnitOfWork(sessionmaker(engine)))
    services.create_demo_users(SqlAlchemyUnitOfWork(sessionmaker(engine)), CHEAP_HASH)
    engine.dispose()
    app = create_app(
        {"SECRET_KEY": "bench", "DATABASE_URL": url, "PASSWORD_HASH_METHOD": CHEAP_HASH}
    )
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}"


def one_run(playwright: Any, executable: str, args: list[str], base: str) -> tuple[float, float]:
    """Seconds to launch and log in, and seconds for the 30 pages."""
    started = time.perf_counter()
    browser = playwright.chromium.launch(executable_path=executable, args=args)
    page = browser.new_context(base_url=base, locale="nb-NO").new_page()
    page.goto("/logg-inn")
    page.get_by_label("Brukernavn").fill("styring")
    page.get_by_label("Passord").fill(services.DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(f"{base}/")
    ready = time.perf_counter()
    for _ in range(3):
        for path in PAGES:
            page.goto(path)
    done = time.perf_counter()
    browser.close()
    return ready - started, done - ready


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="two runs each")
    options = parser.parse_args()
    runs = 2 if options.quick else options.runs
    browsers = {
        "chromium-headless-shell": (shutil.which("chromium-headless-shell"), COMMON),
        "chromium --headless=new": (shutil.which("chromium"), ["--headless=new", *COMMON]),
    }
    missing = [name for name, (path, _) in browsers.items() if not path]
    if missing:
        print(f"Hopper over: {', '.join(missing)} er ikke installert.")
        return
    from playwright.sync_api import sync_playwright

    pages: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        base = serve_demo(folder)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in browsers}
        for _ in range(runs):  # interleaved, so drift in the machine's speed hits both alike
            for name, (path, args) in browsers.items():
                times[name].append(one_run(playwright, str(path), args, base))
        for name, found in times.items():
            launch = statistics.median(t[0] for t in found)
            pages[name] = statistics.median(t[1] for t in found)
            print(f"{name:26s} launch+login {launch:5.2f} s   30 pages {pages[name]:5.2f} s "
                  f"(median of {runs})")  # fmt: skip
    shell, full = pages["chromium-headless-shell"], pages["chromium --headless=new"]
    print(f"ratio shell / chromium for the pages: {shell / full:.2f}")


if __name__ == "__main__":
    main()
