"""The command line: exit codes, output formats, schemas, and `python -m generator`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from generator.content.schema import schema_documents
from tests.conftest import CLAIM_YAML

REPO = Path(__file__).resolve().parents[2]
CLAIM = "content/claims/biden-telepon.yaml"
BROKEN = {CLAIM: CLAIM_YAML.replace("verdict: salah", "verdict: salh")}


def test_validate_exits_0_on_valid_content(make_project, run_cli):
    result = run_cli("validate", "--clock", "2026-01-01T00:00:00+00:00", project=make_project())
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0].startswith("ok: 0 error(s)")


def test_validate_exits_1_on_errors_and_points_at_the_line(make_project, run_cli):
    result = run_cli("validate", project=make_project(BROKEN))
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{CLAIM}:7:10: error: 'salh' is not defined")
    assert first.endswith("[unknown-reference]")
    assert "did you mean 'salah'?" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_strict_turns_warnings_into_failure(make_project, run_cli):
    project = make_project({CLAIM: CLAIM_YAML.replace("[@order]", "")})
    assert run_cli("validate", project=project).exit_code == 0
    result = run_cli("validate", "--strict", project=project)
    assert result.exit_code == 1
    assert "uncited-source" in result.stderr


def test_json_format_is_machine_readable(make_project, run_cli):
    result = run_cli("validate", "--format", "json", project=make_project(BROKEN))
    data = json.loads(result.stdout)
    assert data[0] | {"message": ""} == {
        "path": CLAIM,
        "line": 7,
        "column": 10,
        "severity": "error",
        "code": "unknown-reference",
        "message": "",
        "hint": "did you mean 'salah'?",
    }


def test_github_format_prints_workflow_annotations(make_project, run_cli):
    result = run_cli("validate", "--format", "github", project=make_project(BROKEN))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"::error file={CLAIM},line=7,col=10,title=unknown-reference::")


def test_usage_errors_exit_2(make_project, run_cli, tmp_path):
    assert run_cli("validate", project=tmp_path / "missing").exit_code == 2
    assert run_cli("validate", "--format", "xml", project=make_project()).exit_code == 2
    assert run_cli("no-such-command").exit_code == 2
    result = run_cli("build", "-o", str(make_project() / "content" / "out"), project=make_project())
    assert result.exit_code == 2
    assert "inside content/" in result.stderr
    assert run_cli("validate", "--clock", "yesterday", project=make_project()).exit_code == 2


def test_folder_without_content_is_a_usage_error(run_cli, tmp_path):
    result = run_cli("validate", project=tmp_path)
    assert result.exit_code == 2
    assert "no content/ folder" in result.stderr


def test_committed_schemas_are_fresh():
    """A field added to the models must be followed by `factcheck schema` (or `make schema`)."""
    for name, text in schema_documents().items():
        assert (REPO / "schemas" / name).read_text(encoding="utf-8") == text, f"schemas/{name} is stale: run make schema"


def test_every_field_has_a_description():
    from generator.content.models import MODELS

    def walk(schema: dict, where: str) -> None:
        for name, prop in schema.get("properties", {}).items():
            assert prop.get("description"), f"{where}.{name} has no description"
        for sub_name, sub in schema.get("$defs", {}).items():
            walk(sub, sub_name)

    for kind, model in MODELS.items():
        walk(model.model_json_schema(), kind)


def test_schema_command_writes_every_kind(run_cli, make_project):
    project = make_project()
    result = run_cli("schema", "-o", "out", project=project)
    assert result.exit_code == 0
    assert sorted(p.name for p in (project / "out").iterdir()) == sorted(schema_documents())


def test_demo_records_point_at_their_schema():
    for path in sorted((REPO / "content").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        kind = {"content": "site", "people": "person", "articles": "article", "claims": "claim"}[path.parent.name]
        assert first.startswith("# yaml-language-server: $schema=") and first.endswith(f"schemas/{kind}.schema.json"), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target == REPO / "schemas" / f"{kind}.schema.json"


def test_demo_content_is_valid(run_cli):
    result = run_cli("validate", "--strict", project=REPO)
    assert result.exit_code == 0, result.stderr


def test_python_dash_m_runs_the_cli(make_project):
    done = subprocess.run(
        [sys.executable, "-m", "generator", "-C", str(make_project(BROKEN)), "validate"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.startswith(f"{CLAIM}:7:10: error:")


def test_readme_field_reference_is_fresh():
    from generator.content.reference import END, START, render_reference

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split(START, 1)[1].split(END, 1)[0]
    assert block == "\n" + render_reference(), "README field reference is stale: run make docs"
