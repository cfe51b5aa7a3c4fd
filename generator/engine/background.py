"""A build in a forked child process at low priority, which the live preview can cancel at any time.

The preview renders an edited page in its own process while the full build that follows runs beside
it. In a thread, that build would hold the interpreter lock for most of each second and slow the
next edit's page down; in a niced child it takes only the processor time the preview leaves over,
and a newer edit stops it at the build's next check point. The result comes back pickled, without
the records (the preview keeps its own).
"""

from __future__ import annotations

import os
import pickle
import select
import threading
from collections.abc import Callable
from dataclasses import replace

from generator.core.diagnostics import error
from generator.core.project import Project
from generator.engine.options import BuildOptions, BuildResult, crashed

NICENESS = 10  # the child and its render workers yield the processors to the preview's own work


class ChildBuild:
    """`builder(project, options)` in a forked child; `result()` waits for it, `cancel()` stops it early."""

    def __init__(self, builder: Callable[[Project, BuildOptions], BuildResult], project: Project, options: BuildOptions):
        parent = os.getpid()
        results_in, results_out = os.pipe()
        self._cancel_in, self._cancel_out = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: build, send the result, leave without running the parent's exit handlers
            os.close(results_in)
            os.close(self._cancel_out)
            _run_child(builder, project, options, parent, self._cancel_in, results_out)
        os.close(results_out)
        os.close(self._cancel_in)
        self._results = results_in
        self._lock = threading.Lock()
        self._cancelled = False

    def cancel(self) -> None:
        with self._lock:  # never write to the number of a closed pipe: it may belong to another file by now
            self._cancelled = True
            if self._cancel_out >= 0:
                try:
                    os.write(self._cancel_out, b"x")
                except OSError:  # the child has finished
                    pass

    def result(self) -> BuildResult:
        """The child's result (a cancelled or crashed child gives a result saying so)."""
        chunks = []
        try:
            while chunk := os.read(self._results, 1 << 20):
                chunks.append(chunk)
        finally:
            os.close(self._results)
            with self._lock:
                os.close(self._cancel_out)
                self._cancel_out = -1
            _, status = os.waitpid(self.pid, 0)
        try:
            return pickle.loads(b"".join(chunks))
        except Exception:
            if self._cancelled:
                return BuildResult([], False, cancelled=True)
            how = (
                f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"exit status {os.waitstatus_to_exitcode(status)}"
            )
            return BuildResult(
                [
                    error(
                        "factcheck",
                        1,
                        1,
                        "internal-error",
                        f"the background build stopped ({how})",
                        "it may have run out of memory; save a file to build again",
                    )
                ],
                False,
            )


def _run_child(builder, project: Project, options: BuildOptions, parent: int, cancel_fd: int, results_fd: int) -> None:
    status = 1
    try:
        from generator.engine.workers import _die_with_parent

        _die_with_parent(parent)
        os.nice(NICENESS)

        def cancelled() -> bool:  # a byte in the pipe, or the pipe closed: the preview no longer wants this build
            return bool(select.select([cancel_fd], [], [], 0)[0])

        try:
            result = builder(project, replace(options, cancelled=cancelled))
        except Exception as exc:  # a bug in factcheck
            result = crashed(exc)
        data = pickle.dumps(replace(result, snapshot=None), protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(results_fd, view) :]
        status = 0
    finally:
        os._exit(status)
