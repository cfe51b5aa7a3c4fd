"""`factcheck import` on the command line: exit 0 / 1 / 2, and usage errors that say what to do."""

from __future__ import annotations

import json

from tests.tasks.test_import import review


def test_exit_codes(make_project, run_cli, tmp_path):
    project = make_project()
    good = tmp_path / "good.json"
    good.write_text(json.dumps(review("baik")), encoding="utf-8")
    result = run_cli("import", "--no-input", str(good), project=project)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "person: content/people/pak-z.yaml",
        "person: content/people/desk-lama.yaml",
        "claim: content/claims/baik.yaml",
    ]
    unmapped = tmp_path / "unmapped.json"
    unmapped.write_text(json.dumps(review("buruk", "Entah")), encoding="utf-8")
    assert run_cli("import", "--no-input", str(unmapped), project=project).exit_code == 1


def test_usage_errors_exit_2(make_project, run_cli, tmp_path):
    project = make_project()
    assert run_cli("import", project=project).exit_code == 2  # nothing named
    missing = run_cli("import", str(tmp_path / "nope.json"), project=project)
    assert missing.exit_code == 2 and "nope.json: no such file or folder" in missing.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "@type": "ClaimReview",\n  oops\n}\n', encoding="utf-8")
    result = run_cli("import", str(broken), project=project)
    assert result.exit_code == 2 and f"{broken}:3:3: not JSON" in result.stderr
    other = tmp_path / "other.json"
    other.write_text('{"@type": "Article"}', encoding="utf-8")
    result = run_cli("import", str(other), project=project)
    assert result.exit_code == 2 and "holds no schema.org ClaimReview" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("import", str(empty), project=project)
    assert result.exit_code == 2 and "the folder holds no .html or .htm file" in result.stderr
    result = run_cli("import", "--map", "Keliru", str(broken), project=project)
    assert result.exit_code == 2 and "is not of the form 'RATING=VERDICT'" in result.stderr
    result = run_cli("import", "--map", "Keliru=palsu", str(broken), project=project)
    assert result.exit_code == 2 and "'palsu' is not on the scale; use one of: benar, sebagian-benar, salah" in result.stderr
    assert not (project / "content/claims/baik.yaml").exists()


def test_a_project_without_site_settings_is_a_usage_error(make_project, run_cli, tmp_path):
    project = make_project({"content/site.yaml": None})
    good = tmp_path / "good.json"
    good.write_text(json.dumps(review("baik")), encoding="utf-8")
    result = run_cli("import", str(good), project=project)
    assert result.exit_code == 2 and "the site settings are needed first" in result.stderr
    assert not (project / "content/claims/baik.yaml").exists()


def test_help_names_the_options(run_cli):
    result = run_cli("import", "--help")
    assert result.exit_code == 0
    for option in ("--map RATING=VERDICT", "--column HEADING=COLUMN", "--no-input"):
        assert option in result.stdout
