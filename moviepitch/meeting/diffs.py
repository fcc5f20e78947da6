"""Word diffs people can read, the sentences of a synopsis, and a change kept to one passage of it."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

# Words with their punctuation, and the spaces between them, so the pieces join back to the text exactly.
_TOKENS = re.compile(r"\s+|\w[\w'’-]*|[^\w\s]")
# A sentence with the spaces after it: up to its end mark (and any closing quote or bracket), or a line break.
_SENTENCES = re.compile(r"[^\n]*?(?:[.!?…]+[\"'”’»)\]]*(?=\s|$)|(?=\n)|$)[ \t]*\n*", re.DOTALL)
# Diffs of longer texts than this would cost more than they tell; they are shown as a whole replacement.
MAX_DIFF_CHARS = 20_000
# Unchanged words between two changes, up to this many, are shown as part of the change.
BRIDGED_WORDS, BRIDGED_CHARS = 2, 16
# Words of unchanged text kept on each side of a change when a diff is shown compactly.
CONTEXT_WORDS = 12


def word_diff(old: str, new: str) -> list[dict[str, str]]:
    """The change from `old` to `new` as runs of {"op": "same" | "del" | "ins", "text": ...}, word by word."""
    if len(old) + len(new) > MAX_DIFF_CHARS:
        return _merged([("del", old), ("ins", new)])
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    runs: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("del", "".join(a[i1:i2])))
        if j2 > j1:
            runs.append(("ins", "".join(b[j1:j2])))
    return _merged(runs)


def _merged(runs: list[tuple[str, str]]) -> list[dict[str, str]]:
    """Adjacent runs of one kind joined; a word or two left standing between two changes (a "the", an "of") joins
    them, so a diff reads in phrases rather than in scraps."""
    merged: list[dict[str, str]] = []
    for op, text in runs:
        if not text:
            continue
        if merged and merged[-1]["op"] == op:
            merged[-1]["text"] += text
        else:
            merged.append({"op": op, "text": text})
    for i in range(len(merged) - 2, 0, -1):
        run = merged[i]
        short = len(run["text"].split()) <= BRIDGED_WORDS and len(run["text"]) <= BRIDGED_CHARS
        if run["op"] == "same" and short and {merged[i - 1]["op"], merged[i + 1]["op"]} <= {"del", "ins"}:
            # "del a, ins b, same ' the ', del c, ins d" reads better as "del 'a the c', ins 'b the d'".
            merged[i : i + 1] = [{"op": "del", "text": run["text"]}, {"op": "ins", "text": run["text"]}]
    return _regrouped(merged)


def _regrouped(runs: list[dict[str, str]]) -> list[dict[str, str]]:
    """Within each stretch of changes, every deletion first, then every insertion, each joined into one run."""
    out: list[dict[str, str]] = []
    stretch: dict[str, str] = {"del": "", "ins": ""}
    for run in [*runs, {"op": "same", "text": ""}]:
        if run["op"] in stretch:
            stretch[run["op"]] += run["text"]
            continue
        out += [{"op": op, "text": text} for op, text in stretch.items() if text]
        stretch = {"del": "", "ins": ""}
        if run["text"]:
            out.append(run)
    return out


def compact(diff: list[dict[str, str]], context: int = CONTEXT_WORDS) -> list[dict[str, str]]:
    """The diff with long unchanged stretches cut to `context` words beside each change; a cut is a run
    {"op": "gap", "text": "…"}."""
    out: list[dict[str, str]] = []
    for index, run in enumerate(diff):
        words = re.split(r"(\s+)", run["text"])  # words at even indexes, the spaces between at odd
        keep = 2 * context - 1
        if run["op"] != "same" or len(words) <= 2 * keep + 2 or len(diff) == 1:
            out.append(run)
            continue
        head = "".join(words[:keep]) if index > 0 else ""
        tail = "".join(words[-keep:]) if index < len(diff) - 1 else ""
        out += [
            piece
            for piece in ({"op": "same", "text": head}, {"op": "gap", "text": "…"}, {"op": "same", "text": tail})
            if piece["text"]
        ]
    return out


def sentences(text: str) -> list[str]:
    """The sentences of a text, each with the spaces and line breaks after it: they join back to the text."""
    units = [unit for unit in _SENTENCES.findall(text) if unit]
    assert "".join(units) == text, "sentences must join back to the text"
    return units


def passage_span(text: str, passage: str) -> tuple[int, int] | None:
    """The sentences (first, after last) of `text` that hold `passage`, as indexes into sentences(text); None
    when the passage is not in the text. Spaces and line breaks in the passage match any run of them."""
    words = passage.split()
    if not words:
        return None
    match = re.search(r"\s+".join(map(re.escape, words)), text)
    if match is None:
        return None
    units, offset, first, last = sentences(text), 0, None, None
    for index, unit in enumerate(units):
        end = offset + len(unit.rstrip())
        if first is None and match.start() < end:
            first = index
        if match.end() > offset:
            last = index
        offset += len(unit)
    return (first, last + 1) if first is not None and last is not None else None


def passage_text(text: str, span: tuple[int, int]) -> str:
    """The sentences of a span, without the spaces after the last."""
    return "".join(sentences(text)[span[0] : span[1]]).rstrip()


def confine(old: str, new: str, span: tuple[int, int]) -> str:
    """`old` with only the sentences in `span` replaced by what `new` has in their place: every other character
    of `old` stays exactly as it was, whatever else `new` changed."""
    a, b = sentences(old), sentences(new)
    ops = SequenceMatcher(None, [s.strip() for s in a], [s.strip() for s in b], autojunk=False).get_opcodes()
    start, end = _mapped(ops, span[0], at_end=False), _mapped(ops, span[1], at_end=True)
    middle = "".join(b[start : max(start, end)]).rstrip()
    prefix, suffix = "".join(a[: span[0]]), "".join(a[span[1] :])
    if not middle:
        # Cut out, when the new text simply lacks the passage; otherwise it was rewritten past recognition,
        # and nothing in it stands in for the passage: no change.
        cut = any(tag == "delete" and i1 <= span[0] and span[1] <= i2 for tag, i1, i2, _, _ in ops)
        if not cut:
            return old
        return prefix + suffix if suffix else prefix.rstrip()
    last = a[span[1] - 1]
    return prefix + middle + last[len(last.rstrip()) :] + suffix  # with the spaces that followed the passage


def _mapped(ops, index: int, at_end: bool) -> int:
    """Where a sentence boundary of the old text falls in the new: exactly in unchanged stretches, by position in
    changed ones (insertions at the boundary itself stay outside)."""
    for _, i1, i2, j1, j2 in ops:
        inside = (i1 < index <= i2) if at_end else (i1 <= index < i2)
        if inside:
            if index == (i2 if at_end else i1):
                return j2 if at_end else j1
            return j1 + min(index - i1, j2 - j1)
    return ops[-1][4] if ops and at_end else 0
