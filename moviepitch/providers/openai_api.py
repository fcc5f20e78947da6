"""The openai provider: the official SDK, against OpenAI or any OpenAI-compatible server."""

from __future__ import annotations

import base64
import binascii
import logging
import threading
from typing import Any

import openai

from ..posters import sniff
from .base import (
    ImageRequest, ImageResult, ModerationResult, OnDelta, OnPartial, Provider, ProviderError, TextRequest,
    TextResult,
)

log = logging.getLogger(__name__)

# GPT image models always answer base64 and reject response_format.
GPT_IMAGE_PREFIXES = ("gpt-image", "chatgpt-image")
# Reasoning models reject sampling parameters; anything else learns it on the first refusal.
NO_SAMPLING_PREFIXES = ("o1", "o3", "o4", "gpt-5")
# Local servers (Ollama, vLLM, llama.cpp) need no key, but the SDK insists on one.
PLACEHOLDER_KEY = "no-key-needed"
# Error codes with which image services refuse a prompt on content grounds.
REFUSAL_CODES = ("moderation_blocked", "content_policy_violation")
# Status codes that mean "this server cannot stream images", not "try later".
NO_STREAM_STATUSES = (400, 404, 405, 415, 422, 501)


class OpenAIProvider(Provider):
    """Chat completions for text and images.generate for posters, through the openai SDK."""

    name = "openai"

    def __init__(self, *, api_key: str | None = None, base_url: str | None = None,
                 text_model: str, image_model: str, image_size: str = "1024x1536",
                 image_quality: str | None = "medium", image_format: str | None = "webp",
                 image_compression: int | None = 90, text_timeout: float = 60.0,
                 image_timeout: float = 300.0, max_retries: int = 2,
                 moderation_model: str | None = "omni-moderation-latest", partial_images: int = 2,
                 safety_identifier: bool | None = None):
        self.text_model = text_model
        self.image_model = image_model
        self.image_size = image_size
        self.image_quality = image_quality
        self.image_format = image_format
        self.image_compression = image_compression
        self.text_timeout = float(text_timeout)
        self.image_timeout = float(image_timeout)
        self._api_key = api_key or (PLACEHOLDER_KEY if base_url else None)
        self._base_url = base_url or None
        self._max_retries = int(max_retries)
        self._client: openai.OpenAI | None = None
        self._lock = threading.Lock()
        # A hashed owner id helps OpenAI's abuse detection; other servers may not know the field.
        self.send_safety_identifier = (base_url is None) if safety_identifier is None else safety_identifier
        self.moderation_model = moderation_model
        self.partial_images = int(partial_images)
        self._no_temperature: set[str] = set()
        # Models whose server answered a streamed image request with a plain body or an error.
        self._no_image_stream: set[str] = set()
        self._no_moderation = False

    @property
    def client(self) -> openai.OpenAI:
        """The SDK client, built on first use rather than at import or start-up."""
        if self._client is None:
            with self._lock:
                if self._client is None:
                    try:
                        self._client = openai.OpenAI(
                            api_key=self._api_key, base_url=self._base_url,
                            max_retries=self._max_retries, timeout=self.text_timeout,
                        )
                    except openai.OpenAIError as exc:
                        log.error("OpenAI client could not be built: set OPENAI_API_KEY or OPENAI_BASE_URL")
                        raise ProviderError("The AI service is not configured.", kind="misconfigured") from exc
        return self._client

    def warm(self) -> None:
        """Build the client now: it loads the TLS certificates, about 70 ms the first pitch should not wait."""
        try:
            self.client
        except ProviderError:
            pass  # said in the log; each pitch will say it to its owner

    # Text

    def text(self, request: TextRequest, on_delta: OnDelta | None = None) -> TextResult:
        """Answer through chat completions, streamed when `on_delta` is given."""
        model = self.text_model
        sampling = self._safety(request.context)
        if request.temperature is not None and self._accepts_temperature(model):
            sampling["temperature"] = request.temperature
        try:
            return self._chat(request.messages, sampling, on_delta)
        except openai.BadRequestError as exc:
            if not ("temperature" in sampling and _names_param(exc, "temperature")):
                raise explain(exc, setting="MOVIEPITCH_TEXT_MODEL") from exc
        log.info("Model %s rejects temperature; sending it no sampling parameters from now on", model)
        self._no_temperature.add(model)
        try:
            return self._chat(request.messages, self._safety(request.context), on_delta)
        except openai.BadRequestError as exc:
            raise explain(exc, setting="MOVIEPITCH_TEXT_MODEL") from exc

    def _safety(self, context) -> dict:
        identifier = context.get("safety_identifier") if self.send_safety_identifier else None
        return {"safety_identifier": identifier} if identifier else {}

    def _accepts_temperature(self, model: str) -> bool:
        return model not in self._no_temperature and not model.startswith(NO_SAMPLING_PREFIXES)

    def _chat(self, messages: list[dict], sampling: dict, on_delta: OnDelta | None) -> TextResult:
        try:
            if on_delta is None:
                completion = self.client.chat.completions.create(
                    model=self.text_model, messages=messages, timeout=self.text_timeout, **sampling
                )
                text = completion.choices[0].message.content if completion.choices else ""
                return TextResult(_require_text(text), completion.model or self.text_model,
                                  _chat_usage(completion.usage))
            return self._stream_chat(messages, sampling, on_delta)
        except openai.BadRequestError:
            raise  # the caller may retry without a sampling parameter
        except openai.OpenAIError as exc:
            raise explain(exc, setting="MOVIEPITCH_TEXT_MODEL") from exc
        except ValueError as exc:
            # A malformed event in a stream surfaces as a JSON decoding error.
            raise ProviderError("The AI service sent an answer we could not read.", kind="bad_output") from exc

    def _stream_chat(self, messages: list[dict], sampling: dict, on_delta: OnDelta) -> TextResult:
        stream = self.client.chat.completions.create(
            model=self.text_model, messages=messages, timeout=self.text_timeout, stream=True,
            stream_options={"include_usage": True}, **sampling,
        )
        pieces: list[str] = []
        usage: dict[str, int] = {}
        model, finished = self.text_model, False
        with stream:
            for chunk in stream:
                model = chunk.model or model
                if chunk.usage:
                    usage = _chat_usage(chunk.usage)
                for choice in chunk.choices:
                    finished = finished or bool(choice.finish_reason)
                    if choice.delta and choice.delta.content:
                        pieces.append(choice.delta.content)
                        on_delta("".join(pieces))
        text = _require_text("".join(pieces))
        # The SDK ends a cut-off stream quietly; only a finish_reason says it is whole.
        if not finished:
            raise ProviderError("The model's answer was cut off before it finished.", kind="bad_output")
        return TextResult(text, model, usage)

    # Images

    def image(self, request: ImageRequest, on_partial: OnPartial | None = None) -> ImageResult:
        """Make a poster with images.generate, streaming partial images where the server can."""
        model = self.image_model
        params: dict[str, Any] = {"model": model, "prompt": request.prompt, "n": 1, "size": self.image_size,
                                  **self._safety(request.context)}
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
            raise explain(exc, setting="MOVIEPITCH_IMAGE_MODEL") from exc
        data = answer.data[0] if answer.data else None
        if data is None or not data.b64_json:
            if data is not None and data.url:
                raise ProviderError("The image service answered with a link instead of the image itself.",
                                    kind="bad_output")
            raise ProviderError("The image service answered without an image.", kind="bad_output")
        return ImageResult(data=_decode_image(data.b64_json), model=model, usage=_image_usage(answer.usage))

    def _stream_image(self, params: dict, on_partial: OnPartial) -> ImageResult | None:
        """Stream partial images into `on_partial`; None when the server cannot stream."""
        try:
            stream = self.client.images.generate(timeout=self.image_timeout, stream=True,
                                                 partial_images=self.partial_images, **params)
            with stream:
                for event in stream:
                    kind = getattr(event, "type", "")
                    if kind == "image_generation.partial_image":
                        on_partial(_decode_image(event.b64_json), event.partial_image_index)
                    elif kind == "image_generation.completed":
                        return ImageResult(data=_decode_image(event.b64_json), model=params["model"],
                                           usage=_image_usage(event.usage))
        except openai.APIStatusError as exc:
            if exc.status_code in NO_STREAM_STATUSES and not _refused(exc):
                return None
            raise explain(exc, setting="MOVIEPITCH_IMAGE_MODEL") from exc
        except openai.OpenAIError as exc:
            raise explain(exc, setting="MOVIEPITCH_IMAGE_MODEL") from exc
        except ValueError as exc:
            # A malformed event in the stream surfaces as a JSON decoding error.
            raise ProviderError("The image service sent an answer we could not read.", kind="bad_output") from exc
        # No finished image: the server ignored stream=true and sent a plain body.
        return None

    # Moderation

    def moderate(self, text: str) -> ModerationResult | None:
        """Check the idea with the moderations endpoint; None where the server has none."""
        if not self.moderation_model or self._no_moderation:
            return None
        try:
            answer = self.client.moderations.create(model=self.moderation_model, input=text,
                                                    timeout=self.text_timeout)
        except openai.APIStatusError as exc:
            if exc.status_code in (404, 405, 501):
                log.warning("The AI service has no moderations endpoint; ideas are not checked")
                self._no_moderation = True
                return None
            raise explain(exc, setting="MOVIEPITCH_MODERATION_MODEL") from exc
        except openai.OpenAIError as exc:
            raise explain(exc, setting="MOVIEPITCH_MODERATION_MODEL") from exc
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
        raise ProviderError("The image service sent image data that is not valid base64.",
                            kind="bad_output") from exc
    if sniff(image) is None:
        raise ProviderError("The image service sent data that is not a PNG, WebP or JPEG image.",
                            kind="bad_output")
    return image


def _image_usage(usage) -> dict[str, int]:
    return {"images": 1, "input_tokens": getattr(usage, "input_tokens", 0) or 0,
            "output_tokens": getattr(usage, "output_tokens", 0) or 0}


def _refused(exc: openai.APIStatusError) -> bool:
    code = getattr(exc, "code", None)
    body = exc.body if isinstance(exc.body, dict) else {}
    return code in REFUSAL_CODES or body.get("code") in REFUSAL_CODES


def _require_text(text: str | None) -> str:
    if not text or not text.strip():
        raise ProviderError("The model returned an empty answer.", kind="bad_output")
    return text


def _chat_usage(usage) -> dict[str, int]:
    if usage is None:
        return {}
    return {"input_tokens": usage.prompt_tokens or 0, "output_tokens": usage.completion_tokens or 0}


def _names_param(exc: openai.APIStatusError, param: str) -> bool:
    # The SDK usually unwraps {"error": {...}}; some servers send the error bare.
    body = exc.body if isinstance(exc.body, dict) else {}
    error = body["error"] if isinstance(body.get("error"), dict) else body
    return error.get("param") == param or param in (exc.message or "")


def explain(exc: openai.OpenAIError, *, setting: str) -> ProviderError:
    """Turn an SDK error into a plain message; the log names the setting to fix, never the key."""
    if isinstance(exc, openai.APITimeoutError):
        return ProviderError("The AI service took too long to answer.", kind="timeout")
    if isinstance(exc, openai.APIConnectionError):
        return ProviderError("The AI service could not be reached.", kind="unavailable")
    if isinstance(exc, openai.RateLimitError):
        retry_after = _retry_after(exc)
        return ProviderError("The AI service is busy right now. Try again in a moment.",
                             kind="busy", retry_after=retry_after)
    if isinstance(exc, (openai.AuthenticationError, openai.PermissionDeniedError)):
        log.error("The AI service refused our credentials (HTTP %s): check OPENAI_API_KEY and OPENAI_BASE_URL",
                  exc.status_code)
        return ProviderError("The AI service is misconfigured, so this step could not run.", kind="misconfigured")
    if isinstance(exc, openai.NotFoundError):
        log.error("The AI service does not know the model (HTTP 404): check %s", setting)
        return ProviderError("The AI service is misconfigured, so this step could not run.", kind="misconfigured")
    if isinstance(exc, openai.APIStatusError) and _refused(exc):
        return ProviderError("The image service refused this poster description.", kind="refused")
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code >= 500:
            return ProviderError("The AI service had a problem on its side.", kind="unavailable")
        log.warning("The AI service rejected a request (HTTP %s): %s", exc.status_code, exc.message)
        return ProviderError("The AI service rejected the request.", kind="error")
    log.warning("Unexpected answer from the AI service: %s", type(exc).__name__)
    return ProviderError("The AI service sent an answer we could not read.", kind="bad_output")


def _retry_after(exc: openai.APIStatusError) -> float | None:
    value = exc.response.headers.get("retry-after") if exc.response is not None else None
    try:
        return float(value) if value else None
    except ValueError:
        return None
