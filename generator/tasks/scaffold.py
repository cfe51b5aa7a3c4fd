"""`factcheck new`: the questions to ask for a new record, and the commented skeleton it becomes.

The skeleton validates except for the fields the editor must still fill. Never prompts,
prints or exits: the CLI asks the questions and shows the result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import TypeAdapter, ValidationError

from generator.content.fields import MAX_SLUG_LENGTH, SLUG_RE, Url
from generator.content.loading import load_content
from generator.content.models import PAGE_ROLES, RESERVED_SLUGS, Person, Site
from generator.content.records import read_record
from generator.core.diagnostics import Diagnostic, Severity, did_you_mean
from generator.core.project import Project
from generator.core.values import slugify
from generator.tasks.skeleton import render

KINDS = {"claim": "claims", "article": "articles", "person": "people", "page": "pages"}
ID_LENGTH = 60  # derived ids stay readable in a URL; an explicit id may be longer
ID_PROMPT = "ID (the file name and web address)"


class ScaffoldError(Exception):
    """A usage problem (exit 2): a bad answer, a bad id, a project without a valid site.yaml."""


class BadAnswer(ScaffoldError):
    """An answer given up front (an option) that cannot be used; `name` says which."""

    def __init__(self, name: str, message: str):
        super().__init__(message)
        self.name = name


class AlreadyExists(ScaffoldError):
    """The record's file exists already: it is never overwritten (exit 1)."""


Ask = Callable[[str, "str | None", Callable[[str], object]], object]  # (prompt, default, check) -> checked answer


@dataclass(frozen=True)
class Question:
    name: str
    prompt: str
    default: str | None = None
    optional: bool = False  # an empty answer leaves the field out


@dataclass(frozen=True)
class Context:
    """What the project offers a new record: the site, its people and articles, and 'now' in its zone."""

    project: Project
    site: Site
    now: datetime
    people: dict[str, Person]
    articles: tuple[str, ...]


@dataclass(frozen=True)
class NewRecord:
    path: str  # project-relative
    to_fill: list[tuple[str, int]]  # (field, line) the editor must still fill
    problems: list[Diagnostic] = field(default_factory=list)  # other findings of the validator in the new file


def read_context(project: Project, clock: datetime) -> Context:
    site, _, problems = (
        read_record(project.site_file.read_bytes(), "content/site.yaml", Site)
        if project.site_file.is_file()
        else (None, None, [])
    )
    if site is None:
        first = problems[0].format_text().splitlines()[0] if problems else "content/site.yaml is missing"
        raise ScaffoldError(f"the site settings are needed first: {first} (run factcheck validate)")
    try:
        zone = ZoneInfo(site.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    people: dict[str, Person] = {}
    for path in _files(project, "people", ".yaml"):
        person, _, _ = read_record(path.read_bytes(), project.relative(path), Person)
        if person is not None:
            people[path.stem] = person
    articles = tuple(p.stem for p in _files(project, "articles", ".yaml"))
    return Context(project, site, clock.astimezone(zone).replace(microsecond=0), people, articles)


def _files(project: Project, folder: str, suffix: str) -> list[Path]:
    directory = project.content_dir / folder
    return sorted(p for p in directory.glob(f"*{suffix}") if p.is_file()) if directory.is_dir() else []


# ------------------------------------------------------------------ questions


def questions(kind: str, ctx: Context) -> list[Question]:
    """The essentials to ask for, in order; everything else is written as a commented skeleton."""
    scale = ", ".join(v.id for v in ctx.site.scale)
    if kind == "claim":
        return [
            Question("title", "Title: the question readers see"),
            Question("claimant", "Who made the claim (id or name from content/people/)"),
            Question("verdict", f"Verdict ({scale})"),
            Question("authors", "Fact-checkers, separated by commas (ids from content/people/)"),
            Question("claim_date", "Date the claim was made (YYYY-MM-DD)", ctx.now.date().isoformat()),
            Question("article", "Article it appeared in (id from content/articles/; Enter to skip)", optional=True),
        ]
    if kind == "article":
        return [
            Question("title", "Headline of the work (or a description when it is unknown)"),
            Question("publisher", "Outlet that published it (id or name from content/people/)"),
            Question("published", "Date it was published (YYYY-MM-DD)"),
            Question("url", "Its address (Enter when unknown; never invent one)", optional=True),
        ]
    if kind == "person":
        return [
            Question("name", "Full name"),
            Question("person_kind", "person or organization", "person"),
            Question("description", "One line on who this is (Enter to skip)", optional=True),
        ]
    if kind == "page":
        return [
            Question("title", "Title of the page"),
            Question("role", f"What the page is for ({', '.join(PAGE_ROLES)})", "other"),
            Question("description", "One-sentence summary for search engines (Enter to skip)", optional=True),
        ]
    raise ScaffoldError(f"unknown kind '{kind}': choose one of {', '.join(KINDS)}")


def gather(ctx: Context, kind: str, record_id: str | None, given: dict[str, str | None], ask: Ask | None) -> tuple[str, dict]:
    """The id and the answers: from `given` (options) first, then from `ask`, else defaults.

    With `ask` None nothing is asked: unanswered essentials become fields to fill.
    `ask` gets a check that raises ScaffoldError on an answer it should ask again for.
    """
    if record_id is not None:
        check_id(ctx, kind, record_id)
    asked = questions(kind, ctx)
    for name, value in given.items():
        if value is not None and name not in {q.name for q in asked}:
            raise BadAnswer(name, f"does not apply to a {kind}")
    answers: dict = {}
    for q in asked:
        if given.get(q.name) is not None:
            try:
                answers[q.name] = parse_answer(ctx, q.name, given[q.name] or "")
            except ScaffoldError as exc:
                raise BadAnswer(q.name, str(exc)) from None
        elif ask is not None:
            answers[q.name] = ask(q.prompt, q.default or ("" if q.optional else None), partial(parse_answer, ctx, q.name))
        elif q.default is not None:
            answers[q.name] = parse_answer(ctx, q.name, q.default)
    if record_id is None:
        suggestion = suggest_id(kind, answers)
        if ask is not None:
            record_id = str(ask(ID_PROMPT, suggestion, lambda text: check_id(ctx, kind, text.strip())))
        elif suggestion:
            record_id = check_id(ctx, kind, suggestion)
        else:
            raise ScaffoldError(f"give an ID, e.g. factcheck new {kind} my-{kind}, or a title to make one from")
    return record_id, answers


def parse_answer(ctx: Context, name: str, text: str) -> str | list[str] | None:
    """An answer as typed to the value to write; raises ScaffoldError with what to type instead."""
    text = text.strip()
    if not text:
        return None
    checks: dict[str, Callable[[Context, str], str | list[str]]] = {
        "claimant": _person,
        "publisher": _person,
        "authors": _people,
        "verdict": _verdict,
        "claim_date": _date,
        "published": _date,
        "url": _url,
        "article": _article,
        "person_kind": lambda _, t: _choice(t, ("person", "organization")),
        "role": lambda _, t: _choice(t, PAGE_ROLES),
    }
    return checks.get(name, lambda _, t: t)(ctx, text)


def _person(ctx: Context, text: str) -> str:
    if text in ctx.people:
        return text
    by_name = {p.name.casefold(): pid for pid, p in ctx.people.items()}
    if text.casefold() in by_name:
        return by_name[text.casefold()]
    hint = did_you_mean(text, ctx.people) or did_you_mean(slugify(text), ctx.people)
    raise ScaffoldError(
        f"'{text}' is not in content/people/"
        + (f"; {hint}" if hint else "")
        + f" (to add it: factcheck new person {slugify(text) or 'ID'})"
    )


def _people(ctx: Context, text: str) -> list[str]:
    return [_person(ctx, part.strip()) for part in text.replace(";", ",").split(",") if part.strip()]


def _verdict(ctx: Context, text: str) -> str:
    ids = [v.id for v in ctx.site.scale]
    labels = {v.label.casefold(): v.id for v in ctx.site.scale}
    if text in ids:
        return text
    if text.casefold() in labels:
        return labels[text.casefold()]
    raise ScaffoldError(f"'{text}' is not on the scale; " + (did_you_mean(text, ids) or "choose one of: " + ", ".join(ids)))


def _article(ctx: Context, text: str) -> str:
    if text in ctx.articles:
        return text
    hint = did_you_mean(text, ctx.articles)
    raise ScaffoldError(f"'{text}' is not in content/articles/" + (f"; {hint}" if hint else ""))


def _date(_: Context, text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ScaffoldError(f"'{text}' is not a date like 2021-04-16") from None


def _url(_: Context, text: str) -> str:
    try:
        return TypeAdapter(Url).validate_python(text)
    except ValidationError as exc:
        raise ScaffoldError(exc.errors()[0]["msg"]) from None


def _choice(text: str, choices: tuple[str, ...]) -> str:
    if text in choices:
        return text
    hint = did_you_mean(text, choices)
    raise ScaffoldError(f"'{text}' is not one of: {', '.join(choices)}" + (f"; {hint}" if hint else ""))


# ------------------------------------------------------------------------ ids


def suggest_id(kind: str, answers: dict) -> str | None:
    """An id from the title (or name): lowercase ASCII words joined by hyphens, cut at a word."""
    slug = slugify(answers.get("name" if kind == "person" else "title") or "")
    if len(slug) > ID_LENGTH:
        slug = slug[: ID_LENGTH + 1].rsplit("-", 1)[0]
    return slug or None


def check_id(ctx: Context, kind: str, record_id: str) -> str:
    """The id if it can name a new file; ScaffoldError (or AlreadyExists) saying why not."""
    if len(record_id) > MAX_SLUG_LENGTH or not SLUG_RE.fullmatch(record_id):
        suggestion = slugify(record_id)
        raise ScaffoldError(
            f"'{record_id}' is not a valid id: use lowercase letters, digits and single hyphens"
            + (f", e.g. '{suggestion}'" if suggestion else "")
        )
    if kind == "page" and record_id in RESERVED_SLUGS:
        raise ScaffoldError(f"'{record_id}' is an address the site uses itself; choose another, e.g. '{record_id}-info'")
    path = record_path(ctx.project, kind, record_id)
    if path.exists():
        raise AlreadyExists(f"{ctx.project.relative(path)} already exists; choose another id or edit that file")
    return record_id


def record_path(project: Project, kind: str, record_id: str) -> Path:
    return project.content_dir / KINDS[kind] / (record_id + (".md" if kind == "page" else ".yaml"))


def create(ctx: Context, kind: str, record_id: str, answers: dict) -> NewRecord:
    """Write the skeleton (never over an existing file), then validate the project to say what is left."""
    check_id(ctx, kind, record_id)
    if kind not in KINDS:
        raise ScaffoldError(f"unknown kind '{kind}': choose one of {', '.join(KINDS)}")
    text, placeholders = render(kind, answers, ctx.site, ctx.now, ctx.articles)
    path = record_path(ctx.project, kind, record_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": a file created meanwhile is kept
            handle.write(text)
    except FileExistsError:
        raise AlreadyExists(f"{ctx.project.relative(path)} already exists; choose another id or edit that file") from None
    rel = ctx.project.relative(path)
    _, diagnostics = load_content(ctx.project, ctx.now)
    mine = [d for d in diagnostics if d.path == rel]
    flagged = {d.line for d in mine if d.severity is Severity.ERROR}
    to_fill = [(name, line) for line, name in sorted(placeholders.items()) if line in flagged or name == "page text"]
    problems = [d for d in mine if d.line not in placeholders]
    return NewRecord(rel, to_fill, problems)
