"""Screenshots of the pages of issue 18 at 1366 and 390 px wide, for the closing note.

Run: ``.venv/bin/python bench/screens.py [--out bench/out/screens]``.
Builds the demo on a fresh SQLite file, serves it on a loopback port, and drives Debian's
Chromium (never a downloaded browser) as the user each page is for: the member page and the
split page as Salangen's finance officer, the optimiser with a refused field, the travel map
and the who-hosts-what diagram as the steering group. PNGs are stored with a 256-colour
palette. Prints each file with its size and the page's width at that window (``scrollWidth``;
more than the window means sideways scrolling).
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from werkzeug.serving import make_server  # noqa: E402

from coop import services  # noqa: E402
from coop.persistence import migrate  # noqa: E402
from web import create_app  # noqa: E402

P = "/prosjekter/astafjord-2007"
# (file name, user, path, element to shoot or None for the page, what it shows)
SHOTS = (
    ("medlem-salangen", "okonomi-salangen",
     f"{P}/kommuner/5522?alternativ=Ordførergruppas forslag 2007", None),
    ("fordeling-barnevern", "okonomi-salangen",
     f"{P}/fordeling/barnevern?alternativ=Ordførergruppas forslag 2007", None),
    ("optimering-feil", "styring",
     f"{P}/plassering/?kjor=1&maks_tap=en time&maks_pendling=45&las-barnevern=5522", None),
    ("reisekart", "styring", P, "figure.network-map"),
    ("hvem-er-vert", "styring", f"{P}/alternativer/Ordførergruppas forslag 2007", "figure.map"),
)  # fmt: skip
WIDTHS = (1366, 390)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _palette(path: Path) -> None:
    """Store the PNG with a 256-colour palette (text and flat charts survive; a third the size)."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "screens")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"Chromium finnes ikke på {CHROMIUM}", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    folder = Path(tempfile.mkdtemp())
    app = create_app({"SECRET_KEY": "screens", "DATABASE_URL": f"sqlite:///{folder}/s.sqlite",
                      "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1"})  # fmt: skip
    app.instance_path = str(folder / "instance")
    migrate.upgrade(app.extensions["coop.engine"])
    services.load_demo(app.extensions["coop.uow"]())
    services.create_demo_users(app.extensions["coop.uow"](), "pbkdf2:sha256:1")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=CHROMIUM, args=["--headless=new", "--no-sandbox", "--disable-gpu"]
            )
            for name, user, path, element in SHOTS:
                for width in WIDTHS:
                    context = browser.new_context(
                        base_url=base, locale="nb-NO", viewport={"width": width, "height": 900}
                    )
                    page = context.new_page()
                    page.goto("/logg-inn")
                    page.get_by_label("Brukernavn").fill(user)
                    page.get_by_label("Passord").fill(services.DEMO_PASSWORD)
                    page.get_by_role("button", name="Logg inn").click()
                    page.wait_for_url(f"{base}/")
                    response = page.goto(path)
                    target = args.out / f"{name}-{width}.png"
                    if element:
                        page.locator(element).first.screenshot(path=str(target))
                    else:
                        page.screenshot(path=str(target), full_page=True)
                    _palette(target)
                    wide = page.evaluate("document.documentElement.scrollWidth")
                    kb = target.stat().st_size / 1024
                    status = response.status if response else "?"
                    print(f"{target.name:32} {kb:7.0f} kB  HTTP {status}  bredde {wide} px")
                    context.close()
            browser.close()
    finally:
        server.shutdown()
        app.extensions["coop.engine"].dispose()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
