"""The plain values of a preview session: its options, the events it reports, the build it shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from generator.core.diagnostics import Diagnostic
from generator.engine.options import BuildResult


@dataclass(frozen=True)
class ServeOptions:
    port: int = 8000
    drafts: bool = True
    clock: datetime | None = None  # None: every rebuild reads the current time
    try_next_ports: bool = True  # when the port is taken, use the next free one


@dataclass(frozen=True)
class ServeEvent:
    """Something the caller may want to show: 'serving', 'build' (ok or not) or 'stopped'.

    A `quick` build showed the edited fact-checks' pages only; a full build follows once the editor pauses."""

    kind: str
    url: str = ""
    build: int = 0
    result: BuildResult | None = None
    changed: tuple[str, ...] = ()
    quick: bool = False


@dataclass
class PreviewState:
    """The last build the server shows: its number, its result, and whether any build has succeeded yet."""

    build: int = 0
    result: BuildResult | None = None
    has_pages: bool = False
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Output paths whose page this build changed; None: every page (say, the diagnostics came or went).
    touched: frozenset[str] | None = None

    @property
    def failed(self) -> bool:
        return self.result is not None and not self.result.ok
