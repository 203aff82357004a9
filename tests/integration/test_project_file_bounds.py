"""Issue 15.5: a project file is bounded like an API body (depth, size, finite numbers, NUL)
on every path — the use case, the API and the CLI — and a refused file imports nothing."""

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask

from coop import services
from coop.domain.access import Actor, Role
from coop.domain.errors import InvalidData
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork
from coop.services.project_transfer import MAX_FILE_VALUES
from web.cli import main

STEERING = Actor("styring", Role.STEERING)


def _exported(uow: SqlAlchemyUnitOfWork) -> dict[str, Any]:
    data = services.export_project("astafjord-2007", STEERING, uow)
    data["prosjekt"]["kode"] = "kopi"
    return data


def _deep(levels: int) -> Any:
    value: Any = 0
    for _ in range(levels):
        value = [value]
    return value


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda d: d.update(ekstra=_deep(40)), "Prosjektfilen er nestet dypere enn 32 nivåer"),
        (lambda d: d.update(ekstra=[0] * MAX_FILE_VALUES), "Prosjektfilen har mer enn 1"),
        (lambda d: d["prosjekt"].update(ekstra=float("nan")), "prosjekt.ekstra: nan er ikke"),
        (lambda d: d["grunnlag"][0].update(aarsverk=float("inf")), "er ikke et endelig tall"),
        (lambda d: d["prosjekt"].update(navn="Kopi\x00"), "prosjekt.navn: teksten inneholder"),
    ],
)
def test_a_hostile_project_file_imports_nothing(
    demo: SqlAlchemyUnitOfWork, spoil: Any, message: str
) -> None:
    data = _exported(demo)
    spoil(data)
    with pytest.raises(InvalidData, match=message):
        services.import_project(data, STEERING, demo)
    with demo:
        assert not demo.projects.exists("kopi")


def test_the_api_and_the_cli_refuse_a_non_finite_number(app: Flask, tmp_path: Path) -> None:
    from tests.e2e.test_api import token

    data = _exported(app.extensions["coop.uow"]())
    text = json.dumps(data).replace('"prosjekt": {', '"prosjekt": {"ekstra": 1e400, ', 1)
    response = app.test_client().post(
        "/api/projects/import",
        data=text,
        headers=token(app, "styring") | {"Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert "prosjekt.ekstra: inf er ikke et endelig tall" in response.get_json()["error"]["message"]
    file = tmp_path / "kopi.json"
    file.write_text(text.replace("1e400", "NaN"), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["import-project", str(file), "--database", app.config["DATABASE_URL"]]
    )
    assert result.exit_code == 2
    assert "prosjekt.ekstra: nan er ikke et endelig tall" in result.output
