"""The files of a new site, as text: what `factcheck init` writes, made from the answers and the starter
files in generator/tasks/skeletons/site/ (README, workflows, pre-commit config, pages, an example).

The starter files mark what varies as @@name@@; nothing here touches the disk but the package's own files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import yaml

from generator import __version__
from generator.content.fields import SLUG_RE, WINDOWS_DEVICE_NAMES
from generator.content.schema import schema_documents
from generator.core.languages import base_language
from generator.core.resources import InstallationError, starter_folder
from generator.core.values import slugify
from generator.tasks.presets import Preset, example_verdict, presets
from generator.tasks.skeleton import yaml_scalar

# The official actions the workflows use, at their current major versions (tests/test_workflows.py
# holds the repository's own workflows to the same list).
ACTIONS = {
    "checkout": "actions/checkout@v7",
    "setup_python": "actions/setup-python@v7",
    "configure_pages": "actions/configure-pages@v6",
    "cache": "actions/cache@v6",
    "upload_pages_artifact": "actions/upload-pages-artifact@v5",
    "deploy_pages": "actions/deploy-pages@v5",
}
TOKEN_RE = re.compile(r"@@([a-z_]+)@@")
CONTACT_PAGE = {"en": "contact", "id": "kontak"}  # the slug of the contact page in pages.<language>.yaml
# Starter file -> where it goes in the new site (the package keeps no hidden files).
PLAIN_FILES = {
    "README.md": "README.md",
    "gitignore": ".gitignore",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "requirements.txt": "requirements.txt",
    "validate.yml": ".github/workflows/validate.yml",
    "deploy.yml": ".github/workflows/deploy.yml",
}


@dataclass(frozen=True)
class Words:
    """The words of the files made here, in each language the starter pages come in."""

    description: str  # of the site, with {publisher}
    desk: str  # the desk's own record
    claimant: tuple[str, str, str]  # the example's claimant: id, name, description
    example: str  # the example fact-check's id


TEXTS = {
    "en": Words(
        "Fact-checks by {publisher}: claims checked against the evidence, with every source.",
        "The desk that writes the fact-checks on this site.",
        ("social-media-users", "Social media users", "Posts shared by many accounts. An example: edit or delete."),
        "great-wall-seen-from-the-moon",
    ),
    "id": Words(
        "Cek fakta oleh {publisher}: klaim diperiksa dengan bukti, lengkap dengan sumbernya.",
        "Meja cek fakta yang menulis pemeriksaan fakta di situs ini.",
        ("warganet", "Warganet", "Unggahan yang dibagikan banyak akun. Contoh: ubah atau hapus."),
        "tembok-besar-tiongkok-terlihat-dari-bulan",
    ),
}


@dataclass(frozen=True)
class SiteAnswers:
    title: str
    language: str
    timezone: str
    base_url: str
    publisher: str
    publisher_url: str
    scale: str  # a preset id


def fill(text: str, values: dict[str, str]) -> str:
    def value(match: re.Match) -> str:
        if match.group(1) not in values:
            raise InstallationError(f"factcheck's starter files use an unknown @@{match.group(1)}@@; reinstall factcheck")
        return values[match.group(1)]

    return TOKEN_RE.sub(value, text)


def starter_language(language: str) -> str:
    """The language of the starter pages and example for a site's language tag: Indonesian or English."""
    return "id" if base_language(language) == "id" else "en"


def site_files(answers: SiteAnswers, now: datetime) -> dict[str, str]:
    """Project-relative path -> text of every file of the new site."""
    preset = presets()[answers.scale]
    lang = starter_language(answers.language)
    words = TEXTS[lang]
    desk = _person_id(answers.publisher)
    claimant, claimant_name, claimant_line = words.claimant
    if claimant == desk:
        claimant = "example-claimant"
    values = {
        "title": answers.title,
        "publisher": answers.publisher,
        "version": __version__,
        "claimant": claimant,
        "author": desk,
        "verdict": yaml_scalar(example_verdict(preset)),
        "today": now.date().isoformat(),
        "now": now.isoformat(),
        **ACTIONS,
    }
    starter = starter_folder()
    files = {target: fill((starter / name).read_text(encoding="utf-8"), values) for name, target in PLAIN_FILES.items()}
    files["content/site.yaml"] = site_yaml(answers, preset, words.description.format(publisher=answers.publisher))
    files[f"content/people/{desk}.yaml"] = person_yaml(answers.publisher, words.desk, answers.publisher_url)
    files[f"content/people/{claimant}.yaml"] = person_yaml(claimant_name, claimant_line)
    example = fill((starter / f"example.{lang}.yaml").read_text(encoding="utf-8"), values)
    if base_language(answers.language) != lang:  # a site in a language the starter has no words for
        example += f"language: {lang}\n"
    files[f"content/claims/{words.example}.yaml"] = example
    for page in yaml.safe_load((starter / f"pages.{lang}.yaml").read_text(encoding="utf-8")):
        files[f"content/pages/{page['slug']}.md"] = page_markdown(page, values)
    files.update({f"schemas/{name}": text for name, text in schema_documents().items()})
    return dict(sorted(files.items()))


def site_yaml(answers: SiteAnswers, preset: Preset, description: str) -> str:
    return (
        "# yaml-language-server: $schema=../schemas/site.schema.json\n"
        "# The site's settings, written by `factcheck init`; every field is described in factcheck's README.\n"
        f"title: {yaml_scalar(answers.title)}\n"
        f"description: {yaml_scalar(description)}\n"
        "# The public address. The deploy workflow builds with the address GitHub Pages gives the site.\n"
        f"base_url: {yaml_scalar(answers.base_url)}\n"
        f"language: {yaml_scalar(answers.language)}\n"
        f"timezone: {yaml_scalar(answers.timezone)}\n"
        "publisher:\n"
        f"  name: {yaml_scalar(answers.publisher)}\n"
        f"  url: {yaml_scalar(answers.publisher_url)}\n"
        "# The licence of the open data under /api/ and /data/.\n"
        "data_license:\n"
        "  name: CC BY 4.0\n"
        "  url: https://creativecommons.org/licenses/by/4.0/\n"
        "# Where readers ask for a correction: the contact page, an e-mail address or a form's address.\n"
        f"corrections_request: /{CONTACT_PAGE[starter_language(answers.language)]}/\n"
        "per_page: 20\n"
        "# Display labels for tags, e.g.  pemilu: Pemilu\n"
        "tags: {}\n"
        f"# The rating scale (preset '{preset.id}' of `factcheck init`).\n" + preset.site_text
    )


def person_yaml(name: str, description: str, url: str | None = None) -> str:
    text = (
        "# yaml-language-server: $schema=../../schemas/person.schema.json\n"
        f"name: {yaml_scalar(name)}\nkind: organization\ndescription: {yaml_scalar(description)}\n"
    )
    return text + (f"url: {yaml_scalar(url)}\n" if url else "")


def page_markdown(page: dict, values: dict[str, str]) -> str:
    head = [
        f"title: {yaml_scalar(fill(page['title'], values))}",
        f"description: {yaml_scalar(fill(page['description'], values))}",
        f"menu: {page['menu']}",
        f"role: {page['role']}",
    ]
    head += fill(page.get("front", ""), values).splitlines()  # further front matter (the funding page's hint)
    return "---\n" + "\n".join(head) + "\n---\n\n" + fill(page["body"], values)


def _person_id(name: str) -> str:
    """The desk's own record: its name as an id, or `desk` when the name makes none."""
    slug = slugify(name)[:60].rstrip("-")
    return slug if SLUG_RE.fullmatch(slug) and slug not in WINDOWS_DEVICE_NAMES else "desk"
