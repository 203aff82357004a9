"""Travel between a project's members: every pair, estimated or entered; enter or import pairs."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from coop import services
from coop.domain.access import Forbidden, Role
from coop.domain.errors import CoopError, InvalidData
from coop.domain.travel.links import LinkMode
from coop.domain.travel.travel_files import InvalidTravelFile
from web.views.auth import current_actor, get_uow, requires

bp = Blueprint("travel", __name__, url_prefix="/prosjekter/<slug>/reiser")
FIELD_OF = {"Kilometer": "km", "Minutter": "minutter", "Ferjepris": "ferjepris",
            "Ventetid": "ventetid", "Ukjent reisemåte": "type"}  # fmt: skip


def _page(
    slug: str,
    problems: dict[str, str] | None = None,
    file_problems: tuple[str, ...] = (),
    status: int = 200,
) -> tuple[str, int]:
    page = services.travel_page(slug, current_actor(), get_uow())
    entered: MultiDict[str, str] = request.form if request.method == "POST" else request.args
    members = sorted({(v.a, v.a_name) for v in page.pairs} | {(v.b, v.b_name) for v in page.pairs},
                     key=lambda m: m[1])  # fmt: skip
    chosen = next((v for v in page.pairs if {v.a, v.b} == {entered.get("fra"), entered.get("til")}),
                  None)  # fmt: skip
    html = render_template(
        "travel/pairs.html",
        t=page,
        p={"slug": slug, "name": page.project_name},
        problems=problems or {},
        file_problems=file_problems,
        entered=entered,
        modes=list(LinkMode),
        members=members,
        chosen=chosen,
    )
    return html, status


@bp.get("/")
@requires()
def pairs(slug: str) -> tuple[str, int]:
    """Every pair of members with km, minutes and where the figures come from."""
    return _page(slug)


@bp.post("/")
@requires(Role.STEERING)
def enter(slug: str) -> Response | tuple[str, int]:
    """Enter one pair (both ways): minutes, km, type, ferry fare, wait, season, basis."""
    form = request.form
    values = {
        "km": form.get("km", ""),
        "minutes": form.get("minutter", ""),
        "mode": form.get("type", "road"),
        "fare_nok": form.get("ferjepris", ""),
        "wait_min": form.get("ventetid", ""),
        "season": form.get("sesong", ""),
        "basis": form.get("grunnlag", ""),
    }
    a, b = form.get("fra", ""), form.get("til", "")
    try:
        services.set_travel(slug, a, b, values, current_actor(), get_uow(),
                            form.get("begrunnelse", ""))  # fmt: skip
    except Forbidden:
        raise
    except CoopError as error:
        field = next((f for p, f in FIELD_OF.items() if error.message.startswith(p)), "fra")
        return _page(slug, {field: error.message}, status=422)
    flash("Reisen er lagret for begge retninger; anslaget gjelder ikke lenger for paret.")
    return redirect(url_for("travel.pairs", slug=slug))


@bp.post("/glem")
@requires(Role.STEERING)
def forget(slug: str) -> Response | tuple[str, int]:
    """Forget a pair's entered figures: the network or the estimate applies again."""
    try:
        services.remove_travel(slug, request.form.get("fra", ""), request.form.get("til", ""),
                               current_actor(), get_uow())  # fmt: skip
    except Forbidden:
        raise
    except CoopError as error:
        return _page(slug, {"fra": error.message}, status=422)
    flash("De oppgitte tallene er glemt; paret bruker igjen reisenettet eller anslaget.")
    return redirect(url_for("travel.pairs", slug=slug))


@bp.post("/import")
@requires(Role.STEERING)
def upload(slug: str) -> Response | tuple[str, int]:
    """Import pairs or a route planner's matrix; a bad line changes nothing."""
    file = request.files.get("fil")
    raw = file.read() if file else b""
    name = (file.filename if file else None) or "reiser.csv"
    try:
        if not raw:
            raise InvalidData("Velg en CSV-fil med par eller en matrise.")
        links = services.import_travel(slug, raw, name, current_actor(), get_uow())
    except Forbidden:
        raise
    except InvalidTravelFile as error:
        return _page(slug, {"fil": f"{name}: ingenting er lagret."}, error.problems, 422)
    except CoopError as error:
        return _page(slug, {"fil": error.message}, status=422)
    flash(f"{len(links)} par er lest fra {name} og lagret.")
    return redirect(url_for("travel.pairs", slug=slug))
