"""Failure safety: whatever stops a build -- SIGKILL, bad content, a broken template, a full disk, a second
build -- the last good site/ stays complete and byte-identical, and the next build succeeds.

The subprocess tests use a large generated project (`python -m benchmarks generate`, or a fallback
generator below) so that kills land in every phase: loading, rendering, writing the staging folder,
swapping, removing the old tree. Only the build processes these tests start are ever signalled.
"""

from __future__ import annotations

import errno
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from generator.write import tree as tree_module
from generator.write import writer as output_module
from generator.write.lock import lock_path, output_lock
from tests.conftest import CLAIM_YAML

fcntl = pytest.importorskip("fcntl", reason="output locking uses flock (POSIX)")

REPO = Path(__file__).resolve().parents[2]
CLOCK = "2026-01-01T00:00:00Z"
CLAIMS = 300  # builds in a few seconds; 1500 took 20 s once search and share images arrived
KILLS = 6
SEED = 20260101
LEFTOVER_PREFIXES = (".site.staging-", ".site.old-", ".site.lock")


def manifest(root: Path) -> dict[str, str]:
    """path -> sha256 of every file under `root` (symlinks and folders included by name)."""
    found = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[rel] = "symlink:" + os.readlink(path)
        elif path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[rel + "/"] = "folder"
    return found


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(LEFTOVER_PREFIXES))


def lock_is_free(out: Path) -> bool:
    path = lock_path(out)
    if not path.exists():
        return True
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)  # closing drops the lock we may have taken
    return True


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "TZ", "FACTCHECK_DEBUG")}
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def start_build(project: Path, out: Path, *extra: str) -> subprocess.Popen:
    # stderr goes to a file, not a pipe: workers orphaned by a kill would hold a pipe open and hang the reader.
    # A session of its own, so that those workers can be reaped by process group.
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "-C", str(project), "build", "-o", str(out), "--clock", CLOCK, *extra],
        cwd=REPO,
        env=environment(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=log,
        start_new_session=True,
    )
    proc.log = log  # type: ignore[attr-defined]
    return proc


def finish(proc: subprocess.Popen, timeout: float = 300) -> tuple[int, str]:
    try:
        code = proc.wait(timeout=timeout)
    finally:
        reap_group(proc)
    log = proc.log  # type: ignore[attr-defined]
    log.seek(0)
    err = log.read().decode("utf-8", "replace")
    log.close()
    return code, err


def reap_group(proc: subprocess.Popen) -> None:
    """Kill what is left of the process group this test started (orphaned workers of a killed build)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def write_many_claims(root: Path, count: int) -> None:
    """Fallback when benchmarks/ is absent: the small test project with `count` copies of its claim."""
    from tests.conftest import BASE_FILES

    for rel, text in BASE_FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    for i in range(count):
        (root / f"content/claims/klaim-{i:05d}.yaml").write_text(
            CLAIM_YAML.replace("title: Apakah", f"title: Nomor {i}: apakah"), encoding="utf-8"
        )


@pytest.fixture(scope="module")
def big_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("big") / "project"
    if (REPO / "benchmarks" / "__main__.py").is_file():
        subprocess.run(
            [sys.executable, "-m", "benchmarks", "generate", "--claims", str(CLAIMS), "--seed", "3", str(root)],
            cwd=REPO,
            env=environment(),
            check=True,
            capture_output=True,
            timeout=300,
        )
    else:
        write_many_claims(root, CLAIMS)
    return root


@pytest.fixture(scope="module")
def reference(big_project: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """An undisturbed build of the big project, and how long it took."""
    out = tmp_path_factory.mktemp("reference") / "site"
    started = time.monotonic()
    code, err = finish(start_build(big_project, out))
    assert code == 0, err
    return out, time.monotonic() - started


# ------------------------------------------------------------------ SIGKILL at random moments


@pytest.mark.slow
def test_sigkill_at_any_moment_keeps_the_previous_site(big_project: Path, reference, tmp_path: Path) -> None:
    first, _ = reference
    out = tmp_path / "site"
    shutil.copytree(first, out)  # the last good build
    before = manifest(out)
    assert len(before) > CLAIMS

    # Time the two kinds of kill build undisturbed: with an empty cache, and with a warm one (quicker).
    # The reference build's own time is no guide: as the first build of the session it is slowest.
    def timed(n: int) -> float:
        if n % 2 == 0:
            shutil.rmtree(big_project / ".factcheck-cache", ignore_errors=True)
        started = time.monotonic()
        code, err = finish(start_build(big_project, tmp_path / "timed", "--base-url", f"https://timed{n}.example.org/"))
        assert code == 0, err
        shutil.rmtree(tmp_path / "timed")
        return time.monotonic() - started

    cold, warm = timed(0), timed(1)

    rng = random.Random(SEED)
    # One kill in each equal slice of a build's duration (cold or warm, as that build will be), so loading,
    # rendering, writing and swapping all get hit; every kill build uses its own base URL, so every page it
    # would change differs from the site on disk.
    delays = [(cold if i % 2 == 0 else warm) * (i + rng.random()) / KILLS for i in range(KILLS)]
    survived = 0
    for n, delay in enumerate(delays):
        if n % 2 == 0:  # a cold cache makes the build fork Markdown workers; they must not keep the lock
            shutil.rmtree(big_project / ".factcheck-cache", ignore_errors=True)
        base = f"https://kill{n}.example.org/"
        proc = start_build(big_project, out, "--base-url", base)
        try:
            time.sleep(delay)
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=60)
            # before the orphaned Markdown workers (if any) are reaped: they must not hold the lock
            assert lock_is_free(out), "the lock outlived the killed build"
        finally:
            code, err = finish(proc)
        assert code in (0, -signal.SIGKILL), err
        after = manifest(out)
        if after != before:
            # Killed after its swap (or it finished): then the site must be that build's whole output, not a mix.
            survived += 1
            assert sorted(after) == sorted(before), f"kill {delay:.2f}s in: files differ"
            pages = list(out.rglob("*.html"))
            assert all(base.encode() in p.read_bytes() for p in pages if p.name != "404.html"), (
                f"site/ mixes two builds after a kill {delay:.2f}s into the build"
            )
            before = after
    # The last slices often land after the swap (the cache is saved then); half killed shows the delays fit.
    assert survived <= KILLS // 2, "most builds finished before their kill; the delays are too long"

    # And one kill that surely lands while the staging folder is being written.
    proc = start_build(big_project, out, "--base-url", "https://mid-write.example.org/")
    try:
        deadline = time.monotonic() + 120
        while not list(tmp_path.glob(".site.staging-*")) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        code, _ = finish(proc)
    finally:
        reap_group(proc)
    assert code == -signal.SIGKILL
    assert manifest(out) == before
    assert any(name.startswith(".site.staging-") for name in leftovers(tmp_path)), "no staging folder was left"

    # The next build succeeds, writes what an undisturbed build writes and clears every leftover.
    code, err = finish(start_build(big_project, out))
    assert code == 0, err
    assert "Traceback" not in err
    assert leftovers(tmp_path) == []
    assert manifest(out) == manifest(first)


@pytest.mark.slow
def test_two_builds_at_once_do_not_interleave(big_project: Path, reference, tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = start_build(big_project, out)
    second = None
    try:
        while not lock_path(out).exists() and first.poll() is None:  # let the first one take the lock
            time.sleep(0.005)
        second = start_build(big_project, out)
        code2, err2 = finish(second, timeout=60)
        code1, err1 = finish(first)
    finally:
        reap_group(first)
        if second is not None:
            reap_group(second)
    assert code1 == 0, err1
    assert code2 == 1, err2
    assert f"another build is writing site/ (pid {first.pid}); wait for it or use another -o" in err2
    assert "Traceback" not in err2
    assert leftovers(tmp_path) == []
    # the build that ran wrote a complete site: the bytes of a build nobody disturbed
    assert manifest(out) == manifest(reference[0])


# ------------------------------------------------------------------ in-process failures


def build_cli(run_cli, project: Path, out: Path):
    return run_cli("build", "-o", str(out), "--clock", CLOCK, project=project)


@pytest.fixture
def built(make_project, tmp_path: Path, run_cli):
    """A small project with a good build in tmp_path/site; returns (project, out, manifest)."""
    project = make_project()
    out = tmp_path / "site"
    result = build_cli(run_cli, project, out)
    assert result.exit_code == 0, result.stderr
    return project, out, manifest(out)


def assert_failed_safely(result, out: Path, before: dict[str, str], *messages: str, locked: bool = False) -> None:
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert "the previous site was left as it was" in result.stderr
    for message in messages:
        assert message in result.stderr, result.stderr
    assert manifest(out) == before
    assert leftovers(out.parent) == ([".site.lock"] if locked else [])


def test_invalid_content_leaves_the_site(built, run_cli) -> None:
    project, out, before = built
    claim = project / "content/claims/biden-telepon.yaml"
    claim.write_text(claim.read_text().replace("verdict: salah", "verdict: salahh"))
    assert_failed_safely(build_cli(run_cli, project, out), out, before, "[unknown-reference]")


@pytest.mark.parametrize(
    "template, line",
    [
        ('{% extends "builtin:claim.html" %}\n{% block claim_header %}\n{% if %}\n{% endblock %}\n', 3),  # syntax
        ('{% extends "builtin:claim.html" %}\n{% block claim_header %}\n{{ no_such_variable }}\n{% endblock %}\n', 3),  # runtime
        ('{% extends "builtin:claim.html" %}\n{% block claim_header %}{{ 1 // 0 }}{% endblock %}\n', 2),  # raises
    ],
)
def test_template_errors_leave_the_site(built, run_cli, template: str, line: int) -> None:
    project, out, before = built
    (project / "templates").mkdir()
    (project / "templates/claim.html").write_text(template)
    result = build_cli(run_cli, project, out)
    assert_failed_safely(result, out, before, f"templates/claim.html:{line}:", "[template-error]")


class _FullDisk:
    """A file on a full disk: the first write stores half its bytes, then fails as the kernel would."""

    def __init__(self, real):
        self.real = real

    def write(self, data) -> int:
        self.real.write(bytes(data)[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), getattr(self.real, "name", ""))

    def __getattr__(self, name):
        return getattr(self.real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()


def fill_disk_after(monkeypatch: pytest.MonkeyPatch, files: int) -> list[int]:
    """Every site file created after the first `files` fails as on a full disk (having written half its bytes)."""
    calls = [0]
    real = output_module.SiteWriter._create

    def create(self, path, target):
        out = real(self, path, target)
        calls[0] += 1
        return _FullDisk(out) if calls[0] > files else out

    monkeypatch.setattr(output_module.SiteWriter, "_create", create)
    return calls


def test_full_disk_leaves_the_site_and_says_so(built, run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    project, out, before = built
    claim = project / "content/claims/biden-telepon.yaml"
    claim.write_text(claim.read_text().replace("verdict: salah", "verdict: benar"))  # pages change: real writes
    calls = fill_disk_after(monkeypatch, 3)
    result = build_cli(run_cli, project, out)
    assert calls[0] > 3, "the build no longer creates site files through SiteWriter._create; patch the new writer instead"
    assert_failed_safely(result, out, before, "the disk is full: No space left on device", "[write-failed]")
    monkeypatch.undo()
    assert build_cli(run_cli, project, out).exit_code == 0


def test_full_disk_on_a_first_build_leaves_nothing(make_project, tmp_path: Path, run_cli, monkeypatch) -> None:
    project = make_project()
    fill_disk_after(monkeypatch, 0)
    result = build_cli(run_cli, project, tmp_path / "site")
    assert result.exit_code == 1 and "the disk is full" in result.stderr
    assert not (tmp_path / "site").exists() and leftovers(tmp_path) == []


def test_a_held_lock_refuses_a_second_build(built, run_cli) -> None:
    project, out, before = built
    with output_lock(out):
        result = build_cli(run_cli, project, out)
        assert_failed_safely(
            result,
            out,
            before,
            f"another build is writing site/ (pid {os.getpid()}); wait for it or use another -o",
            "[output-busy]",
            locked=True,
        )
    assert build_cli(run_cli, project, out).exit_code == 0


def test_a_stale_lock_file_does_not_block(built, run_cli) -> None:
    project, out, before = built
    lock_path(out).write_text("999999999\n")  # left by a build killed with SIGKILL: the file stays, its lock does not
    assert build_cli(run_cli, project, out).exit_code == 0
    assert manifest(out) == before and leftovers(out.parent) == []


def test_leftovers_of_killed_builds_are_cleaned(built, run_cli) -> None:
    project, out, before = built
    (out.parent / ".site.staging-abc123" / "claims").mkdir(parents=True)
    (out.parent / ".site.staging-abc123" / "claims" / "half.html").write_text("<p>half")
    (out.parent / ".site.old-def456").mkdir()
    assert build_cli(run_cli, project, out).exit_code == 0
    assert manifest(out) == before and leftovers(out.parent) == []


def test_a_kill_between_the_fallback_renames_is_repaired(built, run_cli) -> None:
    """Without renameat2, a kill after site/ was moved aside but before the new tree took its place leaves
    no site/; the next build -- even one that fails -- puts the previous site back."""
    project, out, before = built
    out.rename(out.parent / ".site.old-killed")
    (out.parent / ".site.staging-killed").mkdir()
    claim = project / "content/claims/biden-telepon.yaml"
    claim.write_text(claim.read_text().replace("verdict: salah", "verdict: salahh"))
    result = build_cli(run_cli, project, out)
    assert result.exit_code == 1
    assert manifest(out) == before and leftovers(out.parent) == []


def test_a_failed_fallback_swap_puts_the_site_back(built, run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    project, out, before = built
    claim = project / "content/claims/biden-telepon.yaml"
    claim.write_text(claim.read_text().replace("verdict: salah", "verdict: benar"))
    monkeypatch.setattr(tree_module, "exchange", lambda a, b: False)
    real_rename = os.rename

    def rename(src, dst, *args, **kwargs):
        if ".site.staging-" in str(src) and Path(dst) == out:
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(src))
        return real_rename(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "rename", rename)
    assert_failed_safely(build_cli(run_cli, project, out), out, before, "[write-failed]")
