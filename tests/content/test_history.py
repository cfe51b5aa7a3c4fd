"""Corrections enforced by history: `validate --since REF` in throw-away git repositories."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.content.history import check_history
from generator.core.project import Project
from tests.conftest import CLAIM_YAML

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

CLAIM = "content/claims/biden-telepon.yaml"
DRAFT = "content/claims/draft-klaim.yaml"
VERDICT_LINE = 7  # of CLAIM_YAML
CORRECTION = """\
corrections:
  - date: 2026-11-20
    note: Kami keliru membaca tanggalnya.
    previous_verdict: salah
"""


def git(root: Path, *args: str) -> str:
    env = dict(
        os.environ,
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Uji",
        GIT_AUTHOR_EMAIL="uji@example.org",
        GIT_COMMITTER_NAME="Uji",
        GIT_COMMITTER_EMAIL="uji@example.org",
    )
    done = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, timeout=60, check=True)
    return done.stdout


@pytest.fixture
def repo(make_project):
    """A project committed on main, with a published claim and a draft."""
    project = make_project({DRAFT: CLAIM_YAML + "draft: true\n"})
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "published")
    return project


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_changed_verdict_without_correction_is_an_error_at_its_line(repo, run_cli):
    edit(repo, CLAIM, "verdict: salah", "verdict: benar")
    result = run_cli("validate", "--since", "HEAD", "--format", "json", project=repo)
    assert result.exit_code == 1
    found = [(d["path"], d["line"], d["code"], d["severity"]) for d in json.loads(result.stdout)]
    assert found == [(CLAIM, VERDICT_LINE, "correction-required", "error")]
    text = run_cli("validate", "--since", "HEAD", project=repo).stderr
    assert "from 'salah' to 'benar'" in text
    assert "corrections:" in text and "previous_verdict: salah" in text


def test_a_new_correction_entry_makes_the_change_valid(repo, run_cli):
    edit(repo, CLAIM, "verdict: salah", "verdict: benar")
    (repo / CLAIM).write_text((repo / CLAIM).read_text(encoding="utf-8") + CORRECTION, encoding="utf-8")
    result = run_cli("validate", "--strict", "--since", "HEAD", project=repo)
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(
    "field, old, new",
    [
        ("summary", "summary: Panggilan terjadi", "summary: Telepon terjadi"),
        ("claim", "claim: Usai menandatangani", "claim: Setelah menandatangani"),
    ],
)
def test_claim_and_summary_changes_need_a_correction_too(repo, run_cli, field, old, new):
    edit(repo, CLAIM, old, new)
    result = run_cli("validate", "--since", "HEAD", project=repo)
    assert result.exit_code == 1
    assert f"the {field} changed" in result.stderr
    assert "previous_verdict" not in result.stderr  # the verdict itself did not change


def test_drafts_scheduled_and_new_claims_change_freely(repo, run_cli):
    edit(repo, DRAFT, "verdict: salah", "verdict: benar")
    (repo / "content/claims/baru.yaml").write_text(CLAIM_YAML.replace("salah", "benar"), encoding="utf-8")
    assert run_cli("validate", "--since", "HEAD", project=repo).exit_code == 0
    # published 2021-04-19 at the base: before that moment it was only scheduled, not yet public
    edit(repo, CLAIM, "verdict: salah", "verdict: benar")
    assert run_cli("validate", "--since", "HEAD", "--clock", "2021-04-18T00:00:00+07:00", project=repo).exit_code == 0
    assert run_cli("validate", "--since", "HEAD", "--clock", "2021-04-20T00:00:00+07:00", project=repo).exit_code == 1


def test_rewrapping_text_is_not_a_change(repo, run_cli):
    edit(repo, CLAIM, "summary: Panggilan terjadi dua hari", "summary: >-\n  Panggilan terjadi\n  dua hari")
    assert run_cli("validate", "--since", "HEAD", project=repo).exit_code == 0


def test_previous_verdict_must_match_the_verdict_at_the_base(repo, run_cli):
    edit(repo, CLAIM, "verdict: salah", "verdict: benar")
    (repo / CLAIM).write_text(
        (repo / CLAIM).read_text(encoding="utf-8") + CORRECTION.replace("previous_verdict: salah", "previous_verdict: benar"),
        encoding="utf-8",
    )
    result = run_cli("validate", "--since", "HEAD", project=repo)
    assert result.exit_code == 0  # a warning
    assert "[correction-previous-verdict]" in result.stderr
    assert run_cli("validate", "--strict", "--since", "HEAD", project=repo).exit_code == 1


def test_committed_changes_are_checked_against_an_older_revision(repo, run_cli):
    edit(repo, CLAIM, "verdict: salah", "verdict: benar")
    git(repo, "commit", "-q", "-am", "change the verdict")
    assert run_cli("validate", "--since", "HEAD", project=repo).exit_code == 0
    assert run_cli("validate", "--since", "HEAD~1", project=repo).exit_code == 1


def test_default_base_is_the_merge_base_with_main(repo, run_cli):
    git(repo, "checkout", "-q", "-b", "fix")
    edit(repo, CLAIM, "verdict: salah", "verdict: benar")
    git(repo, "commit", "-q", "-am", "change the verdict")
    result = run_cli("validate", project=repo)
    assert result.exit_code == 1
    assert "since the merge base with main" in result.stderr
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")  # once merged and pushed, it is the new base
    assert run_cli("validate", project=repo).exit_code == 0


def test_a_project_in_a_subfolder_of_the_repository(make_project, tmp_path, run_cli):
    root = tmp_path / "repo"
    project = make_project(root=root / "site")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "published")
    edit(project, CLAIM, "verdict: salah", "verdict: benar")
    result = run_cli("validate", "--since", "HEAD", project=project)
    assert result.exit_code == 1
    assert f"{CLAIM}:{VERDICT_LINE}:" in result.stderr


def test_unusable_since_is_a_usage_error_but_the_default_is_skipped(repo, make_project, tmp_path, run_cli):
    result = run_cli("validate", "--since", "no-such-branch", project=repo)
    assert result.exit_code == 2
    assert "unknown git revision 'no-such-branch'" in result.stderr
    result = run_cli("validate", "--since", "--output=x", project=repo)
    assert result.exit_code == 2  # never passed on to git as an option
    assert "is not a git revision" in result.stderr
    outside = make_project(root=tmp_path / "outside")
    assert run_cli("validate", project=outside).exit_code == 0
    result = run_cli("validate", "--since", "HEAD", project=outside)
    assert result.exit_code == 2
    assert "needs a git repository" in result.stderr


def test_missing_git_is_a_usage_error_only_when_asked_for(repo, run_cli, monkeypatch):
    edit(repo, CLAIM, "verdict: salah", "verdict: benar")
    monkeypatch.setenv("PATH", str(repo / "no-bin"))
    assert check_history(Project.at(repo), None, datetime.now(UTC)) == []
    result = run_cli("validate", "--since", "HEAD", project=repo)
    assert result.exit_code == 2
    assert "git command was not found" in result.stderr


def test_the_hint_adds_to_an_existing_corrections_list(make_project, run_cli):
    earlier = CORRECTION.replace("previous_verdict: salah\n", "").replace("2026-11-20", "2021-04-20")
    project = make_project({CLAIM: CLAIM_YAML + earlier})
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "published with one correction")
    edit(project, CLAIM, "verdict: salah", "verdict: benar")
    result = run_cli("validate", "--since", "HEAD", project=project)
    assert result.exit_code == 1
    assert "add an entry at the end of 'corrections':" in result.stderr
