"""Budget preview and commit through the web with background jobs (issues 15.3, 18.8).

On a fresh SQLite file with the demo, logged in as Salangen's finance officer, for a small
file (read in the request) and generated files over the inline limit (a few MB and 15 MB):
the upload request (303 to the job), the preview job, the job page that shows the preview,
the commit request and the commit job. Run: .venv/bin/python bench/import_job.py [--quick]
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

from bench.request_times import HASH, _generated  # noqa: E402
from coop import services  # noqa: E402
from coop.persistence import migrate  # noqa: E402


def _ms(start: float) -> str:
    return f"{(time.perf_counter() - start) * 1000:8.0f} ms"


def main() -> None:
    from web import create_app

    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="up to 5 MB instead of 15 MB")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    app = create_app({"TESTING": True, "SECRET_KEY": "b", "WTF_CSRF_ENABLED": False,
                      "DATABASE_URL": f"sqlite:///{folder}/b.sqlite",
                      "PASSWORD_HASH_METHOD": HASH})  # fmt: skip
    app.instance_path = str(folder / "instance")
    migrate.upgrade(app.extensions["coop.engine"])
    uow, runner = app.extensions["coop.uow"], app.extensions["coop.jobs"]
    services.load_demo(uow())
    services.create_demo_users(uow(), HASH)
    client = app.test_client()
    client.post("/logg-inn", data={"username": "okonomi-salangen",
                                   "password": services.DEMO_PASSWORD})  # fmt: skip
    sizes = [200_000, 1_000_000, 5_000_000] + ([] if args.quick else [15_000_000])
    for size in sizes:
        raw = _generated(size)
        lines = raw.count(b"\n")
        label = f"{len(raw) / 1e6:5.1f} MB, {lines:7d} lines"
        form = {"municipality": "5522", "year": "2026", "file": (io.BytesIO(raw), "b.csv")}
        start = time.perf_counter()
        sent = client.post("/import/forhandsvis", data=form, content_type="multipart/form-data")
        print(f"{label}: upload request {_ms(start)} (status {sent.status_code})")
        page = sent
        if sent.status_code == 303:
            job = sent.location.rsplit("/", 1)[-1]
            start = time.perf_counter()
            runner.wait(job, 600)
            print(f"{label}: preview job     {_ms(start)}")
            start = time.perf_counter()
            page = client.get(sent.location)
            print(f"{label}: preview page    {_ms(start)} (status {page.status_code})")
        token = re.search(r'name="token" value="([A-Za-z0-9_-]{32})"', page.get_data(as_text=True))
        if token is None:
            print(f"{label}: no «Lagre importen» (the file has errors)")
            continue
        start = time.perf_counter()
        sent = client.post("/import/lagre", data={"token": token[1]})
        print(f"{label}: commit request  {_ms(start)} (status {sent.status_code})")
        if sent.status_code == 303:
            start = time.perf_counter()
            runner.wait(sent.location.rsplit("/", 1)[-1], 600)
            print(f"{label}: commit job      {_ms(start)}")
    runner.shutdown()


if __name__ == "__main__":
    main()
