"""Latency of the main pages under 50 concurrent clients: gunicorn + PostgreSQL on loopback.

Run: ``.venv/bin/python bench/web.py [--clients 50] [--requests 20] [--workers 4]``.
Creates the database ``coop_bench`` on the local PostgreSQL (dropped and recreated each run),
loads the demo data, starts gunicorn on 127.0.0.1, logs every client in, and has each client
fetch the pages round-robin. Bounded: at most clients × requests requests and --max-seconds.
Prints p50/p95/max per page in ms. Target: p95 < 150 ms for pages that do not solve.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PAGES = [
    "/",
    "/prosjekter/astafjord-2007",
    "/prosjekter/astafjord-2007/alternativer/Ordf%C3%B8rergruppas%20forslag%202007",
    "/api/projects",
]
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
BENCH_URL = "postgresql://postgres@127.0.0.1:5432/coop_bench"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def reset_database() -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(
        ADMIN_URL.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT"
    )
    with engine.connect() as c:
        c.execute(text("DROP DATABASE IF EXISTS coop_bench WITH (FORCE)"))
        c.execute(text("CREATE DATABASE coop_bench"))
    engine.dispose()


def coop(*args: str) -> None:
    env = {**os.environ, "DATABASE_URL": BENCH_URL}
    subprocess.run([str(BIN / "coop"), *args], check=True, env=env, capture_output=True)


def client(
    base: str, requests: int, deadline: float, think: float, ready: threading.Barrier
) -> dict[str, list[float]]:
    """Log in, wait until every client has, then click through the pages with think time.

    Logging in (password hashing, ~0.1 s of CPU each) happens before the measured part, so
    the figures are the pages' own, not a login storm's.
    """
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/logg-inn").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    data = urllib.parse.urlencode(
        {
            "username": "ordforer",
            "password": "coop-demo-2026",
            "csrf_token": token[1] if token else "",
        }
    ).encode()
    opener.open(f"{base}/logg-inn", data=data).read()
    times: dict[str, list[float]] = {p: [] for p in PAGES}
    ready.wait()
    time.sleep(random.uniform(0, think))  # users arrive spread out, not all in one instant
    for i in range(requests):
        if time.monotonic() > deadline:
            break
        path = PAGES[i % len(PAGES)]
        started = time.perf_counter()
        with opener.open(base + path) as response:
            response.read()
            assert response.status == 200, (path, response.status)
        times[path].append((time.perf_counter() - started) * 1000)
        time.sleep(think)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20, help="per client")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1, help="per gunicorn worker (1 = sync)")
    parser.add_argument("--max-seconds", type=float, default=120.0)
    parser.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="seconds a user reads a page before the next click (0 = saturation test)",
    )
    args = parser.parse_args()
    try:
        reset_database()
    except Exception as error:  # noqa: BLE001 - print why and skip, as benches do
        print(f"PostgreSQL ikke tilgjengelig, hopper over: {error}")
        return 0
    coop("init-db")
    coop("load-demo")
    env = {**os.environ, "DATABASE_URL": BENCH_URL, "COOP_SECRET_KEY": "bench"}
    subprocess.run(
        [
            str(BIN / "python"),
            "-c",
            "from web import create_app; from coop import services; "
            "services.create_demo_users(create_app().extensions['coop.uow']())",
        ],
        check=True,
        env=env,
    )
    port = free_port()
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "--preload",
            "-w",
            str(args.workers),
            "--threads",
            str(args.threads),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "web:create_app()",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"{base}/logg-inn", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        deadline = time.monotonic() + args.max_seconds
        ready = threading.Barrier(args.clients)
        started = time.perf_counter()
        with ThreadPoolExecutor(args.clients) as pool:
            results = list(
                pool.map(
                    lambda _: client(base, args.requests, deadline, args.think, ready),
                    range(args.clients),
                )
            )
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)
    total = 0
    print(
        f"{args.clients} klienter (tenketid {args.think} s), {args.workers} gunicorn-arbeidere "
        f"× {args.threads} tråd(er), PostgreSQL på loopback"
    )
    print(f"{'side':60} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'maks ms':>8}")
    for path in PAGES:
        samples = sorted(t for r in results for t in r[path])
        total += len(samples)
        p95 = samples[int(0.95 * (len(samples) - 1))]
        print(
            f"{path:60} {len(samples):5d} {statistics.median(samples):8.1f} {p95:8.1f} "
            f"{samples[-1]:8.1f}"
        )
    print(f"{total} forespørsler på {wall:.1f} s = {total / wall:.0f} forespørsler/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
