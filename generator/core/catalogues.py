"""Reading gettext catalogues (.po files) strictly: the built-in ones and a project's own.

Babel's reader accepts much that gettext's own tools refuse (an unclosed quote loses a character, an
unquoted string loses its first), and a project's catalogue is written by hand, so each file is first
checked line by line here; every problem becomes a diagnostic at its line. Knows files of
translations, never templates or records.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po

from generator.core.diagnostics import Diagnostic, error

MAX_BYTES = 2 * 1024 * 1024  # a complete catalogue is some 20 KB
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t]+(.*)")
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_ESCAPE = re.compile(r"\\(.)")
_KNOWN_ESCAPES = set('\\"ntr')
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
_SEARCH_TOKEN = re.compile(r"\[[A-Z_]+\]")  # Pagefind's own placeholders, such as [SEARCH_TERM]

MessageKey = tuple[str, str | None]  # (msgid, msgctxt)


@dataclass
class ReadCatalogue:
    """A catalogue as read: None when the file is unusable, with its problems."""

    catalog: Catalog | None
    problems: list[Diagnostic] = field(default_factory=list)


def read_catalogue(raw: bytes, shown: str, language: str | None = None) -> ReadCatalogue:
    """Check and read one .po file's bytes; `shown` is its path as diagnostics name it."""
    if len(raw) > MAX_BYTES:
        return ReadCatalogue(None, [_problem(shown, 1, f"the catalogue is larger than {MAX_BYTES // 1024 // 1024} MiB")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return ReadCatalogue(None, [_problem(shown, line, "the catalogue is not UTF-8", "save the file as UTF-8")])
    lines = text.splitlines()
    problems = check_syntax(lines, shown)
    if problems:
        return ReadCatalogue(None, problems)
    try:
        catalog = read_po(lines, locale=babel_locale_name(language), abort_invalid=True)
    except PoFileError as exc:  # what the line check does not cover, such as too many plural forms
        return ReadCatalogue(None, [_problem(shown, exc.lineno + 1, str(exc).rsplit(" on ", 1)[0])])
    except ValueError as exc:  # a header Babel cannot read, such as an unknown Language
        return ReadCatalogue(None, [_problem(shown, _header_line(lines), f"the header is not valid: {exc}")])
    try:  # gettext compiles the rule into Python when the catalogue is used
        gettext.c2py(catalog.plural_expr)
    except (ValueError, SyntaxError):
        line = next((n for n, text in enumerate(lines, 1) if "Plural-Forms" in text), 1)
        message = f"the Plural-Forms rule '{catalog.plural_expr}' is not a valid C expression"
        return ReadCatalogue(
            None, [_problem(shown, line, message, "delete the Plural-Forms line to use the language's own rule")]
        )
    return ReadCatalogue(catalog, check_placeholders(catalog, shown))


def check_syntax(lines: list[str], shown: str) -> list[Diagnostic]:
    """Every line a comment, a keyword with a quoted string, or a quoted continuation; entries complete."""
    problems: list[Diagnostic] = []
    seen: dict[MessageKey, int] = {}
    entry = _Entry()
    last: str | None = None  # the keyword a continuation line adds to

    def finish(entry: _Entry) -> None:
        if entry.msgid_line and not entry.strings:
            problems.append(_problem(shown, entry.msgid_line, "this msgid has no msgstr", 'add a msgstr "" line after it'))
        for keyword, line in entry.strings:
            if entry.plural_line and keyword == "msgstr":
                problems.append(_problem(shown, line, "a plural message needs msgstr[0], msgstr[1]… instead of msgstr"))
            elif not entry.plural_line and keyword != "msgstr":
                problems.append(_problem(shown, line, f"{keyword} belongs to a message with a msgid_plural", "write msgstr"))
        key = (entry.msgid, entry.context)
        if entry.msgid_line and entry.msgid and key in seen:
            problems.append(_problem(shown, entry.msgid_line, f"this msgid is already translated on line {seen[key]}"))
        seen.setdefault(key, entry.msgid_line)

    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue  # comments, flags and obsolete (#~) entries
        match = _KEYWORD.fullmatch(line)
        text = match.group(3) if match else line
        column = len(raw) - len(raw.lstrip()) + (match.start(3) if match else 0) + 1
        quoted = _QUOTED.fullmatch(text)
        if quoted is None:
            what = "the text is not in double quotes" if match or line.startswith('"') else "this line is not part of a catalogue"
            hint = 'put the text in straight double quotes; write a quote inside it as \\"'
            problems.append(_problem(shown, number, what, hint, column))
            if match is None:
                last = None
                continue
        elif bad := next((e for e in _ESCAPE.findall(quoted.group(1)) if e not in _KNOWN_ESCAPES), None):
            problems.append(_problem(shown, number, f"unknown escape \\{bad}", "write a backslash as \\\\", column))
        string = quoted.group(1) if quoted is not None else ""
        if match is None:  # a continuation of the string above
            if last is None:
                problems.append(_problem(shown, number, "a continued string without a msgid or msgstr before it"))
            elif last == "msgid":
                entry.msgid += string
            continue
        keyword = last = match.group(1)
        if keyword in ("msgctxt", "msgid") and (entry.strings or (keyword == "msgctxt" and entry.msgid_line)):
            finish(entry)
            entry = _Entry()
        if keyword == "msgctxt":
            entry.context = string
        elif keyword == "msgid":
            if entry.msgid_line:
                finish(entry)
                entry = _Entry()
            entry.msgid, entry.msgid_line = string, number
        elif not entry.msgid_line:
            problems.append(_problem(shown, number, f"{keyword} without a msgid before it"))
        elif keyword == "msgid_plural":
            entry.plural_line = number
        elif any(keyword == known for known, _ in entry.strings):
            problems.append(_problem(shown, number, f"a second {keyword} for the msgid on line {entry.msgid_line}"))
        else:
            entry.strings.append((keyword, number))
    finish(entry)
    return problems


@dataclass
class _Entry:
    """One message while its lines are checked."""

    context: str | None = None
    msgid: str = ""
    msgid_line: int = 0
    plural_line: int = 0
    strings: list[tuple[str, int]] = field(default_factory=list)


def check_placeholders(catalog: Catalog, shown: str) -> list[Diagnostic]:
    """A translation may use only the placeholders of its msgid, and must keep Pagefind's [TOKENS]."""
    problems: list[Diagnostic] = []
    for message in catalog:
        if not message.id:
            continue
        ids, strings = forms(message.id), forms(message.string)
        names = {name for text in ids for name in _PLACEHOLDER.findall(text)}
        tokens = {token for text in ids for token in _SEARCH_TOKEN.findall(text)}
        line = message.lineno or 1
        for text in strings:
            if not text:
                continue
            try:
                text % dict.fromkeys(names, 1)
            except KeyError as exc:
                problems.append(
                    _problem(
                        shown,
                        line,
                        f"the translation of '{ids[0]}' uses %({exc.args[0]})s, which the msgid does not have",
                        "use only " + (", ".join(f"%({n})s" for n in sorted(names)) or "no placeholders"),
                    )
                )
            except (ValueError, TypeError):
                problems.append(
                    _problem(shown, line, f"the translation of '{ids[0]}' has a stray %", "write a percent sign as %%")
                )
            lost = sorted(token for token in tokens if token not in text)
            if lost:
                problems.append(
                    _problem(shown, line, f"the translation of '{ids[0]}' leaves out {', '.join(lost)}", "keep it as written")
                )
    return problems


def forms(value: object) -> tuple[str, ...]:
    """A message's id or string as a tuple of its forms (Babel gives a str, or a tuple for plurals)."""
    if isinstance(value, (tuple, list)):
        return tuple(str(form) for form in value)
    return (value,) if isinstance(value, str) else ()


def message_key(message: Message) -> MessageKey:
    """How a message is looked up: its (singular) msgid and its context."""
    return (forms(message.id)[0], message.context)


def message_string(message: Message) -> str | tuple[str, ...]:
    """A message's translation: a str, or a tuple of plural forms."""
    return forms(message.string) if isinstance(message.id, (tuple, list)) else (forms(message.string) or ("",))[0]


def translated(value: object) -> bool:
    """True when a translation is there in every plural form."""
    found = forms(value)
    return bool(found) and all(found)


def babel_locale_name(language: str | None) -> str | None:
    """The locale name Babel knows a language tag by ('ms-MY' -> 'ms_MY'), which gives a catalogue its
    plural rule; None when Babel does not know it."""
    if not language:
        return None
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(language.replace("-", "_")))
    except (ValueError, UnknownLocaleError):
        return None


def _header_line(lines: list[str]) -> int:
    return next((n for n, line in enumerate(lines, 1) if line.strip().startswith('"Language')), 1)


def _problem(shown: str, line: int, message: str, hint: str = "", column: int = 1) -> Diagnostic:
    return error(shown, line, column, "catalogue-syntax", message, hint or "fix the line; see the README section 'Languages'")
