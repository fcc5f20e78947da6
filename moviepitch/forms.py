"""The forms, and the one definition of a valid idea that the form, CLI and API share."""

from __future__ import annotations

import unicodedata

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
    # NUL, escape codes and the like: whatever folding did not turn into a space.
    if any(unicodedata.category(ch) == "Cc" for ch in idea):
        return "The idea contains control characters; please type plain text."
    return None


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
        render_kw={"required": True, "minlength": IDEA_MIN, "maxlength": IDEA_MAX, "rows": 3},
    )
