"""Placing the poster's heroes and motifs by the art plan's composition, as backlit silhouettes.

heroes: the leads standing, the idea's thing beside them; crowd: many small figures; facing: two
figures turned to each other; close_up: one hero filling the frame; object: the thing alone at the
centre; landscape: the thing small on the horizon, nobody in sight. A villain the idea names looms
as a faint giant shadow in the sky.
"""

from __future__ import annotations

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from .canvas import Canvas, Draw, mix, solid
from .figures import COAT, COATED, DRESS, FIGURE_SHAPES, person
from .motif_shapes import SHAPES

# How tall a shape stands, as a share of a person's height: buildings tower, animals are small.
_SCALE = {
    "shopfront": 1.0,
    "house": 1.1,
    "castle": 1.4,
    "tower": 1.6,
    "lighthouse": 1.4,
    "tent": 1.0,
    "factory": 1.0,
    "machine": 0.8,
    "plane": 0.8,
    "ship": 1.1,
    "tree": 1.3,
    "mountain": 1.6,
    "dragon": 0.9,
    "dinosaur": 1.0,
    "whale": 0.7,
    "moon": 0.9,
    "planet": 0.9,
}
_ANIMAL = 0.45  # a creature the painter has a drawing for stands at about half a person's height


def _shape(d: Draw, accents: Draw, key: str, x: float, base: float, tall: float, flip: bool = False) -> None:
    """Draw one motif from SHAPES, its body into `d` and its lit parts into `accents`."""
    top, side = base - tall, -1 if flip else 1

    def at(px: float, py: float) -> tuple[float, float]:
        return x + side * px * tall, top + py * tall

    for part in SHAPES.get(key, SHAPES["creature"]):
        kind, geometry = part[0], part[1]
        target = accents if kind.startswith("a") else d
        kind = kind.removeprefix("a")
        if kind == "p":
            target.polygon([at(*p) for p in geometry], fill=255)
        elif kind in ("e", "r"):
            (x0, y0), (x1, y1) = at(geometry[0], geometry[1]), at(geometry[2], geometry[3])
            box = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
            (target.ellipse if kind == "e" else target.rectangle)(box, fill=255)
        elif kind == "l":
            target.line([at(*p) for p in geometry], fill=255, width=max(1, int(part[2] * tall)))


def _hero(c: Canvas, d: Draw, accents: Draw, x: float, base: float, tall: float, k: int, flip: bool) -> None:
    art = c.art
    if art.figure == "human":
        dressed = (art.pronoun == "she") != (k % 2 == 1 and art.figure_count == 2)
        outline = DRESS if dressed and art.genre not in COATED else COAT
        person(d, x, base, tall, outline, hat=art.hat)
    elif art.figure in FIGURE_SHAPES:
        FIGURE_SHAPES[art.figure](d, x, base, tall * _ANIMAL)
    else:
        _shape(d, accents, art.figure, x, base, tall * _SCALE.get(art.figure, _ANIMAL), flip)


def _thing(c: Canvas) -> str | None:
    """The motif to paint beside or instead of the heroes; None when the idea gives none but the heroes."""
    return c.art.thing.shape if c.art.thing else None


def paint_composition(c: Canvas) -> None:
    """The heroes and motifs, placed by the composition, then backlit and rim-lit."""
    art, w, h = c.art, c.w, c.h
    mask = Image.new("L", c.image.size, 0)
    lit = Image.new("L", c.image.size, 0)
    d, a = ImageDraw.Draw(mask), ImageDraw.Draw(lit)
    ground = h * 0.93
    person_tall = h * 0.34
    thing = _thing(c)
    if art.looming:
        _looming(c)
    if art.composition == "heroes":
        side = c.rng.choice((0.2, 0.8))
        if thing is not None:
            _shape(d, a, thing, w * side, ground - h * 0.03, person_tall * _SCALE.get(thing, 0.7), side > 0.5)
        count = art.figure_count
        for k in range(count):
            x = w * (0.5 + (k - (count - 1) / 2) * 0.16 + (0.5 - side) * 0.15)
            _hero(c, d, a, x, ground - (k % 2) * h * 0.02, person_tall * (1 - 0.06 * (k % 2)), k, k % 2 == 1)
    elif art.composition == "crowd":
        if thing is not None and art.main_thing:  # what the idea is about stands on the horizon behind them
            _shape(d, a, thing, w * c.rng.choice((0.3, 0.7)), c.horizon + h * 0.02, h * 0.16, False)
        for row, (y, scale, n) in enumerate(((0.8, 0.16, 9), (0.87, 0.21, 7), (0.95, 0.27, 5))):
            for k in range(n):
                x = w * ((k + 0.5) / n + c.rng.uniform(-0.03, 0.03))
                _hero(c, d, a, x, h * y, h * scale * c.rng.uniform(0.9, 1.05), k + row, c.rng.random() < 0.5)
    elif art.composition == "facing":
        for k, x in enumerate((0.38, 0.62)):
            _hero(c, d, a, w * x, ground, person_tall * (1 - 0.05 * k), k, k == 1)
        if thing is not None:
            _shape(d, a, thing, w * 0.5, c.horizon + h * 0.02, h * 0.1, False)
    elif art.composition == "close_up":
        if thing is not None and art.main_thing:  # small on the horizon, beside the hero's shoulder
            side = c.rng.choice((0.14, 0.86))
            _shape(d, a, thing, w * side, c.horizon + h * 0.02, h * 0.13, side > 0.5)
        _hero(c, d, a, w * 0.5, h * 1.12, h * 0.85 / (_ANIMAL if art.figure != "human" else 1), 0, False)
    elif art.composition == "object":
        _shape(d, a, thing or "house", w * 0.5, ground - h * 0.02, h * 0.42, False)
        if art.thing is not None and art.thing.plural:  # many of them: two more, smaller, behind
            for x in (0.22, 0.78):
                _shape(d, a, thing, w * x, ground - h * 0.08, h * 0.24, x > 0.5)
        for k in range(min(art.figure_count, 3)):
            _hero(c, d, a, w * (0.2 + 0.08 * k), ground + h * 0.02, h * 0.1, k, False)
    else:  # landscape: the thing alone on the horizon
        _shape(d, a, thing or "house", w * c.rng.uniform(0.35, 0.65), c.horizon + h * 0.01, h * 0.11, False)
    _backlight(c, mask, lit)


def _looming(c: Canvas) -> None:
    """A giant, faint shadow of the idea's villain across the sky."""
    shadow = Image.new("L", c.image.size, 0)
    person(ImageDraw.Draw(shadow), c.w * 0.5, c.horizon + c.h * 0.05, c.h * 0.85, COAT, hat=False)
    shadow = shadow.filter(ImageFilter.GaussianBlur(6 * c.u)).point(lambda v: v * 0.35)
    c.image.paste(solid(mix(c.shadow, c.mid, 0.3)), mask=shadow)


def _backlight(c: Canvas, mask: Image.Image, lit: Image.Image) -> None:
    """A soft halo, the dark silhouette, a thin rim on the side facing the light, then the lit parts."""
    step = max(1, round(2 * c.u))
    rim = ImageChops.subtract(mask, ImageChops.offset(mask, step if c.sun[0] < c.w / 2 else -step, step))
    # The halo is soft anyway: blurring a quarter-size mask and scaling it back costs a sixteenth.
    small = mask.resize((max(c.w // 4, 1), max(c.h // 4, 1)), Image.Resampling.BILINEAR)
    halo = small.filter(ImageFilter.GaussianBlur(2 * c.u)).resize(mask.size, Image.Resampling.BILINEAR)
    halo = halo.point(lambda v: v * 0.6)
    body = mix(c.light, c.sky, 0.2) if c.art.figure == "ghost" else c.shadow
    c.image.paste(solid(c.light), mask=halo)
    c.image.paste(solid(body), mask=mask)
    c.image.paste(solid(c.light), mask=rim.filter(ImageFilter.GaussianBlur(0.6 * c.u)))
    c.image.paste(solid(c.accent), mask=ImageChops.multiply(lit, mask))
