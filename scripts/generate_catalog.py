#!/usr/bin/env python3
"""Generate schemas/pipedrive/*.json from the Composio seed and Pipedrive's OpenAPI document.

Usage:
    python3 scripts/generate_catalog.py \
        --seed ../shared/seed/000_85c9686304cac50e.txt \
        --spec ../shared/reference/pipedrive/pipedrive-v1.openapi.2024-02-11.yaml \
        --slugs ../shared/reference/composio/seed-slugs.json \
        --out schemas/pipedrive

The seed defines the tools (names, descriptions, parameter names, types and required flags); the
spec supplies what the seed leaves out (the operation, parameter locations, descriptions, enums,
defaults, and the body parameters the seed dropped). The output is committed; this script is only
re-run when the seed or the spec changes. Needs PyYAML.

With --spec-v1-current and --spec-v2 (Pipedrive's 2026-08 v1 and v2 documents) every tool also gets
`api_status`: "v1" (its v1 operation is still supported), "v2" (out of support; `http` calls the v2
counterpart and the 2024 binding moves to `http_v1_2024`) or "v1-no-counterpart" (out of support with
no v2 counterpart; the tool is marked deprecated). See docs/catalog.md, "Pipedrive's current API".
"""
from __future__ import annotations

import argparse
import html
import json
import re
import sys
from pathlib import Path

import yaml

TOOLKIT_VERSION = "20260915_00"
CUSTOM_FIELD_PATTERN = "^[0-9a-f]{40}$"

# Seed names that are not an operation summary in the 2024 spec (renamed duplicates); see API-NOTES.md.
OPERATION_OVERRIDES = {
    "Enumerate accessible users for lead": "getLeadUsers",
    "Get all add ons for a single company": "getCompanyAddons",
    "List permitted users": "getDealUsers",
    "List Person Access Users": "getPersonUsers",
    "List Product Permitted Users": "getProductUsers",
    "Organization accessible user list": "getOrganizationUsers",
    "List role assignments": "getRoleAssignments",
    "List User Role Assignments": "getUserRoleAssignments",
    "Search Item By Field": "searchItemByField",
}

# Operations that create or update entities whose custom fields are 40-hex keys (v1: top-level body keys).
CUSTOM_FIELD_OPERATIONS = {
    "addDeal": "deal", "updateDeal": "deal",
    "addPerson": "person", "updatePerson": "person",
    "addOrganization": "organization", "updateOrganization": "organization",
    "addProduct": "product", "updateProduct": "product",
    "addLead": "lead", "updateLead": "lead",
    "addProject": "project", "updateProject": "project",
}
FIELD_ENDPOINTS = {
    "deal": "dealFields", "lead": "dealFields", "person": "personFields",
    "organization": "organizationFields", "product": "productFields", "project": "projectFields",
}

# Seed types that disagree with the spec where the spec is right (kept in the spec's type).
SEED_TYPE_EXCEPTIONS = {("addFile", "lead_id")}  # the seed says object; Pipedrive takes a lead UUID string

FILE_SCHEMA_DESCRIPTION = (
    "The file to upload, as an object: `name` (file name, e.g. \"report.pdf\"), `mimetype` "
    "(e.g. \"application/pdf\"; defaults to application/octet-stream) and either `content` (the file's bytes, "
    "base64-encoded) or `s3key` (the key of a file uploaded to Toolport: POST /api/v3/files/upload/request, then "
    "PUT the bytes to its new_presigned_url). It is sent as the multipart/form-data part `{part}`."
)

GLOBAL_CASING = ["Pipedrive", "API", "APIs", "ID", "IDs", "URL", "URLs", "JSON", "OAuth", "UUID", "HTML",
                 "ISO", "UTC", "RFC", "HTTP", "HTTPS", "CSV", "Campaigns", "Marketplace", "Google", "Microsoft"]


# --------------------------------------------------------------------------------------------------
# Seed


def parse_seed(text: str) -> tuple[str, list[dict]]:
    """Return the toolkit description and the seed's tools in order."""
    toolkit_description = text.split("\nDescription\n", 1)[1].split("\nAuthentication Details\n", 1)[0].strip()
    body = text.split("\nTool List\n", 1)[1]
    tools = []
    for chunk in body.split("Tool Name: ")[1:]:
        name, rest = chunk.split("\n", 1)
        description = rest.split("\nDescription\n", 1)[1].split("\nAction Parameters\n", 1)[0].strip()
        params_text = rest.split("\nAction Parameters\n", 1)[1].split("\nAction Response\n", 1)[0]
        lines = [line for line in params_text.split("\n") if line.strip()]
        params = []
        for i in range(0, len(lines), 2):
            match = re.fullmatch(r"(string|integer|number|boolean|array|object)(Required)?(?:Defaults to (.*))?", lines[i + 1])
            if not match:
                raise SystemExit(f"seed: cannot read the type line {lines[i + 1]!r} of {name!r}")
            params.append({"name": lines[i], "type": match[1], "required": bool(match[2]), "default": match[3]})
        tools.append({"name": name.strip(), "description": description, "params": params})
    return toolkit_description, tools


# --------------------------------------------------------------------------------------------------
# Spec


def load_operations(spec: dict) -> dict[str, dict]:
    operations = {}
    for path, item in spec["paths"].items():
        for method, op in item.items():
            servers = op.get("servers") or spec["servers"]
            operations[op["operationId"]] = {"method": method.upper(), "path": path, "op": op,
                                             "server": servers[0]["url"]}
    return operations


def normalise_title(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", text.lower())


def merge_all_of(schema: dict) -> dict:
    """Fold `allOf` into one schema (the spec uses it only to combine object parts and enum wrappers)."""
    if "allOf" not in schema:
        return schema
    merged = {k: v for k, v in schema.items() if k != "allOf"}
    for part in schema["allOf"]:
        part = merge_all_of(part)
        for key, value in part.items():
            if key == "properties":
                merged.setdefault("properties", {}).update(value)
            elif key == "required":
                merged["required"] = list(dict.fromkeys(merged.get("required", []) + value))
            elif key == "title":
                continue
            else:
                merged.setdefault(key, value)
    return merged


def clean_text(text: str | None) -> str:
    """Turn the spec's HTML-flavoured descriptions into plain text an LLM reads easily."""
    if not text:
        return ""
    text = re.sub(r'<a\s+href="([^"]+)"[^>]*>(.*?)</a>', r"\2 (\1)", text, flags=re.S)
    text = re.sub(r"<h4>(.*?)</h4>", r" \1: ", text)
    text = re.sub(r"</td>\s*<td>", ": ", text)
    text = re.sub(r"<tr>", "; ", text)
    text = re.sub(r"<br\s*/?>|</p>|<p>|<li>", " ", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"(:\s*;\s*)+", ": ", text)
    text = re.sub(r"\s+;", ";", text).replace("; ;", ";")
    return text


# --------------------------------------------------------------------------------------------------
# Descriptions


def fix_description(seed_text: str, spec_texts: list[str]) -> str:
    """Undo the seed's lower-casing using the spec's own spelling of the same words."""
    text = seed_text.replace('target=" blank"', 'target="_blank"')
    source = " ".join(spec_texts)
    # Identifiers in backticks that the seed wrote with spaces (`more_activities_scheduled_in_context`).
    for span in re.findall(r"`([^`]+)`", source):
        spaced = span.replace("_", " ").lower()
        text = re.sub("`" + re.escape(spaced) + "`", lambda _m, s=span: f"`{s}`", text, flags=re.I)
    vocabulary = {word.lower(): word for word in GLOBAL_CASING}
    for word in re.findall(r"[A-Za-z][A-Za-z0-9]*", source):
        if any(c.isupper() for c in word[1:]) or (word[0].isupper() and word.lower() in vocabulary):
            vocabulary.setdefault(word.lower(), word)

    def recase(match: re.Match) -> str:
        word, known = match[0], vocabulary.get(match[0].lower())
        if known is None or not (word.islower() or (word.istitle() and any(c.isupper() for c in known[1:]))):
            return word
        return known

    def recase_code(match: re.Match) -> str:  # inside code spans only camelCase identifiers (`dealFields`)
        known = vocabulary.get(match[0].lower())
        return known if known and any(c.isupper() for c in known[1:]) and match[0].islower() else match[0]

    parts = re.split(r"(\S*://\S*|`[^`]*`|<[^>]+>)", text)  # leave URLs and tags alone
    for i, part in enumerate(parts):
        if i % 2 == 0:
            parts[i] = re.sub(r"[A-Za-z][A-Za-z0-9]*", recase, part)
        elif part.startswith("`"):
            parts[i] = re.sub(r"[A-Za-z][A-Za-z0-9]*", recase_code, part)
    text = "".join(parts)

    def capitalise(match: re.Match) -> str:
        return match[1] + match[2].upper()

    text = re.sub(r"^(\s*)([a-z])", capitalise, text)
    text = re.sub(r"((?<!e\.g)(?<!i\.e)(?<!etc)[.!?]\s+|<br\s*/?>)([a-z])", capitalise, text)
    return text


def humanise(name: str) -> str:
    return name.replace("__", " ").replace("_", " ")


# --------------------------------------------------------------------------------------------------
# Parameters


def convert_schema(schema: dict, description: str | None = None) -> dict:
    """Convert a spec (OpenAPI 3.0) schema into the JSON Schema subset the catalog uses."""
    schema = merge_all_of(schema)
    out: dict = {}
    kind = schema.get("type")
    if kind is None:
        kind = "object" if "properties" in schema else ("array" if "items" in schema else "string")
    out["type"] = [kind, "null"] if schema.get("nullable") else kind
    text = clean_text(description if description is not None else schema.get("description"))
    if text:
        out["description"] = text
    if "enum" in schema:
        values = [v for v in schema["enum"] if v is not None]
        out["enum"] = values + ([None] if schema.get("nullable") else [])
    if "default" in schema and schema["default"] is not None:
        out["default"] = schema["default"]
    fmt = schema.get("format")
    if fmt in ("date", "date-time", "uuid", "email"):
        out["format"] = fmt
    elif fmt == "url":
        out["format"] = "uri"
    for key in ("minimum", "maximum", "minLength", "maxLength", "pattern"):
        if key in schema:
            out[key] = schema[key]
    if kind == "array":
        out["items"] = convert_schema(schema.get("items", {"type": "string"}), description="")
        out["items"].pop("description", None)
    if kind == "object" and schema.get("properties"):
        out["properties"] = {k: with_description(convert_schema(v), k) for k, v in schema["properties"].items()}
        if schema.get("required"):
            out["required"] = list(schema["required"])
    return out


def with_description(schema: dict, name: str) -> dict:
    if not schema.get("description"):
        schema["description"] = f"The {humanise(name)}."
    return schema


def file_schema(part: str, description: str) -> dict:
    text = FILE_SCHEMA_DESCRIPTION.format(part=part)
    return {
        "type": "object",
        "description": f"{description} {text}".strip() if description else text,
        "properties": {
            "name": {"type": "string", "minLength": 1, "description": "The file name, e.g. \"report.pdf\"."},
            "mimetype": {"type": "string", "description": "The media type, e.g. \"application/pdf\"."},
            "content": {"type": "string", "minLength": 1, "description": "The file's bytes, base64-encoded (or give s3key)."},
            "s3key": {"type": "string", "minLength": 1,
                      "description": "The key of a file uploaded to Toolport (POST /api/v3/files/upload/request), instead of content."},
        },
        "required": ["name"],
        "additionalProperties": False,
        "file_uploadable": True,
    }


def seed_name_for(wire_name: str, seed_names: set[str]) -> str:
    """The seed's double-underscore name for a dotted or dashed spec name (`period.start` → `period__start`)."""
    candidates = [
        wire_name.replace(".", "__").replace("-", "__"),
        re.sub(r"[._-]", "__", wire_name),
    ]
    for candidate in candidates:
        if candidate in seed_names:
            return candidate
    return candidates[0]


def build_tool(seed: dict, operation: dict, slug_info: dict) -> dict:
    op = operation["op"]
    op_id = op["operationId"]
    seed_params = {p["name"]: p for p in seed["params"]}
    seed_names = set(seed_params)
    properties: dict[str, dict] = {}
    required: list[str] = []
    bindings: list[dict] = []
    problems: list[str] = []

    def add(name: str, schema: dict, binding: dict, spec_required: bool) -> None:
        if name in properties:
            problems.append(f"{op_id}: parameter {name} appears twice")
        seed_param = seed_params.get(name)
        if seed_param and seed_param["type"] != base_type(schema) and (op_id, name) not in SEED_TYPE_EXCEPTIONS:
            if not (seed_param["type"] == "integer" and base_type(schema) == "number"):
                problems.append(f"{op_id}: {name} is {seed_param['type']} in the seed, {base_type(schema)} in the spec")
        properties[name] = with_description(schema, name)
        is_required = seed_param["required"] if seed_param else spec_required
        if binding["in"] == "path":
            is_required = True
        if is_required:
            required.append(name)
        bindings.append({"name": name, **binding})

    for param in op.get("parameters", []):
        name = seed_name_for(param["name"], seed_names)
        schema = convert_schema(param.get("schema", {}), param.get("description"))
        binding = {"in": param["in"], "wire": param["name"]}
        if param["in"] == "query" and base_type(schema) == "array":
            binding["style"] = "comma"
        spec_required = param.get("required", False)
        if param["in"] == "header" and param["name"] == "Authorization":
            schema["description"] = (schema.get("description", "") + " When omitted, Toolport sends the auth config's "
                                     "client credentials.").strip()
            spec_required = False
        add(name, schema, binding, spec_required)

    encoding = None
    body = op.get("requestBody")
    if body:
        content_type, content = next(iter(body["content"].items()))
        encoding = {"application/json": "json", "application/x-www-form-urlencoded": "form",
                    "multipart/form-data": "multipart"}[content_type]
        body_schema = merge_all_of(content["schema"])
        body_required = set(body_schema.get("required", []))
        for key, prop in body_schema.get("properties", {}).items():
            prop = merge_all_of(prop)
            prefix = key + "__"
            flattened = prop.get("type") == "object" and prop.get("properties") and any(
                n.startswith(prefix) for n in seed_names)
            if flattened:
                inner_required = set(prop.get("required", []))
                for inner, inner_schema in prop["properties"].items():
                    add(prefix + inner, convert_schema(inner_schema),
                        {"in": "body", "wire": [key, inner]},
                        key in body_required and inner in inner_required)
            elif prop.get("format") == "binary":
                add(key, file_schema(key, clean_text(prop.get("description"))), {"in": "file", "wire": key},
                    key in body_required)
            else:
                add(key, convert_schema(prop), {"in": "body", "wire": [key]}, key in body_required)

    for name in seed_names - set(properties):
        problems.append(f"{op_id}: seed parameter {name} has no counterpart in the spec")
    if problems:
        raise SystemExit("\n".join(problems))

    # Seed parameters first, in the seed's order, then the spec's.
    order = [p["name"] for p in seed["params"]] + [n for n in properties if n not in seed_names]
    input_parameters: dict = {
        "type": "object",
        "properties": {name: properties[name] for name in order},
        "required": [name for name in order if name in required],
        "additionalProperties": False,
    }
    custom_entity = CUSTOM_FIELD_OPERATIONS.get(op_id)
    if custom_entity:
        input_parameters["patternProperties"] = {
            CUSTOM_FIELD_PATTERN: {
                "description": f"A custom field of the {custom_entity}: its 40-character hex key from "
                               f"`/{FIELD_ENDPOINTS[custom_entity]}`, with the field's value.",
            }
        }

    description = fix_description(seed["description"], [op.get("summary", ""), op.get("description", "")])
    if custom_entity:
        description += (f" Custom fields: pass each as an extra argument named by its 40-character hex key "
                        f"(from `/{FIELD_ENDPOINTS[custom_entity]}`); Toolport sends it to Pipedrive unchanged.")

    method = operation["method"]
    server = "oauth" if "oauth.pipedrive.com" in operation["server"] else "api"
    path = operation["path"] if server == "oauth" else "/api/v1" + operation["path"]
    responses = op.get("responses", {})
    response_types = {ct for r in responses.values() for ct in (r.get("content") or {})}
    response = "binary" if "application/octet-stream" in response_types else (
        "html" if response_types == {"text/html"} else "json")

    effect = {"GET": "read", "HEAD": "read", "DELETE": "destructive"}.get(method, "write")
    scopes = sorted({scope for requirement in op.get("security", []) for scope in requirement.get("oauth2", [])})
    aliases = [slug_info["name_derived_slug"]] if slug_info["name_derived_slug"] != slug_info["composio_slug"] else []
    aliases += [a for a in slug_info.get("composio_alternatives", []) if a not in aliases]

    http: dict = {"method": method, "server": server, "path": path}
    if encoding:
        http["body"] = encoding
    http["response"] = response
    if custom_entity:
        http["custom_fields"] = "body"
    http["parameters"] = sorted(bindings, key=lambda b: order.index(b["name"]))

    return {
        "slug": slug_info["composio_slug"],
        "aliases": aliases,
        "name": seed["name"],
        "description": description,
        "toolkit": "pipedrive",
        "version": TOOLKIT_VERSION,
        "operation_id": op_id,
        "tags": list(op.get("tags", [])) + [effect],
        "scopes": scopes,
        "is_deprecated": bool(op.get("deprecated", False)),
        "input_parameters": input_parameters,
        "output_parameters": DOWNLOAD_OUTPUT_PARAMETERS if response == "binary" else OUTPUT_PARAMETERS,
        "http": http,
    }


def base_type(schema: dict) -> str:
    kind = schema.get("type")
    return kind[0] if isinstance(kind, list) else kind


OUTPUT_PARAMETERS = {
    "type": "object",
    "properties": {
        "data": {"type": "object", "description": "Data from the action execution"},
        "error": {"type": ["string", "null"], "description": "Error if any occurred during the execution of the action"},
        "successful": {"type": "boolean", "description": "Whether or not the action execution was successful or not"},
    },
    "required": ["data", "successful"],
}

# A binary answer's `data.file`, marked `file_downloadable` so that the Composio SDK's download helper fetches
# `s3url` (a signed Toolport URL) into a local file.
DOWNLOADED_FILE = {
    "type": "object",
    "description": "The downloaded file: its name, media type and size, its bytes base64-encoded, and s3url, a "
                   "short-lived Toolport URL that serves the same bytes.",
    "properties": {
        "name": {"type": "string", "description": "The file name."},
        "mimetype": {"type": "string", "description": "The media type."},
        "size": {"type": "integer", "description": "The size in bytes."},
        "content_base64": {"type": "string", "description": "The file's bytes, base64-encoded."},
        "s3url": {"type": "string", "description": "A signed, short-lived URL that serves the bytes (GET, no API key)."},
    },
    "file_downloadable": True,
}

DOWNLOAD_OUTPUT_PARAMETERS = {
    **OUTPUT_PARAMETERS,
    "properties": {
        **OUTPUT_PARAMETERS["properties"],
        "data": {**OUTPUT_PARAMETERS["properties"]["data"], "properties": {"file": DOWNLOADED_FILE}},
    },
}


# --------------------------------------------------------------------------------------------------
# Pipedrive's current API (2026-08): tools whose v1 endpoint is out of support call v2 instead

API_V2_PREFIX = "/api/v2"
CURSOR_PROPERTY = {"type": "string", "description": "Cursor from the previous page's next_cursor (current Pipedrive API)."}
CURSOR_V1_REASON = "v1 pages with start"
RFC3339_HINT = re.compile(r"YYYY-MM-DD HH:MM:SS|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")


def drop(reason: str) -> dict:
    return {"drop": reason}


def to_query(wire: str) -> dict:
    """A path parameter of the v1 tool that v2 takes as a query filter (`/persons/{id}/deals` → `?person_id=`)."""
    return {"in": "query", "wire": wire}


# Reasons shared by several tools.
NO_FIRST_CHAR = "the current Pipedrive API cannot filter by the first letter of the name; use the search tool"
NO_EXCLUDE = "the current Pipedrive API cannot exclude activities by ID"
NO_EVERYONE = ("the current Pipedrive API returns the deals of every owner unless user_id is given; "
               "leave everyone out")
DEAL_STATUS_VALUES = [["all_not_deleted", None]]  # v2's default; v2 does not know the value itself

# v1 operationId → its v2 counterpart and how each input parameter is sent there. Without an entry a
# parameter goes to the v2 parameter of the same name and location, or `user_id` to `owner_id`; anything
# else stops the generator. Per parameter: `wire` (v2 name, or the nesting path of a body field), `in`
# (when the location changes), `drop` (reason), `coerce`, `convert`, `values`, `item_keys`, as in
# docs/catalog.md. `start` and `sort` are handled by `paging` and `sort` and need no entry.
V2_REBINDINGS: dict[str, dict] = {
    # Same operationId in v2.
    "getDeals": {"params": {
        "owned_by_you": drop("the current Pipedrive API has no owned_by_you; pass your user ID as user_id"),
        "status": {"values": DEAL_STATUS_VALUES},
    }},
    "getPersons": {"params": {"first_char": drop(NO_FIRST_CHAR)}},
    "getOrganizations": {"params": {"first_char": drop(NO_FIRST_CHAR)}},
    "getProducts": {"params": {
        "first_char": drop(NO_FIRST_CHAR),
        "get_summary": drop("the current Pipedrive API returns no product summary"),
    }},
    "getActivities": {"params": {
        "start_date": drop("the current Pipedrive API cannot filter activities by due date"),
        "end_date": drop("the current Pipedrive API cannot filter activities by due date"),
        "type": drop("the current Pipedrive API cannot filter activities by type"),
    }},
    "getPipeline": {"params": {
        "totals_convert_currency": drop("the current Pipedrive API returns no converted deal totals for a pipeline"),
    }},
    "getStage": {"params": {"everyone": drop("the current Pipedrive API returns no deal summary for a stage")}},
    "getDealProducts": {"params": {
        "include_product_data": drop("the current Pipedrive API does not embed product data; get the product by its ID"),
    }},
    "searchItemByField": {"params": {
        "field_key": {"wire": "field"},
        "field_type": {"wire": "entity_type", "values": [
            ["dealField", "deal"], ["leadField", "lead"], ["personField", "person"],
            ["organizationField", "organization"], ["productField", "product"], ["projectField", "project"]]},
        # v1 without exact_match matched anywhere in the value; v2's default is an exact match.
        "exact_match": {"wire": "match", "values": [[True, "exact"], [False, "middle"], [None, "middle"]]},
        "return_item_ids": drop("the current Pipedrive API always returns the matching items (ID and name), "
                                "never only the distinct field values; leave return_item_ids out"),
    }},
    "addDeal": {"params": {
        "label": {"wire": ["label_ids"]},
        "add_time": drop("the current Pipedrive API cannot set a deal's creation time"),
    }},
    "updateDeal": {"params": {"label": {"wire": ["label_ids"]}}},
    "addPerson": {"params": {
        "email": {"wire": ["emails"]}, "phone": {"wire": ["phones"]}, "label": {"wire": ["label_ids"]},
    }},
    "updatePerson": {"params": {
        "email": {"wire": ["emails"]}, "phone": {"wire": ["phones"]}, "label": {"wire": ["label_ids"]},
        "add_time": drop("the current Pipedrive API cannot change a person's creation time"),
    }},
    "addOrganization": {"params": {"label": {"wire": ["label_ids"]}}},
    "updateOrganization": {"params": {"label": {"wire": ["label_ids"]}}},
    "addActivity": {"params": {
        "busy_flag": {"wire": ["busy"]},
        "location": {"wire": ["location", "value"]},
        "participants": {"item_keys": {"primary_flag": "primary"}},
        "attendees": {"item_keys": {"email_address": "email"}},
    }},
    "updateActivity": {"params": {
        "busy_flag": {"wire": ["busy"]},
        "location": {"wire": ["location", "value"]},
        "participants": {"item_keys": {"primary_flag": "primary"}},
        "attendees": {"item_keys": {"email_address": "email"}},
    }},
    "addProduct": {"params": {
        "active_flag": drop("the current Pipedrive API has no active flag for products"),
        "selectable": {"wire": ["is_linkable"]},
        "prices": {"item_keys": {"overhead_cost": "direct_cost"}},
    }},
    "updateProduct": {"params": {
        "active_flag": drop("the current Pipedrive API has no active flag for products"),
        "selectable": {"wire": ["is_linkable"]},
        "prices": {"item_keys": {"overhead_cost": "direct_cost"}},
    }},
    "addDealProduct": {"params": {
        "enabled_flag": {"wire": ["is_enabled"]},
        "duration": drop("the current Pipedrive API has no product duration on deals (it bills by billing_frequency)"),
        "duration_unit": drop("the current Pipedrive API has no product duration on deals (it bills by billing_frequency)"),
    }},
    "updateDealProduct": {"params": {
        "enabled_flag": {"wire": ["is_enabled"]},
        "duration": drop("the current Pipedrive API has no product duration on deals (it bills by billing_frequency)"),
        "duration_unit": drop("the current Pipedrive API has no product duration on deals (it bills by billing_frequency)"),
    }},
    "addPipeline": {"params": {
        "deal_probability": {"wire": ["is_deal_probability_enabled"]},
        "order_nr": drop("the current Pipedrive API cannot set the order of pipelines"),
        "active": drop("the current Pipedrive API cannot make a pipeline inactive"),
    }},
    "updatePipeline": {"params": {
        "deal_probability": {"wire": ["is_deal_probability_enabled"]},
        "order_nr": drop("the current Pipedrive API cannot set the order of pipelines"),
        "active": drop("the current Pipedrive API cannot make a pipeline inactive"),
    }},
    "addStage": {"params": {"rotten_flag": {"wire": ["is_deal_rot_enabled"]}, "rotten_days": {"wire": ["days_to_rotten"]}}},
    "updateStage": {"params": {
        "rotten_flag": {"wire": ["is_deal_rot_enabled"]}, "rotten_days": {"wire": ["days_to_rotten"]},
        "order_nr": drop("the current Pipedrive API cannot set the order of stages"),
    }},
    # Mapped by hand: v1 operations whose v2 counterpart has another operationId.
    "getPipelineDeals": {"v2": "getDeals", "params": {
        "id": to_query("pipeline_id"),
        "everyone": drop(NO_EVERYONE),
        "get_summary": drop("the current Pipedrive API returns no pipeline summary with deals"),
        "totals_convert_currency": drop("the current Pipedrive API returns no converted deal totals"),
    }},
    "getStageDeals": {"v2": "getDeals", "params": {"id": to_query("stage_id"), "everyone": drop(NO_EVERYONE)}},
    "getPersonDeals": {"v2": "getDeals", "params": {"id": to_query("person_id"), "status": {"values": DEAL_STATUS_VALUES}}},
    "getOrganizationDeals": {"v2": "getDeals", "params": {
        "id": to_query("org_id"),
        "status": {"values": DEAL_STATUS_VALUES},
        "only_primary_association": drop("the current Pipedrive API returns only the deals linked directly to the "
                                         "organization (what only_primary_association=1 did); leave it out"),
    }},
    "getDealsCollection": {"v2": "getDeals", "params": {"since": {"wire": "updated_since"}, "until": {"wire": "updated_until"}}},
    "getPersonsCollection": {"v2": "getPersons", "params": {
        "since": {"wire": "updated_since"}, "until": {"wire": "updated_until"}, "first_char": drop(NO_FIRST_CHAR),
    }},
    "getOrganizationsCollection": {"v2": "getOrganizations", "params": {
        "since": {"wire": "updated_since"}, "until": {"wire": "updated_until"}, "first_char": drop(NO_FIRST_CHAR),
    }},
    "getActivitiesCollection": {"v2": "getActivities", "params": {
        "since": {"wire": "updated_since"}, "until": {"wire": "updated_until"},
        "type": drop("the current Pipedrive API cannot filter activities by type"),
    }},
    "getDealActivities": {"v2": "getActivities", "params": {"id": to_query("deal_id"), "exclude": drop(NO_EXCLUDE)}},
    "getPersonActivities": {"v2": "getActivities", "params": {"id": to_query("person_id"), "exclude": drop(NO_EXCLUDE)}},
    "getOrganizationActivities": {"v2": "getActivities", "params": {"id": to_query("org_id"), "exclude": drop(NO_EXCLUDE)}},
    "getDealPersons": {"v2": "getPersons", "params": {"id": to_query("deal_id")}},
    "getOrganizationPersons": {"v2": "getPersons", "params": {"id": to_query("org_id")}},
}

# v1 operations out of support in 2026-08 whose work v2 cannot do: why (docs/catalog.md lists them).
_BULK = "the current Pipedrive API deletes {0} one at a time only (DELETE /api/v2/{0}/{{id}})"
_SUBSCRIPTIONS = ("subscriptions are gone from the current Pipedrive API; v2's deal installments "
                  "(/api/v2/deals/{id}/installments) take one installment per call and no recurring plans")
_CHANNELS = "Messaging-app channels have no v2 API"
_TEAMS = "legacy teams have no v2 API"
NO_COUNTERPART: dict[str, str] = {
    "deleteActivities": _BULK.format("activities"), "deleteDeals": _BULK.format("deals"),
    "deleteOrganizations": _BULK.format("organizations"), "deletePersons": _BULK.format("persons"),
    "deleteStages": _BULK.format("stages"),
    "deleteActivityTypes": "activity types have no bulk delete any more (v1 DELETE /activityTypes/{id} remains)",
    "addSubscriptionInstallment": _SUBSCRIPTIONS, "addRecurringSubscription": _SUBSCRIPTIONS,
    "cancelRecurringSubscription": _SUBSCRIPTIONS, "deleteSubscription": _SUBSCRIPTIONS,
    "findSubscriptionByDeal": _SUBSCRIPTIONS, "getSubscription": _SUBSCRIPTIONS,
    "getSubscriptionPayments": _SUBSCRIPTIONS, "updateSubscriptionInstallment": _SUBSCRIPTIONS,
    "updateRecurringSubscription": _SUBSCRIPTIONS,
    "addChannel": _CHANNELS, "deleteChannel": _CHANNELS, "receiveMessage": _CHANNELS, "deleteConversation": _CHANNELS,
    "addTeam": _TEAMS, "addTeamUser": _TEAMS, "deleteTeamUser": _TEAMS, "getTeam": _TEAMS, "getTeams": _TEAMS,
    "getTeamUsers": _TEAMS, "getUserTeams": _TEAMS, "updateTeam": _TEAMS,
}


def v2_parameters(op: dict) -> dict[tuple[str, str], dict]:
    """(location, name) → schema for the v2 operation's path/query parameters and top-level body fields."""
    found = {(p["in"], p["name"]): merge_all_of(p.get("schema", {})) for p in op.get("parameters", [])}
    body = op.get("requestBody")
    if body:
        _, content = next(iter(body["content"].items()))
        for name, prop in merge_all_of(content["schema"]).get("properties", {}).items():
            found[("body", name)] = merge_all_of(prop)
    return found


def v2_schema_at(params: dict, location: str, wire) -> dict | None:
    """The v2 schema a binding's wire name (or body nesting path) reaches, or None."""
    if location != "body":
        return params.get((location, wire))
    schema = params.get(("body", wire[0]))
    for key in wire[1:]:
        schema = merge_all_of(schema or {}).get("properties", {}).get(key)
    return schema


def derive_coercion(source: dict, target: dict) -> dict:
    """`coerce`/`convert` for a v1-typed argument going to a strictly typed v2 parameter."""
    have, want = base_type(source), merge_all_of(target).get("type")
    if have in ("number", "integer") and want == "boolean":
        return {"coerce": "boolean"}
    if have == "string" and want in ("integer", "number"):
        digits = source.get("enum") and all(str(v).isdigit() for v in source["enum"] if v is not None)
        return {"coerce": "integer"} if want == "integer" or digits else {"convert": "number"}
    if have in ("number", "integer") and want == "string":
        return {"coerce": "string"}
    if have in ("number", "integer", "string") and want == "array":
        return {"convert": "array"}
    if have == "string" and want == "string" and RFC3339_HINT.search(source.get("description", "")) \
            and merge_all_of(target).get("format") != "date":
        return {"coerce": "rfc3339"}
    return {}


def build_v2_binding(tool: dict, v2_op_id: str, operation: dict, overrides: dict) -> dict:
    """The v2 `http` of a tool whose v1 endpoint is out of support; stops, naming the tool, on anything unmapped."""
    op = operation["op"]
    slug = tool["slug"]
    properties = tool["input_parameters"]["properties"]
    params = v2_parameters(op)
    problems = [f"{slug}: {name} is mapped but not an input parameter" for name in overrides if name not in properties]
    paging = ("query", "cursor") in params
    sort_by = params.get(("query", "sort_by"))
    sort = "sort" in properties and sort_by is not None
    bindings, dropped = [], []
    for old in tool["http"]["parameters"]:
        name = old["name"]
        rule = dict(overrides.get(name, {}))
        if "drop" in rule:
            dropped.append({"name": name, "reason": rule["drop"]})
            continue
        if (name == "start" and paging) or (name == "sort" and sort):
            continue
        location = rule.get("in", old["in"])
        wire = rule.get("wire")
        if isinstance(wire, str) and location == "body":
            wire = [wire]
        if wire is None:
            same = old["wire"]
            renamed = ["owner_id"] if same == ["user_id"] else "owner_id" if same == "user_id" else None
            wire = same if v2_schema_at(params, location, same) is not None else renamed
        if wire is None or v2_schema_at(params, location, wire) is None:
            problems.append(f"{slug}: {name} ({location} {wire or old['wire']}) has no counterpart in v2 {v2_op_id}; "
                            f"map or drop it in V2_REBINDINGS")
            continue
        binding = {"name": name, "in": location, "wire": wire}
        if location == "query" and base_type(properties[name]) == "array":
            binding["style"] = "comma"
        if "values" not in rule:
            binding.update(derive_coercion(properties[name], v2_schema_at(params, location, wire)))
        for key in ("coerce", "convert", "values", "item_keys"):
            if key in rule:
                binding[key] = rule[key]
        bindings.append(binding)
    if paging and "cursor" not in [b["name"] for b in bindings]:
        bindings.append({"name": "cursor", "in": "query", "wire": "cursor"})
    bound = {(b["in"], b["wire"] if isinstance(b["wire"], str) else b["wire"][0]) for b in bindings}
    needed = {(p["in"], p["name"]) for p in op.get("parameters", []) if p.get("required") or p["in"] == "path"}
    needed |= {("body", name) for name in body_required(op)}
    for location, name in sorted(needed - bound):
        problems.append(f"{slug}: v2 {v2_op_id} needs {location} {name}, which no input parameter gives")
    if problems:
        raise SystemExit("\n".join(problems))

    http: dict = {"method": operation["method"], "server": "api", "path": API_V2_PREFIX + operation["path"]}
    if op.get("requestBody"):
        content_type = next(iter(op["requestBody"]["content"]))
        if content_type != "application/json":
            raise SystemExit(f"{slug}: v2 {v2_op_id} takes {content_type}")
        http["body"] = "json"
    http["response"] = "json"
    if tool["http"].get("custom_fields") and ("body", "custom_fields") in params:
        http["custom_fields"] = "custom_fields"
    http["operation_id"] = v2_op_id
    if paging:
        http["paging"] = "cursor"
    if sort:
        http["sort"] = "v2"
        http["sort_fields"] = [v for v in sort_by.get("enum", []) if v is not None]
    http["parameters"] = bindings
    if dropped:
        http["dropped"] = dropped
    return http


# v1 operations still supported whose request changed since the 2024 spec the seed was made from: how the
# seed's parameters reach today's operation. Per parameter: `values` (seed value → today's, as in
# V2_REBINDINGS), `schema` (keys replaced in the input schema: today's enum, default, description), `drop`
# (reason; a value equal to the new schema default still passes). `add`: parameters today's operation has
# and the seed lacks, with their schema and binding (a `values` pair `[null, x]` sends x when it is absent).
V1_CURRENT_ADJUSTMENTS: dict[str, dict] = {
    "addWebhook": {
        "params": {
            "event_action": {
                "values": [["added", "create"], ["updated", "change"], ["merged", "change"], ["deleted", "delete"]],
                "schema": {
                    "enum": ["create", "change", "delete", "*", "added", "updated", "merged", "deleted"],
                    "description": "The type of action to receive notifications about: create, change, delete, or * for all. "
                                   "The older names are accepted and sent as today's: added → create, updated → change, "
                                   "merged → change, deleted → delete.",
                },
            },
            "event_object": {"schema": {"enum": ["activity", "deal", "lead", "note", "organization", "person", "pipeline",
                                                 "product", "stage", "user", "*"]}},
            "version": {"schema": {"default": "2.0", "description": "The webhook's version; Pipedrive's default has been 2.0 since March 2025."}},
        },
        "add": {
            "name": {
                "schema": {"type": "string", "maxLength": 255,
                           "description": "The webhook's name, which Pipedrive requires (default: \"Toolport webhook\")."},
                "binding": {"in": "body", "wire": ["name"], "values": [[None, "Toolport webhook"]]},
            },
        },
    },
    "getLeads": {
        "params": {
            "archived_status": {
                "schema": {"enum": ["archived", "not_archived", "all"], "default": "not_archived",
                           "description": "Only not_archived is supported: Pipedrive's current API lists leads that are not "
                                          "archived here (archived ones are at GET /v1/leads/archived)."},
                "drop": "Pipedrive's current API lists only leads that are not archived here (archived leads moved to "
                        "GET /v1/leads/archived); leave archived_status out or pass not_archived",
            },
        },
    },
}


def adjust_to_current_v1(tool: dict) -> None:
    """Apply V1_CURRENT_ADJUSTMENTS to a tool whose v1 operation is still supported (in place)."""
    rule = V1_CURRENT_ADJUSTMENTS.get(tool["operation_id"])
    if not rule:
        return
    tool["http_v1_2024"] = json.loads(json.dumps(tool["http"]))
    http = tool["http"]
    properties = tool["input_parameters"]["properties"]
    for name, change in rule.get("params", {}).items():
        if name not in properties:
            raise SystemExit(f"{tool['slug']}: V1_CURRENT_ADJUSTMENTS names {name}, which the tool lacks")
        properties[name].update(change.get("schema", {}))
        if "drop" in change:
            http["parameters"] = [binding for binding in http["parameters"] if binding["name"] != name]
            http.setdefault("dropped", []).append({"name": name, "reason": change["drop"]})
        for binding in http["parameters"]:
            if binding["name"] == name and "values" in change:
                binding["values"] = change["values"]
    for name, added in rule.get("add", {}).items():
        properties[name] = added["schema"]
        http["parameters"].append({"name": name, **added["binding"]})
        tool["http_v1_2024"].setdefault("dropped", []).append({"name": name, "reason": "Pipedrive's 2024 API has no such field"})


def body_required(op: dict) -> set[str]:
    body = op.get("requestBody")
    if not body:
        return set()
    _, content = next(iter(body["content"].items()))
    return set(merge_all_of(content["schema"]).get("required", []))


def apply_current_api(tool: dict, v1_current: dict[str, dict], v2_operations: dict[str, dict]) -> None:
    """Set `api_status` and, for tools out of support, rebind to v2 or mark deprecated (in place)."""
    op_id = tool["operation_id"]
    current = v1_current.get(op_id)
    http = tool["http"]
    expected_path = http["path"] if http["server"] == "oauth" else http["path"].removeprefix("/api/v1")
    still_supported = current is not None and not current["op"].get("deprecated", False) \
        and (current["method"], current["path"]) == (http["method"], expected_path)
    if http["server"] == "oauth" or still_supported:
        tool["api_status"] = "v1"
        if still_supported:
            adjust_to_current_v1(tool)
        return
    rule = V2_REBINDINGS.get(op_id, {})
    v2_op_id = rule.get("v2", op_id if op_id in v2_operations else None)
    if v2_op_id is not None:
        if v2_op_id not in v2_operations:
            raise SystemExit(f"{tool['slug']}: V2_REBINDINGS names {v2_op_id}, which the v2 spec lacks")
        v2_http = build_v2_binding(tool, v2_op_id, v2_operations[v2_op_id], rule.get("params", {}))
        tool["api_status"] = "v2"
        if v2_http.get("paging") == "cursor" and "cursor" not in tool["input_parameters"]["properties"]:
            tool["input_parameters"]["properties"]["cursor"] = dict(CURSOR_PROPERTY)
            http.setdefault("dropped", []).append({"name": "cursor", "reason": CURSOR_V1_REASON})
        tool["http"] = v2_http
        tool["http_v1_2024"] = http
        return
    if op_id not in NO_COUNTERPART:
        raise SystemExit(f"{tool['slug']}: {op_id} is out of support in the current v1 spec and has no v2 operation "
                         f"of the same ID; map it in V2_REBINDINGS or list it in NO_COUNTERPART")
    tool["api_status"] = "v1-no-counterpart"
    tool["is_deprecated"] = True
    fate = "deprecated in" if current is not None else "removed from"
    tool["description"] = (tool["description"].rstrip() + f" Pipedrive no longer supports this endpoint ({fate} the "
                           f"2026-08 API) and has no replacement; it may stop working.")


def ordered_tool(tool: dict) -> dict:
    """The tool's keys in file order: `api_status` after `is_deprecated`, `http_v1_2024` after `http`."""
    order = ["slug", "aliases", "name", "description", "toolkit", "version", "operation_id", "tags", "scopes",
             "is_deprecated", "api_status", "input_parameters", "output_parameters", "http", "http_v1_2024"]
    return {key: tool[key] for key in order if key in tool}


# --------------------------------------------------------------------------------------------------
# Toolkit


def field(name: str, display: str, description: str, required: bool, secret: bool = False, default=None) -> dict:
    out = {"name": name, "displayName": display, "description": description, "type": "string",
           "required": required, "user_visible": True, "is_secret": secret}
    if default is not None:
        out["default"] = default
    return out


def build_toolkit(description: str, tool_count: int) -> dict:
    subdomain = field("subdomain", "Company subdomain",
                      "Your Pipedrive company subdomain (the `acme` in acme.pipedrive.com). Optional: OAuth accounts "
                      "use the token's api_domain; token accounts without it call https://api.pipedrive.com.", False)
    return {
        "slug": "pipedrive",
        "name": "Pipedrive",
        "description": description,
        "logo": "https://logos.composio.dev/api/pipedrive",
        "app_url": "https://www.pipedrive.com",
        "version": TOOLKIT_VERSION,
        "categories": [{"id": "crm", "slug": "crm", "name": "CRM"}],
        "tools_count": tool_count,
        "api_base_url": "https://api.pipedrive.com",
        "oauth_base_url": "https://oauth.pipedrive.com",
        "auth_schemes": [
            {
                "mode": "OAUTH2",
                "name": "Pipedrive OAuth2",
                "fields": {
                    "auth_config_creation": {
                        "required": [
                            field("client_id", "Client ID", "The client ID of your Pipedrive Marketplace app.", True),
                            field("client_secret", "Client secret", "The client secret of your Pipedrive Marketplace app.",
                                  True, secret=True),
                        ],
                        "optional": [
                            field("oauth_redirect_uri", "Redirect URI",
                                  "Where Pipedrive sends the browser after consent. Defaults to this server's OAuth "
                                  "callback.", False, default="https://backend.composio.dev/api/v1/auth-apps/add"),
                            field("scopes", "Scopes", "OAuth scopes to request, space- or comma-separated.", False,
                                  default="contacts:full leads:full mail:full activities:full products:full projects:full"),
                        ],
                    },
                    "connected_account_initiation": {"required": [], "optional": [subdomain]},
                },
            },
            {
                "mode": "API_KEY",
                "name": "Pipedrive API token",
                "fields": {
                    "auth_config_creation": {"required": [], "optional": []},
                    "connected_account_initiation": {
                        "required": [field("token", "API token", "The user's personal Pipedrive API token "
                                           "(Settings → Personal preferences → API).", True, secret=True)],
                        "optional": [subdomain],
                    },
                },
            },
            {
                "mode": "BEARER_TOKEN",
                "name": "Pipedrive bearer token",
                "fields": {
                    "auth_config_creation": {"required": [], "optional": []},
                    "connected_account_initiation": {
                        "required": [field("bearer_token", "Bearer token", "An OAuth access token for the user's "
                                           "Pipedrive account, sent as `Authorization: Bearer`.", True, secret=True)],
                        "optional": [subdomain],
                    },
                },
            },
        ],
    }


# --------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", required=True, type=Path)
    parser.add_argument("--spec", required=True, type=Path)
    parser.add_argument("--slugs", required=True, type=Path)
    parser.add_argument("--out", default=Path("schemas/pipedrive"), type=Path)
    parser.add_argument("--spec-v1-current", type=Path, help="Pipedrive's current v1 document (2026-08)")
    parser.add_argument("--spec-v2", type=Path, help="Pipedrive's current v2 document (2026-08)")
    args = parser.parse_args()
    if (args.spec_v1_current is None) != (args.spec_v2 is None):
        parser.error("--spec-v1-current and --spec-v2 go together")

    toolkit_description, seed_tools = parse_seed(args.seed.read_text())
    spec = yaml.safe_load(args.spec.read_text())
    operations = load_operations(spec)
    by_title: dict[str, list[str]] = {}
    for op_id, operation in operations.items():
        by_title.setdefault(normalise_title(operation["op"]["summary"]), []).append(op_id)
    slugs = {entry["seed_name"]: entry for entry in json.loads(args.slugs.read_text())["tools"]}

    tools = []
    for seed in seed_tools:
        op_id = OPERATION_OVERRIDES.get(seed["name"])
        if op_id is None:
            matches = by_title.get(normalise_title(seed["name"]), [])
            if len(matches) != 1:
                raise SystemExit(f"{seed['name']!r}: {len(matches)} operations match; add it to OPERATION_OVERRIDES")
            op_id = matches[0]
        tools.append(build_tool(seed, operations[op_id], slugs[seed["name"]]))

    if args.spec_v2:
        v1_current = load_operations(yaml.safe_load(args.spec_v1_current.read_text()))
        v2_operations = load_operations(yaml.safe_load(args.spec_v2.read_text()))
        for tool in tools:
            apply_current_api(tool, v1_current, v2_operations)
        tools = [ordered_tool(tool) for tool in tools]
        used = {tool["operation_id"] for tool in tools if tool["api_status"] != "v1"}
        for op_id in sorted((set(V2_REBINDINGS) | set(NO_COUNTERPART)) - used):
            print(f"warning: {op_id} is in V2_REBINDINGS or NO_COUNTERPART but no tool needs it", file=sys.stderr)
        counts = {status: sum(t["api_status"] == status for t in tools) for status in ("v1", "v2", "v1-no-counterpart")}
        print("api_status: " + ", ".join(f"{status} {count}" for status, count in counts.items()), file=sys.stderr)

    seen: dict[str, str] = {}
    for tool in tools:
        for key in [tool["slug"], *tool["aliases"]]:
            if key in seen:
                raise SystemExit(f"slug {key} names both {seen[key]!r} and {tool['name']!r}")
            seen[key] = tool["name"]

    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("*.json"):
        old.unlink()
    for tool in tools:
        (args.out / f"{tool['slug']}.json").write_text(json.dumps(tool, indent=2, ensure_ascii=False) + "\n")
    toolkit = build_toolkit(toolkit_description, len(tools))
    (args.out / "toolkit.json").write_text(json.dumps(toolkit, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {len(tools)} tools and toolkit.json to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
