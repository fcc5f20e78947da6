"""The models a person may choose from (MOVIEPITCH_TEXT_MODELS, MOVIEPITCH_IMAGE_MODELS), and checking a choice."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

MODEL_ID = re.compile(r"[^\s\"'<>]{1,128}")
OFFLINE_LABELS = {"offline-writer": "Offline writer", "offline-painter": "Offline poster painter"}


@dataclass(frozen=True)
class ModelChoice:
    """A model a person may choose, and what the form calls it ("Fast and cheap")."""

    id: str
    label: str


def parse_models(value: Any, setting: str) -> list[ModelChoice]:
    """A model list from its setting: a JSON list of {"id", "label"} or "id=label" items, or "id=label" pairs
    separated by commas. A clear error names the setting when it cannot be read."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            value = [part for part in value.split(",") if part.strip()]
        if isinstance(value, str):
            value = [value]
    if not isinstance(value, (list, tuple)):
        raise RuntimeError(
            f"MOVIEPITCH_{setting} must be a list of models, like "
            '[{"id": "gpt-5.4-mini", "label": "Fast and cheap"}] or "gpt-5.4-mini=Fast and cheap".'
        )
    choices: dict[str, ModelChoice] = {}
    for item in value:
        if isinstance(item, Mapping):
            model, label = item.get("id"), item.get("label")
        elif isinstance(item, str):
            model, _, label = item.partition("=")
        else:
            model, label = None, None
        model = model.strip() if isinstance(model, str) else ""
        if not MODEL_ID.fullmatch(model):
            raise RuntimeError(f"MOVIEPITCH_{setting} has an entry without a usable model id: {item!r}.")
        label = label.strip() if isinstance(label, str) and label.strip() else model
        choices.setdefault(model, ModelChoice(model, label[:80]))
    return list(choices.values())


def with_default(choices: list[ModelChoice], default: str) -> list[ModelChoice]:
    """The list with the configured model in it (first, when the list did not name it)."""
    if not default or any(choice.id == default for choice in choices):
        return choices
    return [ModelChoice(default, default), *choices]


def offered(config: Mapping, kind: str, in_use: str) -> list[ModelChoice]:
    """The models offered for `kind` ("text" or "image"); only the one in use when the provider does not use the
    configured ones (the offline writer and painter)."""
    choices = config.get(f"{kind.upper()}_MODELS") or []
    if any(choice.id == in_use for choice in choices):
        return choices
    return [ModelChoice(in_use, OFFLINE_LABELS.get(in_use, in_use))]


def chosen(config: Mapping, kind: str, in_use: str, value: Any) -> tuple[str | None, str | None]:
    """(the model to store on the pitch, a problem in plain words): None stands for the default, which follows the
    settings (and MOVIEPITCH_SYNOPSIS_MODEL); a model not on offer is a problem."""
    if value is None or value == "":
        return None, None
    choices = offered(config, kind, in_use)
    if not isinstance(value, str) or value not in {choice.id for choice in choices}:
        names = ", ".join(choice.id for choice in choices)
        return None, f"Choose one of the {kind} models on offer: {names}."
    return (None if value == in_use else value), None
