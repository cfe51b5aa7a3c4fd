"""Release habits: the version being released has its changelog entry, and what new sites pin agrees."""

from __future__ import annotations

import re
from pathlib import Path

from generator import __version__

REPO = Path(__file__).resolve().parent.parent


def test_the_changelog_has_an_entry_for_this_version() -> None:
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", text, re.M)
    assert headings[0] == ("Unreleased", "")  # Keep a Changelog: pending changes on top
    assert (__version__, headings[1][1]) == headings[1] and headings[1][1], "add a dated entry for this version"
    assert "### Added" in text.split(f"## [{__version__}]", 1)[1].split("\n## ", 1)[0]
