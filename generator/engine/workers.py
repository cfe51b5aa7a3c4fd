"""Worker processes for the parallel parts of a build: how many, and a pool that dies with its parent.

Workers are forked, so they start with everything the parent prepared and receive only small jobs.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

PR_SET_PDEATHSIG = 1
T = TypeVar("T")
R = TypeVar("R")


def worker_count() -> int:
    """Processes for parallel work: the CPUs this process may use, or FACTCHECK_WORKERS."""
    wanted = os.environ.get("FACTCHECK_WORKERS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of forked workers that are killed when the build process dies, even by SIGKILL."""
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("fork"), initializer=_die_with_parent, initargs=(os.getpid(),)
    )


def _die_with_parent(parent: int) -> None:
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def map_chunks(
    function: Callable[[list[T]], list[R]], items: list[T], workers: int, threshold: int, chunks_per_worker: int = 4
) -> list[R]:
    """`function` over `items` in chunks, results in item order: in forked workers when there are
    at least `threshold` items and more than one worker, else in this process."""
    if workers <= 1 or len(items) < threshold or not can_fork():
        return function(items)
    size = -(-len(items) // (workers * chunks_per_worker))  # a few chunks per worker evens out long items
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    with worker_pool(workers) as pool:
        return [result for chunk in pool.map(function, chunks) for result in chunk]
