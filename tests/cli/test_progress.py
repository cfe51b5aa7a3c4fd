"""Build progress: the core reports through a callback, the CLI draws a bar only on a terminal; exact summary counts."""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

from generator.cli.common import ProgressBar
from generator.core.project import Project
from generator.engine.build import BuildOptions, build_site
from tests.conftest import CLAIM_YAML

CLOCK = "2021-06-01T00:00:00+07:00"
SUMMARY = re.compile(
    r"^built (?P<out>.+): (?P<written>\d+) written, (?P<unchanged>\d+) unchanged, "
    r"(?P<removed>\d+) removed in \d+\.\d\ds$"
)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def build(run_cli, project: Path, out: Path) -> dict[str, int]:
    result = run_cli("build", "-o", str(out), "--clock", CLOCK, project=project)
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines  # no progress bar, nothing but the summary when stderr is not a terminal
    found = SUMMARY.match(lines[0])
    assert found, lines[0]
    return {k: int(v) for k, v in found.groupdict().items() if k != "out"}


def test_summary_counts_are_exact(make_project, run_cli, tmp_path):
    project = make_project({"content/claims/kedua.yaml": CLAIM_YAML.replace("title: Apakah", "title: Kedua, apakah")})
    out = tmp_path / "out"
    first = build(run_cli, project, out)
    files = snapshot(out)
    assert first == {"written": len(files), "unchanged": 0, "removed": 0}

    assert build(run_cli, project, out) == {"written": 0, "unchanged": len(files), "removed": 0}

    claim = project / "content/claims/biden-telepon.yaml"
    claim.write_text(CLAIM_YAML.replace("summary: Panggilan", "summary: Sungguh, panggilan"), encoding="utf-8")
    after = expect_counts(build(run_cli, project, out), files, out)
    (project / "content/claims/kedua.yaml").unlink()
    expect_counts(build(run_cli, project, out), after, out, removals=True)


def expect_counts(counts: dict[str, int], before: dict[str, bytes], out: Path, removals: bool = False) -> dict[str, bytes]:
    """The summary's numbers are exactly the files whose bytes changed, stayed and went away."""
    after = snapshot(out)
    changed = sum(1 for path, data in after.items() if before.get(path) != data)
    gone = len(set(before) - set(after))
    assert changed > 0 and (gone > 0 or not removals)
    assert counts == {"written": changed, "unchanged": len(after) - changed, "removed": gone}
    return after


def test_the_core_reports_progress_and_never_prints(make_project, tmp_path, capsys):
    calls: list[tuple[int, int]] = []
    options = BuildOptions(
        output=tmp_path / "out", clock=datetime.fromisoformat(CLOCK), progress=lambda d, t: calls.append((d, t))
    )
    result = build_site(Project.at(make_project()), options)
    assert result.ok
    total = calls[-1][1]
    assert calls == [(n, total) for n in range(1, total + 1)]
    assert capsys.readouterr() == ("", "")


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_is_drawn_on_a_terminal_for_many_pages_only(monkeypatch):
    terminal = FakeTerminal()
    monkeypatch.setattr("sys.stderr", terminal)
    small = ProgressBar("rendering")
    for n in range(1, 11):
        small(n, 10)
    small.close()
    assert terminal.getvalue() == ""

    big = ProgressBar("rendering")
    total = ProgressBar.MIN_PAGES * 2
    for n in range(1, total + 1):
        big(n, total)
    big.close()
    assert "rendering" in terminal.getvalue() and "100%" in terminal.getvalue()
