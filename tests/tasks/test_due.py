"""factcheck due: a scheduled deploy publishes only when what should be public differs from what is."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.core.project import Project
from generator.engine.build import BuildOptions, build_site
from tests.conftest import CLAIM_YAML

CLAIM = "content/claims/biden-telepon.yaml"  # published 2021-04-19T09:00:00+07:00
BEFORE, AFTER = "2021-04-19T08:00:00+07:00", "2021-04-19T10:00:00+07:00"


def published(tmp_path: Path, ids: list[str]) -> Path:
    path = tmp_path / "published.json"
    path.write_text(json.dumps({"version": 1, "claims": [{"id": i} for i in ids]}), encoding="utf-8")
    return path


def test_a_site_built_before_the_publication_time_is_due_after_it(make_project, run_cli, tmp_path):
    project = make_project()
    site = tmp_path / "site"
    built = build_site(Project.at(project), BuildOptions(output=site, clock=datetime.fromisoformat(BEFORE)))
    assert built.ok
    live = site / "api" / "claims.json"  # what the published site serves, in its real format
    still = run_cli("due", "--published", str(live), "--clock", BEFORE, project=project)
    assert still.exit_code == 1 and still.stdout == ""
    assert still.stderr.startswith("up to date: the published site shows the 0 fact-check(s)")
    now = run_cli("due", "--published", str(live), "--clock", AFTER, project=project)
    assert now.exit_code == 0 and now.stdout == "due biden-telepon\n"


def test_a_site_that_shows_every_public_fact_check_is_up_to_date(make_project, run_cli, tmp_path):
    result = run_cli("due", "--published", str(published(tmp_path, ["biden-telepon"])), "--clock", AFTER, project=make_project())
    assert result.exit_code == 1, result.output


def test_a_fact_check_made_a_draft_again_is_withdrawn(make_project, run_cli, tmp_path):
    project = make_project({CLAIM: CLAIM_YAML + "draft: true\n"})
    result = run_cli("due", "--published", str(published(tmp_path, ["biden-telepon"])), "--clock", AFTER, project=project)
    assert result.exit_code == 0 and result.stdout == "withdrawn biden-telepon\n"


@pytest.mark.parametrize(
    "text, reason",
    [
        (None, "does not exist"),
        ("<html>Not found</html>", "is not JSON"),
        ('{"claims": [{"title": "x"}]}', "is not factcheck's api/claims.json"),
    ],
)
def test_a_missing_or_foreign_published_list_means_publish(make_project, run_cli, tmp_path, text, reason):
    path = tmp_path / "published.json"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    result = run_cli("due", "--published", str(path), "--clock", AFTER, project=make_project())
    assert result.exit_code == 0
    assert result.stderr.startswith("publish: cannot compare with the published site:") and reason in result.stderr


def test_content_errors_mean_publish_so_that_the_build_shows_them(make_project, run_cli, tmp_path):
    project = make_project({CLAIM: CLAIM_YAML.replace("verdict: salah", "verdict: salh")})
    result = run_cli("due", "--published", str(published(tmp_path, ["biden-telepon"])), "--clock", AFTER, project=project)
    assert result.exit_code == 0
    assert "[unknown-reference]" in result.stderr and "the content has errors" in result.stderr


def test_published_is_required(make_project, run_cli):
    assert run_cli("due", project=make_project()).exit_code == 2


def test_the_clock_defaults_to_now(make_project, run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2021, 4, 19, tzinfo=UTC).timestamp())))  # 07:00 in Jakarta
    result = run_cli("due", "--published", str(published(tmp_path, [])), project=make_project())
    assert result.exit_code == 1  # 09:00 Jakarta has not come yet
