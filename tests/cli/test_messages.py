"""`factcheck messages export`: the interface texts as a template or a language's catalogue, re-exported
without losing translations; the result makes a working language."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

from generator.core.languages import required_messages
from tests.conftest import SITE_YAML


def catalogue(path_or_bytes):
    data = path_or_bytes.read_bytes() if isinstance(path_or_bytes, Path) else path_or_bytes
    import io

    return read_po(io.BytesIO(data))


def test_without_a_language_it_writes_a_template_of_every_message(make_project, run_cli) -> None:
    result = run_cli("messages", "export", project=make_project())
    assert result.exit_code == 0, result.output
    template = catalogue(result.stdout_bytes)
    ids = {(m.id[0] if isinstance(m.id, tuple) else m.id) for m in template if m.id}
    assert ids == {msgid for msgid, _ in required_messages()}
    assert all(not m.string or m.string == ("", "") for m in template if m.id)
    assert run_cli("messages", "export", project=make_project()).stdout_bytes == result.stdout_bytes  # deterministic


def test_for_a_builtin_language_it_holds_the_current_translations(make_project, run_cli) -> None:
    result = run_cli("messages", "export", "--language", "ms", project=make_project())
    assert result.exit_code == 0
    assert catalogue(result.stdout_bytes).get("Our verdict").string == "Keputusan kami"
    assert b'"Language: ms\\n"' in result.stdout_bytes


def test_a_new_language_from_export_to_build(make_project, run_cli, tmp_path: Path) -> None:
    project = make_project({"content/site.yaml": SITE_YAML.replace("language: id", "language: es")})
    assert run_cli("validate", project=project).exit_code == 1  # no Spanish yet
    po = project / "locale/es.po"
    result = run_cli("messages", "export", "--language", "es", "-o", str(po), project=project)
    assert result.exit_code == 0 and po.is_file(), result.output
    assert b"nplurals=3" in po.read_bytes()  # Spanish's own plural rule, from Babel
    text = po.read_text().replace('msgid "Our verdict"\nmsgstr ""', 'msgid "Our verdict"\nmsgstr "Nuestro veredicto"')
    po.write_text(text)
    checked = run_cli("validate", project=project)
    assert checked.exit_code == 0 and "untranslated-interface" in checked.stderr
    out = tmp_path / "site"
    assert run_cli("build", "-o", str(out), "--clock", "2026-01-01T00:00:00Z", project=project).exit_code == 0
    assert "Nuestro veredicto" in (out / "claims/biden-telepon/index.html").read_text()


def test_exporting_again_keeps_translations_and_adds_new_texts(make_project, run_cli) -> None:
    project = make_project(
        {"templates/house.html": '{% extends "base.html" %}{% block content %}{{ _("House note") }}{% endblock %}'}
    )
    po = project / "locale/es.po"
    po.parent.mkdir()
    po.write_text('msgid "Our verdict"\nmsgstr "Nuestro veredicto"\n\nmsgid "A text no longer used"\nmsgstr "Un texto"\n')
    result = run_cli("messages", "export", "--language", "es", "-o", str(po), project=project)
    assert result.exit_code == 0, result.output
    updated = catalogue(po)
    assert updated.get("Our verdict").string == "Nuestro veredicto"
    assert updated.get("House note") is not None and updated.get("House note").string == ""  # the project's own template
    assert "A text no longer used" in updated.obsolete  # kept, as gettext's #~ entry


def test_a_broken_output_file_is_left_alone(make_project, run_cli) -> None:
    project = make_project()
    po = project / "locale/es.po"
    po.parent.mkdir()
    po.write_text('msgid "Our verdict"\nmsgstr "Nuestro\n')
    result = run_cli("messages", "export", "--language", "es", "-o", str(po), project=project)
    assert result.exit_code == 1 and "locale/es.po:2:8" in result.stderr
    assert po.read_text() == 'msgid "Our verdict"\nmsgstr "Nuestro\n'


def test_a_bad_language_tag_is_a_usage_error(make_project, run_cli) -> None:
    result = run_cli("messages", "export", "--language", "es_ES!", project=make_project())
    assert result.exit_code == 2 and "not a language tag" in result.stderr
