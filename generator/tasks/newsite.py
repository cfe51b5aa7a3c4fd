"""`factcheck init`: the questions a new site starts from, and writing its files into an empty folder.

Every question has a default, so a site can be started with no answer at all. A file that exists is
never overwritten. Never prompts, prints or exits: the CLI asks the questions and shows the result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import TypeAdapter, ValidationError

from generator.content.fields import LanguageTag, Text, Url
from generator.content.loading import load_content
from generator.core.diagnostics import Diagnostic, Severity, did_you_mean
from generator.core.languages import base_language, builtin_languages, find_interface
from generator.core.project import Project
from generator.tasks.presets import presets
from generator.tasks.starter import SiteAnswers, site_files


class NewSiteError(Exception):
    """A usage problem (exit 2): the folder is a file, or an answer cannot be used."""


class BadAnswer(NewSiteError):
    """An answer given up front (an option) that cannot be used; `name` says which."""

    def __init__(self, name: str, message: str):
        super().__init__(message)
        self.name = name


class NotEmpty(NewSiteError):
    """The folder holds files already and starting there was not asked for (exit 1)."""


Ask = Callable[[str, str, Callable[[str], str]], str]  # (prompt, default, check) -> checked answer


@dataclass(frozen=True)
class Question:
    name: str
    prompt: str
    default: Callable[[dict[str, str]], str]  # from the answers before it
    check: Callable[[str], str]  # the answer as it is kept, or BadAnswer


@dataclass(frozen=True)
class NewSite:
    folder: Path
    written: list[str]  # project-relative, in order
    kept: list[str] = field(default_factory=list)  # existed already: left as they were
    problems: list[Diagnostic] = field(default_factory=list)  # what validation says of the new site


# ------------------------------------------------------------------ the answers


def languages() -> list[str]:
    """The interface languages factcheck ships a catalogue for."""
    return sorted(builtin_languages())


def _valid(kind, value: str, name: str, what: str) -> str:
    try:
        return TypeAdapter(kind).validate_python(value.strip())
    except ValidationError as exc:
        raise BadAnswer(name, f"'{value}' {exc.errors()[0]['msg'].removeprefix('Value error, ')}: {what}") from None


def check_text(name: str) -> Callable[[str], str]:
    return lambda value: _valid(Text, value, name, "write a name")


def check_language(value: str) -> str:
    tag = _valid(LanguageTag, value, "language", "give a language tag such as en, id or id-ID")
    if find_interface(tag, None) is None:
        raise BadAnswer(
            "language",
            f"factcheck has no interface catalogue for '{tag}'; choose one of {', '.join(languages())} "
            "(another language is added to the site afterwards with `factcheck messages export`: "
            "see Languages in factcheck's README)",
        )
    return tag


def check_timezone(value: str) -> str:
    try:
        ZoneInfo(value.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise BadAnswer("timezone", f"unknown time zone '{value}'; use an IANA name such as Asia/Jakarta or UTC") from None
    return value.strip()


def check_url(name: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        url = _valid(Url, value, name, "give an address such as https://cekfakta.example.org/")
        parts = urlsplit(url)
        if parts.query or parts.fragment:
            raise BadAnswer(name, f"'{url}' has a query or fragment; give the plain address of the site")
        return url if parts.path.endswith("/") else url + "/"

    return check


def check_scale(value: str) -> str:
    if value.strip() not in presets():
        hint = did_you_mean(value.strip(), presets()) or f"choose one of {', '.join(presets())}"
        raise BadAnswer("scale", f"there is no rating scale '{value}'; {hint}")
    return value.strip()


def _is_indonesian(answers: dict[str, str]) -> bool:
    return base_language(answers["language"]) == "id"


def scale_prompt() -> str:
    lines = [f"  {p.id:<13} {p.name}: {p.summary}" for p in presets().values()]
    return "Rating scale, one of:\n" + "\n".join(lines) + "\nRating scale"


QUESTIONS = (
    Question("title", "Name of the site", lambda a: "Fact Check", check_text("title")),
    Question("language", "Language of the site (" + ", ".join(languages()) + ")", lambda a: "en", check_language),
    Question("timezone", "Time zone", lambda a: "Asia/Jakarta" if _is_indonesian(a) else "UTC", check_timezone),
    Question("base_url", "Public address of the site", lambda a: "https://example.org/", check_url("base_url")),
    Question("publisher", "Publisher: the organisation behind the site", lambda a: a["title"], check_text("publisher")),
    Question("scale", "", lambda a: "lima-tingkat" if _is_indonesian(a) else "five-step", check_scale),
)


def gather(given: dict[str, str | None], ask: Ask | None) -> SiteAnswers:
    """Answers from the options, then from `ask` (None: the defaults), each checked."""
    answers: dict[str, str] = {}
    for question in QUESTIONS:
        value = given.get(question.name)
        if value is not None:
            answers[question.name] = question.check(value)
        elif ask is not None:
            answers[question.name] = ask(question.prompt or scale_prompt(), question.default(answers), question.check)
        else:
            answers[question.name] = question.check(question.default(answers))
    publisher_url = given.get("publisher_url")
    answers["publisher_url"] = check_url("publisher_url")(publisher_url) if publisher_url else answers["base_url"]
    return SiteAnswers(**answers)


# ------------------------------------------------------------------ the files


def start_site(folder: Path, answers: SiteAnswers, now: datetime, force: bool = False) -> NewSite:
    """Write the new site into `folder`: refused when it holds anything but .git (unless `force`);
    a file that exists is kept as it is."""
    if folder.exists() and not folder.is_dir():
        raise NewSiteError(f"'{folder}' is a file; give a folder for the new site")
    present = sorted(p.name for p in folder.iterdir() if p.name != ".git") if folder.is_dir() else []
    if present and not force:
        shown = ", ".join(present[:3]) + (", …" if len(present) > 3 else "")
        raise NotEmpty(
            f"'{folder}' is not empty ({shown}); start in an empty folder, or add --force to write only the missing files"
        )
    written, kept = [], []
    for rel, text in site_files(answers, now.astimezone(ZoneInfo(answers.timezone)).replace(microsecond=0)).items():
        target = folder / rel
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("xb") as handle:  # "x": never replaces a file, even one made a moment ago
                handle.write(text.encode("utf-8"))
        except FileExistsError:
            kept.append(rel)
            continue
        except OSError as exc:
            raise NewSiteError(f"cannot write {target}: {exc.strerror}") from None
        written.append(rel)
    _, diagnostics = load_content(Project.at(folder), now)
    problems = [d for d in diagnostics if d.severity is not Severity.NOTE]
    return NewSite(folder, written, kept, problems)
