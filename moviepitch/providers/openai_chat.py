"""Chat completions for the text steps: a token limit and one deadline per call, answers that were cut off or
dropped told apart, and what each model turned out to reject, remembered."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import openai

from . import deadline
from .base import FORMAT_REFUSED, SAMPLING_PARAMS, OnDelta, ProviderError, TextRequest, TextResult
from .openai_errors import Call, Server, dropped, error_code, explain, names_param

log = logging.getLogger(__name__)

# Reasoning models reject sampling parameters, want max_completion_tokens, and think before answering.
REASONING_PREFIXES = ("o1", "o3", "o4", "gpt-5")
# Room for a reasoning model's hidden reasoning, on top of a step's own token limit.
REASONING_ROOM = 4096
UNREADABLE = "The AI service sent an answer we could not read."
# The error codes with which OpenAI's API refuses a sampling parameter a (reasoning) model does not take.
REJECTS_SAMPLING = ("unsupported_value", "unsupported_parameter")
# Where a model other than MOVIEPITCH_TEXT_MODEL comes from.
CHOSEN_MODEL_SETTINGS = "MOVIEPITCH_TEXT_MODELS or MOVIEPITCH_SYNOPSIS_MODEL"


class ChatCompletions:
    """Chat completions on one server, through the SDK client `client()` returns; `model` unless a request names
    another."""

    def __init__(
        self,
        client: Callable[[], openai.OpenAI],
        server: Server,
        model: str,
        timeout: float,
        official: bool = False,
        sampling: Mapping[str, Iterable[str]] | None = None,
    ):
        self.client, self.server, self.model, self.timeout = client, server, model, timeout
        # OpenAI's own API wants max_completion_tokens from every model.
        self.official = official
        # Model-name prefixes and the sampling parameters their models take (MOVIEPITCH_SAMPLING_SUPPORT).
        self.sampling = {prefix: frozenset(params) for prefix, params in (sampling or {}).items()}
        # Sampling parameters each model turned out to reject, learned from a 400 and remembered.
        self._rejected: dict[str, set[str]] = {}
        # Which token limit each model takes, where a server said so: max_completion_tokens or max_tokens.
        self._token_param: dict[str, str] = {}
        # Models whose server refused a response_format (structured output), learned from a 400 and remembered.
        self._no_format: set[str] = set()
        # (asked, served) model pairs already warned about.
        self._served: set[tuple[str, str]] = set()

    def answer(self, request: TextRequest, extra: dict, on_delta: OnDelta | None = None) -> TextResult:
        """Answer a text request (streamed when `on_delta` is given) within the text timeout, in total."""
        model = request.model or self.model
        setting = "MOVIEPITCH_TEXT_MODEL" if model == self.model else CHOSEN_MODEL_SETTINGS
        call = Call("chat completions", model, setting, self.timeout, "MOVIEPITCH_TEXT_TIMEOUT")
        with deadline.within(self.timeout):
            # Each rejected parameter is learned once: every sampling parameter and the token limit's name.
            for _ in range(len(SAMPLING_PARAMS) + 2):
                params = {**self._params(request, model), **extra}
                try:
                    result = self._stream_chat(params, on_delta) if on_delta else self._chat(params)
                except openai.BadRequestError as exc:
                    if self._refuses_format(exc, params):
                        raise ProviderError(
                            "The AI service does not take structured answers.",
                            kind=FORMAT_REFUSED,
                            hint=f"{self.server.url} refused response_format for {model}.",
                        ) from exc
                    if self._learn(exc, params):
                        continue
                    raise explain(exc, call, self.server) from exc
                except openai.OpenAIError as exc:
                    raise explain(exc, call, self.server) from exc
                except ValueError as exc:
                    # A malformed event in a stream surfaces as a JSON decoding error.
                    raise ProviderError(
                        UNREADABLE, kind="bad_output", hint=f"{self.server.url} sent a stream event that is not JSON."
                    ) from exc
                self._note_served(model, result.model)
                return result
        raise ProviderError(
            "The AI service rejected the request.",
            kind="error",
            hint=f"{self.server.url} kept rejecting the request's parameters.",
        )

    def takes(self, model: str) -> frozenset[str]:
        """The sampling parameters `model` takes: what the table says (or, for a model it does not name, none for
        a reasoning model and all for any other), less what the model rejected."""
        named = [prefix for prefix in self.sampling if model.startswith(prefix)]
        if named:
            taken = self.sampling[max(named, key=len)]
        else:
            taken = frozenset() if model.startswith(REASONING_PREFIXES) else frozenset(SAMPLING_PARAMS)
        return taken - self._rejected.get(model, set())

    def takes_format(self, model: str) -> bool:
        """False once the model's server refused a response_format."""
        return model not in self._no_format

    def _params(self, request: TextRequest, model: str) -> dict[str, Any]:
        params: dict[str, Any] = {"model": model, "messages": request.messages, "timeout": self.timeout}
        if request.response_format and self.takes_format(model):
            params["response_format"] = dict(request.response_format)
        taken = self.takes(model)
        for name in SAMPLING_PARAMS:
            value = getattr(request, name, None)
            if value is not None and name in taken:
                params[name] = value
        if request.max_tokens:
            reasoning = model.startswith(REASONING_PREFIXES)
            # Newer OpenAI models want max_completion_tokens; most other servers know only max_tokens.
            wanted = "max_completion_tokens" if reasoning or self.official else "max_tokens"
            params[self._token_param.get(model, wanted)] = request.max_tokens + (REASONING_ROOM if reasoning else 0)
        return params

    def _refuses_format(self, exc: openai.BadRequestError, params: dict) -> bool:
        """Remember a model whose server refuses structured output (a 400 naming response_format or json_schema)."""
        if "response_format" not in params or not (
            names_param(exc, "response_format") or names_param(exc, "json_schema")
        ):
            return False
        log.info("Model %s does not take response_format here; asking it in plain words from now on", params["model"])
        self._no_format.add(params["model"])
        return True

    def _learn(self, exc: openai.BadRequestError, params: dict) -> bool:
        """Remember a parameter the model rejects and say whether asking again can help."""
        model = params["model"]
        sent = [name for name in SAMPLING_PARAMS if name in params]
        named = [name for name in sent if names_param(exc, name)]
        if named:
            # OpenAI's codes for a reasoning model refusing a non-default value: it takes none of them.
            dropped = sent if error_code(exc) in REJECTS_SAMPLING else named
            log.info("Model %s rejects %s; not sending %s to it from now on", model, named[0], ", ".join(dropped))
            self._rejected.setdefault(model, set()).update(dropped)
            return True
        for sent_name, other in (("max_tokens", "max_completion_tokens"), ("max_completion_tokens", "max_tokens")):
            if sent_name in params and names_param(exc, sent_name) and self._token_param.get(model) != sent_name:
                log.info("Model %s rejects %s; sending %s from now on", model, sent_name, other)
                self._token_param[model] = other
                return True
        return False

    def _chat(self, params: dict) -> TextResult:
        completion = self.client().chat.completions.create(**params)
        choice = completion.choices[0] if completion.choices else None
        text = (choice.message.content if choice and choice.message else None) or ""
        # A plain answer arrives whole, so only a "length" finish says it was cut off.
        finish = (choice.finish_reason if choice else None) or "stop"
        return self._finished(text, finish, completion.model or params["model"], _chat_usage(completion.usage), params)

    def _stream_chat(self, params: dict, on_delta: OnDelta) -> TextResult:
        stream = self.client().chat.completions.create(stream=True, stream_options={"include_usage": True}, **params)
        guard = deadline.StreamGuard(stream)
        pieces: list[str] = []
        usage: dict[str, int] = {}
        model, finish = params["model"], None
        try:
            for chunk in stream:
                model = chunk.model or model
                if chunk.usage:
                    usage = _chat_usage(chunk.usage)
                for choice in chunk.choices:
                    finish = choice.finish_reason or finish
                    if choice.delta and choice.delta.content:
                        pieces.append(choice.delta.content)
                        on_delta("".join(pieces))
                if guard.check():
                    break
        except openai.APIConnectionError as exc:  # timeouts included
            if not (guard.expired or isinstance(exc, openai.APITimeoutError)):
                raise dropped(self.server.url, "".join(pieces)) from exc
            guard.expired = True
        finally:
            guard.finish()  # closing the stream tells the server to stop generating
        text = "".join(pieces)
        if guard.expired:
            raise ProviderError(
                "The AI service took too long to answer.",
                kind="timeout",
                partial=text,
                hint=f"{self.server.url} was still answering after {self.timeout:g} s, so the "
                "answer was stopped (MOVIEPITCH_TEXT_TIMEOUT).",
            )
        return self._finished(text, finish, model, usage, params)

    def _finished(self, text: str, finish: str | None, model: str, usage: dict, params: dict) -> TextResult:
        if finish == "length":
            limit = params.get("max_completion_tokens") or params.get("max_tokens")
            allowed = f"all {limit} tokens allowed" if limit else "all the tokens it may write"
            raise ProviderError(
                "The model's answer was cut off at its length limit. Try again.",
                kind="cut_off",
                partial=text,
                usage=usage,
                hint=f"The model {model!r} at {self.server.url} used {allowed} for this answer "
                "without finishing. Models that never stop on their own are usually base "
                "models: use an instruction-tuned one (MOVIEPITCH_TEXT_MODEL).",
            )
        if finish == "content_filter":
            raise ProviderError(
                "The AI service's content filter stopped this answer. Try again.",
                kind="refused",
                partial=text,
                usage=usage,
                hint=f"{self.server.url} ended the answer with finish_reason content_filter.",
            )
        if finish is None:
            # The SDK ends a cut-off stream quietly; only a finish_reason says it is whole.
            raise ProviderError(
                "The model's answer was cut off before it finished.",
                kind="dropped",
                partial=text,
                hint=f"The stream from {self.server.url} ended without a finish reason: the server "
                "stopped in the middle of the answer.",
            )
        return TextResult(_require_text(text), model, usage)

    def _note_served(self, asked: str, served: str) -> None:
        """Warn once when the server answers with another model than the one asked for."""
        # A dated snapshot of the model asked for (gpt-5.4-mini-2026-03-17) is that model.
        if not served or served == asked or served.startswith(f"{asked}-") or (asked, served) in self._served:
            return
        self._served.add((asked, served))
        log.warning(
            "MOVIEPITCH_TEXT_MODEL is %r, but %s answered with model %r: it serves that model whatever is "
            "asked. Set MOVIEPITCH_TEXT_MODEL=%r to name the model pitches are written with.",
            asked,
            self.server.url,
            served,
            served,
        )


def _require_text(text: str | None) -> str:
    if not text or not text.strip():
        raise ProviderError("The model returned an empty answer.", kind="bad_output")
    return text


def _chat_usage(usage) -> dict[str, int]:
    """A chat answer's usage as the usage dict (base.TEXT_USAGE_KEYS); details only where the server gave them."""
    if usage is None:
        return {}
    counted = {"input_tokens": usage.prompt_tokens or 0, "output_tokens": usage.completion_tokens or 0}
    cached = getattr(usage.prompt_tokens_details, "cached_tokens", None)
    reasoning = getattr(usage.completion_tokens_details, "reasoning_tokens", None)
    if cached:
        counted["cached_input_tokens"] = cached
    if reasoning:
        counted["reasoning_tokens"] = reasoning
    return counted
