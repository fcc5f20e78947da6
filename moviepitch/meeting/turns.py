"""One meeting turn, as a background job: the history, the call, the reply streamed into a draft, the proposals.

Servers that take structured output are asked for the turn's JSON (meeting/prompts.py) and the reply is read
out of it as it streams. A server that refuses the format (remembered per model by the provider, as it
remembers a refused temperature) gets the fallback: a plain reply, streamed, then a second plain call that
writes the change up. The free words of the chat are never read for a change.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..chain import answers
from ..chain.pipeline import safety_identifier
from ..providers import Provider, ProviderError, TextRequest
from ..providers.base import FORMAT_REFUSED
from ..storage.meeting import Message
from ..storage.records import PitchView
from ..storage.store import Store
from . import prompts, proposals
from . import summary as history

if TYPE_CHECKING:
    from ..storage.budget import Budget

log = logging.getLogger(__name__)

STREAM_SAVE_INTERVAL = 0.25
UNREADABLE = "The boss's answer could not be read. Try asking again."
SPEECHLESS = "The boss had nothing to say to that. Try asking another way."


class TurnLost(Exception):
    """The answer is no longer this runner's to write (it was marked interrupted meanwhile)."""


@dataclass
class TurnSettings:
    """What a turn needs besides the store and the provider."""

    history_tokens: int = 2000
    # Prices a call's usage by model: {"nanos", "currency"} or None; and the money budget it counts toward.
    price: Callable[[str, dict], dict | None] | None = None
    budget: Budget | None = None
    save_interval: float = STREAM_SAVE_INTERVAL
    clock: Callable[[], float] = time.monotonic


class Draft:
    """The reply so far, saved at most once per interval (the first words at once)."""

    def __init__(self, store: Store, message_id: int, settings: TurnSettings):
        self.store, self.message_id, self.settings = store, message_id, settings
        self.saved, self.saved_at, self.latest = "", float("-inf"), ""

    def update(self, text: str) -> None:
        """Called with the reply so far."""
        self.latest = text
        now = self.settings.clock()
        if text and text != self.saved and now - self.saved_at >= self.settings.save_interval:
            self.keep(text)
            self.saved_at = now

    def keep(self, text: str) -> None:
        """Save the reply so far now."""
        if not self.store.save_turn_draft(self.message_id, text):
            raise TurnLost()
        self.saved = self.latest = text


class Turn:
    """One answer of the boss to one message of the owner."""

    def __init__(
        self,
        store: Store,
        provider: Provider,
        view: PitchView,
        answer_id: int,
        asked: Message,
        earlier: list[Message],
        settings: TurnSettings,
    ):
        self.store, self.provider, self.view, self.answer_id = store, provider, view, answer_id
        self.asked, self.earlier, self.settings = asked, earlier, settings
        self.model = view.text_model or provider.text_model
        self.served: str | None = None
        self.usage: Counter = Counter()
        self.draft = Draft(store, answer_id, settings)
        self.pitch = {
            "idea": view.idea,
            "title": view.text("title"),
            "synopsis": view.text("synopsis"),
            "cast": json.loads(view.text("cast") or "[]"),
            "image_prompt": view.text("image_prompt"),
        }
        self.versions = {part: output.version for part, output in view.outputs.items()}

    def context(self) -> dict:
        """The turn as data, for a provider that writes from it (the offline writer) rather than from the chat."""
        applied = []
        for index, message in enumerate(self.earlier):
            if message.role == "assistant" and message.proposal_status == "applied" and message.chosen is not None:
                owner = next((m for m in reversed(self.earlier[:index]) if m.role == "user"), None)
                chosen = message.proposals[message.chosen]
                # "alternative" and "passage" let the offline writer replay the change on its own plan.
                applied.append(
                    {
                        "message": owner.content if owner else "",
                        "reply": message.content,
                        "summary": chosen.get("summary"),
                        "changes": chosen.get("changes"),
                        "alternative": message.chosen + 1,
                        "passage": owner.passage if owner else None,
                    }
                )
        return {
            "idea": self.view.idea,
            "seed": self.view.seed,
            "pitch": self.pitch,
            "message": self.asked.content,
            "passage": self.asked.passage,
            "applied": applied,
            "alternatives": self.asked.alternatives,
            "safety_identifier": safety_identifier(self.view.owner_id),
            **{name: self.view.knobs.get(name) for name in ("temperature", "frequency_penalty", "presence_penalty")},
        }

    def ask(
        self,
        task: str,
        chat: list[dict],
        max_tokens: int,
        response_format: dict | None = None,
        on_delta: Callable[[str], None] | None = None,
    ) -> str:
        """One text call with the pitch's knobs and model; the answer cleaned."""
        knobs = self.view.knobs
        request = TextRequest(
            task,
            chat,
            temperature=knobs.get("temperature"),
            context=self.context(),
            max_tokens=max_tokens,
            frequency_penalty=knobs.get("frequency_penalty"),
            presence_penalty=knobs.get("presence_penalty"),
            model=self.model,
            response_format=response_format,
        )
        try:
            result = self.provider.text(request, on_delta=on_delta)
        except ProviderError as exc:
            self.usage.update(exc.usage)
            raise
        self.usage.update(result.usage)
        self.served = answers.model_name(result.model) or self.model
        return answers.clean(result.text)

    def history(self) -> tuple[list[dict], str | None]:
        """The conversation to send (the owner's new message last), and the summary of older turns, if any."""
        earlier = [m for m in self.earlier if m.state == "done" or (m.role == "assistant" and m.content)]
        summary = self.store.latest_summary(self.view.id)
        older, kept = history.plan(earlier, summary, self.settings.history_tokens)
        if older:
            content, source = history.summarise(
                lambda task, chat, most: self.ask(task, chat, most), summary, older, self.settings.history_tokens
            )
            summary = self.store.save_summary(self.view.id, older[-1].id, content, source)
        now = {
            "role": "user",
            "content": prompts.owner_words(self.asked.content, self.asked.passage, self.asked.alternatives),
        }
        return [*history.as_chat(kept), now], summary.content if summary else None

    def answer(self) -> tuple[str, list[dict]]:
        """The boss's reply and checked proposals, structured where the server takes it, else by the fallback."""
        chat, summary = self.history()
        if self.provider.takes_response_format(self.model):
            try:
                return self._structured(chat, summary)
            except ProviderError as exc:
                if exc.kind != FORMAT_REFUSED:
                    raise
        return self._plain(chat, summary)

    def _structured(self, chat: list[dict], summary: str | None) -> tuple[str, list[dict]]:
        alternatives = self.asked.alternatives
        text = self.ask(
            "meeting",
            prompts.turn_messages(self.pitch, chat, summary, True, self.asked.passage),
            prompts.MAX_TOKENS[alternatives],
            prompts.response_format(alternatives),
            on_delta=lambda raw: self.draft.update(answers.clean(proposals.reply_so_far(raw), partial=True)),
        )
        try:
            answer = proposals.answer_json(text)
        except proposals.Unreadable:
            if text.lstrip().startswith(("{", "`")):
                raise ProviderError(UNREADABLE, kind="bad_output") from None
            # The server ignored the format and answered in words: they are the reply; the change is written up
            # by the fallback's second call.
            self.draft.keep(text)
            return text, self._rewrite(text)
        found = proposals.checked_proposals(answer, self.pitch, self.versions, self.asked.passage)
        return " ".join(answers.clean(answer["reply"]).split()) or (found[0]["summary"] if found else ""), found

    def _plain(self, chat: list[dict], summary: str | None) -> tuple[str, list[dict]]:
        reply = self.ask(
            "meeting",
            prompts.turn_messages(self.pitch, chat, summary, False, self.asked.passage),
            prompts.MAX_TOKENS[1],
            on_delta=lambda raw: self.draft.update(answers.clean(raw, partial=True)),
        )
        self.draft.keep(reply)  # on show while the change is written up
        return reply, self._rewrite(reply)

    def _rewrite(self, reply: str) -> list[dict]:
        """The fallback's second call: the change the reply agreed to, written up as the proposal's new parts."""
        alternatives = self.asked.alternatives
        text = self.ask(
            "meeting_rewrite",
            prompts.rewrite_messages(self.pitch, self.asked.content, reply, self.asked.passage, alternatives),
            prompts.MAX_TOKENS[alternatives],
        )
        return proposals.checked_proposals(
            proposals.rewrite_answer(text), self.pitch, self.versions, self.asked.passage
        )


def run_turn(store: Store, provider: Provider, answer_id: int, settings: TurnSettings) -> str | None:
    """Write the boss's answer to a meeting message: "done" or "failed"; None when another runner has it."""
    if not store.claim_turn(answer_id):
        return None
    answer = store.message(answer_id)
    conversation = store.conversation(answer.pitch_id)
    earlier = [m for m in conversation if m.id < answer_id]
    asked = next(m for m in reversed(earlier) if m.role == "user")
    view = store.view(store.slug_of(answer.pitch_id))
    if view is None or view.deleted_at:
        store.fail_turn(answer_id, "This pitch is gone.")
        return "failed"
    turn = Turn(store, provider, view, answer_id, asked, [m for m in earlier if m.id < asked.id], settings)
    try:
        reply, found = turn.answer()
        if not reply:
            raise ProviderError(SPEECHLESS, kind="unusable")
        outcome = "done" if store.finish_turn(answer_id, reply, found, turn.served, dict(turn.usage)) else None
    except TurnLost:
        outcome = None
    except ProviderError as exc:
        log.warning("A meeting turn of pitch %s failed: %s", view.slug, exc.recorded().replace("\n\n", " "))
        outcome = (
            "failed" if store.fail_turn(answer_id, exc.message, turn.draft.latest or None, dict(turn.usage)) else None
        )
    except Exception:
        log.exception("A meeting turn of pitch %s failed unexpectedly", view.slug)
        store.fail_turn(answer_id, "Something went wrong on our side.", turn.draft.latest or None)
        outcome = "failed"
    _charge(store, view.id, turn, settings)
    return outcome


def _charge(store: Store, pitch_id: int, turn: Turn, settings: TurnSettings) -> None:
    """Count what the turn's calls used (and cost) toward the pitch, the ledger and today's money budget."""
    usage = dict(turn.usage)
    if not usage:
        return
    model = turn.served or turn.model
    cost = settings.price(model, usage) if settings.price else None
    if cost and settings.budget is not None:
        settings.budget.add_spend(cost["nanos"])
    store.charge(pitch_id, "meeting", model, usage, cost)
