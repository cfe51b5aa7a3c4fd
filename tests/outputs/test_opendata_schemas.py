"""Every JSON file the demo publishes under api/ names a schema that describes it (issue 19, item 5): each is
validated against the schema its `$schema` names, resolved from the built site itself, never the network."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from referencing import Registry, Resource

from generator.plan.apischema import DRAFT

BASE = "https://cekfakta.example.org/"  # the demo's base_url


def published_json(site: Path) -> dict[str, object]:
    """Every JSON file under api/, by its address on the site."""
    return {
        BASE + p.relative_to(site).as_posix(): json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((site / "api").rglob("*.json"))
    }


def test_every_published_json_file_validates_against_the_schema_it_names(demo_site: Path) -> None:
    files = published_json(demo_site)
    assert len([url for url in files if url.startswith(BASE + "api/claims/")]) == 12  # one per fact-check of the demo
    schemas = {url: data for url, data in files.items() if url.endswith(".schema.json")}
    # Only the site's own schemas can be looked up: a reference to anything else fails instead of being fetched.
    registry: Registry = Registry().with_resources((url, Resource.from_contents(data)) for url, data in schemas.items())
    checked = 0
    for url, data in files.items():
        assert isinstance(data, dict) and isinstance(data.get("$schema"), str), f"{url} names no $schema"
        named = data["$schema"]
        if url in schemas:  # a schema names the JSON Schema dialect it is written in
            assert named == DRAFT, url
            jsonschema.Draft202012Validator.check_schema(data)
            continue
        assert named in schemas, f"{url} names {named}, which the site does not publish"
        validator = jsonschema.Draft202012Validator(
            {"$ref": named}, registry=registry, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
        assert problems == [], f"{url} does not follow {named}"
        checked += 1
    assert checked == 13  # api/claims.json and the twelve files of one fact-check


def test_each_claim_file_names_its_own_schema_not_the_lists(demo_site: Path) -> None:
    one = json.loads((demo_site / "api/claims/biden-telepon-putin-setelah-sanksi.json").read_text(encoding="utf-8"))
    listing = json.loads((demo_site / "api/claims.json").read_text(encoding="utf-8"))
    assert one["$schema"] == BASE + "api/claim.schema.json"
    assert listing["$schema"] == BASE + "api/claims.schema.json"
