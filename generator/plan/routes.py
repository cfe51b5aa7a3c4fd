"""What the planner hands to rendering: a route is (url, template, context of finished values).

No I/O and no Jinja. The context of a claim page can be made lazily, where the page is rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from generator.plan.urls import output_path


class LazyContext(Mapping[str, Any]):
    """A route context whose bulk is made on first use: in the worker process that renders the page
    rather than in the planner, so planning a large site stays cheap and the planner never holds
    every claim page's values at once. `eager` holds what other routes read (the sitemap reads "page")."""

    def __init__(self, eager: dict[str, Any], make: Callable[[], dict[str, Any]]):
        self._eager = eager
        self._make = make
        self._full: dict[str, Any] | None = None

    def _values(self) -> dict[str, Any]:
        if self._full is None:
            self._full = {**self._eager, **self._make()}
        return self._full

    def __getitem__(self, key: str) -> Any:
        if self._full is None and key in self._eager:
            return self._eager[key]
        return self._values()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values())

    def __len__(self) -> int:
        return len(self._values())

    def release(self) -> None:
        """Forget the made values once the page is rendered; they are made again if asked for."""
        self._full = None


@dataclass(frozen=True)
class Route:
    url: str  # root-relative: "/claims/x/" or "/feed.xml"
    template: str
    context: Mapping[str, Any]

    @property
    def output_path(self) -> str:
        """Where the page lands inside the output folder: folders get an index.html."""
        return output_path(self.url)
