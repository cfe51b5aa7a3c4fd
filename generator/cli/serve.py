"""`factcheck serve`: the live preview on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import threading

import click

from generator.cli.common import (
    clock_option,
    open_project,
    parse_clock,
    show,
    summarise,
)


@click.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1; when it is taken the next free one is used (0: any free port).",
)
@click.option(
    "--drafts/--no-drafts",
    default=True,
    show_default=True,
    help="Include drafts and scheduled fact-checks, each with a DRAFT banner.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the site in the web browser once it is built.")
@clock_option
@click.pass_context
def serve(ctx: click.Context, port: int, drafts: bool, open_browser: bool, clock: str | None) -> None:
    """Preview the site on http://127.0.0.1:PORT/, rebuilding and reloading open tabs on every change.

    Builds into a temporary folder (never into site/) and watches content/ and templates/.
    A site whose base_url has a path (https://org.github.io/cekfakta/) is shown under the same
    path (http://127.0.0.1:PORT/cekfakta/), and / leads there.
    When a change breaks the content, the browser shows the problems over the last good
    pages until the file is fixed. Ctrl-C stops it (exit 0); exits 2 when no port is free.
    """
    from generator.preview.run import PortInUse, ServeOptions, run_preview

    project = open_project(ctx)
    fixed = parse_clock(clock) if clock or os.environ.get("SOURCE_DATE_EPOCH") else None  # else: now, at each rebuild

    def report(event) -> None:
        if event.kind == "serving":
            if port and f"127.0.0.1:{port}/" not in event.url:
                click.echo(f"port {port} is in use; using {event.url} instead", err=True)
            click.echo(f"serving {event.url}", nl=True)
            click.echo(
                f"drafts {'shown' if drafts else 'hidden'}; watching content/ and templates/; press Ctrl-C to stop", err=True
            )
            if open_browser:
                click.launch(event.url)
        elif event.kind == "build":
            result = event.result
            changed = ", ".join(event.changed[:3]) + (f" and {len(event.changed) - 3} more" if len(event.changed) > 3 else "")
            cause = f" after {changed} changed" if changed else ""
            if result.ok and event.quick:
                click.echo(
                    f"build {event.build}{cause}: {result.written} page{'s' if result.written != 1 else ''} "
                    f"shown in {result.seconds:.3f}s; the rest of the site follows when you pause",
                    err=True,
                )
            elif result.ok:
                click.echo(
                    f"build {event.build}{cause}: {result.written} written, {result.unchanged} unchanged, "
                    f"{result.removed} removed in {result.seconds:.2f}s",
                    err=True,
                )
            else:
                show(result.diagnostics)
                click.echo(
                    f"build {event.build}{cause} failed: {summarise(result.diagnostics)}; "
                    "the browser shows them over the last good pages",
                    err=True,
                )

    previous = _stop_on_sigterm()
    try:
        run_preview(project, ServeOptions(port=port, drafts=drafts, clock=fixed), report)
    except PortInUse as exc:
        raise click.UsageError(str(exc)) from None
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
