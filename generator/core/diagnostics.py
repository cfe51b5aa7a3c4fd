"""Diagnostics as data: what is wrong, where, and how to fix it.

Nothing here prints or exits; the CLI decides how to show a list of these.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    hint: str = ""

    def format_text(self) -> str:
        head = f"{self.path}:{self.line}:{self.column}: {self.severity.value}: {self.message} [{self.code}]"
        return head + (f"\n    fix: {self.hint}" if self.hint else "")

    def format_github(self) -> str:
        # Workflow commands: properties and message need their own escaping.
        level = {"error": "error", "warning": "warning", "note": "notice"}[self.severity.value]
        text = self.message + (f" Fix: {self.hint}" if self.hint else "")
        return (
            f"::{level} file={_gh_prop(self.path)},line={self.line},col={self.column},"
            f"title={_gh_prop(self.code)}::{_gh_data(text)}"
        )

    def to_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def error(path: str, line: int, column: int, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(path, line, column, Severity.ERROR, code, message, hint)


def warning(path: str, line: int, column: int, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(path, line, column, Severity.WARNING, code, message, hint)


def note(path: str, line: int, column: int, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(path, line, column, Severity.NOTE, code, message, hint)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(set(diagnostics), key=lambda d: (d.path, d.line, d.column, d.code, d.message))


def has_errors(diagnostics: Iterable[Diagnostic], strict: bool = False) -> bool:
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return any(d.severity in failing for d in diagnostics)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A 'did you mean' suffix, or an empty string when nothing is close."""
    matches = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else ""


def format_json(diagnostics: list[Diagnostic]) -> str:
    return json.dumps([d.to_dict() for d in diagnostics], ensure_ascii=False, indent=2)


def summarise(diagnostics: list[Diagnostic]) -> str:
    counts = {s: sum(1 for d in diagnostics if d.severity is s) for s in Severity}
    parts = [f"{counts[Severity.ERROR]} error(s)", f"{counts[Severity.WARNING]} warning(s)"]
    if counts[Severity.NOTE]:
        parts.append(f"{counts[Severity.NOTE]} note(s)")
    return ", ".join(parts)


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")
