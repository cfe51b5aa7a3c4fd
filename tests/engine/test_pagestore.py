"""The page store (.factcheck-cache/pages/): a build into a new folder takes the pages an earlier build
rendered, byte-identical to rendering them, and never a page someone edited in place."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from pathlib import Path

from generator.core.project import Project
from generator.engine.build import BuildOptions, build_site
from generator.engine.pagestore import INDEX, KEEP_FACTOR
from generator.render import theme as render

CLOCK = datetime(2026, 1, 1, tzinfo=UTC)
PAGE = "claims/biden-telepon/index.html"


def build(project: Path, folder: str, cache: bool = True):
    result = build_site(Project.at(project), BuildOptions(output=project / folder, clock=CLOCK, cache=cache))
    assert result.ok, result.diagnostics
    return result


def html_files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.html"))}


def count_renders(monkeypatch) -> list[str]:
    rendered: list[str] = []
    real = render.render_route
    monkeypatch.setattr(render, "render_route", lambda env, route: rendered.append(route.url) or real(env, route))
    return rendered


def test_a_build_into_a_new_folder_takes_the_stored_pages(make_project, monkeypatch):
    project = make_project()
    build(project, "site")
    rendered = count_renders(monkeypatch)
    build(project, "elsewhere")  # as in CI with a restored cache, or a new preview session
    assert rendered == []
    assert os.stat(project / "site" / PAGE).st_ino == os.stat(project / "elsewhere" / PAGE).st_ino
    build(project, "clean", cache=False)
    assert html_files(project / "elsewhere") == html_files(project / "clean")


def test_a_page_edited_in_place_is_rendered_again(make_project, monkeypatch):
    project = make_project()
    build(project, "site")
    with open(project / "site" / PAGE, "r+b") as page:  # in place: the store's file is the same file
        page.write(b"<!-- edited by hand -->")
    rendered = count_renders(monkeypatch)
    build(project, "elsewhere")
    assert rendered == ["/claims/biden-telepon/"]
    build(project, "clean", cache=False)
    assert html_files(project / "elsewhere") == html_files(project / "clean")


def test_the_store_keeps_recent_pages_only_and_no_stray_files(make_project):
    project = make_project()
    claim = project / "content/claims/biden-telepon.yaml"
    text = claim.read_text(encoding="utf-8")
    build(project, "site")
    store = project / ".factcheck-cache" / "pages"
    pages = len([p for p in store.iterdir() if p.name != INDEX])
    assert pages >= 10  # every page of the small site
    (store / "stray").write_bytes(b"x")
    for n in range(KEEP_FACTOR + 2):  # every page changes with the site's title
        claim.write_text(text.replace("title: Apakah", f"title: Versi {n} apakah"), encoding="utf-8")
        (project / "content/site.yaml").write_text(
            (project / "content/site.yaml").read_text(encoding="utf-8").replace("title: ", f"title: R{n} ", 1), encoding="utf-8"
        )
        build(project, "site")
    kept = [p.name for p in store.iterdir() if p.name != INDEX]
    assert "stray" not in kept
    assert len(kept) <= KEEP_FACTOR * pages


def test_no_cache_leaves_no_store(make_project):
    project = make_project()
    build(project, "site", cache=False)
    assert not (project / ".factcheck-cache" / "pages").exists()


def test_pruned_pages_leave_the_store_folder_and_nothing_lingers(tmp_path):
    """Old pages are moved out of the store at once and deleted (in the background when many)."""
    from generator.engine.pagestore import PageStore

    site = tmp_path / "site"
    site.mkdir()
    store = PageStore(tmp_path / "cache" / "pages")
    for n in range(3000):
        page = site / f"p{n}.html"
        page.write_bytes(b"x%d" % n)
        stat = page.stat()
        store.remember([(f"key{n}", str(page), stat.st_size, stat.st_mtime_ns, stat.st_ino)])
    store.remembered = 1  # as if the next build had a single page: keep KEEP_FACTOR entries
    store.save()
    names = sorted(p.name for p in (tmp_path / "cache" / "pages").iterdir())
    assert len(names) == 3 and ".index" in names
    deadline = time.monotonic() + 30
    while any(p.name != "pages" for p in (tmp_path / "cache").iterdir()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["pages"]


def test_old_pages_a_killed_build_moved_aside_are_deleted_by_the_next_prune(tmp_path):
    """A build killed between moving old pages aside and starting their sweeper leaves a trash folder
    named with its process id; the next prune sees that process gone and deletes the folder. A running
    build's trash is left alone."""
    import subprocess
    import sys

    from generator.engine.pagestore import TRASH_PREFIX, PageStore

    cache = tmp_path / "cache"
    store = PageStore(cache / "pages")
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = cache / f"{TRASH_PREFIX}{gone.stdout.strip()}-abc"
    running = cache / f"{TRASH_PREFIX}{os.getppid()}-abc"  # the test runner's parent: alive
    for folder in (dead, running):
        folder.mkdir(parents=True)
        (folder / "old.html").write_bytes(b"old")
    store.remembered = 1
    store.save()
    deadline = time.monotonic() + 30
    while dead.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not dead.exists() and (running / "old.html").exists()
    assert not [p for p in cache.iterdir() if ".sweep-" in p.name]
