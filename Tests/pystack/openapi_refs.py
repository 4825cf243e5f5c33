"""`$ref` inlining for the suites that read Pipedrive's OpenAPI documents (the request and response oracles)."""
from __future__ import annotations

from typing import Callable


def inline_refs(document: dict, schema, dropped: tuple[str, ...], finish: Callable[[dict, dict], dict] | None = None, seen=()):
    """`schema` with every `$ref` into `document` inlined (a cycle becomes `{}`), the keys in `dropped` left out of
    every object, and `finish(original, inlined)` applied to each object when given."""
    if isinstance(schema, list):
        return [inline_refs(document, item, dropped, finish, seen) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        reference = schema["$ref"]
        if reference in seen:
            return {}
        target = document
        for part in reference.removeprefix("#/").split("/"):
            target = target[part]
        return inline_refs(document, target, dropped, finish, seen + (reference,))
    out = {key: inline_refs(document, value, dropped, finish, seen) for key, value in schema.items() if key not in dropped}
    return finish(schema, out) if finish else out
