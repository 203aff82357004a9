"""Saving the optimiser's best hosts in a new project that has no placement option yet."""

from __future__ import annotations

from decimal import Decimal

from flask import Flask

from coop import services
from coop.domain.access import SYSTEM

from ..conftest import login

KAFJORD, SKJERVOY, NORDREISA = "5540", "5542", "5544"
SLUG = "uten-alternativ"


def test_the_best_hosts_are_saved_with_the_projects_defaults(web_app: Flask) -> None:
    uow = web_app.extensions["coop.uow"]
    services.create_project("Uten alternativ", [KAFJORD, SKJERVOY, NORDREISA], ["ppt"], SYSTEM,
                            uow(), slug=SLUG)  # fmt: skip
    services.grant_access(SLUG, "styring", SYSTEM, uow())
    year = services.baseline_grid(SLUG, SYSTEM, uow()).year
    for number, fte in ((KAFJORD, "1,5"), (SKJERVOY, "2"), (NORDREISA, "3")):
        services.set_baseline(SLUG, "ppt", number, year, {"fte": fte, "gross_cost_nok": "1000000"},
                              "budsjett", SYSTEM, uow())  # fmt: skip
    client = login(web_app.test_client(), "styring")
    saved = client.post(f"/prosjekter/{SLUG}/plassering/lagre",
                        data={"navn": "Optimalt forslag", "vert-ppt": NORDREISA})  # fmt: skip
    assert saved.status_code == 302
    option = services.get_scenario(SLUG, "Optimalt forslag", uow())
    (ppt,) = option.arrangements
    assert ppt.host == NORDREISA
    assert ppt.participants == frozenset({KAFJORD, SKJERVOY, NORDREISA})
    assert ppt.joint_fte == Decimal("6.5")  # 1,5 + 2 + 3 årsverk in the baseline year
    assert ppt.cost_key == "Folketall"
    assert option.policy == "Retningslinjer 2007"  # the default preset
    reader = login(web_app.test_client(), "ordforer")
    refused = reader.post(f"/prosjekter/{SLUG}/plassering/lagre",
                          data={"navn": "X", "vert-ppt": KAFJORD})  # fmt: skip
    assert refused.status_code == 403
