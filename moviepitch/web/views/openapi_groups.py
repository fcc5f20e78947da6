"""The OpenAPI description of groups: three takes, or a comparison of models, of one idea (see openapi.py)."""

from __future__ import annotations

from ...studio.groups import COMPARE_MAX, COMPARE_MIN, KINDS, TAKES
from .openapi import KNOB_PROPERTIES, NULLABLE_STRING, SLUG, TIME, USAGE, _error, _json, _ref

GROUP_SCHEMAS = {
    "NewGroup": {
        "type": "object",
        "required": ["idea", "kind"],
        "additionalProperties": True,
        "properties": {
            "idea": {"type": "string", "minLength": 3, "maxLength": 300},
            "kind": {
                "enum": list(KINDS),
                "description": "takes: the idea at creativity "
                + ", ".join(f"{take.temperature:g}" for take in TAKES)
                + " (the text model must take "
                "creativity); compare: the idea written by each of `models`.",
            },
            "models": {
                "type": "array",
                "items": {"type": "string"},
                "minItems": COMPARE_MIN,
                "maxItems": COMPARE_MAX,
                "description": "For compare: text models on offer "
                "(MOVIEPITCH_TEXT_MODELS); default: the first ones offered.",
            },
            **KNOB_PROPERTIES,
            "text_model": {"type": ["string", "null"], "description": "For takes: the text model."},
            "image_model": {"type": ["string", "null"], "description": "The poster model of each pitch."},
        },
    },
    "GroupCreated": {
        "type": "object",
        "required": ["slug", "url", "permalink", "status_url", "owner_token", "pitches"],
        "properties": {
            "slug": {"type": "string"},
            "url": {"type": "string"},
            "permalink": {"type": "string", "format": "uri"},
            "status_url": {"type": "string"},
            "owner_token": {"type": "string", "description": "Shown once; it owns every pitch."},
            "pitches": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["slug", "url", "status_url"],
                    "properties": {
                        "slug": {"type": "string"},
                        "url": {"type": "string"},
                        "status_url": {"type": "string"},
                    },
                },
            },
        },
    },
    "Group": {
        "type": "object",
        "required": ["slug", "kind", "idea", "url", "permalink", "created_at", "members"],
        "properties": {
            "slug": {"type": "string"},
            "kind": {"enum": list(KINDS)},
            "idea": {"type": "string"},
            "url": {"type": "string"},
            "permalink": {"type": "string", "format": "uri"},
            "created_at": TIME,
            "members": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": [
                        "position",
                        "slug",
                        "label",
                        "detail",
                        "url",
                        "status_url",
                        "temperature",
                        "model",
                        "elapsed",
                        "writing",
                        "pitch",
                    ],
                    "properties": {
                        "position": {"type": "integer"},
                        "slug": {"type": "string"},
                        "label": {"type": "string", "description": '"High creativity", or the model\'s label.'},
                        "detail": {"type": "string", "description": "The creativity, or the model's id."},
                        "url": {"type": "string"},
                        "status_url": {"type": "string"},
                        "temperature": {"type": ["number", "null"]},
                        "model": NULLABLE_STRING,
                        "elapsed": {
                            "type": ["number", "null"],
                            "description": "Seconds from its first step to its last, once finished.",
                        },
                        "writing": {
                            "type": ["object", "null"],
                            "required": ["usage", "cost"],
                            "description": "What its text steps used and cost (the poster left out).",
                            "properties": {"usage": USAGE, "cost": _ref("Cost")},
                        },
                        "pitch": {
                            "oneOf": [_ref("Pitch"), {"type": "null"}],
                            "description": "Its status document; null once deleted.",
                        },
                    },
                },
            },
        },
    },
}

GROUP_PATHS = {
    "/api/groups": {
        "post": {
            "summary": "Three takes, or a comparison of models, of one idea",
            "operationId": "createGroup",
            "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("NewGroup")}}},
            "responses": {
                "202": {
                    **_json(_ref("GroupCreated"), "Accepted: every pitch of the group is being made."),
                    "headers": {"Location": {"schema": {"type": "string"}, "description": "The group's status URL."}},
                },
                "400": _error("The body is not a JSON object."),
                "401": _error("The bearer token is not valid."),
                "415": _error("The body is not application/json."),
                "422": _error("The idea, kind, models, a knob or a model is not usable."),
                "429": _error(
                    "Too many pitches from your address (a group counts each of its pitches), or "
                    "today's budget has no room for them all; see Retry-After."
                ),
                "503": _error("The writers cannot take every pitch of the group now; see Retry-After."),
            },
        },
    },
    "/api/groups/{slug}": {
        "parameters": [SLUG],
        "get": {
            "summary": "A group: each pitch's label and status",
            "operationId": "getGroup",
            "responses": {
                "200": _json(_ref("Group"), "The group; send If-None-Match to get 304."),
                "304": {"description": "None of its pitches changed since the ETag sent."},
                "404": _error("No such group."),
            },
        },
    },
}
