"""The Flask app for coop: ``create_app`` is the composition root (engine, options, blueprints)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import Any

from flask import Flask, current_app, g, request
from sqlalchemy.orm import sessionmaker
from werkzeug.middleware.proxy_fix import ProxyFix

from coop.persistence import unreadable
from coop.persistence.orm.base import make_engine
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork
from coop.services.jobs import budget_import_job
from coop.services.jobs.kinds import CORE_KINDS, JobKinds
from coop.services.jobs.records import JobRunner
from coop.services.jobs.runners import RqRunner, ThreadRunner
from web import agreement_print, case_print, config, errors, filters, static_files, template_cache
from web.api import routes
from web.views import (
    access,
    account,
    admin,
    agreements,
    auth,
    baselines,
    bills,
    casework,
    catalogue,
    compare,
    finance,
    function_maps,
    imports,
    jobs,
    keys,
    pages,
    placement,
    policies,
    process,
    project_records,
    project_settings,
    project_setup,
    regions,
    scenarios,
    travel,
)


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app from defaults, instance/config.py, COOP_* environment and test config."""
    app = static_files.VersionedStatic("web", instance_relative_config=True)  # as for the package
    app.config.from_object(config.Defaults)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("COOP")
    app.config["DATABASE_URL"] = os.environ.get("DATABASE_URL") or app.config["DATABASE_URL"]
    app.config.from_mapping(test_config or {})
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if app.config["TRUSTED_PROXIES"]:  # behind nginx & co: the client is in X-Forwarded-For
        proxies = int(app.config["TRUSTED_PROXIES"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
    if app.config["HTTPS"]:  # served over HTTPS (behind a proxy): cookies only go back that way
        app.config.update(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True)
        app.config["PREFERRED_URL_SCHEME"] = "https"
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _local_secret(Path(app.instance_path))
    url = app.config["DATABASE_URL"] or f"sqlite:///{app.instance_path}/coop.sqlite"
    app.config["DATABASE_URL"] = url
    engine = make_engine(url, pool_recycle=1800)
    app.extensions["coop.engine"] = engine
    app.extensions["coop.uow"] = partial(SqlAlchemyUnitOfWork, sessionmaker(engine))
    app.extensions["coop.jobs"] = _job_runner(app, _job_kinds(app))
    app.jinja_env.bytecode_cache = template_cache.SHARED
    for module in (auth, errors, filters, static_files):
        module.init_app(app)
    for blueprint in (
        auth.bp,
        pages.bp,
        scenarios.bp,
        agreements.bp,
        casework.bp,
        imports.bp,
        function_maps.bp,
        placement.bp,
        regions.bp,
        compare.bp,
        admin.bp,
        account.bp,
        finance.bp,
        bills.bp,
        keys.bp,
        policies.bp,
        access.bp,
        project_setup.bp,
        project_settings.bp,
        baselines.bp,
        travel.bp,
        project_records.bp,
        catalogue.bp,
        process.bp,
        jobs.bp,
        routes.bp,
    ):
        app.register_blueprint(blueprint)
    app.before_request(_limit_json_body)
    app.before_request(unreadable.start)
    app.context_processor(lambda: {"unreadable_rows": unreadable.notes})
    app.after_request(_security_headers)
    return app


def _job_kinds(app: Flask) -> JobKinds:
    """The core kinds plus those bound to this app (its PDFs, its folder of budget uploads)."""
    bound = (
        agreement_print.pdf_job_kind(app),
        case_print.case_job_kind(app),
        *budget_import_job.job_kinds(lambda: Path(app.instance_path) / "uploads"),
    )
    return {**CORE_KINDS, **{kind.name: kind for kind in bound}}


def _job_runner(app: Flask, kinds: JobKinds) -> JobRunner:
    """RQ on Redis when ``REDIS_URL`` is set, else threads in this process (same interface)."""
    if app.config["REDIS_URL"]:
        return RqRunner(app.config["REDIS_URL"], kinds, app.config["JOB_QUEUE"])
    return ThreadRunner(app.extensions["coop.uow"], kinds, int(app.config["JOB_THREADS"]))


def _limit_json_body() -> None:
    """JSON bodies get ``MAX_JSON_LENGTH`` (2 MB), far below the upload limit for files."""
    if request.is_json:
        request.max_content_length = current_app.config["MAX_JSON_LENGTH"]


def _local_secret(instance: Path) -> str:
    """A per-installation secret kept in the instance folder (never in git)."""
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def _security_headers(response: Any) -> Any:
    user = g.get("_login_user")  # set once Flask-Login has loaded the user for this request
    if (user is not None and user.is_authenticated) or request.endpoint == "auth.login":
        response.headers["Cache-Control"] = "no-store"  # no personal page in a shared cache
    if current_app.config["HTTPS"]:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'self'",
    )
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response
