"""The knobs of a completion a person may set: creativity (temperature), frequency and presence penalty.

One table says each knob's range, default and what it does; the form (forms.py) and the JSON API check
against it with the same WTForms validators, and the chain sends a knob only to models that take it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Knob:
    """One knob: its API parameter, the words the form uses, its range and the model's default."""

    name: str  # the chat completions parameter, and the key on the pitch and in the API
    label: str
    description: str
    low: float
    high: float
    default: float
    step: float = 0.1


KNOBS = (
    Knob(
        "temperature",
        "Creativity",
        "Low keeps the pitch plain and conventional; high gives stranger twists and word choices.",
        0.0,
        2.0,
        1.0,
    ),
    Knob("frequency_penalty", "Frequency penalty", "Higher means fewer repeated words and phrases.", -2.0, 2.0, 0.0),
    Knob("presence_penalty", "Presence penalty", "Higher makes it move on to new topics sooner.", -2.0, 2.0, 0.0),
)
BY_NAME = {knob.name: knob for knob in KNOBS}


def stored(values: Mapping[str, Any]) -> dict[str, float]:
    """The knobs to keep on a pitch: those set to something other than their default (a slider always sends one;
    at its default a knob leaves each step at its own, such as the title's 0.7)."""
    kept = {}
    for knob in KNOBS:
        value = values.get(knob.name)
        if value is not None and float(value) != knob.default:
            kept[knob.name] = float(value)
    return kept


def knob_facts(provider, model: str | None = None) -> dict:
    """Whether the text model takes the knobs, which it ignores, and a sentence saying so for the form."""
    model = model or provider.text_model
    taken = provider.sampling_params(model)
    ignored = [knob.name for knob in KNOBS if knob.name not in taken]
    note = None
    if len(ignored) == len(KNOBS):
        note = f"The model {model} does not take these settings, so they are not sent to it."
    elif ignored:
        names = ", ".join(BY_NAME[name].label.lower() for name in ignored)
        note = f"The model {model} does not take {names}, so it is not sent."
    return {"model": model, "takes_knobs": not ignored, "ignored": ignored, "note": note}


def document(knobs: Mapping[str, float], provider, model: str | None) -> dict:
    """The knobs of a pitch for its status JSON: each value (None: the default) and whether they reach the model."""
    facts = knob_facts(provider, model)
    return {
        **{knob.name: knobs.get(knob.name) for knob in KNOBS},
        "takes_knobs": facts["takes_knobs"],
        "ignored": facts["ignored"],
    }
