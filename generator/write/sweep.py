"""Deleting a retired site folder, in the background when it is large.

On some disks removing a folder costs milliseconds (ext4 mounted with `discard` spends ~2 ms per
rmdir), so deleting the ten thousand folders of a large site's previous version would take longer
than building the new one. Nobody needs to wait for it: the folder is renamed out of the way, and a
detached process deletes it while holding an flock on it, so a later build can tell an abandoned
folder (sweep it again) from one that is still being swept (leave it).

Run as `python -m generator.write.sweep FOLDER`.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: always sweep in the foreground
    fcntl = None  # type: ignore[assignment]

BACKGROUND_ENTRIES = 2000  # below this many entries at the top two levels, deleting at once is quick enough


def sweep_prefix(output: Path) -> str:
    return f".{output.name}.sweep-"


def retire(folder: Path, output: Path) -> None:
    """Delete `folder`, a previous version of `output`: now when small, else in a detached process."""
    if fcntl is None or not _large(folder):
        shutil.rmtree(folder, ignore_errors=True)
        return
    target = Path(tempfile.mkdtemp(prefix=sweep_prefix(output), dir=output.parent))
    os.rmdir(target)
    try:
        os.rename(folder, target)
        _start_sweeper(target)
    except OSError:
        shutil.rmtree(target if target.exists() else folder, ignore_errors=True)


def sweep_abandoned(output: Path) -> None:
    """Restart sweeping of folders whose sweeper died (nobody holds their lock)."""
    for folder in sorted(output.parent.glob(sweep_prefix(output) + "*")):
        if folder.is_dir() and not folder.is_symlink() and not _locked(folder):
            _start_sweeper(folder)


def left_by_dead_processes(parent: Path, prefix: str) -> list[Path]:
    """This user's entries in `parent` named `prefix`, a process id, "-" and more, whose process is gone:
    what builds killed before their own clean-up left behind (a running build's are not among them)."""
    found = []
    for entry in sorted(parent.glob(f"{prefix}*-*")):
        pid = entry.name[len(prefix) :].split("-", 1)[0]
        try:
            if pid.isdigit() and entry.stat().st_uid == os.getuid() and not _process_alive(int(pid)):
                found.append(entry)
        except OSError:
            continue
    return found


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0 sends nothing: it only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, as another user's process
    return True


def _large(folder: Path) -> bool:
    count = 0
    try:
        with os.scandir(folder) as top:
            for entry in top:
                count += 1
                if entry.is_dir(follow_symlinks=False):
                    with os.scandir(entry.path) as inner:
                        count += sum(1 for _ in inner)
                if count >= BACKGROUND_ENTRIES:
                    return True
    except OSError:
        return False
    return False


def _locked(folder: Path) -> bool:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing drops a lock we just took
    return False


def _start_sweeper(folder: Path) -> None:
    """Start `python -m generator.write.sweep FOLDER` detached (double fork): it outlives this process,
    never becomes its zombie, and holds none of its files (the build lock is close-on-exec)."""
    command = [sys.executable, "-m", "generator.write.sweep", str(folder)]
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the forked child
        try:
            os.setsid()
            if os.fork() == 0:
                null = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(null, fd)
                os.chdir(folder.parent)
                os.execv(sys.executable, command)
        finally:
            os._exit(0)
    os.waitpid(child, 0)


def main(folder: str) -> int:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return 0  # already gone
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return 0  # another sweeper has it
    shutil.rmtree(folder, ignore_errors=True)
    os.close(fd)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]) if len(sys.argv) == 2 else 2)
