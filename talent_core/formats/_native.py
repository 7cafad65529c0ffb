"""The native JSON format: the domain model as JSON, described by a shipped JSON Schema.

Files start with a ``"$schema"`` marker naming the schema, so tools (and :func:`detect_format`)
recognise them; the schema is generated from the pydantic model and shipped in
``talent_core/schemas`` (a test keeps the two equal).
"""

from __future__ import annotations

import json
from typing import Any

from .._framework import CompetencyFramework
from ._source import ProblemList, assemble, json_path, parse_json

__all__ = ["SCHEMA_ID", "framework_json_schema", "read_native", "write_native"]

#: The ``$schema`` marker of native framework files and the ``$id`` of their JSON Schema.
SCHEMA_ID = "urn:talent-development:schema:competency-framework:1"
SCHEMA_FILE = "framework.schema.json"


def framework_json_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of native framework files, generated from the domain model."""
    schema = CompetencyFramework.model_json_schema()
    schema["properties"] = {
        "$schema": {"const": SCHEMA_ID, "description": "Marks a native framework file."},
        **schema["properties"],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def write_native(framework: CompetencyFramework) -> bytes:
    data = {"$schema": SCHEMA_ID, **framework.model_dump(mode="json")}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def read_native(data: bytes, file: str, problems: ProblemList) -> CompetencyFramework | None:
    raw = parse_json(data, file)
    if not isinstance(raw, dict):
        problems.add("$", "a framework file holds one JSON object, not a list or value")
        return None
    marker = raw.pop("$schema", SCHEMA_ID)
    if marker != SCHEMA_ID:
        problems.add("$.$schema", f"unknown schema {marker!r}; expected {SCHEMA_ID!r}")
        return None
    return assemble(raw, problems, json_path)
