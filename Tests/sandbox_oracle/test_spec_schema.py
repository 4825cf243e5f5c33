"""The oracle's own rules, table-tested without a sandbox: `null` accepted everywhere, concrete paths, samples."""
from __future__ import annotations

import jsonschema
import pytest

from spec_schema import concrete_path, nullable_everywhere, sample

IDS = {"deals:id": 7, "leads:id": "0f8f-lead", "deal_id": 7, "person_id": 3}


@pytest.mark.parametrize("schema, value, valid", [
    ({"type": "object", "properties": {"id": {"type": "integer"}}}, {"id": None}, True),
    ({"type": "object", "properties": {"id": {"type": "integer"}}}, {"id": "1"}, False),
    ({"type": "string", "enum": ["open", "won"]}, None, True),
    ({"type": "string", "enum": ["open", "won"]}, "lost", False),
    ({"type": "array", "items": {"type": "integer"}}, [1, None], True),
    ({"allOf": [{"type": "object", "required": ["id"]}]}, None, True),
    ({"allOf": [{"type": "object", "required": ["id"]}]}, {}, False),
])
def test_null_is_accepted_for_any_field_and_nothing_else_loosens(schema, value, valid):
    assert jsonschema.Draft202012Validator(nullable_everywhere(schema)).is_valid(value) is valid


@pytest.mark.parametrize("template, prefix, path", [
    ("/deals/{id}", "/v1", "/v1/deals/7"),
    ("/leads/{id}", "/api/v2", "/api/v2/leads/0f8f-lead"),
    ("/deals/{id}/followers/{follower_id}", "/v1", "/v1/deals/7/followers/1"),
    ("/persons/{personId}/deals", "/v1", "/v1/persons/3/deals"),
])
def test_placeholders_name_seeded_records(template, prefix, path):
    assert concrete_path({"template": template, "prefix": prefix}, IDS) == path


@pytest.mark.parametrize("name, schema, value", [
    ("deal_id", {"type": "integer"}, 7),
    ("status", {"type": "string", "enum": ["open", "won"]}, "open"),
    ("due_date", {"type": "string", "format": "date"}, "2026-12-01"),
    ("person", {"type": "object", "required": ["person_id"], "properties": {"person_id": {"type": "integer"}}}, {"person_id": 3}),
    ("label_ids", {"type": "array", "items": {"type": "integer"}}, [1]),
])
def test_samples_follow_the_schema_and_point_at_seeded_records(name, schema, value):
    assert sample(name, schema, IDS) == value
