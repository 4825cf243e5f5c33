"""Composio's provider packages (0.30.0) against Toolport: for each framework row, all 269 Pipedrive tools
load through `composio.tools.get`, every converted schema passes the framework's own validator, and one
read tool and one write tool that sets a custom field run through the framework's own tool object, with
the effect checked in the sandbox.

Targets are asserted (269 loaded, 269 strict where strict mode exists, no validator failure, both calls
ok); the matrix is recorded before each assertion, so a failing run still writes it.
"""
from __future__ import annotations

import hashlib
import re
import time
import uuid

import pytest

from conftest import TOOL_COUNT, check, sandbox_json
from frameworks import ROWS, Call, Failure, google_parameters, pointer_from_dotted, short, vertex_probe

READ_TOOL = "PIPEDRIVE_GET_DEAL"  # alias PIPEDRIVE_GET_DETAILS_OF_A_DEAL
WRITE_TOOL = "PIPEDRIVE_ADD_A_DEAL"
# A deal custom field: Pipedrive names them by 40-character hex keys; the sandbox keeps any such key.
CUSTOM_FIELD = hashlib.sha1(b"toolport frameworks suite: deal custom field").hexdigest()
HEX_KEY = re.compile(r"^[0-9a-f]{40}$")

rows = pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
strict_rows = pytest.mark.parametrize("row", [row for row in ROWS if row.strict_row],
                                      ids=[row.id for row in ROWS if row.strict_row])


def loaded_row(loads, matrix, row):
    try:
        return loads(row)
    except ImportError as error:
        matrix.record(row.id, tools_loaded=0, load_error=f"not installed: {error}")
        pytest.skip(f"{row.package} is not installed: {error}")


def raw_tools(load):
    """The tools as the server answers this row's client (its x-framework header), cached on the load."""
    if not hasattr(load, "raw"):
        load.raw = load.composio.tools.get_raw_composio_tools(toolkits=["PIPEDRIVE"], limit=1000)
    return load.raw


def tool_object(load, row, user_id, slug):
    """The framework's object for one tool: from the full load, or loaded alone when the full load failed."""
    if slug in load.by_name:
        return load.by_name[slug], "from the full load"
    try:
        tools = load.composio.tools.get(user_id=user_id, tools=[slug])
    except Exception as error:
        raise RuntimeError(f"the full load failed, and loading {slug} alone raises {short(error)}") from error
    return tools[0], "loaded alone (the full load failed)"


def model_arguments(row, tool, arguments: dict) -> dict:
    """The arguments as a model would send them: under strict mode every omitted property is null."""
    schema = row.model_schema(tool)
    if not schema:
        return dict(arguments)
    return {name: arguments.get(name) for name in schema.get("properties", {})} | {
        name: value for name, value in arguments.items() if name not in schema.get("properties", {})}


# 1. All 269 tools load -----------------------------------------------------------------------------------


@rows
def test_all_pipedrive_tools_load(row, loads, matrix):
    load = loaded_row(loads, matrix, row)
    count = len(load.tools) if load.tools is not None else 0
    matrix.record(row.id, tools_loaded=count, load_error=load.error, load_seconds=load.seconds)
    check(load.error is None, f"{row.id}: composio.tools.get raised {load.error}")
    check(count == TOOL_COUNT and len(load.by_name) == TOOL_COUNT,
          f"{row.id}: {count} tools loaded ({len(load.by_name)} distinct names), expected {TOOL_COUNT}")


# 2. Every converted schema passes the framework's validator ----------------------------------------------


def per_tool_failures(row, load, user_id) -> tuple[list[Failure], int]:
    """Every tool checked: the loaded objects, or (when the full load raised) each tool loaded alone."""
    failures: list[Failure] = []
    if load.tools is not None:
        for tool in load.tools:
            failures.extend(row.validate(tool))
        return failures, len(load.tools)
    for raw in raw_tools(load):
        try:
            tool = load.composio.tools.get(user_id=user_id, tools=[raw.slug])[0]
        except Exception as error:
            if row.id == "google":
                probed = vertex_probe(raw.slug, google_parameters(raw))
                failures.extend(probed or [Failure(raw.slug, "", short(error))])
            else:
                failures.append(Failure(raw.slug, "", f"does not load: {short(error)}"))
            continue
        failures.extend(row.validate(tool))
    return failures, len(raw_tools(load))


@rows
def test_every_schema_passes_the_frameworks_validator(row, loads, matrix, user_id):
    load = loaded_row(loads, matrix, row)
    started = time.time()
    failures, checked = per_tool_failures(row, load, user_id)
    failing_tools = sorted({failure.tool for failure in failures})
    matrix.record(row.id, validator=row.validator, tools_validated=checked,
                  validator_failing_tools=len(failing_tools), validator_failure_count=len(failures),
                  validator_failures=[failure.as_dict() for failure in failures],
                  validator_seconds=round(time.time() - started, 2))
    check(checked == TOOL_COUNT, f"{row.id}: {checked} tools checked, expected {TOOL_COUNT}")
    check(not failures, f"{row.id}: {len(failing_tools)} tools fail {row.validator}; first: "
          + "; ".join(str(failure) for failure in failures[:5]))


# 2b. Strict rows: every tool in strict mode -------------------------------------------------------------


@strict_rows
def test_strict_mode_covers_every_tool(row, loads, matrix):
    from composio.utils.strict_schema import to_strict_json_schema

    load = loaded_row(loads, matrix, row)
    strict = sum(1 for tool in load.tools or [] if row.is_strict(tool))
    # The reason the provider logs when it falls back: to_strict_json_schema(...).unsupported.
    fallbacks = []
    for raw in raw_tools(load):
        tool = load.by_name.get(raw.slug)
        if tool is not None and row.is_strict(tool):
            continue
        result = to_strict_json_schema(raw.input_parameters if raw.input_parameters is not None else {})
        for entry in result.unsupported:
            fallbacks.append({"tool": raw.slug, "pointer": pointer_from_dotted(entry.path),
                              "keyword": entry.keyword, "detail": entry.detail})
    matrix.record(row.id, strict_tools=strict, strict_fallback_tools=len({entry["tool"] for entry in fallbacks}),
                  strict_fallbacks=fallbacks)
    check(strict == TOOL_COUNT, f"{row.id}: {strict} of {TOOL_COUNT} tools in strict mode; fallbacks: "
          + "; ".join(f"{entry['tool']} {entry['pointer'] or '/'}: {entry['keyword']} ({entry['detail']})"
                      for entry in fallbacks[:5]))


# 3. A read tool and a write tool run through the framework's tool object ---------------------------------


@rows
def test_read_tool_runs_through_the_framework(row, loads, matrix, stack, user_id):
    load = loaded_row(loads, matrix, row)
    title = f"Read by {row.id} {uuid.uuid4().hex[:6]}"
    seeded = sandbox_json(stack, "POST", "/v1/deals", {"title": title, CUSTOM_FIELD: "seeded"})["data"]
    try:
        tool, source = tool_object(load, row, user_id, READ_TOOL)
        arguments = model_arguments(row, tool, {"id": seeded["id"]})
        envelope = row.invoke(Call(load.composio, user_id), tool, arguments)
        deal = ((envelope.get("data") or {}).get("data") or {}) if envelope.get("successful") else {}
        ok = envelope.get("successful") is True and deal.get("id") == seeded["id"] and deal.get("title") == title
        error = None if ok else f"envelope {str(envelope)[:400]}"
    except Exception as exception:
        ok, source, error = False, None, short(exception, 500)
    matrix.record(row.id, read_tool=READ_TOOL, read_ok=ok, read_error=error, read_tool_source=source)
    check(ok, f"{row.id}: {READ_TOOL} through {row.invocation}: {error}")


def custom_field_form(load) -> str:
    """How this row's schema of the write tool takes custom fields: a `custom_fields` list property, or
    top-level 40-hex keys (patternProperties) as in the canonical profile."""
    raw = next(tool for tool in load.composio.tools.get_raw_composio_tools(tools=[WRITE_TOOL]) if tool.slug == WRITE_TOOL)
    schema = raw.input_parameters or {}
    if "custom_fields" in (schema.get("properties") or {}):
        return "custom_fields list"
    if any(HEX_KEY.pattern in pattern or "[0-9a-f]{40}" in pattern for pattern in schema.get("patternProperties") or {}):
        return "top-level hex key"
    return "none in the schema (top-level hex key tried)"


@rows
def test_write_tool_sets_a_custom_field(row, loads, matrix, stack, user_id):
    load = loaded_row(loads, matrix, row)
    title = f"Written by {row.id} {uuid.uuid4().hex[:6]}"
    value = f"set through {row.id}"
    form = None
    try:
        form = custom_field_form(load)
        tool, source = tool_object(load, row, user_id, WRITE_TOOL)
        arguments = {"title": title}
        if form == "custom_fields list":
            arguments["custom_fields"] = [{"key": CUSTOM_FIELD, "value": value}]
        else:
            arguments[CUSTOM_FIELD] = value
        envelope = row.invoke(Call(load.composio, user_id), tool, model_arguments(row, tool, arguments))
        created = ((envelope.get("data") or {}).get("data") or {}) if envelope.get("successful") else {}
        if envelope.get("successful") is not True or "id" not in created:
            ok, error = False, f"envelope {str(envelope)[:400]}"
        else:
            stored = sandbox_json(stack, "GET", f"/v1/deals/{created['id']}")["data"]
            ok = stored.get("title") == title and stored.get(CUSTOM_FIELD) == value
            error = None if ok else (f"the sandbox's deal {created['id']} has title {stored.get('title')!r} and "
                                     f"custom field {stored.get(CUSTOM_FIELD)!r}, expected {title!r} and {value!r}")
            dropped = sorted(set(arguments) - row.passes_only(tool)) if row.passes_only else []
            if not ok and dropped:
                error += f" ({row.id} passes only the parameters of the tool's signature; dropped: {', '.join(dropped)})"
    except Exception as exception:
        ok, source, error = False, None, short(exception, 500)
    matrix.record(row.id, write_tool=WRITE_TOOL, write_ok=ok, write_error=error, custom_field_form=form,
                  write_tool_source=source)
    check(ok, f"{row.id}: {WRITE_TOOL} with a custom field ({form}) through {row.invocation}: {error}")
