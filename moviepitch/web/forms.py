"""The forms, and the one definition of a valid idea that the form, CLI and API share."""

from __future__ import annotations

import re
import unicodedata

from flask import current_app, request
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import FloatField, Form, RadioField, SelectField, SelectMultipleField, TextAreaField
from wtforms.validators import NumberRange, Optional, StopValidation

from ..studio import catalog, groups
from ..studio.knobs import KNOBS, Knob, stored

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


MESSAGE_MAX = 500
# What a browser would read as a tag: the meeting takes plain words only.
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>")


def message_problem(text) -> str | None:
    """What is wrong with a message to the Movie Boss, in plain words, or None when it is fine (1 to 500
    characters of plain text; line breaks are fine)."""
    if not isinstance(text, str) or not text.strip():
        return "Type a message to the Movie Boss first."
    text = text.strip()
    if len(text) > MESSAGE_MAX:
        return f"Keep it to {MESSAGE_MAX} characters (this one has {len(text)})."
    categories = {unicodedata.category(ch) for ch in text.replace("\n", "").replace("\r", "").replace("\t", "")}
    if "Cc" in categories or "Cs" in categories:
        return "The message contains control characters; please type plain text."
    if _MARKUP.search(text):
        return "Please write plain words: tags such as <b> or <script> are not taken."
    return None


def submitted_message_problem() -> str | None:
    """What is wrong with the meeting message this request sends (form or JSON), or None when it is fine."""
    if request.is_json:
        body = request.get_json(silent=True)
        return message_problem(body.get("message") if isinstance(body, dict) else None)
    return message_problem(request.form.get("message", ""))


def valid_idea(form, field) -> None:
    """WTForms validator around idea_problem."""
    problem = idea_problem(field.data or "")
    if problem:
        raise StopValidation(problem)


class KnobField(FloatField):
    """A number field whose unreadable input gets plain words."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(self.gettext("Enter a number, like 0.7.")) from exc


def _knob_field(knob: Knob) -> KnobField:
    return KnobField(
        knob.label,
        default=knob.default,
        description=knob.description,
        validators=[
            Optional(),
            NumberRange(knob.low, knob.high, message=f"Keep it between {knob.low:g} and {knob.high:g}."),
        ],
        render_kw={"min": knob.low, "max": knob.high, "step": knob.step},
    )


def _in_use(kind: str) -> str:
    provider = current_app.extensions["moviepitch"].provider
    return provider.text_model if kind == "text" else provider.image_model


def _offered_model(kind: str):
    """WTForms validator: the model is one of those on offer (catalog.chosen)."""

    def check(form, field) -> None:
        _, problem = catalog.chosen(current_app.config, kind, _in_use(kind), field.data)
        if problem:
            raise StopValidation(problem)

    return check


class StudioFields(Form):
    """The studio's settings of a new pitch: the knobs and the models, optional, shared by the form and the API."""

    temperature = _knob_field(KNOBS[0])
    frequency_penalty = _knob_field(KNOBS[1])
    presence_penalty = _knob_field(KNOBS[2])
    text_model = SelectField(
        "Text model",
        validate_choice=False,
        validators=[_offered_model("text")],
        description="Which model writes the pitch.",
    )
    image_model = SelectField(
        "Poster model",
        validate_choice=False,
        validators=[_offered_model("image")],
        description="Which model paints the poster.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in ("text", "image"):
            field = getattr(self, f"{kind}_model")
            field.choices = [
                (choice.id, choice.label) for choice in catalog.offered(current_app.config, kind, _in_use(kind))
            ]
            if not field.data:
                field.data = _in_use(kind)

    def settings(self) -> dict:
        """What to store on the new pitch: the knobs set, and the models chosen (None: the default)."""
        return {
            "knobs": stored({knob.name: getattr(self, knob.name).data for knob in KNOBS}),
            **{
                f"{kind}_model": catalog.chosen(
                    current_app.config, kind, _in_use(kind), getattr(self, f"{kind}_model").data
                )[0]
                for kind in ("text", "image")
            },
        }


# What the form can make: one pitch, or a group of them (studio/groups.py).
KIND_CHOICES = [
    ("one", "One pitch"),
    ("takes", "Three takes: the same idea at low, medium and high creativity"),
    ("compare", "Compare models: the same idea written by two or three models, side by side"),
]


def _text_models() -> list[str]:
    return [choice.id for choice in catalog.offered(current_app.config, "text", _in_use("text"))]


def _group_kind(form, field) -> None:
    """WTForms validator: a kind the form offers, and one that can work with the settings chosen."""
    kind = field.data or "one"
    if kind not in dict(KIND_CHOICES):
        raise StopValidation("Choose one pitch, three takes or compare models.")
    if kind == "compare" and len(_text_models()) < groups.COMPARE_MIN:
        raise StopValidation("Only one text model is on offer here, so there is nothing to compare it with.")
    if kind == "takes":
        model = form.text_model.data or _in_use("text")
        if "temperature" not in current_app.extensions["moviepitch"].provider.sampling_params(model):
            raise StopValidation(
                f"Three takes change the creativity, which {model} does not take: choose a text model that does."
            )


def _compared_models(form, field) -> None:
    """WTForms validator: two or three of the text models on offer, when comparing."""
    if form.kind.data != "compare":
        return
    chosen = list(dict.fromkeys(field.data or []))
    if not groups.COMPARE_MIN <= len(chosen) <= groups.COMPARE_MAX:
        raise StopValidation(f"Choose {groups.COMPARE_MIN} or {groups.COMPARE_MAX} models to compare.")
    unknown = [model for model in chosen if model not in _text_models()]
    if unknown:
        raise StopValidation(f"Compare among the text models on offer: {', '.join(_text_models())}.")


class GroupFields(StudioFields):
    """The studio's settings, and whether to make one pitch, three takes or a comparison of models."""

    kind = RadioField("What to make", default="one", validate_choice=False, validators=[_group_kind])
    models = SelectMultipleField(
        "Models to compare",
        validate_choice=False,
        validators=[_compared_models],
        description=f"Choose {groups.COMPARE_MIN} or {groups.COMPARE_MAX}.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offered = catalog.offered(current_app.config, "text", _in_use("text"))
        self.models.choices = [(choice.id, choice.label) for choice in offered]
        # Compare is offered only when there is something to compare.
        self.kind.choices = [
            choice for choice in KIND_CHOICES if choice[0] != "compare" or len(offered) >= groups.COMPARE_MIN
        ]
        if not self.models.data:
            self.models.data = [choice.id for choice in offered[: groups.COMPARE_MAX]]

    def members(self) -> list[dict]:
        """The settings of each pitch to make: one, or one per take or per model compared."""
        if self.kind.data in groups.KINDS:
            return groups.member_settings(self.kind.data, self.settings(), list(dict.fromkeys(self.models.data)))
        return [self.settings()]

    def customised(self) -> bool:
        """True when anything in the advanced section differs from its default (so it shows open)."""
        models = (getattr(self, f"{kind}_model").data not in (None, "", _in_use(kind)) for kind in ("text", "image"))
        return (
            self.kind.data not in (None, "", "one")
            or bool(self.settings()["knobs"])
            or any(models)
            or any(name in self.errors for name in self.advanced_fields())
        )

    @staticmethod
    def advanced_fields() -> tuple[str, ...]:
        """The names of the fields the advanced section holds."""
        return ("kind", "models", *(knob.name for knob in KNOBS), "text_model", "image_model")


def _json_form(body: dict, form_class: type[StudioFields]) -> tuple[StudioFields, dict[str, list[str]]]:
    """The studio fields of a JSON request, checked by the form's own validators: (the form, errors by field)."""
    errors: dict[str, list[str]] = {}
    data = MultiDict()
    for knob in KNOBS:
        value = body.get(knob.name)
        if value is None:
            continue
        try:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError
            data[knob.name] = repr(float(value))
        except (TypeError, OverflowError):
            errors[knob.name] = [f"Send a number between {knob.low:g} and {knob.high:g}, or leave it out."]
    for kind in ("text", "image"):
        value = body.get(f"{kind}_model")
        if value is not None and not isinstance(value, str):
            errors[f"{kind}_model"] = ["Send the model's id as a string."]
        elif value:
            data[f"{kind}_model"] = value
    if form_class is GroupFields:
        kind, models = body.get("kind"), body.get("models")
        if kind not in groups.KINDS:
            errors["kind"] = ['Send "kind": ' + " or ".join(f'"{name}"' for name in groups.KINDS) + "."]
        else:
            data["kind"] = kind
        if models is not None and not (isinstance(models, list) and all(isinstance(m, str) for m in models)):
            errors["models"] = ["Send the models to compare as a list of model ids."]
        elif models:
            data.setlist("models", models)
    form = form_class(formdata=data)
    form.validate()
    errors.update({name: list(messages) for name, messages in form.errors.items() if name not in errors})
    return form, errors


def json_settings(body: dict) -> tuple[dict, dict[str, list[str]]]:
    """The studio settings of a JSON create request, checked by the form's own validators: (settings, errors)."""
    form, errors = _json_form(body, StudioFields)
    return ({} if errors else form.settings()), errors


def json_group(body: dict) -> tuple[GroupFields, dict[str, list[str]]]:
    """The fields of a JSON request for a group (kind, models and the studio settings), checked: (form, errors)."""
    return _json_form(body, GroupFields)


def submitted_pitch_count() -> int:
    """How many pitches this request asks for (three takes are three), for the rate limit to count."""
    if request.endpoint not in ("pages.index", "api.create_group"):
        return 1
    if request.is_json:
        body = request.get_json(silent=True)
        body = body if isinstance(body, dict) else {}
        return groups.pitch_count(body.get("kind"), body.get("models"))
    return groups.pitch_count(request.form.get("kind"), request.form.getlist("models"))


class IdeaForm(FlaskForm, GroupFields):
    idea = TextAreaField(
        "Your movie idea",
        filters=[one_line],
        validators=[valid_idea],
        # No maxlength: a browser would cut a pasted idea silently. The page counts and says instead.
        render_kw={"required": True, "minlength": IDEA_MIN, "data-max": IDEA_MAX, "rows": 3},
    )
