"""site.yaml's `theme`: every mistake an error at its line (contrast with the measured ratio and the nearest
passing colour; images that are missing, outside the project, not images or too large; links to nowhere)."""

from __future__ import annotations

import io
import os
from datetime import UTC, datetime

import pytest
from PIL import Image

from generator.content.loading import load_content
from generator.core.project import Project
from tests.conftest import SITE_YAML

CLOCK = datetime(2026, 1, 1, tzinfo=UTC)
SITE = "content/site.yaml"
GOOD_THEME = """\
theme:
  logo:
    file: templates/static/logo.png
    alt: Cek Fakta Uji
  favicon: templates/static/icon.png
  colours:
    text: "#1a1a1a"
    background: "#ffffff"
    accent: "#0b57d0"
  navigation:
    - page: home
    - page: tentang
      label: Tentang kami
    - url: https://donasi.example.org/
      label: Donasi
  footer:
    text: Hak cipta Cek Fakta Uji
    links:
      - page: corrections
      - page: data
  social:
    - https://www.instagram.com/cekfaktauji
"""


def png(size: tuple[int, int] = (200, 50), mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


IMAGES = {"templates/static/logo.png": png(), "templates/static/icon.png": png((32, 32))}


def site_with(theme: str) -> dict[str, str | bytes]:
    return {SITE: SITE_YAML + theme, **IMAGES}


def line_of(theme: str, text: str) -> int:
    """The line in site.yaml (SITE_YAML, then the theme) of the first line of `theme` holding `text`."""
    return SITE_YAML.count("\n") + next(i for i, line in enumerate(theme.splitlines(), 1) if text in line)


def diagnose(make_project, files):
    content, diagnostics = load_content(Project.at(make_project(files)), CLOCK)
    return content, diagnostics


def test_a_full_theme_is_valid_and_its_images_are_measured(make_project) -> None:
    content, diagnostics = diagnose(make_project, site_with(GOOD_THEME))
    assert content is not None, [d.format_text() for d in diagnostics]
    logo = content.theme_files["logo"]
    assert (logo.file, logo.width, logo.height, logo.mime) == ("templates/static/logo.png", 200, 50, "image/png")
    assert content.theme_files["favicon"].mime == "image/png"
    assert content.site.model.theme.colours is not None and content.site.model.theme.colours.text == "#1a1a1a"


def test_low_contrast_text_names_the_ratio_and_the_nearest_passing_colour(make_project) -> None:
    theme = GOOD_THEME.replace('text: "#1a1a1a"', 'text: "#777"')
    _, diagnostics = diagnose(make_project, site_with(theme))
    [problem] = [d for d in diagnostics if d.code == "low-contrast"]
    assert (problem.path, problem.line) == (SITE, line_of(theme, 'text: "#777"'))
    assert problem.column == 11
    assert "#777777" in problem.message and "#ffffff" in problem.message and "4.48:1" in problem.message
    assert "4.5:1" in problem.message
    assert '"#767676"' in problem.hint and "4.54:1" in problem.hint


def test_low_contrast_accent_and_dark_colours(make_project) -> None:
    theme = GOOD_THEME.replace('accent: "#0b57d0"', 'accent: "#6699ff"') + (
        '  dark_colours:\n    text: "#eeeeee"\n    background: "#121212"\n    accent: "#333399"\n'
    )
    _, diagnostics = diagnose(make_project, site_with(theme))
    found = {(d.line, d.code) for d in diagnostics}
    assert (line_of(theme, 'accent: "#6699ff"'), "low-contrast") in found
    assert (line_of(theme, 'accent: "#333399"'), "low-contrast") in found
    dark = next(d for d in diagnostics if d.line == line_of(theme, 'accent: "#333399"'))
    assert "#121212" in dark.message  # judged against its own background


IMAGE_ROWS = [
    # (change to the good theme, files to add or replace, text of the line, code, words of the message)
    (
        ("templates/static/logo.png", "templates/static/nope.png"),
        {},
        "file: templates/static/nope.png",
        "bad-theme-file",
        "does not exist",
    ),
    ((), {"templates/static/logo.png": b"not a picture"}, "file: templates/static/logo.png", "bad-theme-file", "not a PNG"),
    ((), {"templates/static/logo.png": png()[:60]}, "file: templates/static/logo.png", "bad-theme-file", "not a PNG"),
    ((), {"templates/static/logo.png": png((5000, 4000), "1")}, "file: templates/static/logo.png", "bad-theme-file", "5000×4000"),
    ((), {"templates/static/icon.png": Image.new("RGB", (4, 4)).tobytes()}, "favicon:", "bad-theme-file", "PNG or ICO"),
    (("templates/static/logo.png", "content/logo.png"), {}, "file: content/logo.png", "bad-path", "templates/static/"),
    (("templates/static/logo.png", "templates/static/../x.png"), {}, "file: templates/static/../x.png", "bad-path", ""),
]


@pytest.mark.parametrize(("change", "files", "where", "code", "words"), IMAGE_ROWS)
def test_theme_images_are_checked_on_disk(make_project, change, files, where, code, words) -> None:
    theme = GOOD_THEME.replace(*change) if change else GOOD_THEME
    content, diagnostics = diagnose(make_project, {**site_with(theme), **files})
    assert content is None
    found = [d for d in diagnostics if d.code == code]
    assert found and (found[0].path, found[0].line) == (SITE, line_of(theme, where)), [d.format_text() for d in diagnostics]
    assert words in found[0].message


def test_a_jpeg_favicon_is_refused(make_project) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16)).save(buffer, "JPEG")
    _, diagnostics = diagnose(make_project, {**site_with(GOOD_THEME), "templates/static/icon.png": buffer.getvalue()})
    [problem] = [d for d in diagnostics if d.code == "bad-theme-file"]
    assert "is a JPEG image" in problem.message and "PNG or ICO" in problem.hint


def test_a_logo_linked_from_outside_the_project_is_refused(make_project, tmp_path) -> None:
    outside = tmp_path / "elsewhere.png"
    outside.write_bytes(png())
    project = make_project(site_with(GOOD_THEME))
    (project / "templates/static/logo.png").unlink()
    os.symlink(outside, project / "templates/static/logo.png")
    content, diagnostics = load_content(Project.at(project), CLOCK)
    assert content is None
    assert any(d.code == "bad-theme-file" and "outside the project" in d.message for d in diagnostics)


LINK_ROWS = [
    ("- page: tentang", "- page: tentng", "page: tentng", "unknown-reference", "tentang"),
    ("- url: https://donasi.example.org/\n      label: Donasi", "- label: Donasi", "label: Donasi", "bad-link", ""),
    ("- page: home", "- page: home\n      url: https://example.org/", "page: home", "bad-link", ""),
    ("      label: Donasi\n", "", "url: https://donasi", "missing-field", ""),
    ("- url: https://donasi.example.org/", "- url: javascript:alert(1)", "url: javascript", "bad-url", ""),
    ("- https://www.instagram.com/cekfaktauji", "- ftp://example.org/x", "ftp://", "bad-url", ""),
    ('text: "#1a1a1a"', "text: #1a1a1a", "text: #1a1a1a", "bad-colour", ""),
    ('text: "#1a1a1a"', "text: red", "text: red", "bad-colour", ""),
    ("    alt: Cek Fakta Uji\n", "", "file: templates/static/logo.png", "missing-field", "alt"),
]


@pytest.mark.parametrize(("old", "new", "where", "code", "hint"), LINK_ROWS)
def test_theme_values_are_checked_at_their_line(make_project, old, new, where, code, hint) -> None:
    assert old in GOOD_THEME
    theme = GOOD_THEME.replace(old, new)
    content, diagnostics = diagnose(make_project, site_with(theme))
    assert content is None
    found = [d for d in diagnostics if d.code == code]
    assert found and (found[0].path, found[0].line) == (SITE, line_of(theme, where)), [d.format_text() for d in diagnostics]
    assert hint in found[0].hint


def test_an_unquoted_colour_says_to_quote_it(make_project) -> None:
    _, diagnostics = diagnose(make_project, site_with(GOOD_THEME.replace('text: "#1a1a1a"', "text: #1a1a1a")))
    [problem] = [d for d in diagnostics if d.code == "bad-colour"]
    assert "quotes" in problem.message and "comment" in problem.message
