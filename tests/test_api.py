"""The JSON API, and every response checked against the OpenAPI document it serves."""

from __future__ import annotations

import pytest
from helpers import drain
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_spec
from referencing import Registry
from referencing.jsonschema import DRAFT202012

IDEA = "A submarine captain receives orders from a country that no longer exists."


@pytest.fixture
def spec(client):
    document = client.get("/api/openapi.json").get_json()
    validate_spec(document)
    return document


def conforms(spec, response, path, method):
    """Assert a response matches the schema the document gives for its path, method and status."""
    operation = spec["paths"][path][method]
    described = operation["responses"].get(str(response.status_code))
    assert described, f"{method.upper()} {path} does not document {response.status_code}"
    if "content" not in described:
        return
    schema = described["content"]["application/json"]["schema"]
    # The document is one resource, so "#/components/..." references resolve inside it.
    registry = Registry().with_resource("urn:openapi", DRAFT202012.create_resource(spec))
    root = {"$ref": "urn:openapi" + schema["$ref"]} if "$ref" in schema else schema
    Draft202012Validator(root, registry=registry).validate(response.get_json())


def create(client, body=None, **kwargs):
    return client.post("/api/pitches", json={"idea": IDEA} if body is None else body, **kwargs)


def test_the_document_is_valid_openapi(spec):
    assert spec["openapi"].startswith("3.")
    assert {"/api/pitches", "/api/pitches/{slug}"} <= set(spec["paths"])


def test_create_answers_202_with_slug_location_and_a_token(client, app, spec):
    response = create(client)
    conforms(spec, response, "/api/pitches", "post")
    body = response.get_json()
    assert response.status_code == 202
    assert response.headers["Location"] == f"/api/pitches/{body['slug']}"
    assert body["permalink"] == f"http://localhost/p/{body['slug']}" and body["owner_token"]
    drain(app)
    status = client.get(response.headers["Location"])
    conforms(spec, status, "/api/pitches/{slug}", "get")
    assert status.get_json()["status"] == "done"


@pytest.mark.parametrize(
    "kwargs, code",
    [
        ({"data": "idea=hello there", "content_type": "application/x-www-form-urlencoded"}, 415),
        ({"data": "not json", "content_type": "text/plain"}, 415),
        ({"data": "[1, 2]", "content_type": "application/json"}, 400),
        ({"json": {}}, 422),
        ({"json": {"idea": 42}}, 422),
        ({"json": {"idea": "hi"}}, 422),
        ({"json": {"idea": "x" * 301}}, 422),
        ({"json": {"idea": "An evil\x00 genius"}}, 422),
    ],
)
def test_bad_requests_get_the_right_status_and_field_errors(client, spec, kwargs, code):
    response = client.post("/api/pitches", **kwargs)
    assert response.status_code == code
    conforms(spec, response, "/api/pitches", "post")
    if code == 422:
        assert response.get_json()["error"]["fields"]["idea"]


def test_the_token_lists_publishes_and_deletes(client, app, spec):
    created = create(client).get_json()
    token = {"Authorization": f"Bearer {created['owner_token']}"}
    drain(app)
    robot = app.test_client()  # no cookies: the token alone says who it is

    listed = robot.get("/api/pitches?mine=1", headers=token)
    conforms(spec, listed, "/api/pitches", "get")
    assert [p["slug"] for p in listed.get_json()["pitches"]] == [created["slug"]]
    # The same token creates more pitches for the same owner.
    second = create(robot, headers=token).get_json()
    assert second["owner_token"] == created["owner_token"]
    drain(app)
    assert len(robot.get("/api/pitches?mine=1", headers=token).get_json()["pitches"]) == 2

    path = f"/api/pitches/{created['slug']}"
    published = robot.patch(path, json={"published": True}, headers=token)
    conforms(spec, published, "/api/pitches/{slug}", "patch")
    assert published.get_json()["published"] is True
    assert created["slug"] in robot.get("/gallery").get_data(as_text=True)

    gone = robot.delete(path, headers=token)
    assert gone.status_code == 204
    after = robot.get(path)
    assert after.status_code == 410
    conforms(spec, after, "/api/pitches/{slug}", "get")


def test_tokens_without_rights_are_refused(client, app, spec):
    created = create(client).get_json()
    drain(app)
    stranger = create(app.test_client()).get_json()["owner_token"]
    path = f"/api/pitches/{created['slug']}"

    for response in (
        client.patch(path, json={"published": True}, headers={"Authorization": f"Bearer {stranger}"}),
        client.delete(path, headers={"Authorization": f"Bearer {stranger}"}),
    ):
        assert response.status_code == 403
        conforms(spec, response, "/api/pitches/{slug}", response.request.method.lower())

    forged = {"Authorization": "Bearer not-a-real-token"}
    response = client.patch(path, json={"published": True}, headers=forged)
    assert response.status_code == 401
    conforms(spec, response, "/api/pitches/{slug}", "patch")
    assert client.get("/api/pitches?mine=1", headers=forged).status_code == 401


def test_patch_and_delete_validate_their_input(client, app, spec):
    created = create(client).get_json()
    drain(app)
    path = f"/api/pitches/{created['slug']}"
    token = {"Authorization": f"Bearer {created['owner_token']}"}
    for response, code in (
        (client.patch(path, json={"published": "yes"}, headers=token), 422),
        (client.patch(path, json={"title": "x"}, headers=token), 422),
        (client.patch(path, data="published", headers=token), 415),
        (client.patch("/api/pitches/nope", json={"published": True}, headers=token), 404),
    ):
        assert response.status_code == code
        conforms(spec, response, "/api/pitches/{slug}", "patch")
    # A cookie alone, with no JSON and no token, cannot delete (that would be forgeable cross-site).
    assert client.delete(path).status_code == 415


def test_listing_needs_mine(client, spec):
    response = client.get("/api/pitches")
    assert response.status_code == 400
    conforms(spec, response, "/api/pitches", "get")


def test_an_unfinished_pitch_cannot_be_published(client, app, spec):
    store = app.extensions["moviepitch"].store
    created = create(client).get_json()
    drain(app)
    store.reopen(store.pitch_id(created["slug"]), ("done",), ("title",))  # queued again, not finished
    response = client.patch(
        f"/api/pitches/{created['slug']}",
        json={"published": True},
        headers={"Authorization": f"Bearer {created['owner_token']}"},
    )
    assert response.status_code == 409
    conforms(spec, response, "/api/pitches/{slug}", "patch")
