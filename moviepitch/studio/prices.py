"""The price table (MOVIEPITCH_PRICES or PRICES in instance/config.py) and what a call cost by it.

Prices live in configuration only: they change, and a price made up in code would be wrong the day it
shipped. A model without an entry has its usage shown without a cost.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

# What each entry may price: per million tokens, except per_image.
PRICE_KEYS = {
    "input": "input tokens (text; for an image model, the text of its prompt)",
    "cached_input": "input tokens served from the prompt cache",
    "output": "output tokens (reasoning tokens included)",
    "image_input": "image input tokens of an image model",
    "image_output": "output tokens of an image model",
    "per_image": "each image made, when its tokens cannot be priced (a fallback)",
}
NANOS = 1_000_000_000  # costs are kept in billionths of the currency: integers that add up exactly
DEFAULT_CURRENCY = "USD"
_WARNED: set[tuple[str, tuple[str, ...]]] = set()
EXAMPLE = '{"currency": "USD", "models": {"gpt-5.4-mini": {"input": 0.25, "cached_input": 0.025, "output": 2}}}'


@dataclass(frozen=True)
class PriceTable:
    """Prices per model (per million tokens) in one currency."""

    currency: str
    models: Mapping[str, Mapping[str, float]]

    def entry(self, model: str | None) -> Mapping[str, float] | None:
        """The entry for a model: its own, else the longest one it is a dated snapshot or fine-tune of
        ("gpt-5.4-mini" prices "gpt-5.4-mini-2026-03-17"; "ft:gpt-4.1-mini-2025-04-14" prices its fine-tunes)."""
        if not model:
            return None
        if model in self.models:
            return self.models[model]
        stems = [name for name in self.models if model.startswith(name) and model[len(name)] in "-:"]
        return self.models[max(stems, key=len)] if stems else None

    def cost(self, model: str | None, usage: Mapping[str, int]) -> dict | None:
        """What a call with this usage cost: {"nanos": n, "currency": c}; None when something it used has no price."""
        entry = self.entry(model)
        if entry is None or not usage:
            return None
        missing: list[str] = []
        nanos = _text_cost(entry, usage, missing) + _image_cost(entry, usage, missing)
        if missing:
            said = (model, tuple(missing))
            if said not in _WARNED:
                _WARNED.add(said)
                log.warning(
                    "MOVIEPITCH_PRICES has no %s price for model %s, which it used: its calls are shown "
                    "without a cost.",
                    ", ".join(dict.fromkeys(missing)),
                    model,
                )
            return None
        return {"nanos": round(nanos), "currency": self.currency}


def _tokens(usage: Mapping[str, int], key: str) -> int:
    return int(usage.get(key) or 0)


def _priced(entry: Mapping[str, float], key: str, tokens: int, missing: list[str]) -> float:
    """Nanos for `tokens` at the entry's price per million for `key`."""
    if tokens <= 0:
        return 0.0
    if key not in entry:
        missing.append(key)
        return 0.0
    return tokens * entry[key] * 1000  # (tokens / 1e6) * price * 1e9


def _text_cost(entry, usage, missing) -> float:
    cached = _tokens(usage, "cached_input_tokens")
    return (
        _priced(entry, "input", _tokens(usage, "input_tokens") - cached, missing)
        + _priced(entry, "cached_input", cached, missing)
        + _priced(entry, "output", _tokens(usage, "output_tokens"), missing)
    )


def _image_cost(entry, usage, missing) -> float:
    images = _tokens(usage, "images")
    output = _tokens(usage, "image_output_tokens")
    if images and (not output or "image_output" not in entry):
        # Tokens not reported, or not priced: the per-image price is the fallback.
        if "per_image" not in entry:
            missing.append("image_output or per_image" if output else "per_image")
            return 0.0
        return images * entry["per_image"] * NANOS
    image_part = _tokens(usage, "image_input_image_tokens")
    # Without a breakdown, a prompt's input tokens are its text.
    text_part = _tokens(usage, "image_input_text_tokens") or _tokens(usage, "image_input_tokens") - image_part
    return (
        _priced(entry, "input", text_part, missing)
        + _priced(entry, "image_input", image_part, missing)
        + _priced(entry, "image_output", output, missing)
    )


def parse_prices(value: Any) -> PriceTable | None:
    """The price table from its setting (a JSON text or a dict), checked; None when unset."""
    if value is None or value == "" or value == {}:
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError as exc:
            raise RuntimeError(f"MOVIEPITCH_PRICES is not valid JSON ({exc}); for example: {EXAMPLE}") from exc
    if not isinstance(value, Mapping):
        raise RuntimeError(f"MOVIEPITCH_PRICES must be an object; for example: {EXAMPLE}")
    currency = value.get("currency", DEFAULT_CURRENCY)
    if not isinstance(currency, str) or not currency.strip() or len(currency) > 8:
        raise RuntimeError('MOVIEPITCH_PRICES: "currency" must be a short code such as "USD".')
    models = value["models"] if "models" in value else {k: v for k, v in value.items() if k != "currency"}
    if not isinstance(models, Mapping):
        raise RuntimeError(f'MOVIEPITCH_PRICES: "models" must map model ids to prices; for example: {EXAMPLE}')
    return PriceTable(currency.strip().upper(), {model: _entry(model, prices) for model, prices in models.items()})


def _entry(model: str, prices: Any) -> dict[str, float]:
    if not isinstance(prices, Mapping) or not prices:
        raise RuntimeError(
            f"MOVIEPITCH_PRICES: the entry for {model!r} must be an object of prices, such as "
            '{"input": 0.25, "output": 2}.'
        )
    entry = {}
    for key, price in prices.items():
        if key not in PRICE_KEYS:
            raise RuntimeError(
                f"MOVIEPITCH_PRICES: {model!r} has an unknown price {key!r}; the known ones are "
                f"{', '.join(PRICE_KEYS)}."
            )
        if isinstance(price, bool) or not isinstance(price, (int, float)) or not math.isfinite(price) or price < 0:
            raise RuntimeError(f"MOVIEPITCH_PRICES: the {key} price of {model!r} must be a number of 0 or more.")
        entry[key] = float(price)
    return entry


def amount(nanos: int) -> float:
    """A cost in billionths as an amount of the currency, to a millionth (finer than any bill shows)."""
    return round(nanos / NANOS, 6)


def money_to_nanos(value: Any, setting: str = "MOVIEPITCH_DAILY_BUDGET") -> int | None:
    """A money setting in nanos; None when unset. A clear error when it is not an amount."""
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = -1.0
    if isinstance(value, bool) or not math.isfinite(number) or number < 0:
        raise RuntimeError(f"{setting} must be an amount of 0 or more in the price table's currency, like 5 or 12.50.")
    return round(number * NANOS)
