"""A build in memory (generator/engine/inmemory.py), the live preview's answer to an edit: an edited
fact-check's page, rendered from the records in memory, is byte for byte the page the full build
writes; anything it cannot show exactly goes to the full build."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from generator.core.project import Project
from generator.engine.build import BuildOptions, build_site
from generator.engine.inmemory import prepare as prepared
from generator.engine.options import Snapshot
from tests.conftest import CLAIM_YAML

REPO = Path(__file__).resolve().parents[2]
CLOCK = datetime(2026, 1, 1, tzinfo=UTC)
CLAIM = "content/claims/biden-telepon.yaml"


def demo_project(tmp_path: Path) -> Path:
    project = tmp_path / "demo"
    shutil.copytree(REPO / "content", project / "content")
    if (REPO / "templates").is_dir():
        shutil.copytree(REPO / "templates", project / "templates")
    return project


def full_build(project: Path, drafts: bool = False):
    result = build_site(Project.at(project), BuildOptions(output=project / "site", clock=CLOCK, drafts=drafts))
    assert result.ok, result.diagnostics
    return result


def snapshot_of(result) -> Snapshot:
    return result.snapshot


def quick_update(project: Project, snapshot: Snapshot, changed, options: BuildOptions, watched=()):
    """The engine's build in memory after these edits; None when it leaves them to the full build."""
    result = build_site(project, replace(options, since=snapshot, changed=tuple(changed), only=tuple(watched)))
    return None if result.needs_full else result


def edited(text: str, field: str) -> str:
    """The record with one field changed, written back as YAML (the demo quotes and folds its texts)."""
    data = yaml.safe_load(text)
    if field == "analysis":
        data[field] = "Paragraf baru di awal.\n\n" + data[field]
    else:
        data[field] = "Disunting: " + data[field]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


EDITS = ["summary", "title", "analysis"]  # each changes the page; the first two also its cards elsewhere


@pytest.mark.parametrize("drafts", [False, True])
def test_the_quick_page_is_the_page_the_full_build_writes(tmp_path, drafts):
    project = demo_project(tmp_path)
    snapshot = prepared(Project.at(project), snapshot_of(full_build(project, drafts)), BuildOptions(clock=CLOCK, drafts=drafts))
    claims = sorted((project / "content" / "claims").glob("*.yaml"))
    assert len(claims) >= 10
    checked = 0
    for number, path in enumerate(claims):
        name = EDITS[number % len(EDITS)]
        path.write_text(edited(path.read_text(encoding="utf-8"), name), encoding="utf-8")
        rel = f"content/claims/{path.name}"
        update = quick_update(Project.at(project), snapshot, [rel], BuildOptions(clock=CLOCK, drafts=drafts))
        assert update is not None and update.ok, (name, update and update.diagnostics)
        full_build(project, drafts)
        page = f"claims/{path.stem}/index.html"
        if not update.pages:  # a draft or scheduled claim, shown only with drafts
            assert not drafts and not (project / "site" / page).exists()
            continue
        assert list(update.pages) == [page]
        assert update.pages[page] == (project / "site" / page).read_bytes(), f"{name} edit of {path.name}"
        snapshot = update.snapshot  # edits pile up, as in a preview session
        checked += 1
    assert checked >= 10


def test_an_edit_that_reorders_the_archive_still_gives_the_full_builds_page(make_project, tmp_path):
    second = CLAIM_YAML.replace("title: Apakah", "title: Kedua").replace("published: 2021-04-19", "published: 2021-04-20")
    project = make_project({"content/claims/kedua.yaml": second})
    snapshot = snapshot_of(full_build(project))
    path = project / CLAIM
    path.write_text(CLAIM_YAML.replace("published: 2021-04-19", "published: 2021-04-21"), encoding="utf-8")
    update = quick_update(Project.at(project), snapshot, [CLAIM], BuildOptions(clock=CLOCK))
    full_build(project)
    page = "claims/biden-telepon/index.html"
    assert update.pages[page] == (project / "site" / page).read_bytes()


def test_a_new_claim_file_is_shown_at_once(make_project):
    project = make_project()
    snapshot = snapshot_of(full_build(project))
    (project / "content/claims/baru.yaml").write_text(
        CLAIM_YAML.replace("title: Apakah", "title: Baru, apakah"), encoding="utf-8"
    )
    update = quick_update(Project.at(project), snapshot, ["content/claims/baru.yaml"], BuildOptions(clock=CLOCK))
    assert update.ok and "Baru, apakah" in update.pages["claims/baru/index.html"].decode()
    assert "baru" in update.snapshot.content.claims


def test_broken_yaml_reports_file_and_line_and_keeps_the_last_good_record(make_project):
    project = make_project()
    snapshot = snapshot_of(full_build(project))
    path = project / CLAIM
    path.write_text(CLAIM_YAML.replace("verdict: salah", "verdict: [salah"), encoding="utf-8")
    update = quick_update(Project.at(project), snapshot, [CLAIM], BuildOptions(clock=CLOCK))
    assert not update.ok and not update.pages
    assert next((d.path, d.line) for d in update.diagnostics if d.severity.value == "error") == (CLAIM, 8)
    assert update.snapshot.content.claims["biden-telepon"].model.verdict == "salah"
    path.write_text(CLAIM_YAML.replace("title: Apakah", "title: Jadi, apakah"), encoding="utf-8")
    fixed = quick_update(Project.at(project), update.snapshot, [CLAIM], BuildOptions(clock=CLOCK))
    assert fixed.ok and not fixed.diagnostics and "Jadi, apakah" in fixed.pages["claims/biden-telepon/index.html"].decode()


def test_the_checks_across_records_run_for_the_edited_claim(make_project):
    project = make_project()
    snapshot = snapshot_of(full_build(project))
    (project / CLAIM).write_text(
        CLAIM_YAML.replace("claimant: medcom", "claimant: nobody").replace("[@order]", "[@ordr]"), encoding="utf-8"
    )
    update = quick_update(Project.at(project), snapshot, [CLAIM], BuildOptions(clock=CLOCK))
    codes = {d.code for d in update.diagnostics}
    assert not update.ok and {"unknown-reference", "unknown-source"} <= codes, codes


def test_other_files_keep_their_warnings(make_project):
    noisy = CLAIM_YAML.replace("[@order]", "")  # the source 'order' is never cited: a warning
    project = make_project({"content/claims/lain.yaml": noisy})
    result = full_build(project)
    assert any(d.path == "content/claims/lain.yaml" for d in result.diagnostics)
    (project / CLAIM).write_text(CLAIM_YAML.replace("title: Apakah", "title: Benarkah"), encoding="utf-8")
    update = quick_update(Project.at(project), snapshot_of(result), [CLAIM], BuildOptions(clock=CLOCK))
    assert update.ok and [d.path for d in update.diagnostics] == [d.path for d in result.diagnostics]


@pytest.mark.parametrize(
    "changed, setup",
    [
        (["content/site.yaml"], None),
        (["templates/claim.html", CLAIM], None),  # a template and a record at once
        (["content/people/medcom.yaml"], None),
        ([CLAIM, "content/pages/tentang.md"], None),
        (["content/claims/gone.yaml"], None),  # removed: its page and every list change
        (["content/claims/notes.txt"], "stray"),  # the full build warns about it
        ([CLAIM], "draft"),  # leaves the site (drafts off)
        ([CLAIM], "future"),  # scheduled: leaves the site until then
    ],
)
def test_changes_it_cannot_show_exactly_go_to_the_full_build(make_project, changed, setup):
    project = make_project()
    snapshot = snapshot_of(full_build(project))
    if setup == "stray":
        (project / "content/claims/notes.txt").write_text("notes", encoding="utf-8")
    elif setup == "draft":
        (project / CLAIM).write_text(CLAIM_YAML + "draft: true\n", encoding="utf-8")
    elif setup == "future":
        (project / CLAIM).write_text(CLAIM_YAML.replace("published: 2021-04-19", "published: 2030-04-19"), encoding="utf-8")
    assert quick_update(Project.at(project), snapshot, changed, BuildOptions(clock=CLOCK)) is None


def test_an_editors_temporary_files_are_ignored(make_project):
    project = make_project()
    snapshot = snapshot_of(full_build(project))
    (project / "content/claims/.biden-telepon.yaml.swp").write_bytes(b"\0")
    changed = [CLAIM, "content/claims/.biden-telepon.yaml.swp", "content/claims/4913", "content/claims/biden-telepon.yaml~"]
    update = quick_update(Project.at(project), snapshot, changed, BuildOptions(clock=CLOCK))
    assert update is not None and list(update.pages) == ["claims/biden-telepon/index.html"]


# --- Template edits: the pages open tabs show ------------------------------------------------------

WATCHED = ["claims/biden-telepon/index.html", "index.html", "search/index.html", "tentang/index.html", "no/such/index.html"]


def test_a_template_edit_renders_the_open_pages_as_the_full_build_will(make_project):
    project = make_project({"templates/base.html": '{% extends "builtin:base.html" %}\n'})
    snapshot = snapshot_of(full_build(project))
    (project / "templates/base.html").write_text(
        '{% extends "builtin:base.html" %}\n{% block footer %}<p>Tema baru</p>{% endblock %}\n', encoding="utf-8"
    )
    update = quick_update(Project.at(project), snapshot, ["templates/base.html"], BuildOptions(clock=CLOCK), WATCHED)
    assert update is not None and update.ok and not update.reload_all
    assert sorted(update.pages) == sorted(WATCHED[:4])  # a page the site does not have is left out
    full_build(project)
    for path, page in update.pages.items():
        assert b"Tema baru" in page
        assert page == (project / "site" / path).read_bytes(), path


def test_later_template_edits_reuse_the_planned_routes(make_project, monkeypatch):
    import generator.engine.inmemory as routes_module

    project = make_project({"templates/page.html": '{% extends "builtin:page.html" %}\n'})
    snapshot = snapshot_of(full_build(project))
    planned = []
    real = routes_module.plan_site
    monkeypatch.setattr(routes_module, "plan_site", lambda *a: planned.append(1) or real(*a))
    for n in range(3):
        (project / "templates/page.html").write_text(
            f'{{% extends "builtin:page.html" %}}\n{{% block content %}}<p>Versi {n}</p>{{% endblock %}}\n', encoding="utf-8"
        )
        update = quick_update(
            Project.at(project), snapshot, ["templates/page.html"], BuildOptions(clock=CLOCK), ["tentang/index.html"]
        )
        assert f"Versi {n}".encode() in update.pages["tentang/index.html"]
        snapshot = update.snapshot
    assert planned == [1]
    (project / CLAIM).write_text(CLAIM_YAML.replace("title: Apakah", "title: Benarkah"), encoding="utf-8")
    snapshot = quick_update(Project.at(project), snapshot, [CLAIM], BuildOptions(clock=CLOCK)).snapshot
    assert snapshot.routes is None  # the records changed: the lists would, too


def test_an_edited_stylesheet_is_served_as_is_and_every_tab_reloads(make_project):
    project = make_project({"templates/static/style.css": "body { color: black; }\n"})
    snapshot = snapshot_of(full_build(project))
    (project / "templates/static/style.css").write_text("body { color: navy; }\n", encoding="utf-8")
    update = quick_update(Project.at(project), snapshot, ["templates/static/style.css"], BuildOptions(clock=CLOCK))
    assert update.reload_all and update.pages == {"static/style.css": b"body { color: navy; }\n"}
    full_build(project)
    assert (project / "site/static/style.css").read_bytes() == update.pages["static/style.css"]
    (project / "templates/static/style.css").unlink()  # the built-in stylesheet applies again
    update = quick_update(Project.at(project), snapshot, ["templates/static/style.css"], BuildOptions(clock=CLOCK))
    assert update.pages["static/style.css"] == (REPO / "templates/static/style.css").read_bytes()


@pytest.mark.parametrize(
    "files, changed",
    [
        (
            {"templates/base.html": '{% extends "builtin:base.html" %}\n{% block footer %}{% if %}{% endblock %}\n'},
            ["templates/base.html"],
        ),  # a syntax error: the full build names the file and line
        ({"templates/static/extra.js": None}, ["templates/static/extra.js"]),  # a removed static file
    ],
)
def test_template_edits_it_cannot_show_go_to_the_full_build(make_project, files, changed):
    project = make_project({"templates/static/extra.js": "//\n"})
    snapshot = snapshot_of(full_build(project))
    make_project(files)
    assert quick_update(Project.at(project), snapshot, changed, BuildOptions(clock=CLOCK), WATCHED) is None


def test_an_editors_temporary_template_files_are_ignored(make_project):
    project = make_project()
    snapshot = snapshot_of(full_build(project))
    assert quick_update(Project.at(project), snapshot, ["templates/.base.html.swp"], BuildOptions(clock=CLOCK), WATCHED) is None
