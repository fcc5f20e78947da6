"""The studio's settings, read and checked once as the app starts, so a mistake stops it with one clear line."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..providers.base import SAMPLING_PARAMS
from .catalog import parse_models, with_default
from .prices import money_to_nanos, parse_prices


def prepare_studio_settings(config: dict, defaults: Mapping[str, Any]) -> None:
    """Parse the model lists, the price table, the money budget and the sampling table in place."""
    config["TEXT_MODELS"] = with_default(parse_models(config.get("TEXT_MODELS"), "TEXT_MODELS"), config["TEXT_MODEL"])
    config["IMAGE_MODELS"] = with_default(
        parse_models(config.get("IMAGE_MODELS"), "IMAGE_MODELS"), config["IMAGE_MODEL"]
    )
    config["PRICES"] = parse_prices(config.get("PRICES"))
    config["DAILY_BUDGET_NANOS"] = money_to_nanos(config.get("DAILY_BUDGET"))
    config["SYNOPSIS_MODEL"] = (config.get("SYNOPSIS_MODEL") or "").strip() or None
    config["SAMPLING_SUPPORT"] = {**defaults["SAMPLING_SUPPORT"], **_sampling(config.get("SAMPLING_SUPPORT"))}


def _sampling(value: Any) -> dict[str, list[str]]:
    """The operator's sampling table: model-name prefixes and the sampling parameters their models take."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            value = None
    if not isinstance(value, Mapping) or not all(
        isinstance(params, (list, tuple)) and set(params) <= set(SAMPLING_PARAMS) for params in value.values()
    ):
        raise RuntimeError(
            "MOVIEPITCH_SAMPLING_SUPPORT must map model-name prefixes to the sampling parameters "
            f"their models take ({', '.join(SAMPLING_PARAMS)}), like "
            '{"gpt-5-chat": ["temperature"], "llama": ["temperature", "frequency_penalty"]}.'
        )
    return {str(prefix): list(params) for prefix, params in value.items()}
