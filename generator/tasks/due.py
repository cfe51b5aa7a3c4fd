"""`factcheck due`: does the published site still show what should be public now?

A scheduled deploy asks this before it rebuilds: the live site's open data (`api/claims.json`) lists
the fact-checks it shows; the content and the clock say which should be public. Only a difference
(a scheduled fact-check whose time has come, or one that is public no more) calls for a new deploy.
Comparing with what readers see, rather than with the time of the last deploy, also heals a deploy
that failed or a scheduled run that GitHub skipped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from generator.content.loading import load_content
from generator.core.diagnostics import Diagnostic, Severity
from generator.core.project import Project


@dataclass(frozen=True)
class Due:
    due: list[str] = field(default_factory=list)  # public now, not on the published site
    withdrawn: list[str] = field(default_factory=list)  # on the published site, public no more
    unknown: str = ""  # why the published site cannot be compared (then publish, to be safe)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    shown: int = 0  # fact-checks the published site shows

    @property
    def publish(self) -> bool:
        return bool(self.due or self.withdrawn or self.unknown)


def published_ids(path: Path) -> set[str]:
    """The ids in a site's api/claims.json; ValueError (with the reason) when it is not one."""
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise ValueError(f"{path} does not exist (the site may not be published yet)") from None
    except OSError as exc:
        raise ValueError(f"{path} cannot be read: {exc.strerror}") from None
    except ValueError:
        raise ValueError(f"{path} is not JSON") from None
    claims = data.get("claims") if isinstance(data, dict) else None
    if not isinstance(claims, list) or not all(isinstance(c, dict) and isinstance(c.get("id"), str) for c in claims):
        raise ValueError(f"{path} is not factcheck's api/claims.json (no list of claims with ids)")
    return {c["id"] for c in claims}


def check_due(project: Project, clock: datetime, published: Path) -> Due:
    content, diagnostics = load_content(project, clock)
    shown = [d for d in diagnostics if d.severity is not Severity.NOTE]
    if content is None:
        return Due(unknown="the content has errors (the build will show them)", diagnostics=shown)
    try:
        online = published_ids(published)
    except ValueError as exc:
        return Due(unknown=str(exc), diagnostics=shown)
    public = {entry.id for entry in content.public_claims(clock)}
    return Due(sorted(public - online), sorted(online - public), diagnostics=shown, shown=len(online))
