"""The one Jinja2 environment, rendering a route to bytes, and the theme's static files.

Knows templates and routes; never reads content files or decides URLs.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from types import TracebackType

import jinja2
from babel.support import NullTranslations
from markupsafe import Markup

from generator.core.diagnostics import Diagnostic, error
from generator.core.i18n import format_number
from generator.core.languages import find_interface
from generator.core.project import Project
from generator.core.resources import builtin_theme
from generator.plan.routes import Route
from generator.render.searchui import widget_translations

STATIC_DIR = "static"


def make_environment(project: Project | None, language: str) -> jinja2.Environment:
    """Project templates first, then the built-in theme; `builtin:NAME` always reaches the built-in file."""
    builtin = jinja2.FileSystemLoader(str(builtin_theme()))
    loaders: list[jinja2.BaseLoader] = []
    if project is not None and project.templates_dir.is_dir() and project.templates_dir.resolve() != builtin_theme():
        loaders.append(jinja2.FileSystemLoader(str(project.templates_dir)))
    loaders += [builtin, jinja2.PrefixLoader({"builtin": builtin}, delimiter=":")]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "xml"), default_for_string=True),
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    interface = find_interface(language, project.locale_dir if project is not None else None)
    translations = interface.translations if interface is not None else NullTranslations()
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    env.globals["_"] = env.globals["gettext"] = _fast_gettext(translations.gettext)
    env.globals["ngettext"] = _local_ngettext(translations.ngettext, language)
    env.globals["search_widget"] = widget_translations(interface)
    env.filters["number"] = lambda value: format_number(value, language)
    env.globals["card"] = CardCache(env)
    return env


def _fast_gettext(translate):
    """`_()` as Jinja's new-style gettext behaves (translated, marked safe under autoescape, always
    %-formatted with its variables), remembering the answer for a text without variables: a page
    asks for some forty interface texts, and Jinja's general wrappers took a fifth of rendering."""
    answers: dict[tuple[str, bool], str] = {}

    @jinja2.pass_context
    def gettext(context: jinja2.runtime.Context, string: str, **variables: object) -> str:
        autoescape = context.eval_ctx.autoescape
        if variables:
            text = translate(string)
            return (Markup(text) if autoescape else text) % variables
        key = (string, autoescape)
        found = answers.get(key)
        if found is None:
            text = translate(string)
            found = answers[key] = (Markup(text) if autoescape else text) % {}
        return found

    return gettext


_INTEGER = re.compile(r"%\((\w+)\)d")


def _local_ngettext(translate, language: str):
    """`ngettext(singular, plural, n)` as Jinja's new-style one behaves, with the count written the
    locale's way (12.345 in Indonesian): its `%(num)d` takes the formatted number."""
    prepared: dict[str, str] = {}

    @jinja2.pass_context
    def ngettext(context: jinja2.runtime.Context, singular: str, plural: str, num: int, **variables: object) -> str:
        text = translate(singular, plural, num)
        found = prepared.get(text)
        if found is None:
            found = prepared[text] = _INTEGER.sub(r"%(\1)s", text)
        values = {"num": format_number(num, language) if isinstance(num, int) else num, **variables}
        return (Markup(found) if context.eval_ctx.autoescape else found) % values

    return ngettext


class CardCache:
    """`card(c, level)` in templates: the `card` macro of _macros.html (the project's, when it has one),
    rendered once per card and heading level. A fact-check's card shows on its list pages and as related
    claim on others, some ten times in a large site; cards are shared dicts, so identity marks a card."""

    def __init__(self, env: jinja2.Environment):
        self.env = env
        self.done: dict[tuple[str, int], tuple[object, str]] = {}

    def __call__(self, card: dict, level: int = 2) -> str:
        key = (card["id"], level)
        found = self.done.get(key)
        if found is not None and found[0] is card:
            return found[1]
        html = self.env.get_template("_macros.html").module.card(card, level)  # type: ignore[attr-defined]
        self.done[key] = (card, html)
        return html


def render_route(env: jinja2.Environment, route: Route) -> bytes:
    """One page to bytes; depends only on the route and the environment."""
    text = env.get_template(route.template).render(route.context)
    return text.encode("utf-8")


def template_diagnostic(exc: Exception, route: Route, project: Project | None) -> Diagnostic:
    """A template failure as a diagnostic pointing at the template file and line."""
    path, line = route.template, 1
    if isinstance(exc, jinja2.TemplateSyntaxError):
        path, line = exc.filename or exc.name or path, exc.lineno or 1
    else:
        found = _template_frame(exc.__traceback__)
        if found:
            path, line = found
    path = _show_path(path, project)
    message = f"{type(exc).__name__} while rendering {route.url}: {exc}"
    return error(
        path, line, 1, "template-error", message, "fix the template; StrictUndefined means a name is misspelt or missing"
    )


def _template_frame(tb: TracebackType | None) -> tuple[str, int] | None:
    found = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".txt")):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _show_path(path: str, project: Project | None) -> str:
    candidate = Path(path)
    for root in ([project.root] if project else []) + [builtin_theme().parent]:
        try:
            return candidate.resolve().relative_to(root.resolve()).as_posix()
        except (ValueError, OSError):
            continue
    return path


def collect_static(project: Project | None) -> dict[str, bytes]:
    """Files under templates/static/ as output paths; a project's file replaces the built-in one of the same name."""
    folders = [builtin_theme() / STATIC_DIR]
    if project is not None:
        folders.append(project.templates_dir / STATIC_DIR)
    files: dict[str, bytes] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for root, dirs, names in os.walk(folder):
            dirs.sort()
            for name in sorted(names):
                if name.startswith("."):
                    continue
                full = Path(root, name)
                files[f"{STATIC_DIR}/{full.relative_to(folder).as_posix()}"] = full.read_bytes()
    return dict(sorted(files.items()))
