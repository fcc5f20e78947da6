"""Training data for fine-tuning the synopsis step: chat-format JSONL from finished pitches, checked as the API
checks it, with an estimate of its tokens.

Each example is what the synopsis step asks and what it should answer: its own system prompt, the idea as
the step sends it (in <idea> tags), and the pitch's synopsis as the assistant's reply. The step's worked
example (Top Gun) is left out: a tuned model learns the form from hundreds of real answers instead.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from ..chain.prompts import synopsis_messages
from ..storage.models import ON_SHOW, CurrentPart, Output, Pitch, Step
from ..storage.store import Store

MIN_EXAMPLES = 10  # the fine-tuning API refuses a training file with fewer
ROLES = ("system", "user", "assistant")
MESSAGE_KEYS = {"role", "content", "name", "weight"}
FINISHED = ("done", "partial")  # partial: the synopsis stands, a later step (the poster) failed
# Token estimate: OpenAI's rule of thumb of about 4 characters a token for English, counted in UTF-8 bytes so
# that scripts needing more tokens per character (CJK, Cyrillic) weigh more; plus the chat format's own tokens.
BYTES_PER_TOKEN = 4
TOKENS_PER_MESSAGE = 4
TOKENS_PER_EXAMPLE = 3
PROBLEMS_SHOWN = 5


@dataclass
class Export:
    """What an export wrote and what it left out, by reason."""

    written: int = 0
    left_out: Counter = field(default_factory=Counter)


@dataclass
class Check:
    """What checking a training file found: its examples, estimated tokens, and problems in plain words."""

    examples: int = 0
    tokens: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the fine-tuning API would take the file."""
        return not self.problems


def example(idea: str, synopsis: str) -> dict:
    """One training example: the synopsis step's system prompt and idea, and the synopsis it should write."""
    messages = synopsis_messages(idea)
    return {"messages": [messages[0], messages[-1], {"role": "assistant", "content": synopsis.strip()}]}


def export(
    store: Store, path: str | Path, *, liked_only: bool = False, min_likes: int = 0, include_unlisted: bool = False
) -> Export:
    """Write one example per finished pitch to `path` (JSONL): published ones (and unlisted ones when asked), liked
    at least `min_likes` times (once with `liked_only`). Never deleted, hidden, unfinished or cut-off ones."""
    least = max(min_likes, 1 if liked_only else 0)
    synopsis = (
        select(Output.body, Output.complete)
        .join(CurrentPart, ON_SHOW)
        .where(Output.pitch_id == Pitch.id, Output.part == "synopsis")
    )
    query = select(
        Pitch.idea,
        Pitch.status,
        Pitch.deleted_at,
        Pitch.hidden_at,
        Pitch.published_at,
        Pitch.likes,
        synopsis.with_only_columns(Output.body).scalar_subquery(),
        synopsis.with_only_columns(Output.complete).scalar_subquery(),
        select(Step.state).where(Step.pitch_id == Pitch.id, Step.name == "synopsis").scalar_subquery(),
    ).order_by(Pitch.id)
    report = Export()
    with store.session() as s, open(path, "w", encoding="utf-8") as out:
        for idea, status, deleted, hidden, published, likes, body, complete, state in s.execute(query):
            reason = _left_out(
                status, deleted, hidden, published, likes or 0, body, complete, state, least, include_unlisted
            )
            if reason:
                report.left_out[reason] += 1
                continue
            out.write(json.dumps(example(idea, body), ensure_ascii=False) + "\n")
            report.written += 1
    return report


def _left_out(status, deleted, hidden, published, likes, body, complete, state, least, include_unlisted) -> str | None:
    """Why a pitch is not an example, or None when it is one."""
    if deleted is not None:
        return "deleted"
    if hidden is not None:
        return "hidden after reports"
    if published is None and not include_unlisted:
        return "not published"
    if likes < least:
        return "too few likes"
    if status not in FINISHED:
        return "not finished (failed, stopped or still being made)"
    if not body or not body.strip() or not complete or state != "done":
        return "synopsis cut off or missing"
    return None


def estimate_tokens(messages: list[dict]) -> int:
    """About how many tokens an example trains on (a heuristic: see BYTES_PER_TOKEN)."""
    text = sum(math.ceil(len(str(m.get("content", "")).encode("utf-8")) / BYTES_PER_TOKEN) for m in messages)
    return text + TOKENS_PER_MESSAGE * len(messages) + TOKENS_PER_EXAMPLE


def check_file(path: str | Path) -> Check:
    """Check a chat-format JSONL training file as the fine-tuning API does: JSON objects with a messages list,
    known roles, non-empty text, an assistant reply in each, and at least MIN_EXAMPLES examples."""
    check = Check()
    problems: list[str] = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            check.examples += 1
            try:
                record = json.loads(line)
            except ValueError:
                problems.append(f"line {number} is not JSON")
                continue
            problem = _example_problem(record)
            if problem:
                problems.append(f"line {number}: {problem}")
            else:
                check.tokens += estimate_tokens(record["messages"])
    if check.examples < MIN_EXAMPLES:
        problems.insert(
            0,
            f"it has {check.examples} example{'s' if check.examples != 1 else ''}; the fine-tuning "
            f"API needs at least {MIN_EXAMPLES}",
        )
    shown = problems[:PROBLEMS_SHOWN]
    if len(problems) > PROBLEMS_SHOWN:
        shown.append(f"and {len(problems) - PROBLEMS_SHOWN} more")
    check.problems = shown
    return check


def _example_problem(record) -> str | None:
    messages = record.get("messages") if isinstance(record, dict) else None
    if not isinstance(messages, list) or not messages:
        return 'not an object with a "messages" list'
    for index, message in enumerate(messages, 1):
        if not isinstance(message, dict) or message.get("role") not in ROLES:
            return f"message {index} has no role of {', '.join(ROLES)}"
        if set(message) - MESSAGE_KEYS:
            return f"message {index} has unknown keys ({', '.join(sorted(set(message) - MESSAGE_KEYS))})"
        content = message.get("content")
        if not isinstance(content, str) or not content.strip():
            return f"message {index} ({message['role']}) has no text"
    if not any(message["role"] == "assistant" for message in messages):
        return "no assistant message to learn from"
    return None
