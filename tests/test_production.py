"""Production: security headers, cookies, body caps, limits, the daily budget, health, graceful restarts."""

from __future__ import annotations

import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest
from helpers import csrf_token, drain, make_app, submit_idea

from moviepitch import runtime
from moviepitch.storage.budget import Budget
from moviepitch.web.extensions import limiter

IDEA = "A boxer must win one last fight to save his family's bakery."


@pytest.fixture
def limited(tmp_path):
    """An app with tight limits and a tiny budget."""
    app = make_app(
        tmp_path, CREATE_LIMIT="2 per minute", REGENERATE_LIMIT="1 per minute", DAILY_PITCHES=3, DAILY_IMAGES=10
    )
    limiter.reset()
    yield app
    limiter.reset()
    app.extensions["moviepitch"].jobs.drain(timeout=60)
    app.extensions["moviepitch"].jobs.shutdown()


def test_security_headers_on_every_page(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Strict-Transport-Security" not in response.headers  # plain http keeps working


def test_https_gets_hsts_and_secure_cookies(client):
    page = client.get("/", base_url="https://localhost")
    assert page.headers["Strict-Transport-Security"].startswith("max-age=")
    token = csrf_token(client)
    # Over https, Flask-WTF also checks that the form came from this site (the Referer).
    response = client.post(
        "/",
        data={"idea": IDEA, "csrf_token": token},
        base_url="https://localhost",
        headers={"Referer": "https://localhost/"},
    )
    assert response.status_code == 303
    cookies = response.headers.getlist("Set-Cookie")
    owner = next(c for c in cookies if c.startswith("moviepitch_owner="))
    assert "Secure" in owner and "HttpOnly" in owner and "SameSite=Lax" in owner


def test_the_session_cookie_is_httponly_and_samesite(client):
    cookie = next(c for c in client.get("/").headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_no_inline_scripts_or_styles_in_the_pages(client, app):
    submit_idea(client, IDEA)
    drain(app)
    for path in ("/", "/gallery", "/mine"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>" not in html and " style=" not in html and "onclick" not in html


def test_bodies_over_the_cap_get_413(client):
    response = client.post("/api/pitches", data=b'{"idea": "' + b"x" * 70_000 + b'"}', content_type="application/json")
    assert response.status_code == 413
    assert response.get_json()["error"]["status"] == 413


def test_creating_is_limited_per_address_with_a_friendly_429(limited):
    client = limited.test_client()
    assert submit_idea(client, IDEA).status_code == 303
    assert submit_idea(client, IDEA).status_code == 303
    over = submit_idea(client, IDEA)
    assert over.status_code == 429 and 0 < int(over.headers["Retry-After"]) <= 60
    page = over.get_data(as_text=True)
    # The form comes back with the idea in it and says when to try again.
    assert "Try again in " in page and IDEA.replace("'", "&#39;") in page
    # The API shares the limit and answers JSON.
    api = client.post("/api/pitches", json={"idea": IDEA})
    assert api.status_code == 429 and api.headers["Retry-After"]
    assert api.get_json()["error"]["status"] == 429
    # Page views are never limited.
    assert all(client.get("/").status_code == 200 for _ in range(10))


def test_regenerating_is_limited(limited):
    client = limited.test_client()
    slug = submit_idea(client, IDEA).headers["Location"].rsplit("/", 1)[-1]
    drain(limited)
    token = csrf_token(client)
    assert client.post(f"/p/{slug}/regenerate/title", data={"csrf_token": token}).status_code == 303
    drain(limited)
    assert client.post(f"/p/{slug}/regenerate/title", data={"csrf_token": token}).status_code == 429


def test_the_daily_budget_refuses_new_pitches_and_viewing_keeps_working(limited):
    limiter.enabled = False
    try:
        clients = [limited.test_client() for _ in range(4)]  # different browsers, same budget
        made = [submit_idea(c, IDEA) for c in clients]
        assert [r.status_code for r in made] == [303, 303, 303, 429]
        assert "all the pitches we can for today" in made[3].get_data(as_text=True)
        assert int(made[3].headers["Retry-After"]) <= 86400
        drain(limited)
        slug = made[0].headers["Location"].rsplit("/", 1)[-1]
        assert clients[3].get(f"/p/{slug}").status_code == 200
        api = clients[3].post("/api/pitches", json={"idea": IDEA})
        assert api.status_code == 429 and "budget" in api.get_json()["error"]["message"]
    finally:
        limiter.enabled = True


def test_the_budget_is_one_atomic_counter(store):
    budget = Budget(store, pitches=5, images=1)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: budget.spend("pitches"), range(20)))
    assert results.count(True) == 5
    assert budget.spend("images") and not budget.spend("images")
    budget.refund("images")
    assert budget.spend("images")


def test_a_spent_image_budget_fails_only_the_poster(tmp_path):
    app = make_app(tmp_path, DAILY_IMAGES=0)
    client = app.test_client()
    slug = submit_idea(client, IDEA).headers["Location"].rsplit("/", 1)[-1]
    drain(app)
    doc = client.get(f"/api/pitches/{slug}").get_json()
    assert doc["status"] == "partial" and doc["outputs"]["synopsis"]
    assert "poster budget is spent" in doc["failure"]
    app.extensions["moviepitch"].jobs.shutdown()


def test_calls_carry_a_hashed_safety_identifier(tmp_path, stub):
    app = make_app(
        tmp_path,
        PROVIDER=None,
        OPENAI_BASE_URL=stub.base_url,
        TEXT_MODEL="local-llama",
        IMAGE_MODEL="gpt-image-2.5-sunburst",
        SAFETY_IDENTIFIER=True,
        MAX_RETRIES=0,
    )
    client = app.test_client()
    slug = submit_idea(client, IDEA).headers["Location"].rsplit("/", 1)[-1]
    drain(app)
    owner = app.extensions["moviepitch"].store.view(slug).owner_id
    sent = {r.body.get("safety_identifier") for r in stub.requests_to("/chat/completions")}
    sent |= {r.body.get("safety_identifier") for r in stub.requests_to("/images/generations")}
    app.extensions["moviepitch"].jobs.shutdown()
    assert len(sent) == 1
    (identifier,) = sent
    assert identifier and len(identifier) == 32 and owner not in identifier


def test_health_and_readiness(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    assert client.get("/readyz").get_json() == {"status": "ok", "checks": {"database": "ok", "schema": "ok"}}


def test_behind_a_proxy_the_forwarded_scheme_is_trusted_and_the_host_is_not(tmp_path):
    app = make_app(tmp_path, PROXY_HOPS=1)
    client = app.test_client()
    slug = submit_idea(client, IDEA).headers["Location"].rsplit("/", 1)[-1]
    drain(app)
    response = app.test_client().get(
        f"/p/{slug}", headers={"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example"}
    )
    assert "Strict-Transport-Security" in response.headers
    html = response.get_data(as_text=True)
    assert "evil.example" not in html and 'content="https://localhost/p/' in html
    app.extensions["moviepitch"].jobs.shutdown()


def test_gunicorn_hooks_warm_the_worker(app, monkeypatch):
    conf = runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))
    assert conf["worker_class"] == "gthread" and conf["preload_app"] is False
    services = app.extensions["moviepitch"]
    warmed = []
    monkeypatch.setattr(runtime, "start_pool", warmed.append)
    monkeypatch.setattr(services.provider, "warm", lambda: warmed.append("provider"))
    # Not the test process's own collector: record what a booting worker would do to its own.
    monkeypatch.setattr(
        runtime, "gc", SimpleNamespace(collect=lambda: warmed.append("collect"), freeze=lambda: warmed.append("freeze"))
    )
    worker = SimpleNamespace(wsgi=app)
    conf["post_worker_init"](worker)
    assert warmed == ["provider", services.image_processes, "collect", "freeze"]
    # Handing pitches back on exit: see test_claims.py.
