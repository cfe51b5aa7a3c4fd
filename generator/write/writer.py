"""Write a finished site (relative path -> bytes) into a folder atomically.

A staging folder beside the output is filled completely, then swapped in. Knows
nothing of pages or templates: only paths and bytes.

The folder swapped out (the previous site) can be kept as a spare and filled again by the next build:
most of its folders and files are still right, and on some disks making ten thousand folders costs
seconds. Files are never changed in place (they are hard links shared with the live site and the
page store): a file that must change is removed and made anew.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISDIR, S_ISREG
from typing import BinaryIO

from generator.write.sweep import retire
from generator.write.tree import OutputError, check_path, check_tree, count_missing, folders_of, read_file, scan, swap_in


@dataclass(frozen=True)
class WriteStats:
    written: int = 0
    unchanged: int = 0
    removed: int = 0


@dataclass(frozen=True)
class Written:
    """What a build remembers of one output file: the fingerprint of what made it, and its stat, so a
    later build can take the file over unchanged when the fingerprint matches and nobody touched it."""

    key: str | None
    size: int
    mtime_ns: int
    inode: int


class SiteWriter:
    """Fill a staging folder beside `output` file by file, then swap it in with `commit` (or drop it with `abort`).

    Forked workers may call `reuse` and `write` on their copy: both return what happened, and the parent
    passes that to `note`, so the parent alone keeps the record of the new site. Pages come and go one at
    a time, so a large site never sits in memory whole.
    """

    def __init__(self, output: Path, previous: dict[str, Written] | None = None, spare: Path | None = None):
        self.output = Path(output).absolute()
        if self.output.exists() and not self.output.is_dir():
            raise OutputError(f"output '{self.output.name}' exists and is not a folder")
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.previous = previous or {}  # the last build's record; trusted per file only while its stat matches
        self.files: dict[str, Written] = {}
        self.written = self.unchanged = 0
        self.changed: list[str] = []  # paths whose bytes differ from the previous build's (the preview reloads those)
        self._folders: set[str] = set()  # folders known to exist in the staging folder (strings: Path costs here)
        self.spare = spare  # where the swapped-out site is kept for the next build to fill again
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.staging-", dir=self.output.parent))
        os.chmod(self.staging, 0o755)
        self._root = f"{self.staging}/"  # every staged file is this plus its path
        self._previous_root = f"{self.output}/"
        self._leftover_files: set[str] = set()  # what the recycled spare held: each is right, replaced or removed
        self._leftover_dirs: set[str] = set()
        if spare is not None:
            self._adopt(spare)

    def _adopt(self, spare: Path) -> None:
        """Take the spare folder as the staging folder, and note what it holds."""
        try:
            if spare.is_symlink() or not spare.is_dir():
                return
            os.rename(spare, self.staging)  # over the empty folder just made; fails across file systems
        except OSError:
            return
        os.chmod(self.staging, 0o755)
        self._leftover_files, self._leftover_dirs = scan(self.staging)
        self._folders.add(str(self.staging))
        self._folders.update(self._root + folder for folder in self._leftover_dirs)

    def _target(self, path: str) -> str:
        target = self._root + check_path(path)
        folder = target.rpartition("/")[0]
        if folder not in self._folders:
            try:
                os.makedirs(folder, exist_ok=True)
            except (FileExistsError, NotADirectoryError):
                if not self._clear_leftover_ancestors(path):
                    raise OutputError(f"refusing to write '{path}': it is both a file and a folder") from None
                os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        return target

    def _clear_leftover_ancestors(self, path: str) -> bool:
        """Remove files the spare held where this path needs folders; False when there were none."""
        parts = path.split("/")
        found = [a for a in ("/".join(parts[:i]) for i in range(1, len(parts))) if a in self._leftover_files]
        for ancestor in found:
            try:
                os.unlink(self._root + ancestor)
            except OSError:
                pass
        return bool(found)

    def _clear(self, path: str, target: str) -> None:
        """Make room at `target` for a new file: remove what the spare held there."""
        if path in self._leftover_dirs:
            shutil.rmtree(target, ignore_errors=True)
        elif path in self._leftover_files:
            try:
                os.unlink(target)
            except FileNotFoundError:
                pass

    def _place(self, path: str, source: str | Path) -> str:
        """Put a hard link to `source` at `path`, unless the recycled spare has that very file there already."""
        target = self._target(path)
        if path in self._leftover_files:
            try:
                here, there = os.lstat(target), os.lstat(source)
                if (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino):
                    return target
            except OSError:
                pass
        self._clear(path, target)
        os.link(source, target)
        return target

    def _create(self, path: str, target: str) -> BinaryIO:
        """A new, empty file at `target`: never an existing one, which may be shared with the live site."""
        self._clear(path, target)
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
        except FileExistsError:
            raise OutputError(f"refusing to write '{path}' twice") from None
        return os.fdopen(fd, "wb")

    def reuse(self, path: str, key: str | None) -> tuple[str, Written, bool] | None:
        """Take over the previous build's file when it was made from the same `key` (or None) and is untouched."""
        old = self.previous.get(path)
        if old is None or old.key != key:
            return None
        source = self._previous_root + path
        try:
            stat = os.lstat(source)
            if (stat.st_size, stat.st_mtime_ns, stat.st_ino) != (old.size, old.mtime_ns, old.inode):
                return None
            self._place(path, source)
        except OSError:
            return None
        return path, old, False

    def write(self, path: str, data: bytes, key: str | None = None) -> tuple[str, Written, bool]:
        """Write one file; bytes equal to the previous build's file share that file instead (its date stays)."""
        target = self._target(path)
        old = self.previous.get(path)
        if old is None or old.size == len(data):
            try:
                source = self._previous_file(path, len(data))
                if source is not None and read_file(source) == data:
                    self._place(path, source)
                    return path, self._stat(target, key), False
            except OSError:
                pass
        with self._create(path, target) as out:
            out.write(data)
        return path, self._stat(target, key), True

    def _previous_file(self, path: str, size: int) -> str | None:
        """The previous site's plain file at `path` when it has `size` bytes: a candidate to share."""
        source = self._previous_root + path
        try:
            stat = os.lstat(source)
        except OSError:
            return None
        return source if stat.st_size == size and S_ISREG(stat.st_mode) else None

    def link(self, path: str, source: Path, key: str | None = None) -> tuple[str, Written, bool]:
        """Place an existing file (e.g. from the cache) at `path`, sharing it when the file system allows."""
        target = self._target(path)
        try:
            self._place(path, source)
        except OSError:
            with self._create(path, target) as out, open(source, "rb") as data:
                shutil.copyfileobj(data, out)
        return path, self._stat(target, key), True

    @staticmethod
    def _stat(target: str, key: str | None) -> Written:
        stat = os.lstat(target)
        return Written(key, stat.st_size, stat.st_mtime_ns, stat.st_ino)

    def note(self, outcome: tuple[str, Written, bool]) -> None:
        path, written, changed = outcome
        if path in self.files:
            raise OutputError(f"refusing to write '{path}' twice")
        self.files[path] = written
        if changed:
            self.written += 1
            self.changed.append(path)
        else:
            self.unchanged += 1

    @contextmanager
    def stream(self, path: str, key: str | None = None) -> Iterator[BinaryIO]:
        """A file written piece by piece, for files too large to hold in memory."""
        if path in self.files:
            raise OutputError(f"refusing to write '{path}' twice")
        target = self._target(path)
        with self._create(path, target) as out:
            yield out
        try:  # the same bytes as the previous build's file: share that file instead (its date stays)
            source = self._previous_file(path, os.lstat(target).st_size)
            if source is not None and filecmp.cmp(source, target, shallow=False):
                os.unlink(target)
                os.link(source, target)
                self.note((path, self._stat(target, key), False))
                return
        except OSError:
            if not os.path.exists(target):
                raise
        self.note((path, self._stat(target, key), True))

    def put(self, path: str, data: bytes, key: str | None = None) -> None:
        """`write` and `note` in one, for files made in this process."""
        self.note(self.write(path, data, key))

    def commit(self) -> WriteStats:
        """Swap the staging folder in; the new site appears whole or not at all."""
        try:
            check_tree(list(self.files))
            self._drop_leftovers()
            retired = swap_in(self.staging, self.output)
        except BaseException:
            self.abort()
            raise
        removed = 0
        if retired is not None:
            removed = len(set(self.previous) - set(self.files)) if self.previous else count_missing(retired, self.files)
            self._keep_or_retire(retired)
        return WriteStats(written=self.written, unchanged=self.unchanged, removed=removed)

    def abort(self) -> None:
        self._keep_or_retire(self.staging)  # whatever it holds, the next build sets right what it needs

    def _drop_leftovers(self) -> None:
        """Remove what the recycled spare held that this site does not have."""
        if not self._leftover_files and not self._leftover_dirs:
            return
        for path in self._leftover_files.difference(self.files):
            try:
                if not S_ISDIR(os.lstat(self.staging / path).st_mode):
                    os.unlink(self.staging / path)
            except OSError:
                pass
        needed = folders_of(self.files)
        for folder in sorted(self._leftover_dirs.difference(needed), key=lambda f: f.count("/"), reverse=True):
            try:
                os.rmdir(self.staging / folder)
            except OSError:
                shutil.rmtree(self.staging / folder, ignore_errors=True)

    def _keep_or_retire(self, folder: Path) -> None:
        if self.spare is not None and not os.path.lexists(self.spare):
            try:
                self.spare.parent.mkdir(parents=True, exist_ok=True)
                os.rename(folder, self.spare)
                return
            except OSError:
                pass  # another file system, say: delete it as before
        retire(folder, self.output)


def write_site(files: dict[str, bytes], output: Path) -> WriteStats:
    """Replace `output` with exactly `files`; a failure leaves the previous folder untouched."""
    paths = sorted(check_path(p) for p in files)
    check_tree(paths)
    previous = _previous_files(Path(output).absolute())
    writer = SiteWriter(output, previous)
    try:
        for path in paths:
            writer.put(path, files[path])
    except BaseException:
        writer.abort()
        raise
    return writer.commit()


def _previous_files(output: Path) -> dict[str, Written]:
    """Every file of an output folder, with no fingerprint: good for byte comparison, never for reuse."""
    found: dict[str, Written] = {}
    if not output.is_dir():
        return found
    for root, _dirs, names in os.walk(output):
        for name in names:
            full = Path(root, name)
            stat = full.lstat()
            found[full.relative_to(output).as_posix()] = Written(None, stat.st_size, stat.st_mtime_ns, stat.st_ino)
    return found
