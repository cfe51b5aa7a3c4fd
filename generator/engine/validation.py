"""What `factcheck validate` checks: every record (through the cache), and the project's own templates
compiled and held to what they are given, so the pre-commit hook and the pull-request check find what
the deploy would."""

from __future__ import annotations

from datetime import datetime

from generator.core.diagnostics import Diagnostic
from generator.core.project import Project
from generator.engine.records import load_records


def validate_project(project: Project, clock: datetime | None = None) -> list[Diagnostic]:
    from generator.render.templatecheck import check_templates  # Jinja only for projects with templates/

    content, diagnostics = load_records(project, clock)
    language = content.site.model.language if content is not None else "en"
    return [*diagnostics, *check_templates(project, language)]
