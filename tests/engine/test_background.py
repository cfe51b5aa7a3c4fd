"""Cancelling a build (BuildOptions.cancelled) and running one in a child process (background.py)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from generator.core.project import Project
from generator.engine.background import ChildBuild
from generator.engine.build import BuildOptions, build_site

CLOCK = datetime(2026, 1, 1, tzinfo=UTC)


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file, Pagefind's bundle included (its order is fixed: see generator/searchorder.py)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_cancelled_build_leaves_the_previous_site_and_says_so(make_project):
    project = make_project()
    site = project / "site"
    assert build_site(Project.at(project), BuildOptions(output=site, clock=CLOCK)).ok
    before = files_of(site)
    (project / "content/claims/biden-telepon.yaml").write_text(
        (project / "content/claims/biden-telepon.yaml").read_text().replace("title: Apakah", "title: Benarkah")
    )
    for stop_at in range(1, 12):  # stop at each check point in turn, until the build gets past the last
        asked = []
        result = build_site(
            Project.at(project),
            BuildOptions(output=site, clock=CLOCK, cache=False, cancelled=lambda: asked.append(1) or len(asked) >= stop_at),
        )
        if not result.cancelled:
            break
        assert not result.ok and result.diagnostics == []
        assert files_of(site) == before, f"cancelled at check {stop_at} changed the site"
        assert not list(project.glob(".site.staging-*")), "the staging folder was left behind"
    else:
        raise AssertionError("the build never finished")
    assert stop_at > 3 and result.ok and "Benarkah" in (site / "claims/biden-telepon/index.html").read_text()


def test_a_build_in_a_child_process_gives_the_same_site(make_project):
    project = make_project()
    child = ChildBuild(build_site, Project.at(project), BuildOptions(output=project / "child", clock=CLOCK))
    result = child.result()
    assert result.ok and result.snapshot is None and result.written > 10
    assert "claims/biden-telepon/index.html" in result.changed
    here = build_site(Project.at(project), BuildOptions(output=project / "here", clock=CLOCK))
    assert files_of(project / "child") == files_of(project / "here") and here.written == result.written


def test_a_child_build_can_be_cancelled(make_project):
    project = make_project()
    child = ChildBuild(build_site, Project.at(project), BuildOptions(output=project / "site", clock=CLOCK))
    child.cancel()
    result = child.result()
    assert result.cancelled and not (project / "site").exists()
    child.cancel()  # after the end: harmless


def test_a_crash_in_the_child_comes_back_as_a_diagnostic(make_project):
    def broken(project, options):
        raise RuntimeError("boom")

    result = ChildBuild(broken, Project.at(make_project()), BuildOptions(clock=CLOCK)).result()
    assert not result.ok and result.diagnostics[0].code == "internal-error" and "boom" in result.diagnostics[0].message


def test_a_child_that_dies_without_answering_is_reported(make_project):
    def dies(project, options):
        os._exit(3)  # as if killed: no result comes back

    result = ChildBuild(dies, Project.at(make_project()), BuildOptions(clock=CLOCK)).result()
    assert not result.ok and not result.cancelled
    assert result.diagnostics[0].code == "internal-error" and "exit status 3" in result.diagnostics[0].message
