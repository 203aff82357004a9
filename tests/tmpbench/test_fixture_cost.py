import pytest


@pytest.mark.parametrize("i", range(60))
def test_client(client, i):
    pass


@pytest.mark.parametrize("i", range(60))
def test_app(app, i):
    pass
