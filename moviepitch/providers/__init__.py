"""Choosing a provider from settings: openai when a key or base URL is set, offline otherwise."""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping

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
from .endpoints import is_local, shown
from .offline_provider import OfflineProvider
from .openai_api import OpenAIProvider

__all__ = [
    "ImageRequest",
    "ImageResult",
    "ModerationResult",
    "OfflineProvider",
    "OpenAIProvider",
    "Provider",
    "ProviderError",
    "TextRequest",
    "TextResult",
    "select_provider",
    "tell_offline_once",
]

NAMES = ("openai", "offline")

log = logging.getLogger(__name__)


class SplitProvider(Provider):
    """Text from one provider and posters from another (most local servers cannot paint)."""

    def __init__(self, text: Provider, image: Provider):
        self._text, self._image = text, image
        self.name = f"{text.name}+{image.name}-poster"
        self.text_model, self.image_model = text.text_model, image.image_model
        # Posters come from elsewhere, so they may be painted while the text server writes.
        self.text_concurrency = text.text_concurrency

    def text(self, request: TextRequest, on_delta: OnDelta | None = None) -> TextResult:
        """Delegate to the text provider."""
        return self._text.text(request, on_delta)

    def image(self, request: ImageRequest, on_partial: OnPartial | None = None) -> ImageResult:
        """Delegate to the image provider."""
        return self._image.image(request, on_partial)

    def moderate(self, text: str) -> ModerationResult | None:
        """The text provider checks ideas."""
        return self._text.moderate(text)

    def sampling_params(self, model: str | None = None) -> frozenset[str]:
        """The text provider's."""
        return self._text.sampling_params(model)

    def takes_response_format(self, model: str | None = None) -> bool:
        """The text provider's."""
        return self._text.takes_response_format(model)

    def warm(self) -> None:
        """Warm both."""
        self._text.warm()
        self._image.warm()


def _chosen(config: Mapping, key: str, default: str) -> str:
    name = (config.get(key) or default).strip().lower()
    if name not in NAMES:
        raise RuntimeError(f"MOVIEPITCH_{key} must be one of {', '.join(NAMES)}, not {name!r}.")
    return name


def select_provider(config: Mapping) -> Provider:
    """Build the provider the settings ask for."""
    remote = bool(config.get("OPENAI_API_KEY") or config.get("OPENAI_BASE_URL"))
    text_name = _chosen(config, "PROVIDER", "openai" if remote else "offline")
    image_name = _chosen(config, "IMAGE_PROVIDER", text_name)
    if "openai" in (text_name, image_name) and not remote:
        raise RuntimeError("The openai provider needs OPENAI_API_KEY or OPENAI_BASE_URL to be set.")
    built: dict[str, Provider] = {}
    for name in {text_name, image_name}:
        built[name] = _build(name, config)
    if text_name == image_name:
        return built[text_name]
    return SplitProvider(built[text_name], built[image_name])


@functools.cache  # once per process
def tell_offline_once() -> None:
    """Tell the operator, once per process, that no model is connected and which setting connects one."""
    # Pages show visitors only an "Offline demo" badge: how to connect a model is for the operator.
    log.warning(
        "No AI model is connected: the offline writer makes every pitch (pages show an "
        "'Offline demo' badge). Set OPENAI_API_KEY, or OPENAI_BASE_URL for Ollama, vLLM or a "
        "llama.cpp server, to use a model; see the README's Configuration."
    )


def _build(name: str, config: Mapping) -> Provider:
    if name == "offline":
        return OfflineProvider(pace=float(config.get("OFFLINE_PACE") or 0))
    base_url = config.get("OPENAI_BASE_URL")
    if is_local(base_url):
        log.warning(
            "OPENAI_BASE_URL %s is a local server: %s text call(s) at a time "
            "(MOVIEPITCH_TEXT_CONCURRENCY), up to %g s each (MOVIEPITCH_TEXT_TIMEOUT).",
            shown(base_url),
            config.get("TEXT_CONCURRENCY") or "all the chain's",
            config["TEXT_TIMEOUT"],
        )
    return OpenAIProvider(
        api_key=config.get("OPENAI_API_KEY"),
        base_url=config.get("OPENAI_BASE_URL"),
        text_model=config["TEXT_MODEL"],
        image_model=config["IMAGE_MODEL"],
        image_size=config["IMAGE_SIZE"],
        image_quality=config.get("IMAGE_QUALITY"),
        image_format=config.get("IMAGE_FORMAT") or None,
        image_compression=config.get("IMAGE_COMPRESSION"),
        text_timeout=config["TEXT_TIMEOUT"],
        image_timeout=config["IMAGE_TIMEOUT"],
        max_retries=config["MAX_RETRIES"],
        moderation_model=config.get("MODERATION_MODEL") or None,
        partial_images=config.get("IMAGE_PARTIALS", 2),
        safety_identifier=config.get("SAFETY_IDENTIFIER"),
        text_concurrency=config.get("TEXT_CONCURRENCY"),
        moderation_required=config.get("MODERATION_REQUIRED"),
        sampling=config.get("SAMPLING_SUPPORT"),
    )
