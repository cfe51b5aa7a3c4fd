"""factcheck serve in a real browser: an open tab reloads by itself after an edit and shows a broken build's problems."""

from __future__ import annotations

import pytest

from generator.serve import ServeOptions
from tests.conftest import CLAIM_YAML
from tests.test_serve import CLAIM, CLAIM_PAGE, Running, write_atomically

pytestmark = pytest.mark.browser


def test_an_open_tab_follows_edits(browser, make_project):
    project = make_project()
    srv = Running(project, ServeOptions(port=0))
    context = browser.new_context()
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda err: errors.append(str(err)))
        page.goto(srv.base + CLAIM_PAGE)
        assert "Apakah Biden" in page.locator("h1").inner_text()

        write_atomically(project / CLAIM, CLAIM_YAML.replace("title: Apakah", "title: Benarkah"))
        page.wait_for_function("document.querySelector('h1').textContent.startsWith('Benarkah')", timeout=15000)

        write_atomically(project / CLAIM, CLAIM_YAML.replace("verdict: salah", "verdict: [salah"))
        overlay = page.locator("#factcheck-diagnostics")
        overlay.wait_for(timeout=15000)
        assert f"{CLAIM}:8:" in overlay.inner_text()

        write_atomically(project / CLAIM, CLAIM_YAML)
        page.wait_for_function("!document.getElementById('factcheck-diagnostics')"
                               " && document.querySelector('h1').textContent.startsWith('Apakah')", timeout=15000)
        assert errors == []
    finally:
        context.close()
        srv.close()
