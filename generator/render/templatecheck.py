"""The project's own templates checked without rendering them: each one compiled, the templates it extends,
includes and imports found, and every name it reads known to its context (plan.templatecontext), so a typo
shows in `factcheck validate` at its file, line and column rather than in the deploy.

Lenient where Jinja's scoping is subtle: a name the template assigns anywhere ({% set %}, a loop, a macro's
arguments, an import) or tests with `is defined` counts as known everywhere in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import jinja2
from jinja2 import nodes

from generator.core.diagnostics import Diagnostic, did_you_mean, error
from generator.core.project import Project
from generator.core.resources import builtin_theme
from generator.plan.templatecontext import PAGE_KEYS, SITE_KEYS, any_page_names, names_for
from generator.render.theme import STATIC_DIR, make_environment

TEMPLATE_SUFFIXES = (".html", ".xml", ".txt", ".css")
JINJA_NAMES = frozenset({"loop", "self", "super", "caller", "varargs", "kwargs"})
KNOWN_KEYS = {"site": SITE_KEYS, "page": PAGE_KEYS}


def project_templates(project: Project) -> list[tuple[str, Path]]:
    """(template name, file) of every template in the project's templates/ (static/ and hidden files aside)."""
    folder = project.templates_dir
    if not folder.is_dir() or folder.resolve() == builtin_theme():
        return []
    found = []
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        parts = name.split("/")
        if parts[0] == STATIC_DIR or any(p.startswith(".") for p in parts) or not path.is_file():
            continue
        if path.suffix in TEMPLATE_SUFFIXES:
            found.append((name, path))
    return found


def check_templates(project: Project, language: str) -> list[Diagnostic]:
    """Every problem of the project's templates that can be seen without rendering them."""
    templates = project_templates(project)
    if not templates:
        return []
    env = make_environment(project, language)
    problems: list[Diagnostic] = []
    for name, path in templates:
        shown = f"templates/{name}"
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(error(shown, 1, 1, "template-unreadable", f"cannot be read as UTF-8 text: {exc}"))
            continue
        lines = source.splitlines()
        try:
            tree = env.parse(source, name, str(path))
            env.compile(tree, name, str(path))  # unknown filters and tests are found here
        except jinja2.TemplateSyntaxError as exc:
            line = exc.lineno or 1
            problems.append(
                error(
                    shown,
                    line,
                    _column(lines, line, _quoted(exc.message or "")),
                    "template-syntax",
                    f"template syntax error: {exc.message}",
                    "fix the tag on this line; every {% … %} needs its {% end… %}, every {{ its }}",
                )
            )
            continue
        problems.extend(_missing_templates(env, tree, shown, lines))
        problems.extend(_unknown_names(tree, name, shown, lines, frozenset(env.globals)))
    return problems


def _missing_templates(env: jinja2.Environment, tree: nodes.Template, shown: str, lines: list[str]) -> Iterator[Diagnostic]:
    for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
        target = node.template  # type: ignore[attr-defined]  # every one of these four has it
        if not isinstance(target, nodes.Const) or not isinstance(target.value, str):
            continue  # a name chosen at render time
        if isinstance(node, nodes.Include) and node.ignore_missing:
            continue
        try:
            env.loader.get_source(env, target.value)  # type: ignore[union-attr]
        except jinja2.TemplateNotFound:
            yield error(
                shown,
                node.lineno,
                _column(lines, node.lineno, target.value),
                "template-not-found",
                f"there is no template '{target.value}' in templates/ or the built-in theme",
                "check the name; 'builtin:NAME' is the built-in theme's file even when templates/ replaces it",
            )


def _unknown_names(
    tree: nodes.Template, name: str, shown: str, lines: list[str], globals_: frozenset[str]
) -> Iterator[Diagnostic]:
    given = names_for(name)
    declared = _declared(tree)
    known = (given if given is not None else any_page_names()) | globals_ | JINJA_NAMES | declared
    reported: set[tuple[int, str]] = set()
    for node in tree.find_all(nodes.Name):
        if node.ctx != "load" or node.name in known or (node.lineno, node.name) in reported:
            continue
        reported.add((node.lineno, node.name))
        offered = sorted(given if given is not None else any_page_names())
        yield error(
            shown,
            node.lineno,
            _column(lines, node.lineno, node.name),
            "template-unknown-name",
            f"'{node.name}' is not given to {name}",
            did_you_mean(node.name, sorted(known)) or "this template is given: " + ", ".join(offered),
        )
    for lookup in tree.find_all(nodes.Getattr):
        inner = lookup.node
        if not isinstance(inner, nodes.Name) or inner.name not in KNOWN_KEYS or inner.name in declared:
            continue
        keys = KNOWN_KEYS[inner.name]
        if lookup.attr in keys or (lookup.lineno, lookup.attr) in reported:
            continue
        reported.add((lookup.lineno, lookup.attr))
        yield error(
            shown,
            lookup.lineno,
            _column(lines, lookup.lineno, lookup.attr),
            "template-unknown-name",
            f"'{inner.name}' has no '{lookup.attr}'",
            did_you_mean(lookup.attr, sorted(keys)) or f"'{inner.name}' has: " + ", ".join(sorted(keys)),
        )


def _declared(tree: nodes.Template) -> frozenset[str]:
    """Names the template makes itself, wherever it makes them, and names it tests with `is defined`."""
    names = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    names |= {n.target for n in tree.find_all(nodes.Import)}
    for node in tree.find_all(nodes.FromImport):
        names |= {item if isinstance(item, str) else item[1] for item in node.names}
    names |= {n.name for n in tree.find_all(nodes.Macro)}
    for test in tree.find_all(nodes.Test):
        if test.name in ("defined", "undefined") and isinstance(test.node, nodes.Name):
            names.add(test.node.name)
    return frozenset(names)


def _quoted(message: str) -> str | None:
    found = re.search(r"'([^']+)'", message)
    return found.group(1) if found else None


def _column(lines: list[str], line: int, word: str | None) -> int:
    """The column of `word` on the line (1-based), or 1 when it cannot be found there."""
    if not word or not 1 <= line <= len(lines):
        return 1
    found = re.search(rf"(?<![\w.]){re.escape(word)}(?!\w)", lines[line - 1]) or re.search(re.escape(word), lines[line - 1])
    return found.start() + 1 if found else 1
