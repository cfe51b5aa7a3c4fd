"""Markdown to safe HTML, and the `[@source-id]` citation syntax shared with the checks."""

from __future__ import annotations

import re

CITATION_RE = re.compile(r"\[@([a-z0-9]+(?:-[a-z0-9]+)*)\]")


def find_citations(text: str) -> list[str]:
    """Source ids cited in Markdown text, in order of first appearance, without repeats."""
    return list(dict.fromkeys(CITATION_RE.findall(text)))
