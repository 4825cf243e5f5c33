#!/usr/bin/env python3
"""Checks every tool's input_parameters against the JSON Schema 2020-12 meta-schema.

Usage: python scripts/check_schemas.py schemas/pipedrive
Exits non-zero, naming each bad file, when a schema is not valid JSON Schema.
"""
import json
import sys
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError


def main() -> int:
    directory = Path(sys.argv[1] if len(sys.argv) > 1 else "schemas/pipedrive")
    failures, checked = [], 0
    for path in sorted(directory.glob("*.json")):
        if path.name == "toolkit.json":
            continue
        tool = json.loads(path.read_text())
        for key in ("input_parameters", "output_parameters"):
            try:
                Draft202012Validator.check_schema(tool[key])
            except SchemaError as error:
                failures.append(f"{path.name}: {key}: {error.message} at {list(error.path)}")
        # The schema must also accept what it documents: every default and enum value validates.
        validator = Draft202012Validator(tool["input_parameters"])
        for name, prop in tool["input_parameters"].get("properties", {}).items():
            if "default" in prop and not Draft202012Validator(prop).is_valid(prop["default"]):
                failures.append(f"{path.name}: {name}: default {prop['default']!r} does not match its schema")
        if not validator.is_valid({}) and not tool["input_parameters"].get("required"):
            failures.append(f"{path.name}: rejects empty arguments though nothing is required")
        checked += 1
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"meta-schema check: {checked} tools, {len(failures)} problems")
    return 1 if failures or checked != 269 else 0


if __name__ == "__main__":
    sys.exit(main())
