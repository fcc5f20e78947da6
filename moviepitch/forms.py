"""The forms, and the one definition of a valid idea that the form, CLI and API share."""

from __future__ import annotations

import unicodedata

from flask import request
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import StopValidation

IDEA_MIN, IDEA_MAX = 3, 300


def one_line(value):
    """Trim, and fold line breaks, tabs and repeated spaces into single spaces."""
    return " ".join(value.split()) if isinstance(value, str) else value


def idea_problem(idea: str) -> str | None:
    """What is wrong with a (folded) idea, in plain words, or None when it is fine."""
    if not idea:
        return "Type a one-line movie idea first."
    if not IDEA_MIN <= len(idea) <= IDEA_MAX:
        return f"Keep it between {IDEA_MIN} and {IDEA_MAX} characters (this one has {len(idea)})."
    # NUL, escape codes and the like: whatever folding did not turn into a space. Lone surrogates
    # (from JSON escapes or undecodable command-line bytes) cannot be stored as text at all.
    categories = {unicodedata.category(ch) for ch in idea}
    if "Cc" in categories:
        return "The idea contains control characters; please type plain text."
    if "Cs" in categories:
        return "The idea contains characters that are not valid text; please type it again."
    return None


def submitted_idea_problem() -> str | None:
    """What is wrong with the idea this request submits (form or JSON), or None when it is fine."""
    if request.is_json:
        body = request.get_json(silent=True)
        idea = body.get("idea") if isinstance(body, dict) else None
        if not isinstance(idea, str):
            return "Send the idea as a string."
    else:
        idea = request.form.get("idea", "")
    return idea_problem(one_line(idea))


def valid_idea(form, field) -> None:
    """WTForms validator around idea_problem."""
    problem = idea_problem(field.data or "")
    if problem:
        raise StopValidation(problem)


class IdeaForm(FlaskForm):
    idea = TextAreaField(
        "Your movie idea",
        filters=[one_line],
        validators=[valid_idea],
        # No maxlength: a browser would cut a pasted idea silently. The page counts and says instead.
        render_kw={"required": True, "minlength": IDEA_MIN, "data-max": IDEA_MAX, "rows": 3},
    )
