"""Style sheets and scripts are linked by their checksum and kept by the browser for a year;
an address without the current checksum is revalidated as before."""

import hashlib
import re
from pathlib import Path

from flask import Flask

from web import static_files

from ..conftest import login

STATIC = Path(__file__).resolve().parents[2] / "web" / "static"


def _digest(name: str) -> str:
    return hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[: static_files.DIGITS]


def test_pages_link_static_files_by_checksum_and_those_are_kept(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    page = client.get("/prosjekter/astafjord-2007").get_data(as_text=True)
    links = dict(re.findall(r'/static/([a-z]+\.(?:css|js))\?v=([0-9a-f]+)"', page))
    assert links["style.css"] == _digest("style.css")
    assert links["progress.js"] == _digest("progress.js")
    with client.get(f"/static/style.css?v={links['style.css']}") as kept:
        assert kept.status_code == 200
        assert kept.cache_control.max_age == 365 * 24 * 3600
        assert kept.cache_control.public
        assert kept.data == (STATIC / "style.css").read_bytes()


def test_without_the_current_checksum_the_browser_asks_again(app: Flask) -> None:
    client = app.test_client()
    for url in ("/static/style.css", "/static/style.css?v=000000000000"):
        with client.get(url) as response:
            assert response.status_code == 200
            assert response.cache_control.max_age is None, url
            assert response.cache_control.no_cache, url


def test_the_checksum_follows_the_content(tmp_path: Path) -> None:
    (tmp_path / "a.css").write_text("body { color: black }", encoding="utf-8")
    first = static_files.version(tmp_path, "a.css")
    assert first == hashlib.sha256(b"body { color: black }").hexdigest()[:12]
    (tmp_path / "a.css").write_text("body { color: navy }", encoding="utf-8")
    assert static_files.version(tmp_path, "a.css") != first
    assert static_files.version(tmp_path, "mangler.css") is None
    assert static_files.version(tmp_path / "sub", "../a.css") is None
