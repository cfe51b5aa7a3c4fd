"""Rendered pages by fingerprint in .factcheck-cache/pages/, so a build into a new folder renders only
what no earlier build has rendered: CI with a restored cache, or each new `factcheck serve` session.

Each page is a hard link to the file a build wrote, so the store costs no copy of the site. An entry
is trusted only while its file's size, mtime and inode are what they were when it was made: a page
edited in place (which would change the linked file too) is rendered again. Safe to delete.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from generator.write.sweep import left_by_dead_processes, retire, sweep_abandoned

INDEX = ".index"
TRASH_PREFIX = ".pages-old-"  # then the pruning process id: a killed build's trash can be told from a running one's
KEEP_FACTOR = 2  # pages kept: this many times the pages of the newest build (a site and a preview, or two versions)

Entry = tuple[int, int, int, float]  # size, mtime_ns, inode, last used (seconds)


class PageStore:
    def __init__(self, folder: Path):
        self.folder = folder
        self.entries: dict[str, Entry] = {}
        self.remembered = 0  # pages of this build
        try:  # once, before the render workers add to it
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        try:
            with (folder / INDEX).open("rb") as stream:
                loaded = pickle.load(stream)
            if isinstance(loaded, dict):
                self.entries = loaded
        except Exception:  # missing, truncated or foreign: start empty
            pass

    def get(self, key: str) -> Path | None:
        """The stored page made from `key`, when it is there and untouched."""
        entry = self.entries.get(key)
        return self.folder / key if entry is not None and self._holds(key, entry[:3]) else None

    def _holds(self, key: str, stat: tuple[int, int, int]) -> bool:
        """Whether the store's file for `key` has this (size, mtime_ns, inode)."""
        try:
            found = os.lstat(self.folder / key)
        except OSError:
            return False
        return (found.st_size, found.st_mtime_ns, found.st_ino) == stat

    def add(self, key: str, page: Path) -> None:
        """Keep a just-written page (called in the render workers; `remember` records it afterwards)."""
        try:
            temp = self.folder / f".{key}.{os.getpid()}"
            os.link(page, temp)
            os.replace(temp, self.folder / key)  # over an entry whose file was touched
        except OSError:
            pass  # the store is an optimisation: without the page, a later build renders it

    def remember(self, pages: Iterable[tuple[str, str, int, int, int]]) -> None:
        """Record the pages of a build as (key, path in the staging folder, size, mtime_ns, inode);
        pages it took over from the previous site are linked in here when the store lacks them."""
        now = time.time()
        for key, staged, size, mtime_ns, inode in pages:
            self.remembered += 1
            entry = self.entries.get(key)
            if (entry is None or entry[:3] != (size, mtime_ns, inode)) and not self._holds(key, (size, mtime_ns, inode)):
                self.add(key, Path(staged))
            self.entries[key] = (size, mtime_ns, inode, now)

    def save(self) -> None:
        """Keep the most recently used pages (KEEP_FACTOR times the pages of this build), remove the
        rest and any file without an entry, and write the index."""
        keep = sorted(self.entries, key=lambda k: self.entries[k][3], reverse=True)[: KEEP_FACTOR * max(self.remembered, 1)]
        self.entries = {k: self.entries[k] for k in keep}
        try:
            self._drop_unlisted()
            fd, temp = tempfile.mkstemp(prefix=".tmp-", dir=self.folder)
            with os.fdopen(fd, "wb") as stream:
                pickle.dump(self.entries, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, self.folder / INDEX)
        except OSError:
            pass

    def _drop_unlisted(self) -> None:
        """Remove every file without an entry. After a template edit that is a whole site's worth of old
        pages, and unlinking the last link of a file costs ~0.1 ms here (2 s for 15,000 pages): they are
        moved aside (renaming costs a fifth of that) and deleted by a background process."""
        sweep_abandoned(self.folder)  # old pages whose deleting process died
        self._retire_abandoned_trash()
        trash = None
        with os.scandir(self.folder) as listing:
            for item in listing:
                if item.name == INDEX or item.name in self.entries or item.is_dir(follow_symlinks=False):
                    continue
                if trash is None:
                    trash = Path(tempfile.mkdtemp(prefix=f"{TRASH_PREFIX}{os.getpid()}-", dir=self.folder.parent))
                os.rename(item.path, trash / item.name)
        if trash is not None:
            retire(trash, self.folder)

    def _retire_abandoned_trash(self) -> None:
        """Old pages moved aside by a build that was killed before it handed them to a sweeper."""
        for trash in left_by_dead_processes(self.folder.parent, TRASH_PREFIX):
            retire(trash, self.folder)
