"""Reading model answers: one cleaning function for every saved text, and the checks that an answer is usable.

Small local models answer with chat-template tokens when the server's template does not match the
model, copy the prompt's worked example, or write escape sequences that would reach an operator's
terminal. Every answer from every provider is cleaned here before it is saved or shown.
"""

from __future__ import annotations

import re

from ..providers.base import ProviderError
from . import prompts

MAX_TITLE_WORDS = 12
# Runs of this many words shared with a worked example are a copy, not a coincidence.
ECHO_WORDS = 8
MODEL_NAME_LENGTH = 128  # the steps table's model column

# Terminal escape sequences, whole: OSC (titles, hyperlinks, clipboard) up to its terminator or the
# line's end, CSI (colours, cursor moves), then any other ESC pair. 8-bit introducers count too.
_ESCAPES = re.compile(
    r"(?:\x1b\]|\x9d)[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    r"|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|\x1b[@-_]?"
)
# Control characters but newline and tab, and the invisible marks that reorder or hide text.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]")
# Where a model's answer ends and it starts inventing the next turn of the conversation.
_TURN_END = re.compile(
    r"<\|(?:im_end|eot_id|eom_id|endoftext|end|END_OF_TURN_TOKEN)\|>|<end_of_turn>|</s>|<eos>"
    r"|\[INST\]|<\|im_start\|>\s*user|<start_of_turn>\s*user|<\|start_header_id\|>\s*user"
    r"|<\|user\|>",
    re.IGNORECASE,
)
# Every chat-template token (with the role word some carry), from Llama 2 and 3, ChatML, Gemma,
# Phi and Mistral templates.
_TEMPLATE = re.compile(
    r"<\|start_header_id\|>\s*\w*\s*<\|end_header_id\|>"
    r"|<\|im_start\|>\s*(?:system|user|assistant)?"
    r"|<start_of_turn>\s*(?:user|model)?"
    r"|<\|[A-Za-z_]+\|>|<<\s*/?\s*SYS\s*>>|\[/?\s*(?:INST|SYS)\s*\]"
    r"|</?s>|<(?:bos|eos|pad|unk)>|<end_of_turn>",
    re.IGNORECASE,
)
# A token or tag still being streamed, at the very end of a draft.
_UNFINISHED = re.compile(r"(?:<[^<>\n]{0,24}|\[/?[A-Za-z]{0,4}|\x1b[^\n]{0,24})$")
_MARKUP = re.compile(r"[<>\[\]{}|\\`]|https?://|^\W*$")
_WORDS = re.compile(r"[a-z0-9']+")
# Words before a name that belong to it, so "Detective Nora Vale" goes as a whole.
# fmt: off
_HONORIFICS = ("Dr", "Mr", "Mrs", "Ms", "Miss", "Sir", "Lady", "Lord", "Detective", "Captain", "Agent",
               "Officer", "Professor", "Doctor", "Sergeant", "Inspector", "Count", "King", "Queen",
               "Prince", "Princess", "Uncle", "Aunt", "Father", "Sister", "Brother", "Mother")
# fmt: on
_NOT_NAMES = {"the", "and", "of", "a", "an", "in", "on", "at", "to", *map(str.lower, _HONORIFICS)}


def clean(text: str, *, partial: bool = False) -> str:
    """An answer as it may be saved and shown: no escape sequences, control characters, template tokens or
    prompt tags, and only the first turn. `partial` also drops a token still arriving at the end."""
    text = text.replace("\r\n", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _CONTROLS.sub("", _ESCAPES.sub("", text).replace("\t", " "))
    end = next((m for m in _TURN_END.finditer(text) if _TEMPLATE.sub("", text[: m.start()]).strip()), None)
    if end is not None:
        text = text[: end.start()]
    text = prompts.TAG.sub("", _TEMPLATE.sub("", text))
    if partial:
        text = _UNFINISHED.sub("", text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def carries_template(text: str) -> bool:
    """True when a raw answer holds chat-template tokens (the server's template does not fit the model)."""
    return bool(_TEMPLATE.search(text))


def model_name(name: str | None) -> str | None:
    """A model name a server reported, safe to store and print."""
    cleaned = _CONTROLS.sub("", _ESCAPES.sub("", name or "")).strip()
    return cleaned[:MODEL_NAME_LENGTH] or None


def unusable(why: str, hint: str | None = None) -> ProviderError:
    """The error for an answer that came back but cannot be used; a retry may well do better."""
    return ProviderError(
        f"The model's answer was not usable: {why}. Try again, or use another model.", kind="unusable", hint=hint
    )


ECHO_HINT = (
    "The model copied the prompt's worked example instead of writing about the idea; small "
    "models often do. A larger or instruction-tuned model does better (MOVIEPITCH_TEXT_MODEL)."
)
TEMPLATE_HINT = (
    "The answer carried chat-template tokens such as <<SYS>> or [/INST]: the server's chat "
    "template does not match the model (MOVIEPITCH_TEXT_MODEL). Start the server with the "
    "model's own template."
)


def title_from(answer: str, allowed: str = "", templated: bool = False) -> str:
    """The title in an answer; unusable when it is markup, empty, too long or the worked example's.

    `allowed` is the user's idea (it may name the example's title); `templated` says the raw answer
    carried chat-template tokens, which the operator's hint then blames.
    """
    hint = TEMPLATE_HINT if templated else None
    line = next((line for line in clean(answer).splitlines() if line.strip()), "")
    line = line.strip().strip("*#_").strip()
    if line.lower().startswith("title:"):
        line = line[len("title:") :]
    title = line.strip().strip("\"'“”‘’").rstrip(".").strip()
    if not title:
        raise unusable("it held no title", hint)
    if _MARKUP.search(title):
        raise unusable("it was markup, not a title", hint)
    if len(title.split()) > MAX_TITLE_WORDS:
        raise unusable("it was not a title (too long)", hint)
    if echoes_example(title, allowed):
        raise unusable("it repeated the worked example instead of using your idea", ECHO_HINT)
    return title[:120]


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.lower())


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + ECHO_WORDS]) for i in range(len(words) - ECHO_WORDS + 1)}


_EXAMPLE_RUNS = set().union(*(_runs(_words(text)) for text in prompts.EXAMPLE_ANSWERS))


def _mentions(text: str, name: str) -> bool:
    return re.search(rf"\b{re.escape(name)}\b", text, re.IGNORECASE) is not None


def echoes_example(text: str, allowed: str = "") -> bool:
    """True when text copies the worked examples: their characters or title, two of their actors, or a
    run of their sentences. Whatever `allowed` (the user's own idea) names does not count."""

    def copied(name: str) -> bool:
        return _mentions(text, name) and not _mentions(allowed, name)

    if any(copied(name) for name in (*prompts.EXAMPLE_CHARACTERS, prompts.TOP_GUN_TITLE)):
        return True
    if sum(copied(actor) for actor in prompts.EXAMPLE_ACTORS) >= 2:
        return True
    return bool((_runs(_words(text)) & _EXAMPLE_RUNS) - _runs(_words(allowed)))


def without_names(description: str, names) -> str:
    """A poster description with the people in it unnamed (image services refuse real people)."""
    text = re.sub(r"\s*\([^()\n]{2,60}\)", "", description)  # "Maverick (Tom Cruise)": the actor goes
    names = {*names, *prompts.EXAMPLE_CHARACTERS, *prompts.EXAMPLE_ACTORS}
    parts = {
        word
        for name in names
        for word in re.findall(r"[\w'’-]+", name)
        if len(word) >= 3 and word[0].isupper() and word.lower() not in _NOT_NAMES
    }
    honorific = r"(?:(?:" + "|".join(_HONORIFICS) + r")\.?\s+)?"
    for name in sorted({*names, *parts}, key=len, reverse=True):
        if name.strip():
            text = re.sub(rf"\b{honorific}{re.escape(name.strip())}\b", "a figure", text)
    # "a figure" at the start of a sentence reads as one.
    text = re.sub(r"(^|[.!?]\s+)a figure", lambda m: f"{m.group(1)}A figure", text)
    return " ".join(text.split())
