"""Fine-tuning jobs through the openai SDK: upload a training file, start a job, read its state and events, cancel it.

Every API failure becomes a TuningError: one line for the operator, with the API's own words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import openai

from ..providers.endpoints import shown
from ..providers.openai_errors import Server

# Upload and job calls: a training file can take a while to send.
TIMEOUT_SECONDS = 120.0
FINISHED = ("succeeded", "failed", "cancelled")
SUFFIX_MAX = 64
RECENT_JOBS = 10
EVENTS_SHOWN = 30


class TuningError(Exception):
    """A fine-tuning call failed; the message is one line an operator can act on."""


@dataclass(frozen=True)
class JobState:
    """A job and its events, oldest first."""

    job: object  # openai.types.fine_tuning.FineTuningJob
    events: list


def make_client(config: Mapping) -> openai.OpenAI:
    """An SDK client from the settings (OPENAI_API_KEY, OPENAI_BASE_URL); a TuningError when neither is set."""
    key, base_url = config.get("OPENAI_API_KEY"), config.get("OPENAI_BASE_URL")
    if not key and not base_url:
        raise TuningError(
            "Fine-tuning runs on the OpenAI API: set OPENAI_API_KEY (or OPENAI_BASE_URL for another "
            "server with a fine-tuning API)."
        )
    return openai.OpenAI(
        api_key=key or "no-key-needed",
        base_url=base_url or None,
        max_retries=int(config.get("MAX_RETRIES", 2)),
        timeout=TIMEOUT_SECONDS,
    )


def _failed(what: str, exc: openai.OpenAIError, client: openai.OpenAI) -> TuningError:
    """One line saying what failed and why, in the API's words (never a key)."""
    where = shown(str(client.base_url))
    if isinstance(exc, openai.APIStatusError):
        code = getattr(exc, "code", None)
        body = exc.body if isinstance(exc.body, dict) else {}
        # The server's words, with our key and any terminal escape sequences taken out.
        server = Server(str(client.base_url), list, secret=client.api_key)
        message = " ".join(server.redact(str(body.get("message") or exc.message or "")).split())
        return TuningError(f"{what} was refused (HTTP {exc.status_code}{f', {code}' if code else ''}): {message}")
    if isinstance(exc, openai.APITimeoutError):
        return TuningError(f"{what} failed: {where} did not answer within {TIMEOUT_SECONDS:g} s.")
    if isinstance(exc, openai.APIConnectionError):
        return TuningError(f"{what} failed: {where} could not be reached.")
    return TuningError(f"{what} failed: {exc}")


def start(client: openai.OpenAI, path: str | Path, model: str, suffix: str | None = None):
    """Upload the training file (purpose fine-tune) and start a supervised job on `model`; the job."""
    if suffix is not None and not 0 < len(suffix) <= SUFFIX_MAX:
        raise TuningError(f"The suffix must be 1 to {SUFFIX_MAX} characters.")
    path = Path(path)
    try:
        with path.open("rb") as data:
            uploaded = client.files.create(file=(path.name, data), purpose="fine-tune")
    except openai.OpenAIError as exc:
        raise _failed(f"Uploading {path.name}", exc, client) from exc
    except OSError as exc:
        raise TuningError(f"Could not read {path}: {exc.strerror or exc}.") from exc
    try:
        return client.fine_tuning.jobs.create(
            model=model,
            training_file=uploaded.id,
            method={"type": "supervised"},
            **({"suffix": suffix} if suffix else {}),
        )
    except openai.OpenAIError as exc:
        error = _failed(f"Starting a fine-tuning job on {model}", exc, client)
        _forget_file(client, uploaded.id)
        raise error from exc


def _forget_file(client: openai.OpenAI, file_id: str) -> None:
    """Delete an upload no job will use (best effort: it only costs storage)."""
    try:
        client.files.delete(file_id)
    except openai.OpenAIError:
        pass


def state(client: openai.OpenAI, job_id: str) -> JobState:
    """A job and its latest events, oldest first."""
    try:
        job = client.fine_tuning.jobs.retrieve(job_id)
        events = client.fine_tuning.jobs.list_events(job_id, limit=EVENTS_SHOWN).data
    except openai.OpenAIError as exc:
        raise _failed(f"Reading job {job_id}", exc, client) from exc
    return JobState(job, list(reversed(events)))  # the API lists the newest first


def recent(client: openai.OpenAI, limit: int = RECENT_JOBS) -> list:
    """The most recent jobs, newest first."""
    try:
        return list(client.fine_tuning.jobs.list(limit=limit).data)
    except openai.OpenAIError as exc:
        raise _failed("Listing fine-tuning jobs", exc, client) from exc


def cancel(client: openai.OpenAI, job_id: str):
    """Cancel a job that has not finished; the job."""
    try:
        return client.fine_tuning.jobs.cancel(job_id)
    except openai.OpenAIError as exc:
        raise _failed(f"Cancelling job {job_id}", exc, client) from exc
