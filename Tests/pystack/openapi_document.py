"""Reading Pipedrive's OpenAPI documents for the request and response oracles: loading, the operations with the
path prefix each is served under, and `$ref` inlining."""
from __future__ import annotations

import urllib.parse
from pathlib import Path
from typing import Callable, Iterator

import yaml


def load_document(path: Path) -> dict:
    """The YAML document at `path` (with libyaml's loader when present: the specs are large)."""
    return yaml.load(path.read_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def operations(document: dict) -> Iterator[tuple[str, str, str, dict, list]]:
    """Every operation with an `operationId`: (METHOD, path template, path prefix from its servers or the document's,
    the operation, its path-level and own parameters)."""
    default_prefix = urllib.parse.urlparse(document["servers"][0]["url"]).path.rstrip("/")
    for template, item in document["paths"].items():
        shared = item.get("parameters", [])
        for method, op in item.items():
            if not isinstance(op, dict) or "operationId" not in op:
                continue
            servers = op.get("servers")
            prefix = urllib.parse.urlparse(servers[0]["url"]).path.rstrip("/") if servers else default_prefix
            yield method.upper(), template, prefix, op, shared + op.get("parameters", [])


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
