"""The OpenAPI 3.1 description of the JSON API (tests check real responses against it)."""

from __future__ import annotations

from functools import lru_cache

from ..models import STEPS

STATUSES = ["queued", "running", "done", "partial", "failed", "interrupted", "refused", "cancelled"]
NULLABLE_STRING = {"type": ["string", "null"]}
TIME = {"type": ["string", "null"], "format": "date-time"}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error(description: str) -> dict:
    return _json(_ref("Error"), description)


SCHEMAS = {
    "Error": {
        "type": "object", "required": ["error"],
        "properties": {"error": {
            "type": "object", "required": ["status", "title", "message"],
            "properties": {"status": {"type": "integer"}, "title": {"type": "string"},
                           "message": {"type": "string"},
                           "fields": {"type": "object", "additionalProperties": {
                               "type": "array", "items": {"type": "string"}}}},
        }},
    },
    "NewPitch": {
        "type": "object", "required": ["idea"], "additionalProperties": True,
        "properties": {"idea": {"type": "string", "minLength": 3, "maxLength": 300,
                                "description": "One line; line breaks fold into spaces."}},
    },
    "Created": {
        "type": "object", "required": ["slug", "url", "permalink", "status_url", "owner_token"],
        "properties": {"slug": {"type": "string", "minLength": 10}, "url": {"type": "string"},
                       "permalink": {"type": "string", "format": "uri"}, "status_url": {"type": "string"},
                       "owner_token": {"type": "string", "description": "Shown once. Send it as "
                                       "`Authorization: Bearer …` to change or list your pitches."}},
    },
    "Step": {
        "type": "object",
        "required": ["name", "label", "state", "model", "error", "started_at", "finished_at", "elapsed"],
        "properties": {"name": {"enum": list(STEPS)}, "label": {"type": "string"},
                       "state": {"enum": ["waiting", "running", "done", "failed", "skipped"]},
                       "model": NULLABLE_STRING, "error": NULLABLE_STRING, "started_at": TIME,
                       "finished_at": TIME, "elapsed": {"type": ["number", "null"]}},
    },
    "Poster": {
        "type": ["object", "null"],
        "required": ["version", "url", "current_url", "thumb_url", "width", "height", "model", "label", "alt"],
        "properties": {"version": {"type": "integer"}, "url": {"type": "string"},
                       "current_url": {"type": "string"}, "thumb_url": {"type": "string"},
                       "width": {"type": ["integer", "null"]}, "height": {"type": ["integer", "null"]},
                       "model": NULLABLE_STRING, "label": NULLABLE_STRING,
                       "alt": {"type": "string", "description": "A short description of what it shows."}},
    },
    "Pitch": {
        "type": "object",
        "required": ["slug", "url", "idea", "status", "active", "error", "failure", "provider", "models",
                     "usage", "created_at", "started_at", "finished_at", "published", "steps", "progress",
                     "outputs", "poster", "preview", "versions"],
        "properties": {
            "slug": {"type": "string"}, "url": {"type": "string"}, "idea": {"type": "string"},
            "status": {"enum": STATUSES}, "active": {"type": "boolean"}, "error": NULLABLE_STRING,
            "failure": NULLABLE_STRING, "provider": {"type": "string"},
            "models": {"type": "object", "additionalProperties": {"type": "string"}},
            "usage": {"type": "object", "additionalProperties": {"type": "integer"}},
            "created_at": TIME, "started_at": TIME, "finished_at": TIME, "published": {"type": "boolean"},
            "steps": {"type": "array", "items": _ref("Step")},
            "progress": {"type": "object", "required": ["finished", "total"],
                         "properties": {"finished": {"type": "integer"}, "total": {"type": "integer"}}},
            "outputs": {
                "type": "object",
                "required": ["reply", "synopsis", "synopsis_complete", "title", "cast", "image_prompt"],
                "properties": {
                    "reply": NULLABLE_STRING, "synopsis": NULLABLE_STRING,
                    "synopsis_complete": {"type": "boolean"}, "title": NULLABLE_STRING,
                    "image_prompt": NULLABLE_STRING,
                    "cast": {"type": "array", "items": {
                        "type": "object", "required": ["character", "actor"],
                        "properties": {"character": {"type": "string"}, "actor": {"type": "string"}}}},
                },
            },
            "poster": _ref("Poster"),
            "preview": {"type": ["object", "null"], "required": ["index", "url"],
                        "properties": {"index": {"type": "integer"}, "url": {"type": "string"}}},
            "versions": {"type": "object", "additionalProperties": {"type": "array", "items": {
                "type": "object", "required": ["version", "current"],
                "properties": {"version": {"type": "integer"}, "current": {"type": "boolean"},
                               "text": {"type": "string"}, "url": {"type": "string"},
                               "thumb_url": {"type": "string"}}}}},
        },
    },
    "PitchList": {
        "type": "object", "required": ["pitches"],
        "properties": {"pitches": {"type": "array", "items": {
            "type": "object", "required": ["slug", "url", "idea", "title", "status", "thumb_url", "published"],
            "properties": {"slug": {"type": "string"}, "url": {"type": "string"}, "idea": {"type": "string"},
                           "title": NULLABLE_STRING, "status": {"type": "string"},
                           "thumb_url": NULLABLE_STRING, "published": {"type": "boolean"}}}}},
    },
    "Visibility": {
        "type": "object", "required": ["published"], "additionalProperties": False,
        "properties": {"published": {"type": "boolean"}},
    },
}

SLUG = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}


@lru_cache(maxsize=1)
def document() -> dict:
    """The whole OpenAPI document."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "MoviePitch API", "version": "1.0.0",
                 "description": "Turn a one-line movie idea into a pitch, follow it, publish it, delete it."},
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"ownerToken": {"type": "http", "scheme": "bearer",
                                               "description": "The owner_token from creating a pitch."}},
        },
        "paths": {
            "/api/pitches": {
                "post": {
                    "summary": "Create a pitch", "operationId": "createPitch",
                    "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("NewPitch")}}},
                    "responses": {
                        "202": {**_json(_ref("Created"), "Accepted: the pitch is being made."),
                                "headers": {"Location": {"schema": {"type": "string"},
                                                         "description": "Its status URL."}}},
                        "400": _error("The body is not a JSON object."),
                        "401": _error("The bearer token is not valid."),
                        "415": _error("The body is not application/json."),
                        "422": _error("The idea is missing, too short, too long or not plain text."),
                        "503": _error("Every writer is busy; see Retry-After."),
                    },
                },
                "get": {
                    "summary": "List your pitches", "operationId": "listPitches",
                    "security": [{"ownerToken": []}, {}],
                    "parameters": [{"name": "mine", "in": "query", "required": True,
                                    "schema": {"enum": ["1", "true"]}}],
                    "responses": {"200": _json(_ref("PitchList"), "Your pitches, newest first."),
                                  "400": _error("?mine=1 is missing."),
                                  "401": _error("The bearer token is not valid.")},
                },
            },
            "/api/pitches/{slug}": {
                "parameters": [SLUG],
                "get": {
                    "summary": "A pitch's status and outputs", "operationId": "getPitch",
                    "responses": {"200": _json(_ref("Pitch"), "The pitch; send If-None-Match to get 304."),
                                  "304": {"description": "Unchanged since the ETag sent."},
                                  "404": _error("No such pitch."), "410": _error("The pitch was deleted.")},
                },
                "patch": {
                    "summary": "Publish or unpublish", "operationId": "updatePitch",
                    "security": [{"ownerToken": []}],
                    "requestBody": {"required": True,
                                    "content": {"application/json": {"schema": _ref("Visibility")}}},
                    "responses": {"200": _json(_ref("Pitch"), "The pitch after the change."),
                                  "401": _error("The bearer token is not valid."),
                                  "403": _error("Not your pitch."), "404": _error("No such pitch."),
                                  "409": _error("Not finished yet, so it cannot be published."),
                                  "410": _error("The pitch was deleted."),
                                  "415": _error("The body is not application/json."),
                                  "422": _error("The body is not {\"published\": true|false}.")},
                },
                "delete": {
                    "summary": "Delete a pitch", "operationId": "deletePitch",
                    "security": [{"ownerToken": []}],
                    "responses": {"204": {"description": "Deleted; its link now answers 410."},
                                  "401": _error("The bearer token is not valid."),
                                  "403": _error("Not your pitch."), "404": _error("No such pitch."),
                                  "410": _error("Already deleted."),
                                  "415": _error("Neither a bearer token nor a JSON request.")},
                },
            },
        },
    }
