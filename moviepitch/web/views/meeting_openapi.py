"""The pitch meeting's part of the OpenAPI document: its schemas and paths (openapi.py merges them in)."""

from __future__ import annotations

NULLABLE_STRING = {"type": ["string", "null"]}
PART = {"enum": ["title", "synopsis", "cast", "image_prompt"]}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(**described: str) -> dict:
    return {code.removeprefix("e"): _json(_ref("Error"), text) for code, text in described.items()}


SCHEMAS = {
    "Diff": {
        "type": "array",
        "description": "A word diff: runs of unchanged, removed and added text, in order.",
        "items": {
            "type": "object",
            "required": ["op", "text"],
            "properties": {"op": {"enum": ["same", "del", "ins"]}, "text": {"type": "string"}},
        },
    },
    "Proposal": {
        "type": "object",
        "required": ["index", "summary", "reason", "parts", "chosen", "apply_problem"],
        "properties": {
            "index": {"type": "integer", "description": "The option to send to apply (0, 1 or 2)."},
            "summary": {"type": "string"},
            "reason": {"type": "string"},
            "parts": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["part", "label", "text", "diff"],
                    "properties": {
                        "part": PART,
                        "label": {"type": "string"},
                        "text": {
                            "type": "string",
                            "description": 'The new text (a cast: one "Character: Actor" a line).',
                        },
                        "diff": {**_ref("Diff"), "description": "Against the part as it was proposed to."},
                    },
                },
            },
            "chosen": {"type": "boolean", "description": "Whether this is the option that was applied."},
            "apply_problem": {**NULLABLE_STRING, "description": "Why it cannot be applied now, if it is open."},
        },
    },
    "MeetingMessage": {
        "type": "object",
        "required": ["id", "role", "content", "state", "error", "created_at"],
        "properties": {
            "id": {"type": "integer"},
            "role": {"enum": ["user", "assistant"]},
            "content": {"type": "string", "description": "The owner's words, or the boss's reply (so far)."},
            "state": {"enum": ["queued", "writing", "done", "failed"]},
            "error": NULLABLE_STRING,
            "created_at": {"type": ["string", "null"], "format": "date-time"},
            "passage": {**NULLABLE_STRING, "description": "The sentences of the synopsis the message is about."},
            "alternatives": {"enum": [1, 3]},
            "proposals": {"type": "array", "items": _ref("Proposal")},
            "proposal_status": {"enum": ["open", "applied", "rejected", "undone", None]},
            "chosen": {"type": ["integer", "null"]},
            "paint": {"type": "boolean"},
            "versions": {
                "type": "object",
                "description": 'Once applied: {"made": {part: version}, "before": {part: version}}.',
                "additionalProperties": {"type": "object", "additionalProperties": {"type": "integer"}},
            },
            "undo_problem": NULLABLE_STRING,
            "can_undo": {"type": "boolean"},
        },
    },
    "Meeting": {
        "type": "object",
        "required": ["slug", "url", "busy", "closed", "summary", "messages"],
        "properties": {
            "slug": {"type": "string"},
            "url": {"type": "string"},
            "busy": {"type": "boolean", "description": "Whether the boss is answering (poll until it is not)."},
            "closed": {**NULLABLE_STRING, "description": "Why no message can be sent now, if so."},
            "summary": {
                "type": ["object", "null"],
                "required": ["upto_id", "content", "source"],
                "description": "The older turns in short, as the model now reads them.",
                "properties": {
                    "upto_id": {"type": "integer"},
                    "content": {"type": "string"},
                    "source": {"enum": ["model", "extract"]},
                },
            },
            "messages": {"type": "array", "items": _ref("MeetingMessage")},
        },
    },
    "NewMessage": {
        "type": "object",
        "required": ["message"],
        "properties": {
            "message": {"type": "string", "minLength": 1, "maxLength": 500, "description": "Plain words (no markup)."},
            "passage": {
                **NULLABLE_STRING,
                "description": "Words of the synopsis to talk over alone; grown to whole sentences.",
            },
            "alternatives": {"enum": [1, 3, None], "description": "3 asks for three proposals."},
        },
    },
    "TurnStarted": {
        "type": "object",
        "required": ["message", "answer", "meeting_url"],
        "properties": {
            "message": _ref("MeetingMessage"),
            "answer": _ref("MeetingMessage"),
            "meeting_url": {"type": "string"},
        },
    },
    "Settled": {
        "type": "object",
        "required": ["message", "rerunning", "status_url"],
        "properties": {
            "message": _ref("MeetingMessage"),
            "rerunning": {
                "type": "array",
                "items": {"type": "string"},
                "description": "The chain's steps made again (poll the pitch's status).",
            },
            "status_url": {"type": "string"},
        },
    },
    "Apply": {
        "type": "object",
        "properties": {
            "option": {"type": "integer", "minimum": 0, "maximum": 2, "default": 0},
            "paint": {"type": "boolean", "default": False, "description": "And paint a new poster."},
        },
    },
}

_SLUG = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}
_MESSAGE = {"name": "message_id", "in": "path", "required": True, "schema": {"type": "integer"}}
_OWNERS = [{"ownerToken": []}, {}]
_ACCESS = _errors(
    e401="The bearer token is not valid.",
    e403="Not your pitch: only its owners hold its meeting.",
    e404="No such pitch or message.",
    e410="The pitch was deleted.",
)

PATHS = {
    "/api/pitches/{slug}/meeting": {
        "parameters": [_SLUG],
        "get": {
            "summary": "The pitch meeting",
            "operationId": "getMeeting",
            "security": _OWNERS,
            "responses": {
                "200": _json(_ref("Meeting"), "Every message; send If-None-Match to get 304."),
                "304": {"description": "Unchanged since the ETag sent."},
                **_ACCESS,
            },
        },
        "post": {
            "summary": "Send the Movie Boss a message",
            "operationId": "sendMeetingMessage",
            "security": _OWNERS,
            "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("NewMessage")}}},
            "responses": {
                "202": _json(_ref("TurnStarted"), "Sent: the answer is being written (poll the meeting)."),
                **_ACCESS,
                **_errors(
                    e400="The body is not a JSON object.",
                    e409="The boss is still answering, or the pitch is being made.",
                    e415="The body is not application/json.",
                    e422="The message is empty, longer than 500 characters or not plain text; or the "
                    "passage is not in the synopsis.",
                    e429="Too many messages from your address, or today's budget is spent; see Retry-After.",
                    e503="Every writer is busy; see Retry-After.",
                ),
            },
        },
    },
    "/api/pitches/{slug}/meeting/{message_id}/apply": {
        "parameters": [_SLUG, _MESSAGE],
        "post": {
            "summary": "Apply a proposal",
            "operationId": "applyProposal",
            "security": _OWNERS,
            "requestBody": {"content": {"application/json": {"schema": _ref("Apply")}}},
            "responses": {
                "200": _json(_ref("Settled"), "Applied: new versions, and what is made again."),
                **_ACCESS,
                **_errors(
                    e409="Already settled, the pitch is busy, or it changed since the proposal.",
                    e415="Neither a bearer token nor a JSON request.",
                    e422="The option or paint is not a number or a boolean.",
                    e429="Too many from your address; see Retry-After.",
                ),
            },
        },
    },
    "/api/pitches/{slug}/meeting/{message_id}/{action}": {
        "parameters": [
            _SLUG,
            _MESSAGE,
            {"name": "action", "in": "path", "required": True, "schema": {"enum": ["reject", "undo"]}},
        ],
        "post": {
            "summary": "Turn a proposal down, or undo an applied one",
            "operationId": "settleProposal",
            "security": _OWNERS,
            "responses": {
                "200": _json(_ref("Settled"), "Done."),
                **_ACCESS,
                **_errors(
                    e409="Not open (reject) or not undoable now (undo: a later change is on show, or the pitch "
                    "is busy).",
                    e415="Neither a bearer token nor a JSON request.",
                ),
            },
        },
    },
}
