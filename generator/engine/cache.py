"""A persistent cache in .factcheck-cache/, keyed by content hashes and the generator's own code.

Safe to delete at any time: every entry is a pure function of the bytes it was made from.
Knows nothing of what it stores beyond "picklable value for these bytes".
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import shutil
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import pydantic

import generator

PACKAGE_DIR = Path(generator.__file__).resolve().parent


def _sources(name: str) -> list[Path]:
    """The source files of a module or package of the generator ("" is all of it)."""
    target = PACKAGE_DIR.joinpath(*name.split(".")) if name else PACKAGE_DIR
    return sorted(target.rglob("*.py")) if target.is_dir() else [target.with_suffix(".py")]


@cache
def code_version(modules: tuple[str, ...] = ()) -> str:
    """Changes whenever the code that made the entries changes (the named modules and packages, such as
    "engine.cache" or "content", or every module of the generator when none are named, and the versions
    of the libraries), so stale entries are never reused."""
    import markdown
    import nh3

    nh3_version = nh3.__version__  # type: ignore[attr-defined]  # nh3's stubs leave out __version__
    digest = hashlib.sha256(f"{generator.__version__}/{pydantic.VERSION}/{markdown.__version__}/{nh3_version}".encode())
    paths = sorted({path for name in modules or ("",) for path in _sources(name)})
    for path in paths:
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Unpickling ten thousand records makes the cyclic garbage collector run hundreds of times over
    objects that are all alive; pausing it halves the time (measured: 0.8-1.2 s -> 0.4 s at 10,000 claims)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


SHARDS = 32  # files per store: an edit rewrites the one or two holding its entries, not the whole store


def _shard(key: Any) -> int:
    """The file a key's entry lives in; repr of the str and tuple keys used here is stable between runs."""
    return zlib.crc32(repr(key).encode("utf-8", "surrogatepass")) % SHARDS


class Store:
    """One pickled mapping in the cache folder, loaded on first use and saved atomically when changed.

    The mapping is split over SHARDS files by key, so saving after one record changed writes a
    thirty-second of it (at 10,000 claims the record store is 74 MB: 1 s to write whole)."""

    def __init__(self, folder: Path | None, name: str, modules: tuple[str, ...] = ()):
        self.path = folder / f"{name}-{code_version(modules)}" if folder is not None else None  # a folder of shards
        self._data: dict[Any, Any] | None = None
        self._used: set[Any] = set()
        self._dirty: set[int] = set()  # shards to write

    @property
    def dirty(self) -> bool:
        return bool(self._dirty)

    @property
    def data(self) -> dict[Any, Any]:
        if self._data is None:
            self._data = {}
            if self.path is not None and self.path.is_dir():
                for shard in sorted(self.path.glob("*.pickle")):
                    try:
                        with shard.open("rb") as stream, paused_gc():
                            loaded = pickle.load(stream)
                        if isinstance(loaded, dict):
                            self._data.update(loaded)
                    except Exception:  # a truncated or foreign file is just a colder cache
                        continue
        return self._data

    def get(self, key: Any) -> Any:
        value = self.data.get(key)
        if value is not None:
            self._used.add(key)
        return value

    def put(self, key: Any, value: Any) -> None:
        self.data[key] = value
        self._used.add(key)
        self._dirty.add(_shard(key))

    def keep(self, keys: Iterable[Any]) -> None:
        """Count entries as used without reading them, so `save` keeps them."""
        self._used.update(keys)

    def save(self, prune: bool = True) -> None:
        """Write the changed shards; with `prune`, entries not used in this run are dropped so the store cannot grow forever."""
        if self.path is None or self._data is None:
            return
        if prune and len(self._used) != len(self._data):
            for key in [k for k in self._data if k not in self._used]:
                del self._data[key]
                self._dirty.add(_shard(key))
        if not self._dirty:
            return
        shards: dict[int, dict[Any, Any]] = {number: {} for number in self._dirty}
        for key, value in self._data.items():
            entries = shards.get(_shard(key))
            if entries is not None:
                entries[key] = value
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            _remove_old_versions(self.path)
            for number, entries in sorted(shards.items()):
                _write_pickle(self.path / f"{number:02d}.pickle", entries)
        except OSError:
            pass  # a cache that cannot be written only costs speed
        self._dirty.clear()


def _write_pickle(target: Path, value: Any) -> None:
    fd, temp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, target)
    except OSError:
        Path(temp).unlink(missing_ok=True)
        raise


def _remove_old_versions(path: Path) -> None:
    """Stores made by other code (and the single files of older releases) are never read again."""
    stem = path.name.rsplit("-", 1)[0]
    for old in path.parent.glob(f"{stem}-*"):
        if old == path:
            continue
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)
