"""JSON Schemas of the record kinds, generated from the models, for editors and other tools."""

from __future__ import annotations

import json

from generator.content.models import MODELS

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schema_documents() -> dict[str, str]:
    """File name -> JSON text, one schema per record kind, byte-stable."""
    documents = {}
    for kind, model in MODELS.items():
        schema = {"$schema": DRAFT, **model.model_json_schema()}
        schema["title"] = f"factcheck {kind} record"
        documents[f"{kind}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return documents
