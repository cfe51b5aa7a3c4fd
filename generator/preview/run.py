"""`run_preview`: build, serve and rebuild until stopped; the file watcher that feeds it edits."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from generator.core.project import Project
from generator.engine.build import build_site
from generator.engine.options import BuildOptions, BuildResult
from generator.preview.server import PortInUse, PreviewServer, make_server  # noqa: F401 - PortInUse: part of this API
from generator.preview.session import Preview
from generator.preview.state import ServeEvent, ServeOptions


def watched_paths(project: Project) -> list[Path]:
    """content/ (site.yaml lives there) and the project's templates/ and locale/, when it has them."""
    return [p for p in (project.content_dir, project.templates_dir, project.locale_dir) if p.is_dir()]


def watch_changes(project: Project, stop: threading.Event) -> Iterator[tuple[str, ...]]:
    """Batches of changed project-relative paths until `stop` is set; an empty batch after each
    half second without changes (the first one shows the watcher runs)."""
    import watchfiles

    for batch in watchfiles.watch(
        *watched_paths(project),
        stop_event=stop,
        debounce=800,
        step=30,
        rust_timeout=500,
        yield_on_timeout=True,
        raise_interrupt=False,
    ):
        yield tuple(sorted({project.relative(Path(path)) for _change, path in batch}))


def run_preview(
    project: Project,
    options: ServeOptions,
    report: Callable[[ServeEvent], None],
    stop: threading.Event | None = None,
    ready: Callable[[PreviewServer, Preview], None] | None = None,
    builder: Callable[[Project, BuildOptions], BuildResult] = build_site,
) -> None:
    """Build, serve and rebuild until `stop` is set (or Ctrl-C reaches the calling thread); then clean up."""
    stop = stop or threading.Event()
    preview = Preview(project, options, builder, report)
    server = serving = watcher = None
    try:
        server = make_server(preview, options.port, options.try_next_ports)
        url = preview.base_url
        state = preview.rebuild()
        report(ServeEvent("build", url, state.build, state.result))

        watching = threading.Event()

        def follow() -> None:
            for changed in watch_changes(project, stop):
                watching.set()  # the first batch (empty after half a second) proves the watcher is running
                if changed:
                    quick = preview.edited(changed)
                    if quick is not None:
                        report(ServeEvent("build", url, quick.build, quick.result, changed, quick=True))

        preview.start_following()

        watcher = threading.Thread(target=follow, name="factcheck-watch", daemon=True)
        watcher.start()
        watching.wait(5)  # an edit saved before the watcher runs would go unnoticed
        serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, name="factcheck-http", daemon=True)
        serving.start()
        report(ServeEvent("serving", url, state.build))
        if ready:
            ready(server, preview)
        while not stop.wait(0.2):  # the main thread waits here, so Ctrl-C lands between two waits
            pass
    finally:
        stop.set()
        if server is not None and serving is not None:  # serving starts only once the server exists
            server.shutdown()
        if server is not None:
            server.server_close()
        if watcher is not None:
            watcher.join(timeout=5)
        preview.close()
        report(ServeEvent("stopped"))
