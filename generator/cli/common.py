"""What every command shares: the clock, the project, how diagnostics are shown, the progress bar."""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import click

from generator.core.diagnostics import Diagnostic, Severity, format_json, has_errors, sort_diagnostics, summarise  # noqa: F401 - for the commands
from generator.core.project import Project, ProjectError

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar as ClickProgressBar  # where click.progressbar's type lives


def parse_clock(value: str | None) -> datetime:
    """--clock, else SOURCE_DATE_EPOCH, else the current time; always aware."""
    if value:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise click.BadParameter(
                f"'{value}' is not a date-time like 2021-05-01T12:00:00+07:00", param_hint="--clock"
            ) from None
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC)
        except ValueError:
            raise click.UsageError(f"SOURCE_DATE_EPOCH='{epoch}' is not a number of seconds") from None
    return datetime.now(UTC)


def open_project(ctx: click.Context) -> Project:
    try:
        return Project.at(ctx.obj["project"])
    except ProjectError as exc:
        raise click.UsageError(str(exc)) from None


def show(diagnostics: list[Diagnostic], fmt: str = "text", quiet_notes: bool = False) -> None:
    if fmt == "json":
        click.echo(format_json(diagnostics))
        return
    for d in diagnostics:
        if quiet_notes and d.severity is Severity.NOTE:
            continue
        if fmt == "github":
            click.echo(d.format_github())
        else:
            colour = {"error": "red", "warning": "yellow", "note": "cyan"}[d.severity.value]
            click.secho(d.format_text(), fg=colour, err=True)


class ProgressBar:
    """A progress callback for the core: draws Click's bar on stderr once a build has many pages."""

    MIN_PAGES = 300  # small builds finish before a bar is worth drawing

    def __init__(self, label: str) -> None:
        self.label, self.shown = label, 0
        self.bar: ClickProgressBar[int] | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if total < self.MIN_PAGES:
                return
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr, update_min_steps=max(1, total // 200))
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


clock_option = click.option(
    "--clock", metavar="DATETIME", help="Treat this moment as 'now' (default: SOURCE_DATE_EPOCH or the current time)."
)
strict_option = click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")
