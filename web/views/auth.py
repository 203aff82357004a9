"""Login (Flask-Login), CSRF (Flask-WTF) and the ``requires`` access rule on every route."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFProtect
from werkzeug.wrappers import Response
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from coop import services
from coop.domain.access import Actor, Role, require_role
from coop.persistence.repositories.users import UserRecord
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.accounts import MAX_PASSWORD

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
csrf = CSRFProtect()
F = TypeVar("F", bound=Callable[..., Any])
WRONG_LOGIN = "Feil brukernavn eller passord."


class WebUser(UserMixin):
    """The logged-in user as Flask-Login sees it."""

    def __init__(self, record: UserRecord) -> None:
        self.record = record
        self.id = f"{record.id}:{record.session_generation}"  # a new generation ends the cookie

    @property
    def actor(self) -> Actor:
        """The domain actor (username, role, municipalities)."""
        return self.record.actor


def get_uow() -> UnitOfWork:
    """A fresh unit of work from the app's session factory."""
    uow: UnitOfWork = current_app.extensions["coop.uow"]()
    return uow


def current_actor() -> Actor:
    """The actor behind the current request (only call inside ``requires``)."""
    return current_user.actor


def requires(*roles: Role) -> Callable[[F], F]:
    """Allow a view to logged-in users, and only to ``roles`` (plus admin) when given."""

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                if request.blueprint == "api":
                    abort(401)
                return login_manager.unauthorized()
            if roles:
                require_role(current_actor(), *roles)
            if "slug" in kwargs:  # a project in the path: members (and admins) only
                services.require_project(kwargs["slug"], current_actor(), get_uow())
            return view(*args, **kwargs)

        wrapper.access_rule = roles or ("innlogget",)  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def public(view: F) -> F:
    """Mark a view as open to everyone (the login page)."""
    view.access_rule = ("offentlig",)  # type: ignore[attr-defined]
    return view


class LoginForm(FlaskForm):
    """Username and password."""

    username = StringField(
        "Brukernavn",
        validators=[
            DataRequired("Skriv brukernavnet ditt."),
            Length(max=100, message="Brukernavnet kan ha høyst 100 tegn."),
        ],
    )
    password = PasswordField(
        "Passord",
        validators=[
            DataRequired("Skriv passordet ditt."),
            Length(max=MAX_PASSWORD, message=f"Passordet kan ha høyst {MAX_PASSWORD} tegn."),
        ],
    )


def login_policy() -> services.LoginPolicy:
    """The app's throttling limits (``LOGIN_MAX_FAILURES_PER_USER`` and friends)."""
    config = current_app.config
    return services.LoginPolicy(
        config["LOGIN_MAX_FAILURES_PER_USER"],
        config["LOGIN_MAX_FAILURES_PER_ADDRESS"],
        config["LOGIN_THROTTLE_MINUTES"],
    )


def start_session(record: UserRecord) -> None:
    """Log the user in for ``PERMANENT_SESSION_LIFETIME`` (renewed while in use)."""
    session.permanent = True
    login_user(WebUser(record))


def _safe_next(target: str | None) -> str:
    if target and not urlsplit(target).netloc and target.startswith("/"):
        return target
    return url_for("pages.index")


@bp.route("/logg-inn", methods=["GET", "POST"])
@public
def login() -> str | Response | tuple[str, int]:
    """Log in with username and password (throttled per user name and address)."""
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form, error=None)
    try:
        record = services.authenticate(
            form.username.data or "",
            form.password.data or "",
            get_uow(),
            address=request.remote_addr or "",
            hash_method=current_app.config["PASSWORD_HASH_METHOD"],
            policy=login_policy(),
        )
    except services.LoginThrottled as throttled:
        return render_template("auth/login.html", form=form, error=throttled.message), 429
    if record is None:
        return render_template("auth/login.html", form=form, error=WRONG_LOGIN)
    start_session(record)
    return redirect(_safe_next(request.args.get("next")))


@bp.post("/logg-ut")
@requires()
def logout() -> Response:
    """Log out: this user's session cookies stop working on the server too."""
    services.end_sessions(current_actor().username, get_uow())
    logout_user()
    flash("Du er logget ut.")
    return redirect(url_for("auth.login"))


def bearer_token(req: Any) -> str | None:
    """The token of an ``Authorization: Bearer …`` header, or None without one."""
    header = req.headers.get("Authorization", "")
    return header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else None


def token_authenticated() -> bool:
    """True when this request's user was authenticated by an API token (not the cookie)."""
    return bool(g.get("coop_token_authenticated"))


def _load_user(user_id: str) -> WebUser | None:
    if bearer_token(request) is not None:  # a token decides alone; the cookie is ignored
        return None
    number, _, generation = user_id.partition(":")
    if not (
        number.isascii() and number.isdigit() and generation.isascii() and generation.isdigit()
    ):
        return None  # a cookie from before session generations, or forged
    record = services.load_user(int(number), int(generation), get_uow())
    return WebUser(record) if record else None


def _load_from_request(req: Any) -> WebUser | None:
    token = bearer_token(req)
    if token is None:
        return None
    record = services.user_for_token(token, get_uow())
    g.coop_token_authenticated = record is not None
    return WebUser(record) if record else None


def init_app(app: Flask) -> None:
    """Bind Flask-Login and CSRF protection to the app."""
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Logg inn for å se denne siden."
    login_manager.user_loader(_load_user)
    login_manager.request_loader(_load_from_request)
    csrf.init_app(app)


def check_role(actor: Actor, *roles: Role) -> bool:
    """True if the actor may act in one of ``roles`` (for showing buttons only)."""
    try:
        require_role(actor, *roles)
    except Exception:  # noqa: BLE001 - Forbidden is the only expected error
        return False
    return True
