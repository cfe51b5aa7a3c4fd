"""The rating scales `factcheck init` offers, kept as data: generator/tasks/skeletons/scales/<id>.yaml.

Each file names the scale, says what it is modelled on in its comments, and holds the `scale:` list
exactly as it goes into a new site's content/site.yaml, comments and all.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml
from pydantic import TypeAdapter, ValidationError

from generator.content.models import Verdict
from generator.core.resources import InstallationError, scales_folder


@dataclass(frozen=True)
class Preset:
    id: str  # the file name: what `factcheck init --scale` takes
    name: str
    summary: str  # the verdicts in one line, for the prompt
    language: str  # the language of the labels
    labels_only: bool
    verdicts: tuple[Verdict, ...]
    site_text: str  # the file's comments, `labels_only` and `scale:` as site.yaml takes them


@cache
def presets() -> dict[str, Preset]:
    """Every preset by id, in the order of their file names."""
    found = {}
    for path in sorted(scales_folder().glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        try:
            data = yaml.safe_load(text)
            verdicts = TypeAdapter(list[Verdict]).validate_python(data["scale"])
            preset = Preset(
                path.stem, data["name"], data["summary"], data["language"], data["labels_only"], tuple(verdicts), _site_text(text)
            )
        except (yaml.YAMLError, ValidationError, KeyError, TypeError, ValueError) as exc:  # a broken installation
            raise InstallationError(f"factcheck's scale {path.name} cannot be read ({exc}); reinstall factcheck") from None
        found[preset.id] = preset
    return found


def _site_text(text: str) -> str:
    lines = text.splitlines(keepends=True)
    comments = lines[: next(i for i, line in enumerate(lines) if not line.startswith("#"))]
    start = next(i for i, line in enumerate(lines) if line.startswith("labels_only:"))
    return "".join(comments + lines[start:])


def example_verdict(preset: Preset) -> str:
    """The verdict the example fact-check gets: the first whose bucket is false (every preset has one)."""
    return next((v.id for v in preset.verdicts if v.bucket == "false"), preset.verdicts[0].id)
