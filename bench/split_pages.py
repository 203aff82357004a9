"""CPU time of the member page («Hva betaler vi?») and the finance page on the demo.

Profiles each GET through the Flask test client (fresh SQLite file, demo loaded) with
cProfile and prints, per page, the median and minimum CPU time (``time.process_time``, so
other users' load on the machine counts less than in wall time) over ``--runs`` requests,
and how often one request loads the project's data (``load_project_data``) and builds a
service's cost game (``service_game``). Run: .venv/bin/python bench/split_pages.py [--runs 7]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

from coop import services  # noqa: E402
from coop.persistence import migrate  # noqa: E402

HASH = "pbkdf2:sha256:1"
PAGES = {
    "member page, Salangen": "/prosjekter/astafjord-2007/kommuner/5522",
    "finance page, barnevern": "/prosjekter/astafjord-2007/fordeling/barnevern",
}
COUNTED = ("load_project_data", "service_game", "akonto_and_settlement", "akonto_for_game")


def _calls(profile: cProfile.Profile) -> dict[str, int]:
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    out = dict.fromkeys(COUNTED, 0)
    for (_, _, name), (_, calls, *_rest) in stats.items():
        if name in out:
            out[name] += calls
    return out


def main() -> None:
    from web import create_app

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    app = create_app({"TESTING": True, "SECRET_KEY": "b", "WTF_CSRF_ENABLED": False,
                      "DATABASE_URL": f"sqlite:///{folder}/b.sqlite",
                      "PASSWORD_HASH_METHOD": HASH})  # fmt: skip
    app.instance_path = str(folder / "instance")
    migrate.upgrade(app.extensions["coop.engine"])
    uow = app.extensions["coop.uow"]
    services.load_demo(uow())
    services.create_demo_users(uow(), HASH)
    client = app.test_client()
    client.post("/logg-inn", data={"username": "admin", "password": services.DEMO_PASSWORD})
    for label, url in PAGES.items():
        assert client.get(url).status_code == 200, url  # warm: imports, templates, caches
        cpu: list[float] = []
        calls: dict[str, int] = {}
        for _ in range(args.runs):
            profile = cProfile.Profile()
            start = time.process_time()
            profile.enable()
            response = client.get(url)
            profile.disable()
            cpu.append(time.process_time() - start)
            assert response.status_code == 200, (url, response.status_code)
            calls = _calls(profile)
        counted = ", ".join(f"{name} ×{n}" for name, n in calls.items())
        median, low = statistics.median(cpu) * 1000, min(cpu) * 1000
        print(f"{label}: CPU median {median:.0f} ms, min {low:.0f} ms over {args.runs} runs "
              f"(under cProfile); {counted}")  # fmt: skip


if __name__ == "__main__":
    main()
