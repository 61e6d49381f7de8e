"""Take the README's screenshots from a running demo site (re-run after a visual change).

    make run                                  # in one terminal: the demo at 127.0.0.1:8000
    .venv/bin/python scripts/screenshots.py   # in another; or pass the site's base URL

It signs in with the demo logins (`member`, `admin`), so point it only at a demo site. The
pictures go to docs/screenshots/, reduced to 256 colours to stay small (under 150 KB each).
Chromium: Debian's /usr/bin/chromium when present (as the browser tests), else Playwright's.
"""

import io
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.browser.conftest import CHROMIUM_ARGS, chromium_executable  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
ARTICLE = "/articles/benzodiazepines-in-recovery/"
UNIT = "/course/getting-started/what-craft-is/"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def save(tab, name):
    """A screenshot of the viewport, as a small palette PNG."""
    picture = Image.open(io.BytesIO(tab.screenshot())).convert("RGB")
    picture = picture.quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    picture.save(OUT / f"{name}.png", optimize=True)
    print(f"{name}.png: {(OUT / f'{name}.png').stat().st_size // 1024} KB")


def sign_in(tab, login, password, then):
    tab.goto(f"/accounts/login/?next={then}")
    tab.fill("#id_login", login)
    tab.fill("#id_password", password)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url(f"**{then}")


def main(base="http://127.0.0.1:8000"):
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable(), args=CHROMIUM_ARGS
        )
        phone = browser.new_context(base_url=base, viewport=PHONE, device_scale_factor=1)
        tab = phone.new_page()
        tab.goto(ARTICLE)
        save(tab, "article-phone")
        sign_in(tab, "member", "changeme-member", UNIT)
        tab.evaluate("document.querySelector('.exercise').scrollIntoView({block: 'start'})")
        save(tab, "course-unit-member")
        phone.close()

        desktop = browser.new_context(base_url=base, viewport=DESKTOP, device_scale_factor=1)
        tab = desktop.new_page()
        page_id = tab.request.get(f"/api/v2/pages/?slug={ARTICLE.split('/')[2]}").json()
        sign_in(tab, "admin", "changeme-admin", "/admin/")
        tab.goto(f"/admin/pages/{page_id['items'][0]['id']}/edit/")
        tab.wait_for_load_state("networkidle")
        save(tab, "editor")
        desktop.close()
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:2])
