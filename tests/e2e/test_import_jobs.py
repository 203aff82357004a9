"""Issues 15.3 and 18.8: a budget file too large to read in a request is previewed and saved by
a background job; the request answers 303 at once and /import/jobb/<id> follows the job.

One test sends a file just over the default inline limit (4 003 lines, 0,1 MB) and compares
its rows with the CLI's; the others lower the limit and send 5 lines, so they stay fast.
bench/import_job.py times 15 MB.
"""

import io
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from coop import services
from coop.domain.access import SYSTEM
from coop.domain.jobs import JobStatus
from coop.services.jobs import budget_import_job
from coop.services.jobs.records import cancel_job
from web.cli import main

from ..conftest import login
from .test_import_cli_matches_web import _stored

HEAD = b"konto;tjeneste;budsjett_2026\n"
# Barnevern (function 244): pay 4 000 x 250 kr = 1 000 000 kr; kart og oppmåling (303):
# 100 000 kr of goods; one financing line (870) balances the file.
TAIL = b"12000;30300;100 000\n18700;87000;-1 100 000\n"
LINES = b"10100;24400;250\n" * 4_000 + TAIL
BIG = HEAD + LINES  # 4 003 lines: over IMPORT_INLINE_MAX_LINES (3 000)
SMALL = HEAD + b"10100;24400;500 000\n" * 2 + TAIL  # the same sums in 5 lines


def _ready(app: Flask, tmp_path: Path, inline_lines: int = 3) -> None:
    """Uploads in this test's folder; both services in the catalogue (PostgreSQL has none).

    A tiny inline limit sends even SMALL through the job; the default sends BIG.
    """
    app.instance_path = str(tmp_path / "instance")
    app.config["IMPORT_INLINE_MAX_LINES"] = inline_lines
    services.create_project("Importjobb", ["5522", "5516"], ["barnevern", "kart-oppmaling"],
                            SYSTEM, app.extensions["coop.uow"](), slug="importjobb")  # fmt: skip


def _post_file(client: FlaskClient, data: bytes, municipality: str = "5522"):  # type: ignore[no-untyped-def]
    form = {"municipality": municipality, "year": "2026", "file": (io.BytesIO(data), "b.csv")}
    response = client.post("/import/forhandsvis", data=form, content_type="multipart/form-data")
    response.request.environ["wsgi.input"].close()
    return response


def _job_id(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 303, response.get_data(as_text=True)
    assert "/import/jobb/" in response.location
    return str(response.location.rsplit("/", 1)[-1])


def _token(page: str) -> str:
    found = re.search(r'name="token" value="([A-Za-z0-9_-]{32})"', page)
    assert found is not None, page
    return found[1]


def _count(app: Flask, table: str) -> int:
    with app.extensions["coop.engine"].connect() as c:
        return int(c.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())  # noqa: S608


def test_a_large_file_is_previewed_and_saved_by_jobs(web_app: Flask, tmp_path: Path) -> None:
    app, runner = web_app, web_app.extensions["coop.jobs"]
    _ready(app, tmp_path)
    client = login(app.test_client(), "okonomi-salangen")
    preview = _job_id(_post_file(client, SMALL))
    assert runner.wait(preview, 60) is JobStatus.DONE
    page = client.get(f"/import/jobb/{preview}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200, html
    assert "Forhåndsvisning av b.csv" in html
    assert "4 linjer lest" in html  # the data lines under the header
    assert "1\u00a0000\u00a0000\u00a0kr" in html  # barnevern's gross, summed by hand above
    before = _count(app, "budget_imports")
    commit = _job_id(client.post("/import/lagre", data={"token": _token(html)}))
    assert runner.wait(commit, 60) is JobStatus.DONE
    done = client.get(f"/import/jobb/{commit}")
    assert done.status_code == 303
    listing = client.get(done.location).get_data(as_text=True)
    assert "Importen er lagret: 2 tjenester fikk nytt grunnlag." in listing
    assert _count(app, "budget_imports") == before + 1
    assert "/import/jobb/" in login(app.test_client(), "okonomi-salangen").get(
        f"/jobber/{commit}"
    ).get_data(as_text=True)  # the generic job page links back to the import page


def test_the_job_stores_the_same_rows_as_the_cli(
    app: Flask, app_template: Path, tmp_path: Path
) -> None:
    _ready(app, tmp_path, inline_lines=3_000)  # the default
    client = login(app.test_client(), "okonomi-salangen")
    preview = _job_id(_post_file(client, BIG))
    app.extensions["coop.jobs"].wait(preview, 60)
    token = _token(client.get(f"/import/jobb/{preview}").get_data(as_text=True))
    commit = _job_id(client.post("/import/lagre", data={"token": token}))
    assert app.extensions["coop.jobs"].wait(commit, 60) is JobStatus.DONE
    web = _stored(app.config["DATABASE_URL"])

    shutil.copy(app_template, tmp_path / "cli.sqlite")
    url = f"sqlite:///{tmp_path}/cli.sqlite"
    (tmp_path / "b.csv").write_bytes(BIG)
    args = ["import-budget", str(tmp_path / "b.csv"), "--municipality", "5522", "--year", "2026"]
    result = CliRunner().invoke(main, [*args, "--database", url])
    assert result.exit_code == 0, result.output
    assert [r.service for r in web["baselines"]] == ["barnevern", "kart-oppmaling"]
    assert _stored(url) == web


def test_a_cancelled_commit_writes_nothing(
    web_app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = web_app
    _ready(app, tmp_path)
    client = login(app.test_client(), "okonomi-salangen")
    preview = _job_id(_post_file(client, SMALL))
    app.extensions["coop.jobs"].wait(preview, 60)
    token = _token(client.get(f"/import/jobb/{preview}").get_data(as_text=True))
    real = budget_import_job.import_budget

    def cancel_before_writing(*args, checkpoint, **kwargs):  # type: ignore[no-untyped-def]
        def step(text_: str) -> None:
            if text_.startswith("Lagrer"):  # the owner presses «Avbryt» just now
                actor = args[4]
                cancel_job(commit, actor, app.extensions["coop.uow"]())
            checkpoint(text_)

        return real(*args, checkpoint=step, **kwargs)

    monkeypatch.setattr(budget_import_job, "import_budget", cancel_before_writing)
    counts = {t: _count(app, t) for t in ("budget_imports", "baselines", "change_log")}
    commit = _job_id(client.post("/import/lagre", data={"token": token}))
    assert app.extensions["coop.jobs"].wait(commit, 60) is JobStatus.CANCELLED
    assert {t: _count(app, t) for t in counts} == counts
    page = client.get(f"/import/jobb/{commit}").get_data(as_text=True)
    assert "Jobben ble avbrutt." in page


def test_another_user_cannot_see_the_job_and_other_files_are_forbidden(
    web_app: Flask, tmp_path: Path
) -> None:
    app = web_app
    _ready(app, tmp_path)
    client = login(app.test_client(), "okonomi-salangen")
    job = _job_id(_post_file(client, SMALL))
    app.extensions["coop.jobs"].wait(job, 60)
    other = login(app.test_client(), "okonomi-gratangen")
    assert other.get(f"/import/jobb/{job}").status_code == 404
    assert other.get(f"/jobber/{job}").status_code == 404
    refused = _post_file(client, SMALL, municipality="5516")  # Gratangen's: 403 before any job
    assert refused.status_code == 403
    with app.extensions["coop.uow"]() as uow:
        assert len(uow.jobs.list("okonomi-salangen", 10)) == 1


def test_a_queued_job_shows_its_status_with_a_link_and_a_cancel_button(
    web_app: Flask, tmp_path: Path
) -> None:
    """Without JavaScript the «oppdater nå» link reloads the same page (a job not yet run)."""
    from datetime import UTC, datetime

    from coop.domain.jobs import Job

    _ready(web_app, tmp_path)
    with web_app.extensions["coop.uow"]() as uow:
        job = Job("importventer", budget_import_job.PREVIEW, "okonomi-salangen", None,
                  {"token": "x" * 32}, JobStatus.QUEUED, datetime.now(UTC), 600)  # fmt: skip
        uow.jobs.add(job)
        uow.commit()
    page = login(web_app.test_client(), "okonomi-salangen").get("/import/jobb/importventer")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'data-job-url="/api/jobs/importventer"' in html
    assert '<a href="/import/jobb/importventer?">oppdater nå</a>' in html
    assert 'action="/jobber/importventer/avbryt"' in html
    assert "Forhåndsvisning av budsjettfil: i kø" in html


def test_each_app_reads_the_uploads_in_its_own_folder(
    app: Flask, tmp_path: Path, app_template: Path
) -> None:
    """Job kinds belong to the app that built them: an app built later (another test's, in
    the same process) does not send this app's budget jobs to its own instance folder."""
    from ..conftest import close_test_app, make_test_app

    _ready(app, tmp_path)
    (tmp_path / "other").mkdir()
    shutil.copy(app_template, tmp_path / "other" / "o.sqlite")
    other = make_test_app(tmp_path / "other", f"sqlite:///{tmp_path}/other/o.sqlite")
    try:
        client = login(app.test_client(), "okonomi-salangen")
        preview = _job_id(_post_file(client, SMALL))
        assert app.extensions["coop.jobs"].wait(preview, 60) is JobStatus.DONE
        assert "Forhåndsvisning" in client.get(f"/import/jobb/{preview}").get_data(as_text=True)
        assert not (tmp_path / "other" / "instance" / "uploads").exists()
    finally:
        close_test_app(other)
