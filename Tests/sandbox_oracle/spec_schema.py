"""Pipedrive's OpenAPI documents as the sandbox oracle reads them: operations, concrete paths, request bodies
made from the spec, and 2xx response schemas with `$ref` inlined and `null` accepted for every field."""
from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

from openapi_document import inline_refs, load_document, operations

DATE = "2026-12-01"
DATE_TIME = "2026-12-01T10:00:00Z"


class Spec:
    """One OpenAPI document and its operations, each with the path prefix the sandbox serves it under."""

    def __init__(self, path: Path):
        self.document = load_document(path)
        self.operations = [
            {"method": method, "template": template, "prefix": prefix, "op": op, "id": op["operationId"],
             "parameters": [self.resolved(p) for p in parameters]}
            for method, template, prefix, op, parameters in operations(self.document)
        ]

    def resolved(self, schema):
        """`schema` with every `$ref` inlined (a cycle becomes `{}`) and OpenAPI-only keys dropped."""
        return inline_refs(self.document, schema, ("example", "x-nullable", "readOnly", "writeOnly", "discriminator", "deprecated"))

    def response(self, operation: dict, status: int) -> tuple[str | None, dict | None]:
        """The content type and schema the spec gives for `status` (else its first 2xx or `default` answer)."""
        responses = operation["op"].get("responses", {})
        answer = responses.get(str(status)) or next(
            (value for key, value in responses.items() if str(key).startswith("2")), None) or responses.get("default")
        if not answer:
            return None, None
        content = self.resolved(answer).get("content") or {}
        if "application/json" in content:
            return "application/json", nullable_everywhere(content["application/json"].get("schema", {}))
        return next(iter(content), None), None


def nullable_everywhere(schema):
    """`schema` where `null` is a valid value for every field, as issue 19 allows."""
    if isinstance(schema, list):
        return [nullable_everywhere(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {key: (nullable_everywhere(value) if key in ("items", "additionalProperties", "not") else
                 {name: nullable_everywhere(sub) for name, sub in value.items()} if key == "properties" else
                 [nullable_everywhere(sub) for sub in value] if key in ("allOf", "anyOf", "oneOf") else value)
           for key, value in schema.items() if key != "nullable"}
    if isinstance(out.get("type"), str):
        out["type"] = [out["type"], "null"]
    if "enum" in out:
        out["enum"] = list(out["enum"]) + [None]
    for key in ("allOf", "oneOf"):
        if key in out:
            out = {"anyOf": [{"type": "null"}, out]}
    return out


def merged_properties(schema: dict) -> tuple[dict, list[str]]:
    """The properties and required names of an object schema, through `allOf`/`anyOf`/`oneOf` (first branch)."""
    properties = dict(schema.get("properties", {}))
    required = list(schema.get("required", []))
    for part in schema.get("allOf", []) + schema.get("anyOf", [])[:1] + schema.get("oneOf", [])[:1]:
        more, needed = merged_properties(part)
        properties.update(more)
        required += needed
    return properties, required


def sample(name: str, schema: dict, ids: dict):
    """A value for field `name` that the spec's `schema` accepts, pointing at seeded records for `*_id` fields."""
    if not isinstance(schema, dict):
        return "Oracle"
    if "enum" in schema and schema["enum"]:
        return next((value for value in schema["enum"] if value is not None), schema["enum"][0])
    for key in ("oneOf", "anyOf", "allOf"):
        if schema.get(key):
            return sample(name, schema[key][0], ids)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    if kind is None and "properties" in schema:
        kind = "object"
    if kind == "object":
        properties, required = merged_properties(schema)
        return {field: sample(field, properties.get(field, {}), ids) for field in required}
    if kind == "array":
        return [sample(name.removesuffix("s"), schema.get("items", {}), ids)]
    if kind in ("integer", "number"):
        return ids.get(name, 1)
    if kind == "boolean":
        return True
    if schema.get("format") == "date":
        return DATE
    if schema.get("format") == "date-time":
        return DATE_TIME
    if schema.get("format") == "binary":
        return b"oracle file"
    if name in ids:
        return str(ids[name])
    if "email" in name:
        return "oracle@example.com"
    if "url" in name:
        return "https://example.com/oracle"
    if "time" in name:
        return "10:00"
    return "Oracle"


def concrete_path(operation: dict, ids: dict) -> str:
    """The operation's path with each placeholder replaced by a seeded id: `{id}` by the record of the
    collection before it, other names (`{deal_id}`, `{dealId}`) by the record they name, else 1."""
    parts = operation["template"].split("/")
    out = []
    for index, part in enumerate(parts):
        match = re.fullmatch(r"\{([^}]+)\}", part)
        if not match:
            out.append(part)
            continue
        name = re.sub(r"(?<!^)(?=[A-Z])", "_", match.group(1)).lower().replace("-", "_")
        if name == "id":
            name = parts[index - 1] + ":id"
        out.append(urllib.parse.quote(str(ids.get(name, 1)), safe=""))
    return operation["prefix"] + "/".join(out)
