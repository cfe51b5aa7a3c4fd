"""Pages whose fingerprint matches the previous build are taken over, not rendered again, and only
while the previous file is untouched. (That the result equals a clean build over random edit
sequences is tests/engine/test_incremental.py's job.)"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import generator.render.theme as render_module
from generator.core.resources import builtin_theme
from generator.engine.build import BuildOptions, build_site
from tests.conftest import CLAIM_YAML
from tests.engine.test_fastpath import age_tree, project  # noqa: F401 - the same small project, aged

BUILTIN = builtin_theme()

CLOCK = datetime(2026, 1, 1, tzinfo=UTC)
CLAIM = "content/claims/biden-telepon.yaml"
CLAIM_PAGE = "claims/biden-telepon/index.html"


@pytest.fixture
def rendered(monkeypatch):
    """The output paths of the pages rendered from here on (the demo is small: it renders in this process)."""
    seen: list[str] = []
    real = render_module.render_route

    def counting(env, route):
        seen.append(route.output_path)
        return real(env, route)

    monkeypatch.setattr(render_module, "render_route", counting)
    return seen


def build(project, **options):
    return build_site(project, BuildOptions(output=project.root / "site", clock=CLOCK, **options))


def edit_claim(project, old, new):
    path = project.root / CLAIM
    path.write_text(CLAIM_YAML.replace(old, new), encoding="utf-8")
    age_tree(project.root / "content", 60)


def test_an_edit_renders_only_the_pages_it_shows_on(project, rendered):
    assert build(project).ok
    everything = list(rendered)
    rendered.clear()
    edit_claim(project, "telepon terjadi pada", "telepon berlangsung pada")  # the analysis shows on the claim page alone
    result = build(project)
    assert result.ok and len(everything) > 20
    assert rendered == [CLAIM_PAGE]
    assert "telepon berlangsung pada" in (project.root / "site" / CLAIM_PAGE).read_text(encoding="utf-8")


def test_a_changed_summary_reaches_every_list_showing_the_claim(project, rendered):
    assert build(project).ok
    rendered.clear()
    edit_claim(project, "summary: ", "summary: Ringkasan baru. ")
    assert build(project).ok
    assert {CLAIM_PAGE, "index.html", "feed.xml"} <= set(rendered)
    assert "Ringkasan baru" in (project.root / "site/index.html").read_text(encoding="utf-8")


def test_a_template_change_renders_the_pages_that_use_it(project, rendered):
    assert build(project).ok
    everything = sorted(rendered)
    rendered.clear()
    (project.root / "templates/page.html").write_text('{% extends "builtin:page.html" %}\n{# changed #}\n')
    age_tree(project.root / "templates", 60)
    assert build(project).ok
    assert sorted(rendered) == sorted(p for p in everything if p in ("tentang/index.html",))  # the Markdown pages
    rendered.clear()
    (project.root / "templates/base.html").write_text('{% extends "builtin:base.html" %}\n{# changed #}\n')
    age_tree(project.root / "templates", 60)
    assert build(project).ok
    assert sorted(rendered) == sorted(p for p in everything if p.endswith(".html"))  # every page extends base.html


def test_a_changed_macro_renders_every_list_again(project, rendered):
    assert build(project).ok
    rendered.clear()
    (project.root / "templates/_macros.html").write_text('{% extends "builtin:_macros.html" %}\n')
    age_tree(project.root / "templates", 60)
    assert build(project).ok
    assert {"index.html", "tags/sanksi/index.html", CLAIM_PAGE} <= set(rendered)


@pytest.mark.parametrize("template", sorted(p.name for p in BUILTIN.glob("*") if p.is_file() and p.suffix != ".py"))
def test_after_any_template_edit_the_site_equals_a_clean_build(project, template):
    """Each built-in template overridden with a visible change: the cached build writes what a clean one does."""
    assert build(project).ok
    source = (BUILTIN / template).read_text(encoding="utf-8")
    marker = "<!-- edited -->" if template.endswith(".html") else "# edited"
    block = source.find("%}", source.find("{% block")) if "{% block" in source else -1
    edited = source[: block + 2] + marker + source[block + 2 :] if block >= 0 else marker + "\n" + source
    (project.root / "templates" / template).write_text(edited, encoding="utf-8")
    age_tree(project.root / "templates", 60)
    assert build(project).ok
    clean = build_site(project, BuildOptions(output=project.root / "clean", clock=CLOCK, cache=False))
    assert clean.ok
    assert files_of(project.root / "site") == files_of(project.root / "clean"), template


def files_of(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_hand_edited_page_is_rendered_again(project, rendered):
    assert build(project).ok
    page = project.root / "site" / CLAIM_PAGE
    original = page.read_bytes()
    page.write_bytes(original.replace(b"Biden", b"Bidon"))  # same size, new mtime
    edit_claim(project, "telepon terjadi pada", "telepon berlangsung pada")
    rendered.clear()
    assert build(project).ok
    assert CLAIM_PAGE in rendered and b"Bidon" not in page.read_bytes()


def test_without_the_cache_every_page_is_rendered(project, rendered):
    assert build(project).ok
    everything = sorted(rendered)
    rendered.clear()
    assert build(project, cache=False).ok
    assert sorted(rendered) == everything


def test_a_deleted_cache_renders_every_page(project, rendered):
    assert build(project).ok
    everything = sorted(rendered)
    rendered.clear()
    for path in sorted(project.cache_dir.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    assert build(project).ok
    assert sorted(rendered) == everything


def test_a_build_elsewhere_does_not_spoil_the_record_of_site(project, rendered):
    """`serve` builds into a temporary folder with the same cache: each output keeps its own record."""
    assert build(project).ok
    assert build_site(project, BuildOptions(output=project.root / "preview", clock=CLOCK, drafts=True)).ok
    rendered.clear()
    edit_claim(project, "telepon terjadi pada", "telepon berlangsung pada")
    assert build(project).ok
    assert rendered == [CLAIM_PAGE]
