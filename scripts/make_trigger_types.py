#!/usr/bin/env python3
"""Writes schemas/pipedrive/triggers/*.json: one file per Pipedrive trigger type, as data.

Each type names the Pipedrive webhook event it listens to (`event_action`.`event_object`), an optional
condition on the change (a deal's status becoming won or lost), the filters its config takes and the
payload a delivery carries. Run it after editing the tables below; the files are committed.
"""
from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "schemas" / "pipedrive" / "triggers"

ID = {"type": "integer", "minimum": 1}


def record(title: str, fields: dict) -> dict:
    """A Pipedrive record as webhooks v2 send it: the listed fields typed, the rest (custom fields) allowed."""
    properties = {"id": {"type": "integer", "description": f"The {title}'s ID."}}
    for name, (kind, description) in fields.items():
        properties[name] = {"type": [kind, "null"], "description": description}
    return {"type": "object", "title": title, "properties": properties, "required": ["id"], "additionalProperties": True}


OBJECTS = {
    "deal": {
        "title": "Deal",
        "fields": {
            "title": ("string", "The deal's title."),
            "value": ("number", "The deal's value."),
            "currency": ("string", "The currency of the value."),
            "status": ("string", "open, won, lost or deleted."),
            "stage_id": ("integer", "The stage the deal is in."),
            "pipeline_id": ("integer", "The pipeline the deal is in."),
            "owner_id": ("integer", "The user who owns the deal."),
            "person_id": ("integer", "The linked person."),
            "org_id": ("integer", "The linked organization."),
            "expected_close_date": ("string", "YYYY-MM-DD."),
            "add_time": ("string", "When it was added (RFC 3339)."),
            "update_time": ("string", "When it last changed (RFC 3339)."),
            "won_time": ("string", "When it was won."),
            "lost_time": ("string", "When it was lost."),
            "lost_reason": ("string", "Why it was lost."),
        },
        "filters": {
            "pipeline_id": "Only deals in this pipeline.",
            "stage_id": "Only deals in this stage.",
            "owner_id": "Only deals owned by this user.",
            "person_id": "Only deals linked to this person.",
            "org_id": "Only deals linked to this organization.",
        },
        "plural": "deals",
    },
    "person": {
        "title": "Person",
        "fields": {
            "name": ("string", "The person's name."),
            "owner_id": ("integer", "The user who owns the person."),
            "org_id": ("integer", "The person's organization."),
            "add_time": ("string", "When it was added (RFC 3339)."),
            "update_time": ("string", "When it last changed (RFC 3339)."),
        },
        "filters": {"owner_id": "Only persons owned by this user.", "org_id": "Only persons of this organization."},
        "plural": "persons",
    },
    "organization": {
        "title": "Organization",
        "fields": {
            "name": ("string", "The organization's name."),
            "owner_id": ("integer", "The user who owns the organization."),
            "add_time": ("string", "When it was added (RFC 3339)."),
            "update_time": ("string", "When it last changed (RFC 3339)."),
        },
        "filters": {"owner_id": "Only organizations owned by this user."},
        "plural": "organizations",
    },
    "activity": {
        "title": "Activity",
        "fields": {
            "subject": ("string", "The activity's subject."),
            "type": ("string", "The activity type's key (call, meeting, …)."),
            "owner_id": ("integer", "The user the activity is assigned to."),
            "deal_id": ("integer", "The linked deal."),
            "person_id": ("integer", "The linked person."),
            "org_id": ("integer", "The linked organization."),
            "done": ("boolean", "Whether it is done."),
            "due_date": ("string", "YYYY-MM-DD."),
            "add_time": ("string", "When it was added (RFC 3339)."),
            "update_time": ("string", "When it last changed (RFC 3339)."),
        },
        "filters": {
            "owner_id": "Only activities assigned to this user.",
            "deal_id": "Only activities of this deal.",
            "type": "Only activities of this type (its key, such as call).",
        },
        "plural": "activities",
    },
    "note": {
        "title": "Note",
        "fields": {
            "content": ("string", "The note's HTML content."),
            "user_id": ("integer", "The user who wrote the note."),
            "deal_id": ("integer", "The linked deal."),
            "person_id": ("integer", "The linked person."),
            "org_id": ("integer", "The linked organization."),
            "lead_id": ("string", "The linked lead."),
            "add_time": ("string", "When it was added."),
            "update_time": ("string", "When it last changed."),
        },
        "filters": {
            "deal_id": "Only notes of this deal.",
            "person_id": "Only notes of this person.",
            "org_id": "Only notes of this organization.",
        },
        "plural": "notes",
    },
    "lead": {
        "title": "Lead",
        "fields": {
            "title": ("string", "The lead's title."),
            "owner_id": ("integer", "The user who owns the lead."),
            "person_id": ("integer", "The linked person."),
            "organization_id": ("integer", "The linked organization."),
            "add_time": ("string", "When it was added."),
            "update_time": ("string", "When it last changed."),
        },
        "filters": {"owner_id": "Only leads owned by this user.", "person_id": "Only leads of this person."},
        "plural": "leads",
        "id_type": "string",
    },
    "product": {
        "title": "Product",
        "fields": {
            "name": ("string", "The product's name."),
            "code": ("string", "The product's code."),
            "owner_id": ("integer", "The user who owns the product."),
            "add_time": ("string", "When it was added (RFC 3339)."),
            "update_time": ("string", "When it last changed (RFC 3339)."),
        },
        "filters": {"owner_id": "Only products owned by this user."},
        "plural": "products",
    },
}

# Composio's own slugs where it has the trigger (PIPEDRIVE_NEW_DEAL_TRIGGER, PIPEDRIVE_NEW_NOTE_TRIGGER,
# PIPEDRIVE_NEW_ORGANIZATION_TRIGGER); the rest follow the same pattern.
ACTIONS = {
    "create": ("NEW_{OBJ}_TRIGGER", "New {Title}", "Triggers when a new {obj} is added in Pipedrive."),
    "change": ("{OBJ}_UPDATED_TRIGGER", "{Title} Updated", "Triggers when a {obj} is updated in Pipedrive."),
    "delete": ("{OBJ}_DELETED_TRIGGER", "{Title} Deleted", "Triggers when a {obj} is deleted in Pipedrive."),
}

CONDITIONS = {
    "won": ("DEAL_WON_TRIGGER", "Deal Won", "Triggers when a deal's status changes to won."),
    "lost": ("DEAL_LOST_TRIGGER", "Deal Lost", "Triggers when a deal's status changes to lost."),
}


def config_schema(obj: str, action: str) -> dict:
    spec = OBJECTS[obj]
    properties = {}
    for name, description in spec["filters"].items():
        kind = "string" if name == "type" else "integer"
        properties[name] = {"type": kind, "title": name.replace("_", " ").capitalize(), "description": description}
        if kind == "integer":
            properties[name]["minimum"] = 1
    if action == "change":
        properties["changed_fields"] = {
            "type": "array",
            "title": "Changed fields",
            "items": {"type": "string", "minLength": 1},
            "description": "Only updates that change at least one of these fields (such as stage_id or value); empty: any update.",
        }
    return {"type": "object", "title": "Config", "properties": properties, "additionalProperties": False}


def payload_schema(obj: str) -> dict:
    spec = OBJECTS[obj]
    current = record(spec["title"], spec["fields"])
    if spec.get("id_type") == "string":
        current["properties"]["id"] = {"type": "string", "description": f"The {obj}'s ID (a UUID)."}
    return {
        "type": "object",
        "title": f"{spec['title']}Event",
        "properties": {
            "event_id": {"type": "string", "description": "Pipedrive's ID of the event: the same on every retry of it."},
            "action": {"type": "string", "enum": ["create", "change", "delete"], "description": "What happened."},
            "object": {"type": "string", "const": obj},
            "id": {"type": ["integer", "string"], "description": f"The {obj}'s ID."},
            "timestamp": {"type": "string", "description": "When it happened (RFC 3339)."},
            "user_id": {"type": ["integer", "null"], "description": "The Pipedrive user who made the change."},
            "company_id": {"type": ["integer", "null"], "description": "The Pipedrive company."},
            obj: {**current, "description": f"The {obj} as it is now (as it was, for a deletion)."},
            "previous": {
                "type": ["object", "null"],
                "description": "For an update: the previous values of the fields that changed.",
                "additionalProperties": True,
            },
        },
        "required": ["event_id", "action", "object", "id", "timestamp", obj],
        "additionalProperties": False,
    }


def trigger(slug_pattern, name_pattern, description_pattern, obj, action, condition=None) -> dict:
    spec = OBJECTS[obj]
    slug = "PIPEDRIVE_" + slug_pattern.format(OBJ=obj.upper())
    filters = ", ".join(spec["filters"])
    return {
        "slug": slug,
        "name": name_pattern.format(Title=spec["title"]),
        "description": description_pattern.format(obj=obj),
        "instructions": (
            f"Toolport registers a Pipedrive webhook for {action}.{obj} on the connected account the first time a trigger"
            f" needs it, and removes it when the last such trigger is deleted. Optional filters: {filters}."
        ),
        "type": "webhook",
        "event": {"action": action, "object": obj},
        **({"condition": {"field": "status", "becomes": condition}} if condition else {}),
        "config": config_schema(obj, action if condition is None else "create"),
        "payload": payload_schema(obj),
    }


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.json"):
        old.unlink()
    types = []
    for obj in OBJECTS:
        for action, (slug, name, description) in ACTIONS.items():
            types.append(trigger(slug, name, description, obj, action))
    for condition, (slug, name, description) in CONDITIONS.items():
        types.append(trigger(slug, name, description, "deal", "change", condition))
    for entry in types:
        (OUT / f"{entry['slug']}.json").write_text(json.dumps(entry, indent=2) + "\n")
    print(f"wrote {len(types)} trigger types to {OUT}")


if __name__ == "__main__":
    main()
