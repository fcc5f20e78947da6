"""Turning the SDK's errors into plain words for everyone, and a hint for operators that points at the fix.

Visitors read only the plain sentence. Operators (the CLI, the log, the owner's page) also get the
hint: the server's address and the setting to change. Keys never appear in either.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import httpx2
import openai

from ..chain.answers import clean, model_name
from .base import ProviderError
from .endpoints import shown, v1_form

# Error codes with which image services refuse a prompt on content grounds.
REFUSAL_CODES = ("moderation_blocked", "content_policy_violation")
# Statuses servers use for "no such route".
NO_ROUTE_STATUSES = (404, 405, 501)
MODELS_TO_NAME = 5

MISCONFIGURED = "The AI service is misconfigured, so this step could not run."


@dataclass(frozen=True)
class Call:
    """What was asked of which endpoint, and which settings govern it."""

    endpoint: str  # "chat completions", "images" or "moderations"
    model: str
    model_setting: str  # e.g. MOVIEPITCH_TEXT_MODEL
    timeout: float
    timeout_setting: str  # e.g. MOVIEPITCH_TEXT_TIMEOUT


@dataclass(frozen=True)
class Server:
    """The server's address as operators may see it, how to ask it for its models, and what to hide."""

    base_url: str | None
    list_models: Callable[[], list[str]]
    secret: str | None = None
    max_retries: int = 2

    @property
    def url(self) -> str:
        return shown(self.base_url)

    def redact(self, text: str) -> str:
        """Text from the server, safe to log and print: our key taken out (some servers repeat it in their
        errors), and no escape sequences for an operator's terminal."""
        text = re.sub(r"sk-[A-Za-z0-9_\-]{4,}", "sk-…", clean(text))
        return text.replace(self.secret, "…") if self.secret and len(self.secret) >= 4 else text


def explain(exc: openai.OpenAIError, call: Call, server: Server) -> ProviderError:
    """A plain message for an SDK error, with a hint for operators naming the address and the setting."""
    url = server.url
    if isinstance(exc, openai.APITimeoutError) and not isinstance(exc.__cause__, httpx2.ConnectTimeout):
        return ProviderError(
            "The AI service took too long to answer.",
            kind="timeout",
            hint=f"No complete answer from {url} within {call.timeout:g} s ({call.timeout_setting}).",
        )
    if isinstance(exc, openai.APIConnectionError):
        if isinstance(exc.__cause__, (httpx2.ConnectError, httpx2.ConnectTimeout)):
            return ProviderError(
                "The AI service could not be reached.",
                kind="unavailable",
                hint=f"Nothing answered at {url}: start the server there, or set OPENAI_BASE_URL to its address.",
            )
        return dropped(url)
    if isinstance(exc, openai.RateLimitError):
        return ProviderError(
            "The AI service is busy right now. Try again in a moment.",
            kind="busy",
            retry_after=_retry_after(exc),
            hint=f"{url} answered 429 (too many requests) after {server.max_retries} retries (MOVIEPITCH_MAX_RETRIES).",
        )
    if isinstance(exc, (openai.AuthenticationError, openai.PermissionDeniedError)):
        return ProviderError(
            MISCONFIGURED,
            kind="misconfigured",
            hint=f"{url} refused our credentials (HTTP {exc.status_code}): check OPENAI_API_KEY and OPENAI_BASE_URL.",
        )
    if isinstance(exc, openai.APIStatusError) and exc.status_code in NO_ROUTE_STATUSES:
        return not_found(exc, call, server)
    if isinstance(exc, openai.APIStatusError) and refused(exc):
        return ProviderError("The image service refused this poster description.", kind="refused")
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code >= 500:
            return ProviderError(
                "The AI service had a problem on its side.",
                kind="unavailable",
                hint=f"{url} answered HTTP {exc.status_code} to {call.endpoint}, also after "
                f"{server.max_retries} retries: check the server's log.",
            )
        return ProviderError(
            "The AI service rejected the request.",
            kind="error",
            hint=f"{url} rejected a {call.endpoint} request for {call.model} (HTTP "
            f"{exc.status_code}): {server.redact(exc.message or '')}",
        )
    return ProviderError(
        "The AI service sent an answer we could not read.",
        kind="bad_output",
        hint=f"{url} sent something the SDK could not read ({type(exc).__name__}).",
    )


def dropped(url: str, partial: str | None = None) -> ProviderError:
    """The server was reached, then closed the connection before its answer was whole."""
    return ProviderError(
        "The AI service stopped answering partway through.",
        kind="dropped",
        partial=partial,
        hint=f"{url} closed the connection before its answer was complete: check the server's "
        "log (it may have crashed or run out of memory).",
    )


def not_found(exc: openai.APIStatusError, call: Call, server: Server) -> ProviderError:
    """Tell apart a wrong base URL, a model the server does not have, and an endpoint it does not offer."""
    url = server.url
    try:
        models = server.list_models()
    except openai.APIStatusError as listing:
        if listing.status_code not in NO_ROUTE_STATUSES:
            models = None
        else:
            better = v1_form(server.base_url)
            fix = (
                f"set OPENAI_BASE_URL={better}"
                if better
                else "set OPENAI_BASE_URL to the server's OpenAI-compatible address"
            )
            return ProviderError(
                MISCONFIGURED,
                kind="misconfigured",
                hint=f"{url} answered HTTP {exc.status_code} to {call.endpoint} and to its model "
                f"list, so it is not an OpenAI-compatible API address: {fix}.",
            )
    except openai.OpenAIError:
        models = None
    body = f"{exc.message} {getattr(exc, 'code', '') or ''}".lower()
    if (models is None or call.model not in models) and "model" in body:
        named = ", ".join(filter(None, map(model_name, models[:MODELS_TO_NAME]))) if models else ""
        listed = f"; it lists {named}" if named else ""
        return ProviderError(
            "The AI service does not have the model it was asked for.",
            kind="misconfigured",
            hint=f"{url} has no model {call.model!r} ({call.model_setting}){listed}.",
        )
    return no_endpoint(call, url, exc.status_code)


def no_endpoint(call: Call, url: str, status: int) -> ProviderError:
    """The server is there but offers no such endpoint; the hint names the setting that does without it."""
    if call.endpoint == "images":
        return ProviderError(
            "The AI service cannot paint posters.",
            kind="no_endpoint",
            hint=f"{url} has no images endpoint (HTTP {status}): set MOVIEPITCH_IMAGE_PROVIDER="
            "offline to paint posters on this machine.",
        )
    if call.endpoint == "moderations":
        return ProviderError(
            "The content check could not run, so this idea was not checked.",
            kind="no_endpoint",
            hint=f"{url} has no moderations endpoint (HTTP {status}): set "
            "MOVIEPITCH_MODERATION_MODEL to a model it can check with, or empty to skip it.",
        )
    return ProviderError(
        "The AI service does not answer chat requests at this address.",
        kind="no_endpoint",
        hint=f"{url} has no {call.endpoint} endpoint (HTTP {status}): set OPENAI_BASE_URL to "
        "the server's OpenAI-compatible address.",
    )


def refused(exc: openai.APIStatusError) -> bool:
    """True when an image service refused the prompt on content grounds."""
    code = getattr(exc, "code", None)
    body = exc.body if isinstance(exc.body, dict) else {}
    return code in REFUSAL_CODES or body.get("code") in REFUSAL_CODES


def names_param(exc: openai.APIStatusError, param: str) -> bool:
    """True when a 400 names this request parameter as the problem."""
    # The SDK usually unwraps {"error": {...}}; some servers send the error bare.
    body = exc.body if isinstance(exc.body, dict) else {}
    error = body["error"] if isinstance(body.get("error"), dict) else body
    return error.get("param") == param or re.search(rf"\b{re.escape(param)}\b", exc.message or "") is not None


def error_code(exc: openai.APIStatusError) -> str | None:
    """The `code` of an OpenAI-style error answer, whether or not the server wrapped it in {"error": ...}."""
    body = exc.body if isinstance(exc.body, dict) else {}
    error = body["error"] if isinstance(body.get("error"), dict) else body
    return getattr(exc, "code", None) or error.get("code")


def _retry_after(exc: openai.APIStatusError) -> float | None:
    value = exc.response.headers.get("retry-after") if exc.response is not None else None
    try:
        return float(value) if value else None
    except ValueError:
        return None
