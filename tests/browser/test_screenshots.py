"""The look of the demo, held like golden output: the home page, a fact-check, the search page (a query
typed) and a person page, as Chromium draws them on a phone (390x844) and on a desktop (1280x800), are
compared with the reference pictures in tests/browser/screenshots/. A picture may differ from its
reference in at most 0.5 % of its pixels (anti-aliasing moves a little between runs); anything more is
a change of design, which is made on purpose: `pytest --update-golden tests/browser/test_screenshots.py`
redraws the references, and the diff of the pictures goes into review with the change.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from tests.browser.conftest import start_static_server

pytestmark = pytest.mark.browser

REFERENCES = Path(__file__).resolve().parent / "screenshots"  # not under tests/golden/: --update-golden rewrites that
SCREENS = {"phone": (390, 844), "desktop": (1280, 800)}
PAGES = {
    "home": "",
    "fact-check": "claims/biden-telepon-putin-setelah-sanksi/",
    "search": "search/?q=sanksi",
    "person": "people/joe-biden/",
}
TOLERANCE = 0.005  # the share of pixels that may differ
NOTICEABLE = 48  # a pixel differs when one of its channels moved by more than this (of 255)


def differing_share(picture: Image.Image, reference: Image.Image) -> float:
    if picture.size != reference.size:
        return 1.0
    red, green, blue = ImageChops.difference(picture.convert("RGB"), reference.convert("RGB")).split()
    moved = ImageChops.lighter(ImageChops.lighter(red, green), blue).point(lambda v: 255 if v > NOTICEABLE else 0)
    histogram = moved.histogram()
    return histogram[255] / (picture.width * picture.height)


@pytest.fixture(scope="module")
def address(demo_site: Path):
    server = start_static_server(demo_site)
    yield server.base_url + "/"
    server.stop()


@pytest.mark.parametrize("screen", sorted(SCREENS))
@pytest.mark.parametrize("page_name", sorted(PAGES))
def test_the_page_looks_as_its_reference(browser, address: str, page_name: str, screen: str, update_golden: bool) -> None:
    width, height = SCREENS[screen]
    context = browser.new_context(viewport={"width": width, "height": height}, reduced_motion="reduce", color_scheme="light")
    try:
        page = context.new_page()
        page.goto(address + PAGES[page_name], wait_until="networkidle")
        if page_name == "search":
            page.wait_for_selector(".pagefind-ui__result-link")
            page.wait_for_load_state("networkidle")
        page.evaluate("document.fonts.ready")
        picture = Image.open(BytesIO(page.screenshot(animations="disabled", caret="hide")))
    finally:
        context.close()
    reference = REFERENCES / f"{page_name}-{screen}.png"
    if update_golden or not reference.is_file():
        REFERENCES.mkdir(parents=True, exist_ok=True)
        picture.save(reference, optimize=True)
        if not update_golden:
            pytest.fail(f"no reference picture yet: drew {reference.name}; look at it, then commit it")
        return
    share = differing_share(picture, Image.open(reference))
    if share > TOLERANCE:
        picture.save(reference.with_name(reference.stem + ".actual.png"))
    assert share <= TOLERANCE, (
        f"{page_name} on a {screen}: {share:.1%} of the pixels differ from {reference.name} "
        f"(see {reference.stem}.actual.png); if the change is meant, run pytest --update-golden"
    )
