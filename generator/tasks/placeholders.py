"""`[[…]]` placeholders: the text `factcheck init` leaves for a desk to write (who it is, how it works,
who pays for it). `factcheck audit` reports each one left in what the site publishes, at its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from generator.content.entries import Content, Entry
from generator.core.diagnostics import Diagnostic, error

PLACEHOLDER_RE = re.compile(r"\[\[(?!\s*\]\])(.+?)\]\]")  # on one line; an empty [[]] is not one


def find_placeholders(root: Path, content: Content, clock: datetime) -> Iterator[Diagnostic]:
    """Every `[[…]]` in site.yaml, the pages, people, articles and published fact-checks (drafts
    and scheduled ones may still hold some: nobody reads them yet)."""
    entries: list[Entry] = [content.site, *content.pages.values(), *content.people.values(), *content.articles.values()]
    entries += content.public_claims(clock)
    for path in sorted({entry.path for entry in entries}):
        try:
            text = (root / path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):  # loading read it a moment ago; a file gone since is not ours to report
            continue
        for number, line in enumerate(text.splitlines(), 1):
            for match in PLACEHOLDER_RE.finditer(line):
                yield error(
                    path,
                    number,
                    match.start() + 1,
                    "placeholder",
                    f"placeholder left to fill: {match.group(0)}",
                    "replace it with the desk's own text",
                )
