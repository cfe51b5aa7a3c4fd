"""Each validation rule, on small projects: the right file, line and code."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from generator.content.loading import load_content
from generator.core.diagnostics import Severity
from generator.core.project import Project
from tests.conftest import CLAIM_YAML, SITE_YAML

CLOCK = datetime(2026, 1, 1, tzinfo=UTC)
CLAIM = "content/claims/biden-telepon.yaml"


def diagnose(make_project, files, clock=CLOCK):
    content, diagnostics = load_content(Project.at(make_project(files)), clock)
    return content, [(d.path, d.line, d.code, d.severity.value) for d in diagnostics], diagnostics


def claim_with(old: str, new: str) -> dict:
    assert old in CLAIM_YAML, old
    return {CLAIM: CLAIM_YAML.replace(old, new)}


def test_the_base_project_is_valid(make_project):
    content, found, _ = diagnose(make_project, {})
    assert found == []
    assert content is not None and list(content.claims) == ["biden-telepon"]


ERROR_ROWS = [
    # (files, path, line, code)
    (claim_with("claimant: medcom", "claimant: medcomm"), CLAIM, 4, "unknown-reference"),
    (claim_with("verdict: salah", "verdict: salh"), CLAIM, 7, "unknown-reference"),
    (claim_with("article: medcom-berita", "article: medcom"), CLAIM, 5, "unknown-reference"),
    (claim_with("authors: [tim]", "authors: [tim, nobody]"), CLAIM, 21, "unknown-reference"),
    (claim_with("claim_date: 2021-04-16", "claim_date: 2021-02-30"), CLAIM, 6, "bad-date"),
    (claim_with("claim_date: 2021-04-16", "claim_date: '16/04/2021'"), CLAIM, 6, "bad-date"),
    (claim_with("published: 2021-04-19T09:00:00+07:00", "published: 2021-04-19T09:00:00"), CLAIM, 22, "bad-date"),
    (claim_with("summary: Panggilan", "summry: Panggilan"), CLAIM, 8, "unknown-field"),
    (claim_with("summary: Panggilan terjadi dua hari sebelum perintah ditandatangani.\n", ""), CLAIM, 1, "missing-field"),
    (claim_with("summary: Panggilan terjadi dua hari sebelum perintah ditandatangani.", "summary: ''"), CLAIM, 8, "empty-value"),
    (claim_with("summary: Panggilan terjadi dua hari sebelum perintah ditandatangani.", "summary: no"), CLAIM, 8, "yaml-trap"),
    (
        claim_with("claim_short: Biden menelepon Putin setelah menandatangani sanksi", "claim_short: " + "x" * 76),
        CLAIM,
        3,
        "too-long",
    ),
    (claim_with("url: https://tass.com/world/1277551", "url: javascript:alert(1)"), CLAIM, 16, "bad-url"),
    (claim_with("url: https://tass.com/world/1277551", "url: https://user:pw@tass.com/x"), CLAIM, 16, "bad-url"),
    (claim_with("url: https://tass.com/world/1277551", "url: tass.com/world"), CLAIM, 16, "bad-url"),
    (claim_with("- id: order", "- id: readout"), CLAIM, 17, "duplicate-id"),
    (claim_with("[@order]", "[@orde]"), CLAIM, 12, "unknown-source"),
    (
        claim_with("published: 2021-04-19T09:00:00+07:00", "published: 2021-04-19T09:00:00+07:00\nupdated: 2021-04-18"),
        CLAIM,
        23,
        "updated-before-published",
    ),
    (claim_with("claimant: medcom", "claimant: medcom\nclaimant: joe-biden"), CLAIM, 5, "duplicate-key"),
    (claim_with("title: Apakah", "title: [Apakah"), CLAIM, 2, "yaml-syntax"),
    (claim_with("tags: [sanksi]", "tags: [Sanksi]"), CLAIM, 20, "bad-slug"),
    (
        {
            CLAIM: CLAIM_YAML[: CLAIM_YAML.index("sources:")].replace("[@readout]", "").replace("[@order]", "")
            + "authors: [tim]\npublished: 2021-04-19\n"
        },
        CLAIM,
        7,
        "no-sources",
    ),
    (
        {
            "content/articles/medcom-berita.yaml": "title: X\npublisher: medcom\npublished: 2021-04-16\ntext: Teks lain sama sekali.\n"
        },
        CLAIM,
        2,
        "quote-not-found",
    ),
    ({"content/people/Joe_Biden.yaml": "name: J\nkind: person\n"}, "content/people/Joe_Biden.yaml", 1, "bad-id"),
    ({"content/people/joe.yml": "name: J\nkind: person\n"}, "content/people/joe.yml", 1, "wrong-extension"),
    ({"content/people/joe.yaml": "name: J\nkind: persn\n"}, "content/people/joe.yaml", 2, "bad-choice"),
    ({"content/people/joe.yaml": "- name: J\n"}, "content/people/joe.yaml", 1, "not-a-mapping"),
    ({"content/people/joe.yaml": "name: J\nkind: person\n---\nname: K\n"}, "content/people/joe.yaml", 4, "multiple-documents"),
    ({"content/people/joe.yaml": b"name: J\xff\nkind: person\n"}, "content/people/joe.yaml", 1, "encoding"),
    (
        {"content/people/joe.yaml": "name: J\nkind: person\nnote: " + "x" * (1024 * 1024) + "\n"},
        "content/people/joe.yaml",
        1,
        "file-too-large",
    ),
    ({"content/pages/claims.md": "---\ntitle: Klaim\n---\nIsi.\n"}, "content/pages/claims.md", 1, "reserved-slug"),
    ({"content/pages/kosong.md": "Tanpa front matter.\n"}, "content/pages/kosong.md", 1, "no-front-matter"),
    ({"content/pages/kosong.md": "---\ntitle: X\nmenu: satu\n---\nIsi.\n"}, "content/pages/kosong.md", 3, "invalid-value"),
    (
        {"content/site.yaml": SITE_YAML.replace("timezone: Asia/Jakarta", "timezone: Mars/Olympus")},
        "content/site.yaml",
        5,
        "bad-timezone",
    ),
    ({"content/site.yaml": SITE_YAML.replace("rating: 2", "rating: 3")}, "content/site.yaml", 21, "duplicate-rating"),
    ({"content/site.yaml": None}, "content/site.yaml", 1, "missing-file"),
    (
        {"content/site.yaml": SITE_YAML.replace("base_url: https://cekfakta.example.org/", "base_url: https://x.org/a/?b=1")},
        "content/site.yaml",
        3,
        "bad-url",
    ),
]


@pytest.mark.parametrize("files,path,line,code", ERROR_ROWS, ids=[f"{r[3]}-{i}" for i, r in enumerate(ERROR_ROWS)])
def test_each_error_names_file_line_and_code(make_project, files, path, line, code):
    content, found, _ = diagnose(make_project, files)
    assert (path, line, code, "error") in found, found
    assert content is None


WARNING_ROWS = [
    (claim_with("[@order]", "(tanpa sitasi)"), CLAIM, 17, "uncited-source"),
    (claim_with("claim_date: 2021-04-16", "claim_date: 2021-04-20"), CLAIM, 6, "claim-after-check"),
    ({"content/notes.txt": "x"}, "content/notes.txt", 1, "unexpected-file"),
]


@pytest.mark.parametrize("files,path,line,code", WARNING_ROWS)
def test_warnings_do_not_block(make_project, files, path, line, code):
    content, found, _ = diagnose(make_project, files)
    assert (path, line, code, "warning") in found, found
    assert content is not None


def test_future_publication_is_a_scheduled_note(make_project):
    content, found, _ = diagnose(make_project, {}, clock=datetime(2021, 4, 18, tzinfo=UTC))
    assert (CLAIM, 22, "scheduled", "note") in found
    assert content is not None and content.public_claims(datetime(2021, 4, 18, tzinfo=UTC)) == []


def test_four_mistakes_in_one_claim_are_all_reported(make_project):
    """The issue's acceptance case: misspelled key, dangling claimant, unknown verdict, bad date."""
    text = (
        CLAIM_YAML.replace("summary:", "sumary:")
        .replace("claimant: medcom", "claimant: medcon")
        .replace("verdict: salah", "verdict: palsu")
        .replace("claim_date: 2021-04-16", "claim_date: 2021-13-01")
    )
    _, found, diagnostics = diagnose(make_project, {CLAIM: text})
    codes = {(line, code) for _, line, code, _ in found}
    assert {(8, "unknown-field"), (4, "unknown-reference"), (7, "unknown-reference"), (6, "bad-date")} <= codes
    # The missing 'summary' is a consequence of the misspelling and is reported too.
    assert all(d.path == CLAIM for d in diagnostics)
    hints = {d.code: d.hint for d in diagnostics if d.line == 8}
    assert "summary" in hints["unknown-field"]


def test_quote_check_folds_quotes_spaces_and_zero_width(make_project):
    article = (
        "title: X\npublisher: medcom\npublished: 2021-04-16\n"
        'text: "Kata pembuka. Usai  menandatangani perintah\u200b eksekutif,\\nBiden menelepon Putin. Penutup."\n'
    )
    _, found, _ = diagnose(make_project, {"content/articles/medcom-berita.yaml": article})
    assert found == []
    # Case matters.
    lower = article.replace("Biden menelepon", "biden menelepon")
    _, found, _ = diagnose(make_project, {"content/articles/medcom-berita.yaml": lower})
    assert (CLAIM, 2, "quote-not-found", "error") in found


def test_off_scale_verdict_needs_no_sources(make_project):
    text = CLAIM_YAML.replace("verdict: salah", "verdict: tidak-terbukti")
    text = text[: text.index("sources:")] + "tags: [sanksi]\nauthors: [tim]\npublished: 2021-04-19\n"
    text = text.replace("[@readout]", "").replace("[@order]", "")
    _content, found, _ = diagnose(make_project, {CLAIM: text})
    assert [f for f in found if f[3] == "error"] == []


def test_bom_and_crlf_are_accepted(make_project):
    text = "\ufeff" + CLAIM_YAML.replace("\n", "\r\n")
    content, found, _ = diagnose(make_project, {CLAIM: text.encode("utf-8")})
    assert found == [] and content is not None
    assert content.claims["biden-telepon"].where("verdict") == (7, 10)


def test_hidden_files_are_ignored(make_project):
    _content, found, _ = diagnose(make_project, {"content/claims/.draft.yaml": "not: [valid"})
    assert found == []


@pytest.mark.parametrize(
    "bad",
    [
        "a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n",
        "a: " + "[" * 200 + "]" * 200 + "\n",
        "a: &x [*x]\n",
    ],
)
def test_alias_bombs_and_deep_nesting_are_refused(make_project, bad):
    _, found, diagnostics = diagnose(make_project, {"content/people/bomb.yaml": bad})
    assert any(path == "content/people/bomb.yaml" and sev == "error" for path, _, _, sev in found)
    assert {d.code for d in diagnostics} & {"too-many-values", "too-deep", "yaml-syntax"}


def test_every_diagnostic_is_sorted_and_severities_are_known(make_project):
    _, _, diagnostics = diagnose(make_project, claim_with("verdict: salah", "verdict: x"))
    assert diagnostics == sorted(diagnostics, key=lambda d: (d.path, d.line, d.column, d.code, d.message))
    assert all(isinstance(d.severity, Severity) for d in diagnostics)


LABELS_SITE = SITE_YAML[: SITE_YAML.index("scale:")] + (
    "labels_only: true\n"
    "scale:\n"
    "  - id: salah\n    label: '[SALAH]'\n    description: Klaim keliru.\n    bucket: \"false\"\n"
    "  - id: klarifikasi\n    label: '[KLARIFIKASI]'\n    description: Penjelasan pihak terkait.\n    bucket: other\n"
    "tags:\n  sanksi: Sanksi\n"
)


def test_a_labels_only_scale_needs_no_rating(make_project):
    content, found, _ = diagnose(make_project, {"content/site.yaml": LABELS_SITE})
    assert found == [] and content is not None and content.site.model.labels_only


def test_without_labels_only_a_scale_with_no_rating_is_an_error(make_project):
    _, found, diagnostics = diagnose(make_project, {"content/site.yaml": LABELS_SITE.replace("labels_only: true\n", "")})
    assert ("content/site.yaml", 13, "empty-scale", "error") in found
    assert "labels_only: true" in next(d.hint for d in diagnostics if d.code == "empty-scale")


def test_a_rating_on_a_labels_only_scale_is_an_error_at_its_line(make_project):
    site = LABELS_SITE.replace("    bucket: other\n", "    bucket: other\n    rating: 1\n")
    _, found, _ = diagnose(make_project, {"content/site.yaml": site})
    assert ("content/site.yaml", 22, "rating-on-labels", "error") in found


def test_on_a_labels_only_scale_every_verdict_needs_a_source(make_project):
    text = CLAIM_YAML.replace("verdict: salah", "verdict: klarifikasi")
    text = text[: text.index("sources:")] + "tags: [sanksi]\nauthors: [tim]\npublished: 2021-04-19\n"
    text = text.replace("[@readout]", "").replace("[@order]", "")
    _, found, diagnostics = diagnose(make_project, {"content/site.yaml": LABELS_SITE, CLAIM: text})
    assert (CLAIM, 7, "no-sources", "error") in found
    assert next(d.message for d in diagnostics if d.code == "no-sources") == "every fact-check needs at least one source"
