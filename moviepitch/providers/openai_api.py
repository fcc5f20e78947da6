"""The openai provider: the official SDK, against OpenAI or any OpenAI-compatible server."""

from __future__ import annotations

import base64
import binascii
import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import openai

from ..media.posters import sniff
from . import deadline
from .base import (
    ImageRequest,
    ImageResult,
    ModerationResult,
    OnDelta,
    OnPartial,
    Provider,
    ProviderError,
    TextRequest,
    TextResult,
)
from .endpoints import is_openai
from .openai_chat import ChatCompletions
from .openai_errors import Call, Server, explain, refused

log = logging.getLogger(__name__)

# GPT image models always answer base64 and reject response_format.
GPT_IMAGE_PREFIXES = ("gpt-image", "chatgpt-image")
# Local servers (Ollama, vLLM, llama.cpp) need no key, but the SDK insists on one.
PLACEHOLDER_KEY = "no-key-needed"
# Status codes that mean "this server cannot stream images", not "try later".
NO_STREAM_STATUSES = (400, 404, 405, 415, 422, 501)
# How long a server without a moderations endpoint is taken at its word before it is asked again.
NO_MODERATION_MEMORY = 600.0
NOT_CHECKED = "Not checked: the AI service has no content check, so this idea was not checked."
CHECK_OFF = "Not checked: the content check is turned off on this server."
CHECK_FAILED = "The content check could not run, so this idea was not checked. Try again in a moment."


class OpenAIProvider(Provider):
    """Chat completions for text and images.generate for posters, through the openai SDK."""

    name = "openai"
    poster_shares_text_server = True

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        text_model: str,
        image_model: str,
        image_size: str = "1024x1536",
        image_quality: str | None = "medium",
        image_format: str | None = "webp",
        image_compression: int | None = 90,
        text_timeout: float = 60.0,
        image_timeout: float = 300.0,
        max_retries: int = 2,
        moderation_model: str | None = "omni-moderation-latest",
        partial_images: int = 2,
        safety_identifier: bool | None = None,
        text_concurrency: int | None = None,
        moderation_required: bool | None = None,
        sampling: Mapping[str, Iterable[str]] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.text_model = text_model
        self.image_model = image_model
        self.image_size = image_size
        self.image_quality = image_quality
        self.image_format = image_format
        self.image_compression = image_compression
        self.text_timeout = float(text_timeout)
        self.image_timeout = float(image_timeout)
        self.text_concurrency = int(text_concurrency) if text_concurrency else None
        self._api_key = api_key or (PLACEHOLDER_KEY if base_url else None)
        self._base_url = base_url or None
        self._max_retries = int(max_retries)
        self._client: openai.OpenAI | None = None
        self._lock = threading.Lock()
        self._clock = clock
        # A hashed owner id helps OpenAI's abuse detection; other servers may not know the field.
        self.send_safety_identifier = (base_url is None) if safety_identifier is None else safety_identifier
        self.moderation_model = moderation_model
        # OpenAI's own API always has the check, so a failing one must stop the idea, never wave it through.
        self.moderation_required = is_openai(base_url) if moderation_required is None else moderation_required
        self.partial_images = int(partial_images)
        self.server = Server(base_url, self._list_models, secret=api_key, max_retries=self._max_retries)
        self.chat = ChatCompletions(
            lambda: self.client,
            self.server,
            text_model,
            self.text_timeout,
            official=is_openai(base_url),
            sampling=sampling,
        )
        # Models whose server answered a streamed image request with a plain body or an error.
        self._no_image_stream: set[str] = set()
        self._no_moderation_until = float("-inf")

    @property
    def client(self) -> openai.OpenAI:
        """The SDK client, built on first use rather than at import or start-up."""
        if self._client is None:
            with self._lock:
                if self._client is None:
                    try:
                        self._client = openai.OpenAI(
                            api_key=self._api_key,
                            base_url=self._base_url,
                            max_retries=self._max_retries,
                            timeout=self.text_timeout,
                            # Every attempt, retries included, waits only for the time its call has left.
                            http_client=openai.DefaultHttpxClient(event_hooks={"request": [deadline.bound_request]}),
                        )
                    except openai.OpenAIError as exc:
                        log.error("OpenAI client could not be built: set OPENAI_API_KEY or OPENAI_BASE_URL")
                        raise ProviderError(
                            "The AI service is not configured.",
                            kind="misconfigured",
                            hint="Set OPENAI_API_KEY, or OPENAI_BASE_URL for another server.",
                        ) from exc
        return self._client

    def warm(self) -> None:
        """Build the client now: it loads the TLS certificates, which the first pitch should not wait for
        (docs/PERFORMANCE.md)."""
        try:
            _ = self.client
        except ProviderError:
            pass  # said in the log; each pitch will say it to its owner

    def _list_models(self) -> list[str]:
        listing = self.client.with_options(max_retries=0, timeout=min(10.0, self.text_timeout)).models.list()
        return [model.id for model in listing]

    # Text

    def text(self, request: TextRequest, on_delta: OnDelta | None = None) -> TextResult:
        """Answer through chat completions, streamed when `on_delta` is given, all within the text timeout."""
        return self.chat.answer(request, self._safety(request.context), on_delta)

    def sampling_params(self, model: str | None = None) -> frozenset[str]:
        """The sampling parameters sent to `model` (default: the text model): per the table, less what it rejected."""
        return self.chat.takes(model or self.text_model)

    def takes_response_format(self, model: str | None = None) -> bool:
        """False once the server refused a response_format for `model` (default: the text model)."""
        return self.chat.takes_format(model or self.text_model)

    def _safety(self, context) -> dict:
        identifier = context.get("safety_identifier") if self.send_safety_identifier else None
        return {"safety_identifier": identifier} if identifier else {}

    # Images

    def image(self, request: ImageRequest, on_partial: OnPartial | None = None) -> ImageResult:
        """Make a poster with images.generate, streaming partial images where the server can."""
        model = request.model or self.image_model
        params: dict[str, Any] = {
            "model": model,
            "prompt": request.prompt,
            "n": 1,
            "size": self.image_size,
            **self._safety(request.context),
        }
        gpt_image = model.startswith(GPT_IMAGE_PREFIXES)
        if gpt_image:
            if self.image_quality:
                params["quality"] = self.image_quality
            if self.image_format:
                # A WebP poster is about a tenth of the PNG default: less to download, and much less
                # for the web process to parse and decode (three times, with the partial images).
                params["output_format"] = self.image_format
                if self.image_format in ("webp", "jpeg") and self.image_compression is not None:
                    params["output_compression"] = int(self.image_compression)
        else:
            # Older and third-party image endpoints default to URLs; we keep bytes.
            params["response_format"] = "b64_json"
        if gpt_image and on_partial and self.partial_images > 0 and model not in self._no_image_stream:
            streamed = self._stream_image(params, on_partial)
            if streamed is not None:
                return streamed
            log.info("Image model %s does not stream here; asking without streaming from now on", model)
            self._no_image_stream.add(model)
        try:
            answer = self.client.images.generate(timeout=self.image_timeout, **params)
        except openai.OpenAIError as exc:
            raise explain(exc, self._image_call(model), self.server) from exc
        data = answer.data[0] if answer.data else None
        if data is None or not data.b64_json:
            if data is not None and data.url:
                raise ProviderError(
                    "The image service answered with a link instead of the image itself.", kind="bad_output"
                )
            raise ProviderError("The image service answered without an image.", kind="bad_output")
        return ImageResult(data=_decode_image(data.b64_json), model=model, usage=_image_usage(answer.usage))

    def _image_call(self, model: str) -> Call:
        setting = "MOVIEPITCH_IMAGE_MODEL" if model == self.image_model else "MOVIEPITCH_IMAGE_MODELS"
        return Call("images", model, setting, self.image_timeout, "MOVIEPITCH_IMAGE_TIMEOUT")

    def _stream_image(self, params: dict, on_partial: OnPartial) -> ImageResult | None:
        """Stream partial images into `on_partial`; None when the server cannot stream."""
        try:
            stream = self.client.images.generate(
                timeout=self.image_timeout, stream=True, partial_images=self.partial_images, **params
            )
            with stream:
                for event in stream:
                    kind = getattr(event, "type", "")
                    if kind == "image_generation.partial_image":
                        on_partial(_decode_image(event.b64_json), event.partial_image_index)
                    elif kind == "image_generation.completed":
                        return ImageResult(
                            data=_decode_image(event.b64_json), model=params["model"], usage=_image_usage(event.usage)
                        )
        except openai.APIStatusError as exc:
            if exc.status_code in NO_STREAM_STATUSES and not refused(exc):
                return None
            raise explain(exc, self._image_call(params["model"]), self.server) from exc
        except openai.OpenAIError as exc:
            raise explain(exc, self._image_call(params["model"]), self.server) from exc
        except ValueError as exc:
            # A malformed event in the stream surfaces as a JSON decoding error.
            raise ProviderError("The image service sent an answer we could not read.", kind="bad_output") from exc
        # No finished image: the server ignored stream=true and sent a plain body.
        return None

    # Moderation

    def moderate(self, text: str) -> ModerationResult:
        """Check the idea with the moderations endpoint, or say plainly that it was not checked."""
        if not self.moderation_model:
            return ModerationResult(False, unchecked=CHECK_OFF)
        if self._clock() < self._no_moderation_until:
            return ModerationResult(False, unchecked=NOT_CHECKED)
        call = Call(
            "moderations",
            self.moderation_model,
            "MOVIEPITCH_MODERATION_MODEL",
            self.text_timeout,
            "MOVIEPITCH_TEXT_TIMEOUT",
        )
        try:
            with deadline.within(self.text_timeout):
                answer = self.client.moderations.create(
                    model=self.moderation_model, input=text, timeout=self.text_timeout
                )
        except openai.OpenAIError as exc:
            error = explain(exc, call, self.server)
            if error.kind != "no_endpoint":
                raise error from exc
            if self.moderation_required:
                raise ProviderError(CHECK_FAILED, kind="unavailable", hint=error.hint) from exc
            # Remembered for a while, not for the life of the process: the endpoint may come back.
            self._no_moderation_until = self._clock() + NO_MODERATION_MEMORY
            log.warning(
                "%s Ideas go unchecked (and their pages say so) for %d minutes; then it is asked again.",
                error.hint,
                NO_MODERATION_MEMORY // 60,
            )
            return ModerationResult(False, unchecked=NOT_CHECKED)
        results = answer.results or []
        flagged = [r for r in results if r.flagged]
        if not flagged:
            return ModerationResult(False)
        categories = flagged[0].categories.model_dump() if flagged[0].categories else {}
        return ModerationResult(True, tuple(sorted(name.replace("_", " ") for name, on in categories.items() if on)))


def _decode_image(b64: str | None) -> bytes:
    if not b64:
        raise ProviderError("The image service answered without an image.", kind="bad_output")
    try:
        image = base64.b64decode(b64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ProviderError("The image service sent image data that is not valid base64.", kind="bad_output") from exc
    if sniff(image) is None:
        raise ProviderError("The image service sent data that is not a PNG, WebP or JPEG image.", kind="bad_output")
    return image


def _image_usage(usage) -> dict[str, int]:
    """An image answer's usage as the usage dict (base.IMAGE_USAGE_KEYS); token counts only where given."""
    counted = {"images": 1}
    details = getattr(usage, "input_tokens_details", None)
    for key, value in (
        ("image_input_tokens", getattr(usage, "input_tokens", None)),
        ("image_input_text_tokens", getattr(details, "text_tokens", None)),
        ("image_input_image_tokens", getattr(details, "image_tokens", None)),
        ("image_output_tokens", getattr(usage, "output_tokens", None)),
    ):
        if value:
            counted[key] = value
    return counted
