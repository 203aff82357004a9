"""Which requests can take more than about 1 s in a web worker (issue 15.3).

Times, through the Flask test client on a fresh SQLite file (the demo loaded):
  * the finance page (every split method) for the demo's barnevern (3 partners), and for a
    service with 20 partners (a project made through the use cases, baselines typed in):
    the request answering 303 to its split job, the job, and the result page;
  * the budget upload preview and commit (web), for the real Sogndal 2013 file (0.5 MB)
    and for a generated file just under the 20 MB cap (a larger upload answers 413), with
    the use case's preview and commit for comparison.
Prints medians in ms. Run: .venv/bin/python bench/request_times.py [--runs 3] [--quick]
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

from coop import services  # noqa: E402
from coop.domain.access import SYSTEM  # noqa: E402
from coop.persistence import migrate  # noqa: E402

if TYPE_CHECKING:
    from werkzeug.test import TestResponse

    from coop.persistence.unit_of_work import UnitOfWork

SOGNDAL = (
    Path(__file__).resolve().parents[2]
    / "shared/data/budgets/sogndal_2013_driftsbudsjett__original.csv"
)
HASH = "pbkdf2:sha256:1"
# 20 municipalities of Troms and Nordland (kommunenummer 2024)
TWENTY = [f"55{n:02d}" for n in (1, 3, *range(10, 46, 2))]


def _median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _generated(target_bytes: int) -> bytes:
    rng = random.Random(2013)
    lines = ["konto;tjeneste;ansvar;budsjett_2026"]
    size = len(lines[0])
    functions = ["24400", "25200", "30300", "12000", "20200"]
    while size < target_bytes:
        line = f"1{rng.randint(100, 999)}0;{rng.choice(functions)};{rng.randint(100, 999)};" + (
            f"{rng.randint(1, 99_999):,}".replace(",", " ")
        )
        lines.append(line)
        size += len(line) + 1
    return ("\n".join(lines) + "\n").encode()


def _twenty(uow_factory: Callable[[], UnitOfWork]) -> str:
    slug = "tjue"
    services.create_project("Tjue", TWENTY, ["barnevern"], SYSTEM, uow_factory(), slug=slug)
    rng = random.Random(20)
    for number in TWENTY:
        fte = rng.randint(2, 12)
        services.set_baseline(slug, "barnevern", number, 2026,
                              {"fte": str(fte), "gross_cost_nok": str(fte * 1_100_000),
                               "pay_cost_nok": str(fte * 850_000)},
                              "budsjett", SYSTEM, uow_factory())  # fmt: skip
    arrangement = {"service": "barnevern", "host": TWENTY[0], "participants": TWENTY,
                   "joint_fte": "60", "cost_key": "Folketall"}  # fmt: skip
    services.edit_scenario(slug, "Felles", [arrangement], SYSTEM, uow_factory(), None)
    return slug


def main() -> None:
    from web import create_app

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one run, 5 MB instead of 20 MB")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    folder = Path(tempfile.mkdtemp())
    app = create_app({"TESTING": True, "SECRET_KEY": "b", "WTF_CSRF_ENABLED": False,
                      "DATABASE_URL": f"sqlite:///{folder}/b.sqlite",
                      "PASSWORD_HASH_METHOD": HASH})  # fmt: skip
    app.instance_path = str(folder / "instance")
    migrate.upgrade(app.extensions["coop.engine"])
    uow = app.extensions["coop.uow"]
    services.load_demo(uow())
    services.create_demo_users(uow(), HASH)
    slug = _twenty(uow)
    client = app.test_client()
    client.post("/logg-inn", data={"username": "admin", "password": services.DEMO_PASSWORD})

    def page(url: str) -> Callable[[], object]:
        def get() -> object:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        return get

    demo = _median_ms(page("/prosjekter/astafjord-2007/fordeling/barnevern"), runs)
    print(f"Finance page, demo barnevern (3 partners): {demo:9.0f} ms")
    url = f"/prosjekter/{slug}/fordeling/barnevern"
    start = time.perf_counter()
    started = client.get(url)
    answered = time.perf_counter() - start
    assert started.status_code == 303, started.status_code
    job_id = started.location.rsplit("/", 1)[-1]
    app.extensions["coop.jobs"].wait(job_id, 900)
    done = time.perf_counter() - start
    print(f"Finance page, 20 partners: answers 303 to the job in {answered * 1000:.0f} ms; "
          f"the split job ran {done:.1f} s; the result page "
          f"{_median_ms(page(f'{url}?jobb={job_id}'), runs):.0f} ms")  # fmt: skip
    bill = _median_ms(page(f"/prosjekter/{slug}/kommuner/{TWENTY[1]}"), 1)
    print(f"Municipality bill page, a member of the 20-partner service (once): {bill:9.0f} ms")
    files = []
    if SOGNDAL.exists():
        files.append(("Sogndal 2013 (0.5 MB)", SOGNDAL.read_bytes(), 2013))
    under = _generated(280_000)
    lines = under.count(b"\n")
    files.append((f"generated ({lines} lines, under the web limit)", under, 2026))
    size = 5_000_000 if args.quick else 19_500_000
    files.append((f"generated ({size / 1e6:.1f} MB)", _generated(size), 2026))
    for label, raw, year in files:

        def preview(raw: bytes = raw, year: int = year) -> TestResponse:
            form = {"municipality": "1420" if year == 2013 else "5522", "year": str(year),
                    "file": (io.BytesIO(raw), "budsjett.csv")}  # fmt: skip
            return client.post("/import/forhandsvis", data=form,
                               content_type="multipart/form-data")  # fmt: skip

        def direct(raw: bytes = raw, year: int = year, dry: bool = True) -> object:
            return services.import_budget(raw, "budsjett.csv", "1420" if year == 2013 else "5522",
                                          year, SYSTEM, uow(), dry_run=dry)  # fmt: skip

        print(f"Budget preview (web), {label}: {_median_ms(preview, runs):9.0f} ms"
              f" (status {preview().status_code})")  # fmt: skip
        print(f"Budget preview (use case), {label}: {_median_ms(direct, runs):9.0f} ms")
        commit_ms = _median_ms(partial(direct, raw, year, False), runs)
        print(f"Budget commit (use case), {label}: {commit_ms:9.0f} ms")


if __name__ == "__main__":
    main()
