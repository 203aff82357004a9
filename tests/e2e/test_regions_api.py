"""POST /api/regions starts a background job at once; the job gives the grouping when done."""

from flask import Flask

from coop import services


def token(app: Flask, username: str) -> dict[str, str]:
    value = services.issue_api_token(username, app.extensions["coop.uow"]())
    return {"Authorization": f"Bearer {value}"}


def test_a_region_job_returns_202_and_then_the_groups(app: Flask) -> None:
    client = app.test_client()
    body = {"service": "barnevern", "municipalities": ["5516", "5518", "5522"], "top": 2}
    started = client.post("/api/regions", json=body, headers=token(app, "styring"))
    assert started.status_code == 202, started.get_data(as_text=True)
    job = started.get_json()
    assert job["status"] in {"queued", "running", "done"}
    app.extensions["coop.jobs"].wait(job["id"], 60)
    done = client.get(started.location, headers=token(app, "styring")).get_json()
    assert done["status"] == "done", done
    result = done["result"]
    assert result["status"] == "optimal"
    assert [g["members"] for g in result["groups"]] == [["5522", "5516", "5518"]]
    assert result["groups"][0]["names"][0] == "Salangen"
    assert len(result["alternatives"]) == 1
    assert result["fixed_cost_basis"].startswith("anslag")
    assert result["today"]["groups"][0]["host"] == "5522"  # Astafjord barnevern today


def test_bad_fields_are_422_before_anything_is_queued(app: Flask) -> None:
    client = app.test_client()
    headers = token(app, "styring")
    both = {"service": "barnevern", "county": "55", "everywhere": True}
    assert client.post("/api/regions", json=both, headers=headers).status_code == 422
    far = {"service": "barnevern", "county": "55", "max_travel_min": 99999}
    response = client.post("/api/regions", json=far, headers=headers)
    assert response.status_code == 422
    assert "max_travel_min" in response.get_json()["error"]["message"]
    typed = {"service": "barnevern", "county": 55}
    assert client.post("/api/regions", json=typed, headers=headers).status_code == 422
    unknown = {"service": "barnevern", "county": "55", "colour": "red"}
    assert client.post("/api/regions", json=unknown, headers=headers).status_code == 422


def test_readers_may_not_start_a_region_job(app: Flask) -> None:
    body = {"service": "barnevern", "county": "55"}
    response = app.test_client().post("/api/regions", json=body, headers=token(app, "ordforer"))
    assert response.status_code == 403
