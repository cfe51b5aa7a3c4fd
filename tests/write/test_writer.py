"""write_site: safe paths, atomic swap, counts, stale files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.write import tree as tree_module
from generator.write import writer as output_module
from generator.write.writer import OutputError, write_site


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


@pytest.mark.parametrize(
    "path",
    [
        "/etc/passwd",
        "../escape.html",
        "a/../../b",
        "a//b",
        "a\\b",
        "",
        "a/./b",
        "a/",
        "nul\0.html",
    ],
)
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

    monkeypatch.setattr(output_module, "swap_in", explode)
    with pytest.raises(Boom):
        write_site({"index.html": b"new"}, out)
    assert tree(out) == {"index.html": b"old", "keep.html": b"k"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_fallback_swap_without_renameat2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    write_site({"a.html": b"1"}, out)
    monkeypatch.setattr(tree_module, "exchange", lambda a, b: False)
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


# --- Recycling the previous site as the next staging folder -------------------------------------


def write_recycling(files: dict[str, bytes], out: Path, spare: Path):
    """Like write_site, with a spare folder to recycle (as a build with the cache does)."""
    writer = output_module.SiteWriter(out, output_module._previous_files(out.absolute()), spare)
    try:
        for path in sorted(files):
            writer.put(path, files[path])
    except BaseException:
        writer.abort()
        raise
    return writer.commit()


def test_the_swapped_out_site_is_kept_and_filled_again(tmp_path: Path) -> None:
    out, spare = tmp_path / "site", tmp_path / "cache" / "spare"
    first = {"index.html": b"1", "claims/a/index.html": b"a", "claims/b/index.html": b"b", "gone/x.html": b"x"}
    write_recycling(first, out, spare)
    assert not spare.exists()  # nothing was swapped out yet
    second = {**first, "index.html": b"2"}
    write_recycling(second, out, spare)
    assert tree(spare) == first, "the previous site is kept as the spare"
    third = {"index.html": b"3", "claims/a/index.html": b"a", "claims/c/index.html": b"c", "new/y.html": b"y"}
    stats = write_recycling(third, out, spare)
    assert tree(out) == third  # the spare's extra files and folders are gone, the missing ones made
    assert not (out / "gone").exists() and not (out / "claims/b").exists()
    assert tree(spare) == second
    assert (stats.written, stats.unchanged, stats.removed) == (3, 1, 2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "site"]


def test_a_recycled_file_is_replaced_never_changed_in_place(tmp_path: Path) -> None:
    """Files are hard links shared with the live site and the page store: writing into one would change those."""
    out, spare = tmp_path / "site", tmp_path / "spare"
    write_recycling({"page.html": b"one"}, out, spare)
    kept = tmp_path / "kept.html"
    os.link(out / "page.html", kept)  # as the page store keeps a page
    write_recycling({"page.html": b"two"}, out, spare)  # the spare now holds "one"
    write_recycling({"page.html": b"three"}, out, spare)  # fills the spare: "one" must be replaced, not overwritten
    assert kept.read_bytes() == b"one"
    assert (out / "page.html").read_bytes() == b"three"
    assert tree(spare) == {"page.html": b"two"}


def test_unchanged_files_stay_the_same_file(tmp_path: Path) -> None:
    out, spare = tmp_path / "site", tmp_path / "spare"
    files = {"a/index.html": b"a", "b/index.html": b"b"}
    for _ in range(3):
        write_recycling(files, out, spare)
    inode = os.stat(out / "a/index.html").st_ino
    write_recycling({**files, "b/index.html": b"changed"}, out, spare)
    assert os.stat(out / "a/index.html").st_ino == inode


@pytest.mark.parametrize(
    "before, after",
    [
        ({"x": b"file"}, {"x/index.html": b"now a folder"}),
        ({"x/index.html": b"folder"}, {"x": b"now a file"}),
        ({"x/y/z.html": b"deep"}, {"x/y": b"file where a folder was"}),
    ],
)
def test_a_spare_with_files_where_folders_go_and_back(tmp_path: Path, before, after) -> None:
    out, spare = tmp_path / "site", tmp_path / "spare"
    write_recycling(before, out, spare)
    write_recycling({"other.html": b"o"}, out, spare)  # the spare holds `before`
    write_recycling({"other.html": b"o", **after}, out, spare)
    assert tree(out) == {"other.html": b"o", **after}


def test_files_added_to_the_site_by_hand_do_not_survive_recycling(tmp_path: Path) -> None:
    out, spare = tmp_path / "site", tmp_path / "spare"
    write_recycling({"index.html": b"1"}, out, spare)
    (out / "stray.html").write_bytes(b"added by hand")
    (out / "stray-folder").mkdir()
    (out / "stray-folder" / "f.txt").write_bytes(b"f")
    write_recycling({"index.html": b"2"}, out, spare)
    write_recycling({"index.html": b"3"}, out, spare)  # recycles the tree that had the strays
    assert tree(out) == {"index.html": b"3"}
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]


def test_a_failed_build_keeps_its_staging_folder_as_the_spare(tmp_path: Path) -> None:
    out, spare = tmp_path / "site", tmp_path / "spare"
    write_recycling({"index.html": b"1"}, out, spare)
    with pytest.raises(OutputError):
        write_recycling({"index.html": b"2", "../escape": b"x"}, out, spare)
    assert tree(out) == {"index.html": b"1"}
    assert spare.is_dir()
    write_recycling({"index.html": b"3", "a/b.html": b"b"}, out, spare)  # whatever the spare held
    assert tree(out) == {"index.html": b"3", "a/b.html": b"b"}
