"""`factcheck validate` compiles the project's own templates and reports a syntax error, an unknown name or a
missing template at the template's file, line and column, before any deploy; the built-in theme passes
the same check, and the context it assumes is what the planner gives."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

import pytest

from generator.content.loading import load_content
from generator.core.project import Project
from generator.core.resources import builtin_theme
from generator.engine.build import BuildOptions
from generator.plan.planner import plan_site
from generator.plan.templatecontext import CONTEXT, PAGE_KEYS, SHARED, SITE_KEYS
from generator.render.templatecheck import check_templates
from tests.conftest import SITE_YAML
from tests.content.test_theme import GOOD_THEME, IMAGES

CLOCK = datetime(2026, 1, 1, tzinfo=UTC)

BROKEN = [
    # (file, text, line, column, code, words in the message, words in the fix)
    (
        "templates/page.html",
        '{% extends "builtin:page.html" %}\n{% block content %}\n{% if role %}\n{% endblock %}\n',
        4,
        4,
        "template-syntax",
        "endblock",
        "",
    ),
    (
        "templates/claim.html",
        '{% extends "builtin:claim.html" %}\n{% block claim_header %}\n<h1>{{ clam.title }}</h1>\n{% endblock %}\n',
        3,
        8,
        "template-unknown-name",
        "'clam' is not given to claim.html",
        "claim",
    ),
    (
        "templates/base.html",
        '{% extends "builtin:base.html" %}\n{% block footer %}<p>{{ site.titel }}</p>{% endblock %}\n',
        2,
        30,
        "template-unknown-name",
        "'site' has no 'titel'",
        "title",
    ),
    (
        "templates/base.html",
        '{% extends "builtin:base.html" %}\n{% block footer %}{{ claim.title }}{% endblock %}\n',
        2,
        22,
        "template-unknown-name",
        "'claim' is not given to base.html",
        "",
    ),
    (
        "templates/tag.html",
        '{% extends "builtin:tag.html" %}\n{% block title %}{{ tag.label|shout }}{% endblock %}\n',
        2,
        31,
        "template-syntax",
        "shout",
        "",
    ),
    ("templates/tag.html", '{% extends "builtin:tags.htm" %}\n', 1, 13, "template-not-found", "builtin:tags.htm", "builtin:"),
    ("templates/partials/box.html", "<div>{{ box_title }}</div>\n", 1, 9, "template-unknown-name", "'box_title'", ""),
]


@pytest.mark.parametrize(("rel", "text", "line", "column", "code", "words", "fix"), BROKEN)
def test_validate_reports_a_broken_project_template_at_its_line(
    make_project, run_cli, rel, text, line, column, code, words, fix
) -> None:
    project = make_project({rel: text})
    result = run_cli("validate", project=project)
    assert result.exit_code == 1, result.output
    first = f"{rel}:{line}:{column}: error: "
    shown = [row for row in result.stderr.splitlines() if row.startswith(first)]
    assert shown and words in shown[0] and f"[{code}]" in shown[0], result.stderr
    if fix:
        assert fix in result.stderr.split(shown[0], 1)[1].splitlines()[1]


def test_working_overrides_and_names_a_template_makes_itself_pass(make_project, run_cli) -> None:
    files = {
        "templates/base.html": '{% extends "builtin:base.html" %}\n{% block head_extra %}{{ super() }}{% endblock %}\n',
        "templates/tag.html": (
            '{% extends "builtin:tag.html" %}\n{% import "_macros.html" as m %}\n{% set shout = tag.label|upper %}\n'
            "{% block title %}{{ shout }} {{ m.date(cards[0].published) if cards }}{% endblock %}\n"
            "{% block content %}{% for c in cards %}{{ loop.index }} {{ c.title }}{% endfor %}"
            "{% if extra is defined %}{{ extra }}{% endif %}{{ super() }}{% endblock %}\n"
        ),
        "templates/_macros.html": '{% extends "builtin:_macros.html" %}\n',
        "templates/static/broken.html": "{% if %}",  # static files are published as they are, never compiled
    }
    result = run_cli("validate", project=make_project(files))
    assert result.exit_code == 0, result.stderr


def test_the_builtin_theme_passes_its_own_check(make_project) -> None:
    project = make_project()
    shutil.copytree(builtin_theme(), project / "templates", ignore=shutil.ignore_patterns("__pycache__", "__init__.py"))
    assert check_templates(Project.at(project), "id") == []


def test_the_context_templates_rely_on_is_what_the_planner_gives(make_project) -> None:
    theme = GOOD_THEME + '  dark_colours:\n    text: "#eeeeee"\n    background: "#101418"\n    accent: "#8ab4f8"\n'
    project = make_project({"content/site.yaml": SITE_YAML + theme, **IMAGES})
    content, diagnostics = load_content(Project.at(project), CLOCK)
    assert content is not None, [d.format_text() for d in diagnostics]
    routes = plan_site(content, BuildOptions(clock=CLOCK))
    assert {r.template for r in routes} == set(CONTEXT)
    for route in routes:
        assert set(route.context) == SHARED | CONTEXT[route.template], route.url
        assert set(route.context["site"]) == SITE_KEYS and set(route.context["page"]) == PAGE_KEYS
