"""The OpenAPI 3.1 description of the JSON API (tests check real responses against it)."""

from __future__ import annotations

from functools import lru_cache

from ...studio.knobs import KNOBS
from ...vocab import STEPS, Status, StepState
from . import meeting_openapi

STATUSES = [status.value for status in Status]
NULLABLE_STRING = {"type": ["string", "null"]}
TIME = {"type": ["string", "null"], "format": "date-time"}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error(description: str) -> dict:
    return _json(_ref("Error"), description)


KNOB_PROPERTIES = {
    knob.name: {
        "type": ["number", "null"],
        "minimum": knob.low,
        "maximum": knob.high,
        "default": knob.default,
        "description": f"{knob.label}: {knob.description}",
    }
    for knob in KNOBS
}
USAGE = {
    "type": "object",
    "additionalProperties": {"type": "integer"},
    "description": "Tokens and images as the API reported them: input_tokens, cached_input_tokens, output_tokens, "
    "reasoning_tokens; image_input_tokens, image_input_text_tokens, image_input_image_tokens, "
    "image_output_tokens, images. Absent keys are 0.",
}


SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["status", "title", "message"],
                "properties": {
                    "status": {"type": "integer"},
                    "title": {"type": "string"},
                    "message": {"type": "string"},
                    "fields": {
                        "type": "object",
                        "additionalProperties": {"type": "array", "items": {"type": "string"}},
                    },
                },
            }
        },
    },
    "NewPitch": {
        "type": "object",
        "required": ["idea"],
        "additionalProperties": True,
        "properties": {
            "idea": {
                "type": "string",
                "minLength": 3,
                "maxLength": 300,
                "description": "One line; line breaks fold into spaces.",
            },
            **KNOB_PROPERTIES,
            "text_model": {
                "type": ["string", "null"],
                "description": "One of the text models on offer (MOVIEPITCH_TEXT_MODELS); default: the configured one.",
            },
            "image_model": {
                "type": ["string", "null"],
                "description": "One of the poster models on "
                "offer (MOVIEPITCH_IMAGE_MODELS); default: the configured one.",
            },
        },
    },
    "Cost": {
        "type": ["object", "null"],
        "required": ["amount", "currency"],
        "description": "What it cost when it was made, by the price table then in force; null when unpriced, and "
        "for anyone but the pitch's owners.",
        "properties": {
            "amount": {"type": "number"},
            "currency": {"type": "string"},
            "complete": {"type": "boolean", "description": "False when some calls had no price."},
        },
    },
    "Knobs": {
        "type": "object",
        "required": [*(knob.name for knob in KNOBS), "takes_knobs", "ignored"],
        "properties": {
            **{knob.name: {"type": ["number", "null"], "description": "As set; null: the default."} for knob in KNOBS},
            "takes_knobs": {"type": "boolean", "description": "Whether the pitch's text model takes all the knobs."},
            "ignored": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Knobs its text model does not take (they are not sent).",
            },
        },
    },
    "Like": {
        "type": "object",
        "required": ["liked", "likes"],
        "properties": {
            "liked": {"type": "boolean", "description": "Whether you like it."},
            "likes": {"type": "integer", "description": "How many visitors like it."},
        },
    },
    "Created": {
        "type": "object",
        "required": ["slug", "url", "permalink", "status_url", "owner_token"],
        "properties": {
            "slug": {"type": "string", "minLength": 10},
            "url": {"type": "string"},
            "permalink": {"type": "string", "format": "uri"},
            "status_url": {"type": "string"},
            "owner_token": {
                "type": "string",
                "description": "Shown once. Send it as `Authorization: Bearer …` to change or list your pitches.",
            },
        },
    },
    "Step": {
        "type": "object",
        "required": [
            "name",
            "label",
            "state",
            "model",
            "error",
            "note",
            "started_at",
            "finished_at",
            "elapsed",
            "usage",
            "cost",
        ],
        "properties": {
            "name": {"enum": list(STEPS)},
            "label": {"type": "string"},
            "state": {"enum": [state.value for state in StepState]},
            "model": {**NULLABLE_STRING, "description": "The model that answered, by short name."},
            "error": NULLABLE_STRING,
            "note": {
                **NULLABLE_STRING,
                "description": "A remark on a finished step, such as an idea that could not be checked.",
            },
            "started_at": TIME,
            "finished_at": TIME,
            "elapsed": {"type": ["number", "null"]},
            "usage": {**USAGE, "description": "What the step's last run used."},
            "cost": _ref("Cost"),
        },
    },
    "Poster": {
        "type": ["object", "null"],
        "required": ["version", "url", "current_url", "thumb_url", "width", "height", "model", "label", "alt"],
        "properties": {
            "version": {"type": "integer"},
            "url": {"type": "string"},
            "current_url": {"type": "string"},
            "thumb_url": {"type": "string"},
            "width": {"type": ["integer", "null"]},
            "height": {"type": ["integer", "null"]},
            "model": NULLABLE_STRING,
            "label": NULLABLE_STRING,
            "alt": {"type": "string", "description": "A short description of what it shows."},
        },
    },
    "Pitch": {
        "type": "object",
        "required": [
            "slug",
            "url",
            "idea",
            "status",
            "active",
            "error",
            "failure",
            "provider",
            "models",
            "usage",
            "created_at",
            "started_at",
            "finished_at",
            "published",
            "steps",
            "progress",
            "outputs",
            "drafts",
            "missing",
            "poster",
            "preview",
            "versions",
            "cost",
            "knobs",
            "likes",
        ],
        "properties": {
            "slug": {"type": "string"},
            "url": {"type": "string"},
            "idea": {"type": "string"},
            "status": {"enum": STATUSES},
            "active": {"type": "boolean"},
            "error": NULLABLE_STRING,
            "failure": NULLABLE_STRING,
            "provider": {"type": "string"},
            "models": {
                "type": "object",
                "additionalProperties": {"type": "string"},
                "description": "The models that made this pitch (text and image), by short name.",
            },
            "usage": {**USAGE, "description": "Every call made for the pitch, regenerations included."},
            "cost": _ref("Cost"),
            "knobs": _ref("Knobs"),
            "likes": {"type": "integer"},
            "created_at": TIME,
            "started_at": TIME,
            "finished_at": TIME,
            "published": {"type": "boolean"},
            "steps": {"type": "array", "items": _ref("Step")},
            "progress": {
                "type": "object",
                "required": ["finished", "total"],
                "properties": {"finished": {"type": "integer"}, "total": {"type": "integer"}},
            },
            "outputs": {
                "type": "object",
                "required": ["reply", "synopsis", "synopsis_complete", "title", "cast", "image_prompt"],
                "properties": {
                    "reply": NULLABLE_STRING,
                    "synopsis": NULLABLE_STRING,
                    "synopsis_complete": {"type": "boolean"},
                    "title": NULLABLE_STRING,
                    "image_prompt": NULLABLE_STRING,
                    "cast": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["character", "actor"],
                            "properties": {"character": {"type": "string"}, "actor": {"type": "string"}},
                        },
                    },
                },
            },
            "drafts": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Parts on show as drafts: the text so far of an answer that was cut off.",
            },
            "missing": {
                "type": "object",
                "additionalProperties": {"type": "string"},
                "description": "Once the pitch is no longer being made: what stands in for each part "
                "that did not come, and why.",
            },
            "poster": _ref("Poster"),
            "preview": {
                "type": ["object", "null"],
                "required": ["index", "url"],
                "properties": {"index": {"type": "integer"}, "url": {"type": "string"}},
            },
            "versions": {
                "type": "object",
                "additionalProperties": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["version", "current"],
                        "properties": {
                            "version": {"type": "integer"},
                            "current": {"type": "boolean"},
                            "message_id": {
                                "type": ["integer", "null"],
                                "description": "The pitch meeting message whose proposal made it, if one did.",
                            },
                            "text": {"type": "string"},
                            "url": {"type": "string"},
                            "thumb_url": {"type": "string"},
                        },
                    },
                },
            },
        },
    },
    "PitchList": {
        "type": "object",
        "required": ["pitches"],
        "properties": {
            "pitches": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["slug", "url", "idea", "title", "status", "thumb_url", "published"],
                    "properties": {
                        "slug": {"type": "string"},
                        "url": {"type": "string"},
                        "idea": {"type": "string"},
                        "title": NULLABLE_STRING,
                        "status": {"type": "string"},
                        "thumb_url": NULLABLE_STRING,
                        "published": {"type": "boolean"},
                    },
                },
            }
        },
    },
    "Visibility": {
        "type": "object",
        "required": ["published"],
        "additionalProperties": False,
        "properties": {"published": {"type": "boolean"}},
    },
}

SLUG = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}


@lru_cache(maxsize=1)
def document() -> dict:
    """The whole OpenAPI document."""
    from .openapi_groups import GROUP_PATHS, GROUP_SCHEMAS  # they build on this module's parts

    return {
        "openapi": "3.1.0",
        "info": {
            "title": "MoviePitch API",
            "version": "1.0.0",
            "description": "Turn a one-line movie idea into a pitch (or three takes, or a comparison of "
            "models), follow it, talk it over with the Movie Boss, publish it, like it, "
            "delete it.",
        },
        "components": {
            "schemas": {**SCHEMAS, **GROUP_SCHEMAS, **meeting_openapi.SCHEMAS},
            "securitySchemes": {
                "ownerToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "The owner_token from creating a pitch.",
                }
            },
        },
        "paths": {
            **GROUP_PATHS,
            "/api/pitches": {
                "post": {
                    "summary": "Create a pitch",
                    "operationId": "createPitch",
                    "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("NewPitch")}}},
                    "responses": {
                        "202": {
                            **_json(_ref("Created"), "Accepted: the pitch is being made."),
                            "headers": {"Location": {"schema": {"type": "string"}, "description": "Its status URL."}},
                        },
                        "400": _error("The body is not a JSON object."),
                        "401": _error("The bearer token is not valid."),
                        "415": _error("The body is not application/json."),
                        "422": _error(
                            "The idea is missing, too short, too long or not plain text; or a knob or "
                            "model is out of range or not on offer."
                        ),
                        "429": _error(
                            "Too many pitches from your address, or today's budget is spent; see Retry-After."
                        ),
                        "503": _error("Every writer is busy; see Retry-After."),
                    },
                },
                "get": {
                    "summary": "List your pitches",
                    "operationId": "listPitches",
                    "security": [{"ownerToken": []}, {}],
                    "parameters": [
                        {"name": "mine", "in": "query", "required": True, "schema": {"enum": ["1", "true"]}}
                    ],
                    "responses": {
                        "200": _json(_ref("PitchList"), "Your pitches, newest first."),
                        "400": _error("?mine=1 is missing."),
                        "401": _error("The bearer token is not valid."),
                    },
                },
            },
            "/api/pitches/{slug}": {
                "parameters": [SLUG],
                "get": {
                    "summary": "A pitch's status and outputs",
                    "operationId": "getPitch",
                    "responses": {
                        "200": _json(_ref("Pitch"), "The pitch; send If-None-Match to get 304."),
                        "304": {"description": "Unchanged since the ETag sent."},
                        "404": _error("No such pitch."),
                        "410": _error("The pitch was deleted."),
                    },
                },
                "patch": {
                    "summary": "Publish or unpublish",
                    "operationId": "updatePitch",
                    "security": [{"ownerToken": []}],
                    "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("Visibility")}}},
                    "responses": {
                        "200": _json(_ref("Pitch"), "The pitch after the change."),
                        "401": _error("The bearer token is not valid."),
                        "403": _error("Not your pitch."),
                        "404": _error("No such pitch."),
                        "409": _error("Not finished yet, so it cannot be published."),
                        "410": _error("The pitch was deleted."),
                        "415": _error("The body is not application/json."),
                        "422": _error('The body is not {"published": true|false}.'),
                    },
                },
                "delete": {
                    "summary": "Delete a pitch",
                    "operationId": "deletePitch",
                    "security": [{"ownerToken": []}],
                    "responses": {
                        "204": {"description": "Deleted; its link now answers 410."},
                        "401": _error("The bearer token is not valid."),
                        "403": _error("Not your pitch."),
                        "404": _error("No such pitch."),
                        "410": _error("Already deleted."),
                        "415": _error("Neither a bearer token nor a JSON request."),
                    },
                },
            },
            "/api/pitches/{slug}/like": {
                "parameters": [SLUG],
                "get": {
                    "summary": "Whether you like a pitch",
                    "operationId": "getLike",
                    "security": [{"ownerToken": []}, {}],
                    "responses": {
                        "200": _json(_ref("Like"), "Your like and the count."),
                        "401": _error("The bearer token is not valid."),
                        "404": _error("No such pitch."),
                        "410": _error("The pitch was deleted."),
                    },
                },
                "post": {
                    "summary": "Like a published pitch (once per visitor)",
                    "operationId": "likePitch",
                    "security": [{"ownerToken": []}, {}],
                    "responses": {
                        "200": _json(_ref("Like"), "Liked (liking again changes nothing)."),
                        "401": _error("The bearer token is not valid."),
                        "404": _error("No such pitch."),
                        "409": _error("The pitch is not in the gallery."),
                        "410": _error("The pitch was deleted."),
                        "415": _error("Neither a bearer token nor a JSON request."),
                        "429": _error("Too many likes from your address; see Retry-After."),
                    },
                },
                "delete": {
                    "summary": "Take your like back",
                    "operationId": "unlikePitch",
                    "security": [{"ownerToken": []}, {}],
                    "responses": {
                        "200": _json(_ref("Like"), "Not liked (any more)."),
                        "401": _error("The bearer token is not valid."),
                        "404": _error("No such pitch."),
                        "410": _error("The pitch was deleted."),
                        "415": _error("Neither a bearer token nor a JSON request."),
                        "429": _error("Too many likes from your address; see Retry-After."),
                    },
                },
            },
            **meeting_openapi.PATHS,
        },
    }
