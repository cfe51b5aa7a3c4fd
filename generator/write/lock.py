"""One build at a time per output folder: an flock on a file beside it, which the kernel releases when
the holder dies, even by SIGKILL. The holder clears what killed builds left beside the folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.write.sweep import retire, sweep_abandoned
from generator.write.writer import OutputError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: builds are not locked there
    fcntl = None  # type: ignore[assignment]


class OutputBusy(OutputError):
    """Another build holds the lock on this output folder."""

    def __init__(self, output: Path, pid: int | None):
        holder = f" (pid {pid})" if pid else ""
        super().__init__(f"another build is writing {output.name}/{holder}; wait for it or use another -o")
        self.pid = pid


def lock_path(output: Path) -> Path:
    return output.parent / f".{output.name}.lock"


_held_locks: set[int] = set()


def _drop_locks_in_child() -> None:
    # A forked worker shares the lock's open file; if it kept it, a worker orphaned by a killed build
    # would hold the lock for ever. Closing its copy leaves the parent's lock in place.
    for fd in _held_locks:
        try:
            os.close(fd)
        except OSError:
            pass
    _held_locks.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_drop_locks_in_child)


@contextmanager
def output_lock(output: Path) -> Iterator[None]:
    """Hold the output folder for a whole build; raise OutputBusy at once when another build holds it.

    An flock on a file beside the folder: the kernel releases it when the holder dies, even by SIGKILL.
    While holding it, leftovers of builds that were killed are cleaned up.
    """
    output = Path(output).absolute()
    output.parent.mkdir(parents=True, exist_ok=True)
    if fcntl is None:  # pragma: no cover
        yield
        return
    path = lock_path(output)
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = _read_pid(fd)
            os.close(fd)
            raise OutputBusy(output, pid) from None
        try:
            if os.stat(path).st_ino == os.fstat(fd).st_ino:
                break
        except FileNotFoundError:
            pass
        os.close(fd)  # the holder removed the file between our open and flock: lock the new one
    _held_locks.add(fd)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        clean_leftovers(output)
        yield
    finally:
        try:
            os.unlink(path)  # still holding the lock, so no other build is between open and flock on it
        except OSError:
            pass
        _held_locks.discard(fd)
        os.close(fd)


def _read_pid(fd: int) -> int | None:
    try:
        return int(os.pread(fd, 32, 0).decode("ascii").strip() or 0) or None
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def clean_leftovers(output: Path) -> None:
    """Remove staging and retired folders of killed builds; put the old site back if a kill left none."""
    staging = sorted(output.parent.glob(f".{output.name}.staging-*"))
    retired = sorted(output.parent.glob(f".{output.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if not output.exists() and retired:
        os.rename(retired.pop(), output)  # killed between the two renames of the fallback swap
    for folder in staging + retired:
        if folder.is_dir() and not folder.is_symlink():
            retire(folder, output)
    sweep_abandoned(output)
