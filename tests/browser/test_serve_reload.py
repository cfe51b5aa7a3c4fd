"""factcheck serve in a real browser: an open tab reloads by itself after an edit and shows a broken build's problems."""

from __future__ import annotations

import time

import pytest

from generator.engine.build import build_site
from generator.preview.state import ServeOptions
from tests.conftest import CLAIM_YAML
from tests.preview.test_serve import CLAIM, CLAIM_PAGE, Running, wait_for, write_atomically

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
        page.wait_for_function(
            "!document.getElementById('factcheck-diagnostics') && document.querySelector('h1').textContent.startsWith('Apakah')",
            timeout=15000,
        )
        assert errors == []
    finally:
        context.close()
        srv.close()


def test_tabs_reload_only_when_their_own_page_changed(browser, make_project):
    """The edited fact-check's tab shows the edit at once and is not reloaded again by the full build
    that follows (it writes the same page); the home page's tab reloads for that build, since its card
    changed; a page the edit does not touch never reloads."""
    project = make_project()
    srv = Running(project, ServeOptions(port=0))
    context = browser.new_context()
    try:
        tabs = {url: context.new_page() for url in (CLAIM_PAGE, "/", "/tentang/")}
        for url, tab in tabs.items():
            tab.goto(srv.base + url)
            tab.evaluate("window.notReloaded = true")
        before = srv.build_number()
        write_atomically(project / CLAIM, CLAIM_YAML.replace("title: Apakah", "title: Benarkah"))
        other = tabs["/tentang/"]  # says that the rest of the site is being updated, then that it is done
        other.wait_for_function(
            "(b => b && !b.hidden && b.getAttribute('role') === 'status')(document.getElementById('factcheck-pending'))",
            timeout=15000,
        )
        claim = tabs[CLAIM_PAGE]
        claim.wait_for_function("document.querySelector('h1').textContent.startsWith('Benarkah')", timeout=15000)
        claim.evaluate("window.notReloaded = true")
        tabs["/"].wait_for_function("document.body.textContent.includes('Benarkah Biden')", timeout=15000)
        assert srv.build_number() == before + 2  # the quick page, then the full build
        time.sleep(1)  # a tab told to reload would have done so by now
        assert claim.evaluate("window.notReloaded === true"), "the full build reloaded the page it did not change"
        assert tabs["/tentang/"].evaluate("window.notReloaded === true"), "an untouched page reloaded"
        other.wait_for_function("document.getElementById('factcheck-pending').hidden", timeout=15000)
        assert claim.evaluate(
            "!document.getElementById('factcheck-pending') || document.getElementById('factcheck-pending').hidden"
        )
    finally:
        context.close()
        srv.close()


def test_a_template_or_stylesheet_edit_reaches_the_open_tab_first(browser, make_project):
    """A designer's tab shows an edited template and an edited stylesheet before the full build has run
    (the full builds after the first are held back here until the preview cancels them)."""
    project = make_project(
        {"templates/base.html": '{% extends "builtin:base.html" %}\n', "templates/static/style.css": "footer { color: black; }\n"}
    )
    counter = project / "builds"

    def held_back(project_, options):
        if options.only is not None:  # a build in memory, the answer to an edit: not held back
            return build_site(project_, options)
        calls = int(counter.read_text()) + 1 if counter.exists() else 1
        counter.write_text(str(calls))
        while calls > 1 and not (options.cancelled and options.cancelled()):
            time.sleep(0.05)
        return build_site(project_, options)

    srv = Running(project, ServeOptions(port=0), held_back)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(srv.base + CLAIM_PAGE)
        assert wait_for(lambda: srv.preview.watched() == ["claims/biden-telepon/index.html"])  # its reload script asks
        write_atomically(
            project / "templates/base.html",
            '{% extends "builtin:base.html" %}\n{% block footer %}<p id="tema">Tema baru</p>{% endblock %}\n',
        )
        page.wait_for_selector("#tema", timeout=15000)
        write_atomically(project / "templates/static/style.css", "#tema { color: rgb(0, 0, 128); }\n")
        page.wait_for_function("getComputedStyle(document.getElementById('tema')).color === 'rgb(0, 0, 128)'", timeout=15000)
        assert srv.preview.pending  # the full build is still held back: both came from the quick path
    finally:
        context.close()
        srv.close()
