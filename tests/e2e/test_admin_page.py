from flask import Flask

from coop import services

from ..conftest import login


def test_admin_creates_a_finance_user_for_lavangen(app: Flask) -> None:
    client = login(app.test_client(), "admin")
    response = client.post(
        "/admin/brukere",
        data={
            "username": "kari",
            "role": "okonomi",
            "municipalities": "5518",
            "password": "et-langt-passord",
        },
    )
    assert response.status_code == 302
    assert "kari" in client.get("/admin/brukere").get_data(as_text=True)
    record = services.authenticate("kari", "et-langt-passord", app.extensions["coop.uow"]())
    assert record is not None
    assert record.actor.municipalities == frozenset({"5518"})


def test_a_finance_user_without_municipality_is_refused(app: Flask) -> None:
    client = login(app.test_client(), "admin")
    response = client.post(
        "/admin/brukere",
        data={"username": "per", "role": "okonomi", "password": "et-langt-passord"},
    )
    assert response.status_code == 422
    assert "minst én kommune" in response.get_data(as_text=True)


def test_only_admins_see_users(app: Flask) -> None:
    for user in ("styring", "okonomi-salangen", "ordforer"):
        client = login(app.test_client(), user)
        assert client.get("/admin/brukere").status_code == 403
        assert client.post("/admin/brukere", data={"username": "x"}).status_code == 403
