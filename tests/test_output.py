"""write_site: safe paths, atomic swap, counts, stale files."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import output as output_module
from generator.output import OutputError, write_site


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_first_write_creates_the_folder(tmp_path: Path) -> None:
    stats = write_site({"index.html": b"a", "claims/x/index.html": b"b"}, tmp_path / "site")
    assert tree(tmp_path / "site") == {"claims/x/index.html": b"b", "index.html": b"a"}
    assert (stats.written, stats.unchanged, stats.removed) == (2, 0, 0)


def test_rewrite_counts_and_removes_stale(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site({"a.html": b"1", "b.html": b"2", "old/x.html": b"3"}, out)
    stats = write_site({"a.html": b"1", "b.html": b"changed", "c.html": b"new"}, out)
    assert (stats.written, stats.unchanged, stats.removed) == (2, 1, 1)
    assert tree(out) == {"a.html": b"1", "b.html": b"changed", "c.html": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], "staging or old folders left behind"


@pytest.mark.parametrize("path", [
    "/etc/passwd", "../escape.html", "a/../../b", "a//b", "a\\b", "", "a/./b", "a/", "nul\0.html",
])
def test_unsafe_paths_are_refused_and_nothing_changes(tmp_path: Path, path: str) -> None:
    out = tmp_path / "site"
    write_site({"index.html": b"old"}, out)
    with pytest.raises(OutputError):
        write_site({"index.html": b"new", path: b"x"}, out)
    assert tree(out) == {"index.html": b"old"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_file_and_folder_collision_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="both a file and a folder"):
        write_site({"claims": b"x", "claims/a/index.html": b"y"}, tmp_path / "site")


def test_failure_while_writing_leaves_previous_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    write_site({"index.html": b"old", "keep.html": b"k"}, out)

    class Boom(Exception):
        pass

    def explode(staging: Path, output: Path) -> None:
        raise Boom

    monkeypatch.setattr(output_module, "_swap_in", explode)
    with pytest.raises(Boom):
        write_site({"index.html": b"new"}, out)
    assert tree(out) == {"index.html": b"old", "keep.html": b"k"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_fallback_swap_without_renameat2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    write_site({"a.html": b"1"}, out)
    monkeypatch.setattr(output_module, "_exchange", lambda a, b: False)
    write_site({"b.html": b"2"}, out)
    assert tree(out) == {"b.html": b"2"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_output_that_is_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "site").write_text("not a folder")
    with pytest.raises(OutputError):
        write_site({"index.html": b"x"}, tmp_path / "site")


def test_output_folder_is_world_readable(tmp_path: Path) -> None:
    write_site({"index.html": b"x"}, tmp_path / "site")
    assert (tmp_path / "site").stat().st_mode & 0o755 == 0o755
