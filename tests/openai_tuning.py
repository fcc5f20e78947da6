"""The Files and Fine-tuning APIs of the test stub (tests/openai_stub.py), answering as OpenAI's do.

Uploads (multipart, purpose fine-tune, .jsonl only), then jobs that move one stage each time they are
retrieved: validating_files (where a file with too few or malformed examples fails the job, as the real
service does), queued, running, succeeded with a fine-tuned model named ft:BASE:ORG:SUFFIX:ID. Jobs and
events list newest first, with `limit` and `after`. Cancelling a finished job is a 400.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from email.parser import BytesParser
from email.policy import HTTP
from urllib.parse import parse_qs

from openai_faults import count_tokens, error_json

# Dated snapshots that can be fine-tuned; their undated names are taken too.
TUNABLE = ("gpt-4.1-2025-04-14", "gpt-4.1-mini-2025-04-14", "gpt-4.1-nano-2025-04-14", "gpt-4o-mini-2024-07-18")
ORGANIZATION = "moviepitch-stub"
MIN_EXAMPLES = 10
EPOCHS = 3
STAGES = ("validating_files", "queued", "running", "succeeded")
FINISHED = ("succeeded", "failed", "cancelled")
PURPOSES = ("assistants", "batch", "fine-tune", "vision", "user_data", "evals")


def multipart_fields(content_type: str, raw: bytes) -> dict:
    """The fields of a multipart/form-data body: text fields as strings, files as {"filename", "content"}."""
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + raw)
    fields: dict = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        fields[name] = {"filename": filename, "content": payload} if filename else payload.decode()
    return fields


def _problem(status: int, message: str, code: str | None = None, param: str | None = None) -> tuple[int, dict]:
    return status, {"error": error_json(status, message, code=code, param=param)}


def _file_problem(content: bytes) -> tuple[str, str] | None:
    """Why a training file fails validation (code, message), as the service reports it on the job."""
    lines = [line for line in content.decode("utf-8", "replace").splitlines() if line.strip()]
    for number, line in enumerate(lines, 1):
        try:
            messages = json.loads(line)["messages"]
            assert isinstance(messages, list) and messages
            assert all(
                m["role"] in ("system", "user", "assistant") and isinstance(m["content"], str) and m["content"].strip()
                for m in messages
            )
            assert any(m["role"] == "assistant" for m in messages)
        except (ValueError, KeyError, TypeError, AssertionError):
            return "invalid_file_format", f'Invalid file format. Line {number}, key "messages": not a valid chat.'
    if len(lines) < MIN_EXAMPLES:
        return (
            "invalid_n_examples",
            f"Training file has {len(lines)} example(s), but must have at least {MIN_EXAMPLES} examples",
        )
    return None


class TuningAPI:
    """The stub's files and fine-tuning jobs, in memory."""

    def __init__(self) -> None:
        self.files: dict[str, dict] = {}
        self.contents: dict[str, bytes] = {}
        self.jobs: dict[str, dict] = {}
        self.events: dict[str, list[dict]] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def reset(self) -> None:
        """Forget every file and job."""
        with self._lock:
            self.files.clear(), self.contents.clear(), self.jobs.clear(), self.events.clear()

    def handles(self, path: str) -> bool:
        """True for the paths this API answers."""
        return path.startswith(("/v1/files", "/v1/fine_tuning/jobs"))

    def answer(self, method: str, path: str, query: str, body: dict | None) -> tuple[int, dict]:
        """(status, JSON body) for one request."""
        parts = path.removeprefix("/v1/").split("/")
        params = {key: values[-1] for key, values in parse_qs(query).items()}
        with self._lock:
            if parts[0] == "files":
                return self._files(method, parts[1:], body or {})
            return self._jobs(method, parts[2:], params, body or {})

    # Files

    def _files(self, method: str, rest: list[str], body: dict) -> tuple[int, dict]:
        if method == "POST" and not rest:
            return self._upload(body)
        if rest and rest[0] in self.files:
            if method == "DELETE":
                self.files.pop(rest[0]), self.contents.pop(rest[0], None)
                return 200, {"id": rest[0], "object": "file", "deleted": True}
            return 200, self.files[rest[0]]
        return _problem(404, f"No such File object: {rest[0] if rest else ''}", param="id")

    def _upload(self, body: dict) -> tuple[int, dict]:
        upload, purpose = body.get("file"), body.get("purpose")
        if not isinstance(upload, dict):
            return _problem(400, "'file' is a required property", param="file")
        if purpose not in PURPOSES:
            return _problem(400, f"'{purpose}' is not one of {list(PURPOSES)} - 'purpose'", param="purpose")
        if purpose == "fine-tune" and not (upload["filename"] or "").endswith(".jsonl"):
            return _problem(400, "Invalid file format for Fine-Tuning API. Must be .jsonl", param="file")
        file_id = f"file-stub{next(self._ids)}"
        self.files[file_id] = {
            "id": file_id,
            "object": "file",
            "bytes": len(upload["content"]),
            "created_at": int(time.time()),
            "filename": upload["filename"],
            "purpose": purpose,
            "status": "processed",
            "expires_at": None,
            "status_details": None,
        }
        self.contents[file_id] = upload["content"]
        return 200, self.files[file_id]

    # Jobs

    def _jobs(self, method: str, rest: list[str], params: dict, body: dict) -> tuple[int, dict]:
        if not rest:
            if method == "POST":
                return self._create(body)
            return 200, self._page(list(reversed(self.jobs.values())), params)
        job = self.jobs.get(rest[0])
        if job is None:
            return _problem(
                404,
                f"Could not find fine-tuning job {rest[0]}.",
                code="fine_tuning_job_not_found",
                param="fine_tuning_job_id",
            )
        if rest[1:] == ["events"]:
            return 200, self._page(list(reversed(self.events[job["id"]])), params)
        if rest[1:] == ["cancel"] and method == "POST":
            if job["status"] in FINISHED:
                return _problem(400, f"Cannot cancel a job that has already {job['status']}.", code="invalid_state")
            self._finish(job, "cancelled", "Fine-tuning job cancelled.")
            return 200, job
        self._advance(job)
        return 200, job

    def _create(self, body: dict) -> tuple[int, dict]:
        model, training = body.get("model"), body.get("training_file")
        snapshot = next((name for name in TUNABLE if model in (name, name.rsplit("-", 3)[0])), None)
        if snapshot is None:
            return _problem(
                400,
                f"Model {model} is not available for fine-tuning or does not exist.",
                code="model_not_available",
                param="model",
            )
        if self.files.get(training, {}).get("purpose") != "fine-tune":
            return _problem(
                400,
                f"Invalid file ID: {training}. Upload it with purpose fine-tune first.",
                code="invalid_training_file",
                param="training_file",
            )
        suffix = body.get("suffix")
        if suffix is not None and not (isinstance(suffix, str) and 0 < len(suffix) <= 64):
            return _problem(400, "suffix must be 1 to 64 characters.", param="suffix")
        job_id = f"ftjob-stub{next(self._ids)}"
        hyper = {"batch_size": 1, "learning_rate_multiplier": 2.0, "n_epochs": EPOCHS}
        self.jobs[job_id] = {
            "id": job_id,
            "object": "fine_tuning.job",
            "created_at": int(time.time()),
            "error": None,
            "fine_tuned_model": None,
            "finished_at": None,
            "hyperparameters": hyper,
            "model": snapshot,
            "organization_id": f"org-{ORGANIZATION}",
            "result_files": [],
            "seed": 42,
            "status": "validating_files",
            "trained_tokens": None,
            "training_file": training,
            "validation_file": None,
            "estimated_finish": None,
            "integrations": [],
            "metadata": None,
            "method": {
                "type": (body.get("method") or {}).get("type", "supervised"),
                "supervised": {"hyperparameters": hyper},
            },
            "user_provided_suffix": suffix,
        }
        self.events[job_id] = []
        self._event(job_id, f"Created fine-tuning job: {job_id}")
        self._event(job_id, f"Validating training file: {training}")
        return 200, self.jobs[job_id]

    def _advance(self, job: dict) -> None:
        """One stage further each time the job is read, until it has finished."""
        if job["status"] in FINISHED:
            return
        if job["status"] == "validating_files":
            problem = _file_problem(self.contents.get(job["training_file"], b""))
            if problem:
                code, message = problem
                job["error"] = {"code": code, "message": message, "param": "training_file"}
                return self._finish(job, "failed", message, level="error")
        job["status"] = STAGES[STAGES.index(job["status"]) + 1]
        if job["status"] == "queued":
            self._event(job["id"], "Files validated, moving job to queued state")
        elif job["status"] == "running":
            self._event(job["id"], "Fine-tuning job started")
            self._event(job["id"], "Step 1/30: training loss=1.84", kind="metrics")
        else:
            suffix = job.get("user_provided_suffix") or ""
            job["fine_tuned_model"] = f"ft:{job['model']}:{ORGANIZATION}:{suffix}:{job['id'][-6:]}"
            job["trained_tokens"] = EPOCHS * count_tokens(self.contents[job["training_file"]].decode())
            self._event(job["id"], f"New fine-tuned model created: {job['fine_tuned_model']}")
            self._finish(job, "succeeded", "The job has successfully completed")

    def _finish(self, job: dict, status: str, message: str, level: str = "info") -> None:
        job["status"], job["finished_at"] = status, int(time.time())
        self._event(job["id"], message, level=level)

    def _event(self, job_id: str, message: str, level: str = "info", kind: str = "message") -> None:
        self.events[job_id].append(
            {
                "object": "fine_tuning.job.event",
                "id": f"ftevent-stub{next(self._ids)}",
                "created_at": int(time.time()),
                "level": level,
                "message": message,
                "data": {},
                "type": kind,
            }
        )

    @staticmethod
    def _page(items: list[dict], params: dict) -> dict:
        if params.get("after"):
            ids = [item["id"] for item in items]
            items = items[ids.index(params["after"]) + 1 :] if params["after"] in ids else []
        limit = int(params.get("limit") or 20)
        return {"object": "list", "data": items[:limit], "has_more": len(items) > limit}
