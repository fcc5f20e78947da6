"""The seam between MoviePitch and a model: one small interface for text and images."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

OnDelta = Callable[[str], None]

# The usage dict every provider reports, the one place its keys are defined (absent keys count as 0).
# A text call: what the API billed, as chat completions report it.
TEXT_USAGE_KEYS = (
    "input_tokens",  # prompt_tokens, cached ones included
    "cached_input_tokens",  # prompt_tokens_details.cached_tokens: the part of input_tokens served from cache
    "output_tokens",  # completion_tokens, reasoning ones included
    "reasoning_tokens",  # completion_tokens_details.reasoning_tokens: hidden reasoning within output_tokens
)
# An image call: the Images API's usage, kept apart from text tokens (they are priced apart).
IMAGE_USAGE_KEYS = (
    "image_input_tokens",  # usage.input_tokens: the prompt (and any input image)
    "image_input_text_tokens",  # usage.input_tokens_details.text_tokens
    "image_input_image_tokens",  # usage.input_tokens_details.image_tokens
    "image_output_tokens",  # usage.output_tokens
    "images",  # images made
)
USAGE_KEYS = TEXT_USAGE_KEYS + IMAGE_USAGE_KEYS
# The sampling parameters a chat model may or may not take; the knobs are three of them.
SAMPLING_PARAMS = ("temperature", "top_p", "frequency_penalty", "presence_penalty")
# Called with each partial image (encoded bytes) and its index while a poster is painted.
OnPartial = Callable[[bytes, int], None]


@dataclass(frozen=True)
class TextRequest:
    """One text call: chat messages, plus the plain facts they were built from."""

    # reply, synopsis, title, cast, image_prompt or safer_image_prompt: a provider that
    # writes without a model (the offline writer) picks its writer by it.
    task: str
    messages: list[dict[str, str]]
    temperature: float | None = None
    # The idea, seed, synopsis and title as data. A remote model reads the
    # messages; the offline writer writes from these instead of parsing prose.
    context: Mapping[str, Any] = field(default_factory=dict)
    # The most tokens the answer may take (a model's hidden reasoning not counted); None: no limit.
    max_tokens: int | None = None
    # The knobs the person set (None: the model's default), sent only to models that take them.
    frequency_penalty: float | None = None
    presence_penalty: float | None = None
    # The model to ask (None: the provider's text_model).
    model: str | None = None
    # Structured output: {"type": "json_schema", "json_schema": {...}} for a model to answer in that JSON shape.
    # A provider that writes from the context (the offline writer) answers in the shape anyway.
    response_format: Mapping[str, Any] | None = None


# The ProviderError kind of a server that refused a request's response_format: ask again without it.
FORMAT_REFUSED = "format_refused"


@dataclass(frozen=True)
class TextResult:
    """What a text call produced."""

    text: str
    # The model that answered, as the server named it (it may differ from the one asked for).
    model: str
    usage: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ImageRequest:
    """One image call: the full prompt, plus the facts of the pitch."""

    prompt: str
    context: Mapping[str, Any] = field(default_factory=dict)
    # The model to ask (None: the provider's image_model).
    model: str | None = None


@dataclass(frozen=True)
class ImageResult:
    """Encoded image bytes (PNG, WebP or JPEG) and where they came from."""

    data: bytes
    model: str
    usage: dict[str, int] = field(default_factory=dict)
    # Shown under the poster when it was not made by an image model.
    label: str | None = None
    # What was painted, when the provider knows it better than the prompt says (the offline painter
    # paints a new composition for a new poster, and describes it).
    description: str | None = None


@dataclass(frozen=True)
class ModerationResult:
    """Whether a text was flagged, and for what."""

    flagged: bool
    categories: tuple[str, ...] = ()
    # Set when the idea could not be checked, saying so in plain words for the page.
    unchecked: str | None = None


class ProviderError(Exception):
    """A failure a user can be told about in plain words.

    `kind` sorts failures for the page and for retries: "busy", "timeout", "unavailable",
    "dropped", "misconfigured", "refused", "cut_off", "unusable", "bad_output" or "error".
    `hint` is for operators only (the CLI, the log, the owner's page): the address and the setting
    to change. `partial` is the text written before the failure, kept as a draft.
    """

    def __init__(
        self,
        message: str,
        *,
        kind: str = "error",
        retry_after: float | None = None,
        hint: str | None = None,
        partial: str | None = None,
        usage: dict[str, int] | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.retry_after = retry_after
        self.hint = hint
        self.partial = partial
        # What a call that answered and was then refused (cut off, filtered) was billed for.
        self.usage = usage or {}

    def recorded(self) -> str:
        """The message as a step stores it: the plain words, then any operator's hint."""
        return f"{self.message}{HINT_MARK}{self.hint}" if self.hint else self.message


# Between the plain words of a stored step error and the hint that only operators see.
HINT_MARK = "\n\nFor the operator: "


def split_error(recorded: str | None) -> tuple[str | None, str | None]:
    """A stored step error as (plain words for everyone, hint for operators or None)."""
    if not recorded:
        return recorded, None
    plain, _, hint = recorded.partition(HINT_MARK)
    return plain, hint or None


class Provider:
    """A source of text and images. Subclasses override `text` and `image`."""

    name = "base"
    text_model = ""
    image_model = ""
    # How many text calls may run at once (None: as many as the chain has ready).
    text_concurrency: int | None = None
    # True when posters come from the same server as text, so a poster takes a text call's place.
    poster_shares_text_server = False

    def text(self, request: TextRequest, on_delta: OnDelta | None = None) -> TextResult:
        """Answer a text request; when `on_delta` is given, stream the text so far into it."""
        raise NotImplementedError

    def image(self, request: ImageRequest, on_partial: OnPartial | None = None) -> ImageResult:
        """Make one image; where the backend streams, pass partial images to `on_partial`."""
        raise NotImplementedError

    def moderate(self, text: str) -> ModerationResult | None:
        """Check a text against the content policy; None when there is no such check."""
        return None

    def sampling_params(self, model: str | None = None) -> frozenset[str]:
        """The sampling parameters (SAMPLING_PARAMS) this provider sends to a text model; here, all of them."""
        return frozenset(SAMPLING_PARAMS)

    def takes_response_format(self, model: str | None = None) -> bool:
        """Whether a request's response_format reaches the model (False once its server refused one); here, yes."""
        return True

    def warm(self) -> None:
        """Get ready to answer quickly (a serving process calls this as it starts); nothing to do here."""
