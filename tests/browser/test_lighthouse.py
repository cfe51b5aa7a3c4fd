"""Lighthouse (npm `lighthouse` 12.2.3, on Debian's Chromium, offline) on the demo's home page, a
fact-check, the search page and a person page, as a phone and as a desktop sees them: every category
(performance, accessibility, best practices, SEO) scores at least 95. The search page's SEO is the one
exception: it is `noindex` by design (a results page is not for search engines), which Lighthouse counts
against it. The scores are printed at the end of the test run.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM_ARGS, REPO_ROOT, _unavailable, start_static_server

pytestmark = pytest.mark.browser

LIGHTHOUSE = REPO_ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = Path("/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LEAST = 0.95
PAGES = {
    "home": "",
    "fact-check": "claims/biden-telepon-putin-setelah-sanksi/",
    "search": "search/",
    "person": "people/joe-biden/",
}
EXPECTED_LOW = {("search", "seo")}  # noindex on purpose
SCORES: dict[tuple[str, str], dict[str, float]] = {}  # (page, form factor) -> category -> score, for the summary


@pytest.fixture(scope="module")
def address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo served at the root of a local server, built for that address (so canonical URLs are its own)."""
    from datetime import datetime

    from generator.core.project import Project
    from generator.engine.build import BuildOptions, build_site
    from tests.conftest import DEMO_CLOCK, copy_demo

    root = copy_demo(tmp_path_factory.mktemp("demo"))
    site = tmp_path_factory.mktemp("served")
    server = start_static_server(site, not_found=site / "404.html")
    try:
        options = BuildOptions(output=site, clock=datetime.fromisoformat(DEMO_CLOCK), base_url=server.base_url + "/")
        result = build_site(Project.at(root), options)
        assert result.ok, [d.format_text() for d in result.diagnostics if d.severity.value == "error"]
        yield server.base_url + "/"
    finally:
        server.stop()


def lighthouse(url: str, form_factor: str, out: Path) -> dict:
    """Lighthouse's report on the page, as a phone or a desktop sees it."""
    if not LIGHTHOUSE.is_file():
        _unavailable("lighthouse is not installed: run `make npm` (npm install)")
    if not CHROMIUM.is_file():
        _unavailable("Chromium is not installed at /usr/bin/chromium")
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags=--headless=new {' '.join(CHROMIUM_ARGS)}",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert not report.get("runtimeError"), report["runtimeError"]
    return report


def failing_audits(report: dict, category: str) -> list[str]:
    """The audits that cost a category points, to say what to fix."""
    ids = [ref["id"] for ref in report["categories"][category]["auditRefs"] if ref.get("weight")]
    audits = report["audits"]
    return [f"{i}: {audits[i]['title']}" for i in ids if audits[i].get("score") is not None and audits[i]["score"] < 1]


@pytest.mark.parametrize("form_factor", ["mobile", "desktop"])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_category_scores_at_least_95(address: str, page: str, form_factor: str, tmp_path: Path) -> None:
    report = lighthouse(address + PAGES[page], form_factor, tmp_path / "report.json")
    scores = {name: report["categories"][name]["score"] for name in CATEGORIES}
    SCORES[(page, form_factor)] = scores
    low = {
        name: f"{score:.2f} ({'; '.join(failing_audits(report, name))})"
        for name, score in scores.items()
        if score < LEAST and (page, name) not in EXPECTED_LOW
    }
    assert not low, f"{page} ({form_factor}): {low}"
    if page == "search":  # the exception is the noindex alone, nothing else
        assert [line.split(":")[0] for line in failing_audits(report, "seo")] == ["is-crawlable"]


def scores_table() -> list[str]:
    """The figures for the end of the run: one row per page and form factor."""
    if not SCORES:
        return []
    lines = [f"{'page':<12}{'form':<9}" + "".join(f"{name:>16}" for name in CATEGORIES)]
    for (page, form), scores in sorted(SCORES.items()):
        lines.append(f"{page:<12}{form:<9}" + "".join(f"{round(scores[name] * 100):>16}" for name in CATEGORIES))
    return lines
