"""Corrections enforced by history: a published fact-check whose verdict, claim or summary
changed since a git revision needs a new entry under `corrections`.

Reads old versions with git (a subprocess); knows nothing of Click or of the output.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from generator.content.models import Claim, Site
from generator.content.records import read_record
from generator.core.diagnostics import Diagnostic, error, sort_diagnostics, warning
from generator.core.project import Project

GIT_TIMEOUT = 30  # seconds for one git call; a hung git must not hang a pre-commit hook
DEFAULT_BASES = ("origin/main", "main")  # what "published" means by default: the shared branch first
WATCHED = ("verdict", "claim", "summary")


class HistoryError(Exception):
    """git is missing, the folder is not in a repository, or the revision is unknown (a usage error)."""


class GitMissing(HistoryError):
    pass


@dataclass(frozen=True)
class Base:
    revision: str  # a commit id
    label: str  # how messages name it, e.g. "origin/main" or "the merge base with origin/main"


def check_history(project: Project, since: str | None, clock: datetime) -> list[Diagnostic]:
    """Diagnostics for published claims changed since `since` without a correction.

    With `since` None the merge base of HEAD with origin/main (or main) is used, and the
    check is silently skipped when there is none; an explicit `since` that cannot be
    used raises HistoryError.
    """
    if since is not None:
        return check_corrections(project, resolve(project.root, since), clock)
    try:
        base = default_base(project.root)
        return check_corrections(project, base, clock) if base else []
    except HistoryError:
        return []


def default_base(root: Path) -> Base | None:
    """The merge base of HEAD with origin/main or main, or None when there is neither."""
    if _git(root, "rev-parse", "--is-inside-work-tree", check=False).strip() != "true":
        return None
    for ref in DEFAULT_BASES:
        found = _git(root, "merge-base", "HEAD", ref, check=False).strip()
        if found:
            return Base(found, f"the merge base with {ref} ({found[:10]})")
    return None


def resolve(root: Path, since: str) -> Base:
    if not since or since.startswith("-"):
        raise HistoryError(f"'{since}' is not a git revision")
    if _git(root, "rev-parse", "--is-inside-work-tree", check=False).strip() != "true":
        raise HistoryError(f"--since needs a git repository, but '{root}' is not inside one")
    found = _git(root, "rev-parse", "--verify", "--quiet", f"{since}^{{commit}}", check=False).strip()
    if not found:
        raise HistoryError(f"unknown git revision '{since}' (fetch it first, e.g. git fetch origin)")
    return Base(found, since)


def check_corrections(project: Project, base: Base, clock: datetime) -> list[Diagnostic]:
    root = project.root
    prefix = _git(root, "rev-parse", "--show-prefix").strip()
    changed = _git(
        root, "diff", "--name-only", "-z", "--no-renames", "--diff-filter=M", "--relative", base.revision, "--", "content/claims/"
    ).split("\0")
    paths = sorted(p for p in changed if p.endswith(".yaml") and p.count("/") == 2)
    if not paths:
        return []
    old_texts = _read_blobs(root, [f"{base.revision}:{prefix}{p}" for p in paths])
    zone = _site_zone(project)
    today = clock.astimezone(zone).date()
    found: list[Diagnostic] = []
    for rel, old_raw in zip(paths, old_texts):
        current = project.root / rel
        if old_raw is None or not current.is_file():
            continue
        old, old_doc, _ = read_record(old_raw, rel, Claim)
        if old is None or old.draft or _moment(old.published, zone) > clock:
            continue  # not published at the base: it may still change freely
        assert old_doc is not None  # a valid record comes with its document
        _, doc, _ = read_record(current.read_bytes(), rel, Claim)
        if doc is not None and isinstance(doc.data, dict):
            found.extend(_compare(rel, old, old_doc.data.get("corrections"), doc, base, today))
    return sort_diagnostics(found)


def _compare(rel: str, old: Claim, old_corrections: list | None, doc, base: Base, today: date) -> list[Diagnostic]:
    """Diagnostics for one published claim: `old` as it was at the base, `doc` as it is now."""
    data = doc.data
    old_corrections = [_normal(c) for c in old_corrections or []]
    corrections = data.get("corrections") if isinstance(data.get("corrections"), list) else []
    added = [(i, c) for i, c in enumerate(corrections) if _normal(c) not in old_corrections]
    changed = [key for key in WATCHED if _normal(getattr(old, key)) != _normal(data.get(key))]
    found: list[Diagnostic] = []
    if changed and not added:
        for key in changed:
            line, column = doc.positions.value_at((key,))
            what = f"the verdict changed from '{old.verdict}' to '{data.get(key)}'" if key == "verdict" else f"the {key} changed"
            found.append(
                error(
                    rel,
                    line,
                    column,
                    "correction-required",
                    f"{what} since {base.label}, but this fact-check was already published and no correction was added",
                    _snippet(today, old.verdict if "verdict" in changed else None, bool(corrections)),
                )
            )
    for i, correction in added:
        previous = correction.get("previous_verdict") if isinstance(correction, dict) else None
        if previous is not None and previous != old.verdict:
            line, column = doc.positions.value_at(("corrections", i, "previous_verdict"))
            found.append(
                warning(
                    rel,
                    line,
                    column,
                    "correction-previous-verdict",
                    f"previous_verdict is '{previous}', but the verdict at {base.label} was '{old.verdict}'",
                    f"write previous_verdict: {old.verdict}",
                )
            )
        elif previous is None and "verdict" in changed:
            line, column = doc.positions.value_at(("corrections", i))
            found.append(
                warning(
                    rel,
                    line,
                    column,
                    "correction-previous-verdict",
                    "the verdict changed, but the correction does not say what it was",
                    f"add previous_verdict: {old.verdict}",
                )
            )
    return found


def _snippet(today: date, previous: str | None, has_list: bool) -> str:
    lines = [f"  - date: {today.isoformat()}", "    note: What was corrected and why."]
    if previous:
        lines.append(f"    previous_verdict: {previous}")
    head = (
        "add an entry at the end of 'corrections':"
        if has_list
        else "record the correction at the end of the file:\n    corrections:"
    )
    return head + "\n" + "\n".join("    " + line for line in lines)


def _normal(value):
    """Compare text as readers see it: re-wrapping a paragraph is not a change."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _moment(value: datetime | date, zone: ZoneInfo) -> datetime:
    return value if isinstance(value, datetime) else datetime.combine(value, time(0, 0), tzinfo=zone)


def _site_zone(project: Project) -> ZoneInfo:
    site = None
    if project.site_file.is_file():
        site, _, _ = read_record(project.site_file.read_bytes(), "content/site.yaml", Site)
    try:
        return ZoneInfo(site.timezone if site else "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _read_blobs(root: Path, specs: list[str]) -> list[bytes | None]:
    """Several 'REV:path' blobs with one `git cat-file --batch` (one process for any number of files)."""
    out = _run(root, ["cat-file", "--batch"], ("\n".join(specs) + "\n").encode())
    blobs: list[bytes | None] = []
    pos = 0
    for _ in specs:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            blobs.append(out[pos : pos + size])
            pos += size + 1
        else:  # "missing" or not a file
            blobs.append(None)
    return blobs


def _git(root: Path, *args: str, check: bool = True) -> str:
    try:
        return _run(root, list(args), None).decode("utf-8", "replace")
    except GitMissing:
        raise
    except HistoryError:
        if check:
            raise
        return ""


def _run(root: Path, args: list[str], stdin: bytes | None) -> bytes:
    env = dict(os.environ, GIT_OPTIONAL_LOCKS="0", LC_ALL="C")  # read-only: never take the index lock
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, input=stdin, capture_output=True, timeout=GIT_TIMEOUT, env=env, check=False
        )
    except FileNotFoundError:
        raise GitMissing("--since needs git, but the git command was not found") from None
    except subprocess.TimeoutExpired:
        raise HistoryError(f"git {args[0]} took longer than {GIT_TIMEOUT}s") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise HistoryError(f"git {args[0]} failed: {message[0] if message else done.returncode}")
    return done.stdout
