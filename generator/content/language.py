"""The site's interface language: a catalogue must exist for it, the project's catalogues must read,
and what the site's catalogue leaves untranslated is said (never a silent mix of English).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from generator.content.entries import Entry
from generator.content.models import Site
from generator.core.catalogues import read_catalogue
from generator.core.diagnostics import Diagnostic, error, warning
from generator.core.i18n import babel_locale
from generator.core.languages import (
    PROJECT_FOLDER,
    builtin_languages,
    candidates,
    find_interface,
    language_name,
    named,
    project_languages,
    required_messages,
)
from generator.core.project import Project
from generator.core.values import printable

SHOWN_MISSING = 3  # msgids named in the warning; the export command lists them all


def check_language(project: Project, site: Entry[Site]) -> Iterator[Diagnostic]:
    tag = site.model.language
    line, column = site.where("language")
    yield from check_project_catalogues(project.locale_dir)
    interface = find_interface(tag, project.locale_dir)
    if interface is None:
        yield error(site.path, line, column, "unknown-language", *_no_catalogue(tag, project.locale_dir))
        return
    if babel_locale(tag) is None:
        yield warning(
            site.path,
            line,
            column,
            "no-locale-data",
            f"Babel has no date and number formats for '{tag}': dates are shown as 2021-04-16",
            "use the language's ISO 639 code, with a region if needed (e.g. 'ms' or 'ms-MY')",
        )
    if interface.missing and not any(p.severity.value == "error" for p in interface.problems):
        yield _untranslated(tag, interface.project, interface.missing, interface.fuzzy, site.path, line, column)


def check_project_catalogues(locale_dir: Path) -> Iterator[Diagnostic]:
    """Every catalogue in locale/ is read, the site's or not: a broken one should not wait for its turn."""
    if not locale_dir.is_dir():
        return
    for entry in sorted(locale_dir.iterdir()):
        shown = f"{PROJECT_FOLDER}/{printable(entry.name)}"
        if entry.name.startswith(".") or entry.suffix == ".pot":
            continue
        if entry.suffix != ".po" or not entry.is_file():
            yield warning(
                shown,
                1,
                1,
                "unexpected-file",
                f"'{printable(entry.name)}' is ignored: {PROJECT_FOLDER}/ holds one <language>.po file per language",
                f"a catalogue for Spanish, for example, is {PROJECT_FOLDER}/es.po",
            )
            continue
        yield from read_catalogue(entry.read_bytes(), shown, entry.stem).problems


def _no_catalogue(tag: str, locale_dir: Path) -> tuple[str, str]:
    known = sorted({*builtin_languages(), *project_languages(locale_dir)})
    names = ", ".join(named(key) for key in known)
    code = candidates(tag)[-1]
    name = language_name(tag)
    message = f"there is no interface catalogue for the language '{tag}'{f' ({name})' if name else ''}; the languages available are {names}"
    hint = (
        f"choose one of them, or add {named(tag)}: run `factcheck messages export --language {code} "
        f"-o {PROJECT_FOLDER}/{code}.po`, translate each msgstr in it, and validate again"
    )
    return message, hint


def _untranslated(
    tag: str, catalogue: str | None, missing: tuple[str, ...], fuzzy: int, path: str, line: int, column: int
) -> Diagnostic:
    total = len(required_messages())
    named = ", ".join(f"'{_shorten(msgid)}'" for msgid in missing[:SHOWN_MISSING])
    more = f" and {len(missing) - SHOWN_MISSING} more" if len(missing) > SHOWN_MISSING else ""
    where = catalogue or "factcheck's catalogue"
    message = (
        f"{where} translates {total - len(missing)} of the {total} interface texts for '{tag}'; "
        f"{len(missing)} are shown in English: {named}{more}"
    )
    if fuzzy:
        message += f" ({fuzzy} marked fuzzy, which gettext does not use)"
    code = candidates(tag)[-1] if catalogue is None else Path(catalogue).stem
    out = catalogue or f"{PROJECT_FOLDER}/{code}.po"
    hint = f"run `factcheck messages export --language {code} -o {out}` (it keeps the translations there), then fill the empty msgstr lines"
    if catalogue is None:
        return warning(path, line, column, "untranslated-interface", message, hint)
    return warning(catalogue, 1, 1, "untranslated-interface", message, hint)


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
