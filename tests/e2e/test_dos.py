"""No request can pin the workers (issue 15.1, 15.2): gunicorn × 4 under hostile requests.

Before the fix four ``belop=1e999999`` previews held all four workers for 30 s and login took
54 s. Here four threads send hostile requests (huge and non-finite numbers, a wide CSV
header, a deep JSON body) for a few seconds while a fifth fetches the project page: every
hostile request is answered with a 4xx, and the normal page answers within 1 s each time.
Bounded: about 4 s of load, gunicorn's own 30 s worker timeout as a backstop.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SLUG = "astafjord-2007"
HOSTILE = [
    f"/prosjekter/{SLUG}/nokler/vis?navn=Folketall&belop=1e999999",
    f"/prosjekter/{SLUG}/nokler/vis?navn=Folketall&belop=1e100",
    f"/prosjekter/{SLUG}/sammenlign?sparemaal=1e999999",
    f"/prosjekter/{SLUG}/fordeling/barnevern?faktisk=1e999999",
    f"/prosjekter/{SLUG}/plassering/?kjor=1&antall=inf",
    f"/api/projects/{SLUG}/compare?savings_target=1e999999",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path, app_template: Path) -> Iterator[str]:
    """gunicorn with four sync workers on a copy of the demo database."""
    shutil.copy(app_template, tmp_path / "app.sqlite")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path}/app.sqlite",
        "COOP_SECRET_KEY": "dos-test",
    }
    port = _free_port()
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "-w",
            "4",
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "30",
            "--preload",  # import the app once and fork: start-up in ~1 s instead of ~10 s
            "--graceful-timeout",
            "0",  # a throwaway server: stop at once (gunicorn waited it out, 2 s, at teardown)
            "--log-level",
            "warning",
            "web:create_app()",
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/logg-inn", timeout=1).read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=15)


def _logged_in(base: str) -> urllib.request.OpenerDirector:
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    page = opener.open(f"{base}/logg-inn", timeout=10).read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    data = {
        "username": "admin",
        "password": "coop-demo-2026",
        "csrf_token": token[1] if token else "",
    }
    opener.open(f"{base}/logg-inn", data=urllib.parse.urlencode(data).encode(), timeout=10)
    return opener


def _status(opener: urllib.request.OpenerDirector, url: str) -> int:
    try:
        with opener.open(url, timeout=35) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        error.read()
        return int(error.code)


def test_hostile_requests_do_not_keep_a_normal_page_waiting(server: str) -> None:
    attackers = [_logged_in(server) for _ in range(4)]
    normal = _logged_in(server)
    _status(normal, f"{server}/prosjekter/{SLUG}")  # warm the workers up
    quiet = []  # the same page before the attack: what this machine's load allows right now
    for _ in range(3):
        started = time.perf_counter()
        assert _status(normal, f"{server}/prosjekter/{SLUG}") == 200
        quiet.append(time.perf_counter() - started)
    statuses: list[int] = []
    waits: list[float] = []
    with ThreadPoolExecutor(4) as pool:
        for round_no in range(len(HOSTILE)):
            urls = [server + HOSTILE[(round_no + i) % len(HOSTILE)] for i in range(4)]
            flying = [pool.submit(_status, o, u) for o, u in zip(attackers, urls, strict=True)]
            started = time.perf_counter()
            assert _status(normal, f"{server}/prosjekter/{SLUG}") == 200
            waits.append(time.perf_counter() - started)
            statuses.extend(f.result(timeout=40) for f in flying)
    assert all(400 <= s < 500 for s in statuses), sorted(set(statuses))
    # within 1 s on a quiet machine; when the test suite's other worker loads both cores, within
    # four times the page's own time just before (a pinned worker would mean 30 s and more)
    limit = max(1.0, 4 * statistics.median(quiet))
    assert statistics.median(waits) < limit, (waits, quiet)  # a shared machine: median, not max
    assert max(waits) < 5.0, waits  # before the fix: 54 s
