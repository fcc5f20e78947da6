"""The history a turn sends: every stored message, until they run past a token budget; then the oldest turns are
summarised (the summary is stored, and goes in their place), never silently dropped."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from ..providers import ProviderError
from ..storage.meeting import Message, Summary
from ..studio.dataset import estimate_tokens
from . import prompts

log = logging.getLogger(__name__)

# The newest messages always go whole, however long: the turn in progress needs them.
KEPT_AT_LEAST = 2
# Words of each message in a summary put together from the messages themselves, when the model cannot summarise.
EXTRACT_WORDS = (30, 12, 5)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def as_chat(messages: list[Message]) -> list[dict]:
    """Stored messages as chat messages for the model: the owner's in tags, the boss's with their proposals' fate."""
    chat = []
    for message in messages:
        if message.role == "user":
            chat.append({"role": "user", "content": prompts.owner_words(message.content, message.passage)})
        elif message.content:
            chat.append(
                {
                    "role": "assistant",
                    "content": prompts.boss_words(message.content, message.proposals, message.proposal_status),
                }
            )
    return chat


def tokens(messages: list[Message], summary: str | None = None) -> int:
    """About how many tokens these messages (and a summary) take in a request."""
    chat = as_chat(messages) + ([{"role": "system", "content": summary}] if summary else [])
    return estimate_tokens(chat)


def plan(earlier: list[Message], summary: Summary | None, budget: int) -> tuple[list[Message], list[Message]]:
    """Which messages since the last summary to summarise now (the oldest), and which to send whole."""
    since = [message for message in earlier if summary is None or message.id > summary.upto_id]
    if tokens(since, summary.content if summary else None) <= budget:
        return [], since
    cut = len(since) - KEPT_AT_LEAST
    # Keep as many of the newest as fit in half the budget: the new summary takes the other half at most.
    while cut > 0 and tokens(since[cut - 1 :]) <= budget // 2:
        cut -= 1
    cut = max(cut, 0)
    return since[:cut], since[cut:]


def summarise(
    ask: Callable[[str, list[dict], int], str], earlier: Summary | None, turns: list[Message], budget: int
) -> tuple[str, str]:
    """A summary of the earlier summary and `turns`: the model's (source "model"), else one put together from the
    messages themselves (source "extract"). `ask(task, messages, max_tokens)` makes the call."""
    chat = [
        {
            "role": message.role,
            "content": prompts.boss_words(message.content, message.proposals, message.proposal_status)
            if message.role == "assistant"
            else message.content,
        }
        for message in turns
        if message.content
    ]
    try:
        text = ask(
            "meeting_summary",
            prompts.summary_messages(earlier.content if earlier else None, chat),
            prompts.SUMMARY_MAX_TOKENS,
        )
        if text.strip():
            return " ".join(text.split()), "model"
    except ProviderError as exc:
        log.info(
            "The model could not summarise the meeting (%s); putting the summary together from the messages",
            exc.message,
        )
    return extract(earlier, turns, budget), "extract"


def extract(earlier: Summary | None, turns: list[Message], budget: int) -> str:
    """A summary made of the messages' own first words: shorter per message until it fits half the budget."""
    summary = ""
    for words in EXTRACT_WORDS:
        lines = [earlier.content] if earlier else []
        for message in turns:
            if message.role == "user":
                lines.append(f"The writer asked: “{_first_words(message.content, words)}”")
            elif message.content:
                lines.append(
                    f"The boss said: “{_first_words(_SENTENCE_END.split(message.content)[0], words)}”" + _fate(message)
                )
        summary = "\n".join(lines)
        if estimate_tokens([{"content": summary}]) <= budget // 2:
            break
    return summary


def _first_words(text: str, count: int) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def _fate(message: Message) -> str:
    if not message.proposals:
        return ""
    what = "; ".join(proposal.get("summary") or "a change" for proposal in message.proposals)
    return f" and proposed: {what} ({message.proposal_status or 'open'})."
