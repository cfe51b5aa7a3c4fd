"""Open data is made again only for fact-checks whose inputs changed: their own file, site.yaml, or a
person or article they name. Whatever is skipped, the files equal those of a clean build."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest

import generator.outputs.opendata as opendata
import generator.outputs.opendata_files as opendata_files
from generator.core.project import Project
from generator.engine.build import BuildOptions, build_site
from tests.conftest import CLAIM_YAML
from tests.engine.test_fastpath import age_tree

CLOCK = datetime(2026, 1, 1, tzinfo=UTC)
BY_BIDEN = CLAIM_YAML.replace("claimant: medcom\narticle: medcom-berita\n", "claimant: joe-biden\n")
DATA_FILES = ("api/claims.json", "claims.csv", "claimreview.json")


@pytest.fixture
def project(make_project):
    root = make_project(
        {
            "templates/page.html": '{% extends "builtin:page.html" %}\n',
            "content/claims/biden-dua.yaml": BY_BIDEN.replace("title: ", "title: Kedua - ", 1),
            "content/claims/biden-tiga.yaml": BY_BIDEN.replace("title: ", "title: Ketiga - ", 1),
        }
    )
    age_tree(root)
    return Project.at(root)


@pytest.fixture
def encoded(monkeypatch):
    """Ids of the fact-checks whose open-data record is made from here on."""
    seen: list[str] = []
    real = opendata.claim_record

    def counting(content, entry, base):
        seen.append(entry.id)
        return real(content, entry, base)

    monkeypatch.setattr(opendata_files, "claim_record", counting)
    return seen


def build(project, out="site", **options):
    return build_site(project, BuildOptions(output=project.root / out, clock=CLOCK, **options))


def rewrite(project, rel, old, new):
    path = project.root / rel
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    age_tree(project.root / "content", 60)


def data_files(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and (p.name in {"claims.csv", "claimreview.json"} or "api" in p.parts)
    }


def assert_equals_clean_build(project):
    assert build(project, out="clean", cache=False).ok
    assert data_files(project.root / "site") == data_files(project.root / "clean")


def test_one_edited_fact_check_is_the_only_one_encoded_again(project, encoded):
    assert build(project).ok
    assert sorted(encoded) == ["biden-dua", "biden-telepon", "biden-tiga"]
    encoded.clear()
    rewrite(project, "content/claims/biden-dua.yaml", "summary: ", "summary: Diperbarui. ")
    assert build(project).ok
    assert encoded == ["biden-dua"]
    assert b"Diperbarui." in (project.root / "site/api/claims/biden-dua.json").read_bytes()
    assert_equals_clean_build(project)


def test_a_renamed_claimant_reaches_the_data_of_every_claim_they_made(project, encoded):
    assert build(project).ok
    encoded.clear()
    rewrite(project, "content/people/joe-biden.yaml", "name: Joe Biden", "name: Joseph R. Biden")
    assert build(project).ok
    assert sorted(encoded) == ["biden-dua", "biden-tiga"]
    assert b"Joseph R. Biden" in (project.root / "site/claims.csv").read_bytes()
    assert_equals_clean_build(project)


@pytest.mark.parametrize(
    "rel, old, new",
    [
        ("content/articles/medcom-berita.yaml", "title: ", "title: Judul baru - "),
        ("content/people/medcom.yaml", "name: Medcom", "name: Medcom.id"),  # the article's publisher
        ("content/people/tim.yaml", "name: Tim Cek Fakta", "name: Tim Periksa"),  # an author
        ("content/site.yaml", "title: ", "title: Situs baru "),
    ],
)
def test_a_changed_record_a_claim_names_changes_its_data(project, encoded, rel, old, new):
    assert build(project).ok
    encoded.clear()
    rewrite(project, rel, old, new)
    assert build(project).ok
    assert "biden-telepon" in encoded
    assert_equals_clean_build(project)


def test_a_template_change_takes_every_data_file_over(project, encoded):
    assert build(project).ok
    inodes = {rel: os.stat(project.root / "site" / rel).st_ino for rel in data_files(project.root / "site")}
    encoded.clear()
    (project.root / "templates/page.html").write_text('{% extends "builtin:page.html" %}\n{# changed #}\n', encoding="utf-8")
    result = build(project)
    assert result.ok and "open data" in result.timings  # a full build ran, not the no-change check
    assert encoded == []
    assert {rel: os.stat(project.root / "site" / rel).st_ino for rel in inodes} == inodes


def test_a_data_file_edited_by_hand_is_made_again(project, encoded):
    assert build(project).ok
    listing = project.root / "site/api/claims.json"
    listing.write_bytes(b"{}")  # a new inode: the record no longer vouches for it
    (project.root / "templates/page.html").write_text('{% extends "builtin:page.html" %}\n{# changed #}\n', encoding="utf-8")
    encoded.clear()
    assert build(project).ok
    assert encoded == []  # the list is made from the stored parts, not encoded again
    assert_equals_clean_build(project)


def test_without_the_cache_every_fact_check_is_encoded(project, encoded):
    assert build(project).ok
    encoded.clear()
    assert build(project, cache=False).ok
    assert sorted(encoded) == ["biden-dua", "biden-telepon", "biden-tiga"]


def test_with_no_published_fact_check_an_edited_site_yaml_still_reaches_the_lists(make_project):
    """The list files' heads show the site's title and licence, even when they list nothing."""
    root = make_project({"content/claims/biden-telepon.yaml": CLAIM_YAML + "draft: true\n"})
    age_tree(root)
    project = Project.at(root)
    assert build(project).ok
    rewrite(project, "content/site.yaml", "title: ", "title: Situs baru ")
    assert build(project).ok
    assert b"Situs baru" in (project.root / "site/api/claims.json").read_bytes()
    assert_equals_clean_build(project)
