"""Write a finished site (relative path -> bytes) into a folder atomically.

A staging folder beside the output is filled completely, then swapped in. Knows
nothing of pages or templates: only paths and bytes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: builds are not locked there
    fcntl = None  # type: ignore[assignment]

AT_FDCWD = -100
RENAME_EXCHANGE = 2


class OutputError(Exception):
    """The planned files cannot be written safely (bad path, collision, output is not a folder)."""


class OutputBusy(OutputError):
    """Another build holds the lock on this output folder."""

    def __init__(self, output: Path, pid: int | None):
        holder = f" (pid {pid})" if pid else ""
        super().__init__(f"another build is writing {output.name}/{holder}; wait for it or use another -o")
        self.pid = pid


@dataclass(frozen=True)
class WriteStats:
    written: int = 0
    unchanged: int = 0
    removed: int = 0


def check_path(path: str) -> str:
    """Refuse anything that could land outside the output folder or be read two ways."""
    if not path or path.startswith("/") or "\\" in path or "\0" in path:
        raise OutputError(f"refusing to write '{path}': not a plain relative path")
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise OutputError(f"refusing to write '{path}': empty, '.' or '..' segment")
    return path


def _check_tree(paths: list[str]) -> None:
    folders = {"/".join(p.split("/")[:i]) for p in paths for i in range(1, p.count("/") + 1)}
    clash = sorted(folders.intersection(paths))
    if clash:
        raise OutputError(f"refusing to write '{clash[0]}': it is both a file and a folder")


def _previous_files(output: Path) -> dict[str, Path]:
    if not output.is_dir():
        return {}
    found: dict[str, Path] = {}
    for root, _dirs, names in os.walk(output):
        for name in names:
            full = Path(root, name)
            found[full.relative_to(output).as_posix()] = full
    return found


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False when the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return result == 0


def write_site(files: dict[str, bytes], output: Path) -> WriteStats:
    """Replace `output` with exactly `files`; a failure leaves the previous folder untouched."""
    paths = sorted(check_path(p) for p in files)
    _check_tree(paths)
    output = Path(output).absolute()
    if output.exists() and not output.is_dir():
        raise OutputError(f"output '{output.name}' exists and is not a folder")
    output.parent.mkdir(parents=True, exist_ok=True)
    previous = _previous_files(output)

    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.staging-", dir=output.parent))
    written = unchanged = 0
    try:
        os.chmod(staging, 0o755)
        for path in paths:
            data = files[path]
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            old = previous.get(path)
            if old is not None and old.stat().st_size == len(data) and old.read_bytes() == data:
                unchanged += 1
                try:  # unchanged bytes: share the old file instead of writing it again
                    os.link(old, target)
                    continue
                except OSError:
                    pass
            else:
                written += 1
            target.write_bytes(data)
        _swap_in(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    removed = len(set(previous) - set(paths))
    return WriteStats(written=written, unchanged=unchanged, removed=removed)


def _swap_in(staging: Path, output: Path) -> None:
    if not output.exists():
        os.rename(staging, output)
        return
    if _exchange(staging, output):
        shutil.rmtree(staging)  # now holds the old tree
        return
    # Without renameat2 there is a moment with no output folder; a crash right then is repaired
    # by the next build (see _clean_leftovers), and a failed second rename is undone here.
    retired = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
    os.rmdir(retired)
    os.rename(output, retired)
    try:
        os.rename(staging, output)
    except BaseException:
        os.rename(retired, output)
        raise
    shutil.rmtree(retired, ignore_errors=True)


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
        _clean_leftovers(output)
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


def _clean_leftovers(output: Path) -> None:
    """Remove staging and retired folders of killed builds; put the old site back if a kill left none."""
    staging = sorted(output.parent.glob(f".{output.name}.staging-*"))
    retired = sorted(output.parent.glob(f".{output.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if not output.exists() and retired:
        os.rename(retired.pop(), output)  # killed between the two renames of the fallback swap
    for folder in staging + retired:
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)
