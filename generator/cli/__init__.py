"""The `factcheck` command line: parse options, call one core function, print, pick the exit code.

Exit codes: 0 success, 1 content errors (or warnings with --strict), 2 usage errors,
3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from datetime import datetime, timezone
from pathlib import Path

import click

from generator.core.diagnostics import Diagnostic, Severity, format_json, has_errors, sort_diagnostics, summarise
from generator.core.project import Project, ProjectError


def parse_clock(value: str | None) -> datetime:
    """--clock, else SOURCE_DATE_EPOCH, else the current time; always aware."""
    if value:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise click.BadParameter(f"'{value}' is not a date-time like 2021-05-01T12:00:00+07:00", param_hint="--clock")
        return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), timezone.utc)
        except ValueError:
            raise click.UsageError(f"SOURCE_DATE_EPOCH='{epoch}' is not a number of seconds")
    return datetime.now(timezone.utc)


def open_project(ctx: click.Context) -> Project:
    try:
        return Project.at(ctx.obj["project"])
    except ProjectError as exc:
        raise click.UsageError(str(exc))


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
        self.label, self.bar, self.shown = label, None, 0

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


clock_option = click.option("--clock", metavar="DATETIME", help="Treat this moment as 'now' (default: SOURCE_DATE_EPOCH or the current time).")
strict_option = click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-C", "--project", "project", default=".", metavar="DIR", show_default=True,
              help="The project folder (the one holding content/).")
@click.version_option(package_name="factcheck")
@click.pass_context
def cli(ctx: click.Context, project: str) -> None:
    """factcheck: validate fact-check records and publish them as a static site."""
    ctx.obj = {"project": project}


@cli.command()
@strict_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True,
              help="text for people, json for tools, github for workflow annotations.")
@clock_option
@click.option("--since", metavar="REF", help="Require a correction for published fact-checks changed since this git "
              "revision (default: the merge base with origin/main or main, when there is one).")
@click.pass_context
def validate(ctx: click.Context, strict: bool, fmt: str, clock: str | None, since: str | None) -> None:
    """Check every record and report all problems at once.

    Exits 0 when the content is valid, 1 on errors (or warnings with --strict),
    2 when --since cannot be used (no git, or an unknown revision).
    """
    from generator.engine.records import load_records
    from generator.content.history import HistoryError, check_history

    project = open_project(ctx)
    now = parse_clock(clock)
    try:
        changes = check_history(project, since, now)
    except HistoryError as exc:
        raise click.BadParameter(str(exc), param_hint="--since")
    _, diagnostics = load_records(project, now)
    diagnostics = sort_diagnostics([*diagnostics, *changes])
    show(diagnostics, fmt)
    failed = has_errors(diagnostics, strict)
    if fmt == "text":
        click.echo(("invalid: " if failed else "ok: ") + summarise(diagnostics), err=True)
    ctx.exit(1 if failed else 0)


@cli.command()
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path("schemas"),
              show_default=True, help="Folder to write the JSON Schemas into (relative to the project).")
@click.pass_context
def schema(ctx: click.Context, output: Path) -> None:
    """Write a JSON Schema per record kind (site, person, article, claim, page)."""
    from generator.content.schema import schema_documents

    root = Path(ctx.obj["project"])
    target = output if output.is_absolute() else root / output
    target.mkdir(parents=True, exist_ok=True)
    for name, text in schema_documents().items():
        (target / name).write_text(text, encoding="utf-8")
        click.echo(target / name)


@cli.command()
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: site/ in the project).")
@click.option("--drafts", is_flag=True, help="Include drafts and scheduled fact-checks (marked as drafts).")
@click.option("--base-url", metavar="URL", help="Public address of the site, overriding site.yaml.")
@clock_option
@strict_option
@click.option("--timings", is_flag=True, help="Print the seconds spent in each stage of the build.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write .factcheck-cache/: a full build from the files alone.")
@click.pass_context
def build(ctx: click.Context, output: Path | None, drafts: bool, base_url: str | None, clock: str | None, strict: bool,
          timings: bool, no_cache: bool) -> None:
    """Validate, then render the whole site into site/ (or -o DIR).

    Exits 0 when the site was written, 1 when nothing was written: errors in the content or
    templates, a full disk, or another build writing the same folder. The previous site stays as it was.
    """
    from generator.engine.build import BuildOptions, build_site

    project = open_project(ctx)
    if base_url is not None and not base_url.startswith(("http://", "https://")):
        raise click.BadParameter("must start with http:// or https://", param_hint="--base-url")
    try:
        out = project.check_output(output if output is not None else project.default_output)
    except ProjectError as exc:
        raise click.UsageError(str(exc))
    bar = ProgressBar("rendering") if sys.stderr.isatty() else None
    options = BuildOptions(output=out, drafts=drafts, base_url=base_url, clock=parse_clock(clock), strict=strict,
                           cache=not no_cache, progress=bar)
    try:
        result = build_site(project, options)
    finally:
        if bar is not None:
            bar.close()
    show(result.diagnostics, quiet_notes=False)
    if not result.ok:
        click.echo("build failed: " + summarise(result.diagnostics) + "; the previous site was left as it was", err=True)
        ctx.exit(1)
    click.echo(f"built {result.output}: {result.written} written, {result.unchanged} unchanged, "
               f"{result.removed} removed in {result.seconds:.2f}s", err=True)
    if timings:
        stages = ", ".join(f"{stage} {seconds:.2f}s" for stage, seconds in result.timings.items())
        click.echo(f"stages: {stages or 'none (nothing had changed)'}", err=True)
        if result.peaks:
            peaks = ", ".join(f"{stage} {mb:.0f}" for stage, mb in result.peaks.items())
            click.echo(f"peak memory (MB) after: {peaks}", err=True)


NEW_OPTIONS = (  # answers a script can give instead of typing them: (flag, answer name, help)
    ("--title", "title", "Claim, article or page: its title."),
    ("--claimant", "claimant", "Claim: who made it (id from content/people/)."),
    ("--verdict", "verdict", "Claim: a verdict id from the scale in site.yaml."),
    ("--authors", "authors", "Claim: the fact-checkers' ids, separated by commas."),
    ("--claim-date", "claim_date", "Claim: when it was made, YYYY-MM-DD (default: today)."),
    ("--article", "article", "Claim: the article it appeared in (id from content/articles/)."),
    ("--publisher", "publisher", "Article: the outlet (id from content/people/)."),
    ("--published", "published", "Article: its date, YYYY-MM-DD."),
    ("--url", "url", "Article: its address, when known."),
    ("--name", "name", "Person: the full name."),
    ("--kind", "person_kind", "Person: person or organization (default: person)."),
    ("--description", "description", "Person or page: one line on who or what it is."),
    ("--role", "role", "Page: what it is for, e.g. about (default: other)."),
)


def _new_options(command):
    for flag, name, text in reversed(NEW_OPTIONS):
        command = click.option(flag, name, metavar="TEXT", help=text)(command)
    return command


def _ask(text: str, default: str | None, check):
    """Prompt until `check` accepts the answer; its complaint is shown before asking again."""
    from generator.tasks.scaffold import ScaffoldError

    def value_proc(answer: str):
        try:
            return check(answer)
        except ScaffoldError as exc:
            raise click.UsageError(str(exc))
    return click.prompt(text, default=default, value_proc=value_proc, show_default=bool(default))


@cli.command()
@click.argument("kind", type=click.Choice(["claim", "article", "person", "page"]))
@click.argument("record_id", metavar="[ID]", required=False)
@_new_options
@click.option("--no-input", is_flag=True, help="Never prompt: use the options and defaults, leave the rest to fill.")
@clock_option
@click.pass_context
def new(ctx: click.Context, kind: str, record_id: str | None, no_input: bool, clock: str | None, **given: str | None) -> None:
    """Start a new claim, article, person or page from a commented skeleton.

    Asks for the essentials (or takes them as options), writes content/<folder>/ID.yaml
    (pages: ID.md), prints its path and the fields still to fill. Exits 0 when the file
    was written, 1 when it exists already (it is never overwritten), 2 on a bad answer.
    """
    from generator.tasks import scaffold

    project = open_project(ctx)
    try:
        context = scaffold.read_context(project, parse_clock(clock))
        record_id, answers = scaffold.gather(context, kind, record_id, given, None if no_input else _ask)
        result = scaffold.create(context, kind, record_id, answers)
    except scaffold.AlreadyExists as exc:
        click.echo(f"not written: {exc}", err=True)
        ctx.exit(1)
    except scaffold.BadAnswer as exc:
        raise click.BadParameter(str(exc), param_hint=next(f for f, name, _ in NEW_OPTIONS if name == exc.name))
    except scaffold.ScaffoldError as exc:
        raise click.UsageError(str(exc))
    click.echo(result.path)
    if result.to_fill:
        click.echo("still to fill: " + ", ".join(f"{name} (line {line})" for name, line in result.to_fill), err=True)
    show(result.problems)
    click.echo(f"next: open {result.path}, fill it in, then run: factcheck validate", err=True)


@cli.command("check-links")
@click.option("--timeout", type=click.FloatRange(0.1, 300), default=10.0, show_default=True, metavar="SECONDS",
              help="Time allowed for each URL, redirects included.")
@click.option("--concurrency", type=click.IntRange(1, 64), default=8, show_default=True, help="URLs checked at once.")
@click.option("--max-time", type=click.FloatRange(1, 86400), default=None, metavar="SECONDS",
              help="Stop the whole run after this long (default: enough for every URL to use its timeout).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True,
              help="text for people, json for tools, github for workflow annotations.")
@click.pass_context
def check_links(ctx: click.Context, timeout: float, concurrency: int, max_time: float | None, fmt: str) -> None:
    """Request every source, article, appearance and people link once and report the dead ones.

    Needs the network, so `build` never runs it. Exits 0 when every link answers,
    1 when a link is dead or unreachable (or the content has errors).
    """
    from generator.tasks.linkcheck import LinkOptions, check_links as run_check_links

    report = run_check_links(open_project(ctx), LinkOptions(timeout=timeout, concurrency=concurrency, max_time=max_time))
    show(report.diagnostics, fmt)
    if not report.valid:
        click.echo("links not checked: the content has errors (" + summarise(report.diagnostics) + "); run factcheck validate", err=True)
    elif fmt == "text":
        click.echo(("dead links: " if not report.ok else "ok: ") + f"{report.checked} URL(s) in {report.links} link(s) checked, "
                   + summarise(report.diagnostics), err=True)
    ctx.exit(0 if report.ok else 1)


@cli.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1; when it is taken the next free one is used (0: any free port).")
@click.option("--drafts/--no-drafts", default=True, show_default=True,
              help="Include drafts and scheduled fact-checks, each with a DRAFT banner.")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in the web browser once it is built.")
@clock_option
@click.pass_context
def serve(ctx: click.Context, port: int, drafts: bool, open_browser: bool, clock: str | None) -> None:
    """Preview the site on http://127.0.0.1:PORT/, rebuilding and reloading open tabs on every change.

    Builds into a temporary folder (never into site/) and watches content/ and templates/.
    When a change breaks the content, the browser shows the problems over the last good
    pages until the file is fixed. Ctrl-C stops it (exit 0); exits 2 when no port is free.
    """
    from generator.preview.session import PortInUse, ServeOptions, run_preview

    project = open_project(ctx)
    fixed = parse_clock(clock) if clock or os.environ.get("SOURCE_DATE_EPOCH") else None  # else: now, at each rebuild

    def report(event) -> None:
        if event.kind == "serving":
            if port and not event.url.endswith(f":{port}/"):
                click.echo(f"port {port} is in use; using {event.url} instead", err=True)
            click.echo(f"serving {event.url}", nl=True)
            click.echo(f"drafts {'shown' if drafts else 'hidden'}; watching content/ and templates/; press Ctrl-C to stop", err=True)
            if open_browser:
                click.launch(event.url)
        elif event.kind == "build":
            result = event.result
            changed = ", ".join(event.changed[:3]) + (f" and {len(event.changed) - 3} more" if len(event.changed) > 3 else "")
            cause = f" after {changed} changed" if changed else ""
            if result.ok and event.quick:
                click.echo(f"build {event.build}{cause}: {result.written} page{'s' if result.written != 1 else ''} "
                           f"shown in {result.seconds:.3f}s; the rest of the site follows when you pause", err=True)
            elif result.ok:
                click.echo(f"build {event.build}{cause}: {result.written} written, {result.unchanged} unchanged, "
                           f"{result.removed} removed in {result.seconds:.2f}s", err=True)
            else:
                show(result.diagnostics)
                click.echo(f"build {event.build}{cause} failed: {summarise(result.diagnostics)}; "
                           "the browser shows them over the last good pages", err=True)

    previous = _stop_on_sigterm()
    try:
        run_preview(project, ServeOptions(port=port, drafts=drafts, clock=fixed), report)
    except PortInUse as exc:
        raise click.UsageError(str(exc))
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _stop_on_sigterm():
    """`kill` stops serve like Ctrl-C does, so its temporary folder is removed; returns the handler it replaced."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def interrupt(signum, frame):
        raise KeyboardInterrupt
    return signal.signal(signal.SIGTERM, interrupt)


@cli.command()
@click.option("--site", "site_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Audit this built site instead of building one into a temporary folder.")
@clock_option
@click.pass_context
def audit(ctx: click.Context, site_dir: Path | None, clock: str | None) -> None:
    """Check, offline, that the site is ready to be trusted, and show the publishing cadence.

    Required pages by role (methodology, corrections-policy, funding, team, contact,
    submit-claim) and the rating scale; every fact-check with claimant, source and author;
    each claim page's ClaimReview as fact-check databases read it. Exits 0 when all is
    there, 1 when a required item is missing or wrong (or the content has errors).
    """
    from generator.tasks.audit import audit_site, summary_lines

    now = parse_clock(clock)
    report = audit_site(open_project(ctx), now, site_dir)
    show(report.diagnostics)
    if not report.valid:
        click.echo("not audited: the content has errors (" + summarise(report.diagnostics) + "); run factcheck validate", err=True)
        ctx.exit(1)
    for line in summary_lines(report, now.date()):
        click.echo(line)
    click.echo(("audit failed: " if not report.ok else "ok: ") + summarise(report.diagnostics), err=True)
    ctx.exit(0 if report.ok else 1)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "claimreview"]), default="json", show_default=True,
              help="json: api/claims.json; csv: claims.csv; claimreview: the schema.org DataFeed (claimreview.json).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path), default=None,
              help="Write to this file (default: standard output).")
@click.option("--base-url", metavar="URL", help="Public address of the site, overriding site.yaml.")
@clock_option
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path | None, base_url: str | None, clock: str | None) -> None:
    """Write the open data of every published fact-check, exactly as the site publishes it, without building.

    Exits 0 when the data was written, 1 when the content has errors (nothing is written),
    2 on a bad option or an output file that cannot be written.
    """
    from generator.outputs.opendata import export_data

    if base_url is not None and not base_url.startswith(("http://", "https://")):
        raise click.BadParameter("must start with http:// or https://", param_hint="--base-url")
    data, diagnostics = export_data(open_project(ctx), fmt, parse_clock(clock), base_url)
    show(diagnostics)
    if data is None:
        click.echo("not exported: the content has errors (" + summarise(diagnostics) + "); run factcheck validate", err=True)
        ctx.exit(1)
    if output is None:
        click.echo(data, nl=False)  # bytes go to the binary stream as they are
        return
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise click.BadParameter(f"cannot write {output}: {exc.strerror or exc}", param_hint="-o")
    click.echo(f"exported {fmt} to {output}", err=True)


def main() -> None:
    try:
        cli.main(prog_name="factcheck")
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a bug, not a content problem: one line, no traceback unless asked
        if os.environ.get("FACTCHECK_DEBUG"):
            raise
        click.echo(f"factcheck: internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("this is a bug in factcheck; rerun with FACTCHECK_DEBUG=1 for details and report it", err=True)
        sys.exit(3)
