"""Map exceptions to HTTP statuses and bokmål pages (HTML) or ``{"error": …}`` (JSON)."""

from __future__ import annotations

import logging
import uuid

from flask import Flask, Response, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from allocation.games.game import GameError
from allocation.solver import Infeasible, SolverFailed
from coop.domain.access import Forbidden
from coop.domain.errors import ConcurrentEdit, CoopError, InvalidData, NotFound, SavedMeanwhile
from coop.services.jobs.records import QueueUnavailable, TooManyJobs

log = logging.getLogger(__name__)
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
TITLES = {
    400: "Ugyldig forespørsel",
    401: "Du må logge inn",
    403: "Ingen tilgang",
    404: "Fant ikke siden",
    405: "Metoden er ikke tillatt",
    409: "Konflikt",
    413: "Filen er for stor",
    422: "Kan ikke behandle dataene",
    429: "For mange forespørsler",
    500: "Noe gikk galt",
    503: "Tjenesten er midlertidig utilgjengelig",
}
# Flask-WTF's reasons, in the words a user can act on (the form must be sent again).
CSRF_REASONS = {
    "The CSRF token is missing.": "Skjemaet mangler sikkerhetsnøkkel (CSRF).",
    "The CSRF session token is missing.": "Økten din mangler sikkerhetsnøkkel (CSRF); "
    "last siden på nytt.",
    "The CSRF token has expired.": "Skjemaet er for gammelt (CSRF-nøkkelen er utløpt).",
    "The CSRF token is invalid.": "Skjemaets sikkerhetsnøkkel (CSRF) er ugyldig.",
    "The CSRF tokens do not match.": "Skjemaets sikkerhetsnøkkel (CSRF) hører ikke til økten din.",
    "The referrer header is missing.": "Forespørselen mangler Referer-overskrift.",
    "The referrer does not match the host.": "Forespørselen kommer fra et annet nettsted.",
}


def csrf_message(reason: str | None) -> str:
    """Flask-WTF's English CSRF reason in bokmål, with what to do about it."""
    if reason in CSRF_REASONS:
        return f"{CSRF_REASONS[reason]} Last siden på nytt og prøv igjen."
    return reason or "Sikkerhetsnøkkelen (CSRF) er ugyldig. Last siden på nytt og prøv igjen."


def _render(status: int, message: str, kind: str, reference: str | None = None) -> Response:
    if request.path.startswith("/api"):
        response = jsonify({"error": {"type": kind, "message": message}})
    else:
        title = TITLES.get(status, "Feil")
        html = render_template(
            "errors/error.html", status=status, title=title, message=message, reference=reference
        )
        response = Response(html, mimetype="text/html")
    response.status_code = status
    return response


def _status(error: Exception) -> int:
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, Forbidden):
        return 403
    if isinstance(error, ConcurrentEdit | SavedMeanwhile | Infeasible):
        return 409
    if isinstance(error, SolverFailed | QueueUnavailable):
        return 503
    if isinstance(error, TooManyJobs):
        return 429
    return 422


def refuse_nul() -> None:
    """A NUL character in the path, a query argument or a form field is refused (422).

    PostgreSQL cannot store NUL in text and SQLite would; refusing it at the door keeps the
    two databases answering alike (issue 15.6). JSON bodies are checked by ``web.api.schema``.
    """
    values = [*(request.view_args or {}).values(), *request.args.items(multi=True)]
    if request.method == "POST" and request.mimetype in FORM_TYPES:
        values.extend(request.form.items(multi=True))
    for value in values:
        for part in value if isinstance(value, tuple) else (value,):
            if isinstance(part, str) and "\x00" in part:
                name = value[0] if isinstance(value, tuple) else "adressen"
                raise InvalidData(f"{name[:40]}: teksten inneholder et NUL-tegn (\\0).")


def init_app(app: Flask) -> None:
    """Register the error handlers and the NUL guard."""
    app.before_request(refuse_nul)

    @app.errorhandler(CoopError)
    @app.errorhandler(GameError)
    @app.errorhandler(Infeasible)
    @app.errorhandler(SolverFailed)
    def domain_error(error: Exception) -> Response:
        message = getattr(error, "message", None) or str(error)
        return _render(_status(error), message, type(error).__name__)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> Response:
        return _render(400, csrf_message(error.description), "CSRFError")

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        status = error.code or 500
        message = (error.description if status == 400 else None) or TITLES.get(status, error.name)
        return _render(status, message, error.name)

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Response:
        reference = uuid.uuid4().hex[:8]
        log.exception("Uventet feil (referanse %s)", reference)
        message = "En uventet feil oppstod. Oppgi referansen til den som drifter coop."
        return _render(500, message, "InternalError", reference)
