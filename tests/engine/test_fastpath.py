"""A rebuild that would change nothing is recognised without loading anything, and only then."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest

import generator.engine.records as records_module
from generator.core.project import Project
from generator.engine.build import BuildOptions, build_site
from tests.conftest import CLAIM_YAML

CLOCK = datetime(2026, 1, 1, tzinfo=UTC)
CLAIM = "content/claims/biden-telepon.yaml"


def age_tree(root, seconds=120):
    for path in root.rglob("*"):
        if path.is_file():
            stamp = path.stat().st_mtime - seconds
            os.utime(path, (stamp, stamp))


@pytest.fixture
def project(make_project):
    root = make_project({"templates/page.html": '{% extends "builtin:page.html" %}\n'})
    age_tree(root)
    return Project.at(root)


def build(project, **options):
    return build_site(project, BuildOptions(output=project.root / "site", clock=options.pop("clock", CLOCK), **options))


def forbid_loading(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the fast path should not load content")

    monkeypatch.setattr(records_module, "load_records", refuse)


def test_nothing_changed_means_nothing_is_read(project, monkeypatch):
    first = build(project)
    assert first.ok and first.written > 0
    forbid_loading(monkeypatch)
    second = build(project)
    assert second.ok and second.written == 0 and second.removed == 0
    assert second.unchanged == first.written + first.unchanged


def test_an_edit_is_built(project, monkeypatch):
    assert build(project).ok
    path = project.root / CLAIM
    path.write_text(CLAIM_YAML.replace("Panggilan terjadi", "Telepon terjadi"), encoding="utf-8")
    age_tree(project.root / "content", 60)
    result = build(project)
    assert result.ok and result.written >= 1
    assert "Telepon terjadi" in (project.root / "site/claims/biden-telepon/index.html").read_text(encoding="utf-8")


def test_a_theme_edit_is_built(project):
    assert build(project).ok
    extra = project.root / "templates/static/extra.css"
    extra.parent.mkdir(parents=True, exist_ok=True)
    extra.write_text("body { margin: 0 }\n", encoding="utf-8")
    age_tree(project.root / "templates", 60)
    result = build(project)
    assert result.ok and result.written == 1
    assert (project.root / "site/static/extra.css").read_text(encoding="utf-8") == "body { margin: 0 }\n"


def test_a_scheduled_claim_appears_when_its_time_comes(project):
    early = datetime(2021, 4, 18, tzinfo=UTC)  # before the claim's publication
    assert build(project, clock=early).ok
    assert not (project.root / "site/claims/biden-telepon/index.html").exists()
    later = datetime(2021, 4, 20, tzinfo=UTC)
    assert build(project, clock=later).ok
    assert (project.root / "site/claims/biden-telepon/index.html").exists()


def test_a_hand_edited_output_is_rebuilt(project):
    assert build(project).ok
    page = project.root / "site/index.html"
    original = page.read_bytes()
    page.write_bytes(b"defaced")
    result = build(project)
    assert result.written == 1
    assert page.read_bytes() == original


def test_other_options_are_a_different_build(project, monkeypatch):
    assert build(project).ok
    result = build(project, drafts=True)
    assert result.ok and result.unchanged > 0  # went through the real pipeline, found the same bytes


def test_without_the_cache_every_build_is_real(project, monkeypatch):
    assert build(project, cache=False).ok
    forbid_loading(monkeypatch)
    with pytest.raises(AssertionError, match="fast path"):
        build(project, cache=False)


def test_failed_builds_never_leave_a_manifest(project):
    assert build(project).ok
    (project.root / CLAIM).write_text(CLAIM_YAML.replace("verdict: salah", "verdict: salh"), encoding="utf-8")
    assert not build(project).ok
    assert not (project.root / ".factcheck-cache/last-build.pickle").exists()


def test_no_cache_on_the_command_line_forces_a_real_build(project, run_cli):
    assert run_cli("build", "--clock", "2026-01-01T00:00:00+00:00", project=project.root).exit_code == 0
    page = project.root / "site/claims/biden-telepon/index.html"
    original = page.read_bytes()
    page.write_bytes(b"edited in place")  # deep inside: the fast path does not look there
    result = run_cli("build", "--no-cache", "--clock", "2026-01-01T00:00:00+00:00", project=project.root)
    assert result.exit_code == 0
    assert page.read_bytes() == original
