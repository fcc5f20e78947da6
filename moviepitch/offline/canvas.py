"""The poster canvas: colour helpers, gradients, the seeded canvas and its grain and vignette."""

from __future__ import annotations

import math
import random
from collections.abc import Callable

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from .art import ArtPlan

Colour = tuple[int, int, int]
Draw = ImageDraw.ImageDraw
BLACK: Colour = (0, 0, 0)


def _rgb(code: str) -> Colour:
    return tuple(int(code[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def mix(a: Colour, b: Colour, t: float) -> Colour:
    """The colour a fraction t of the way from a to b."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]


def solid(colour: Colour, alpha: int = 255) -> tuple[int, int, int, int]:
    """The colour as an RGBA fill."""
    return (*colour, alpha)


def vertical(size: tuple[int, int], stops: list[tuple[float, Colour]]) -> Image.Image:
    """A top-to-bottom gradient through colour stops, built as one column and stretched."""
    w, h = size
    column = Image.new("RGB", (1, h))
    column.putdata([_between(stops, y / max(h - 1, 1)) for y in range(h)])
    return column.resize((w, h), Image.Resampling.NEAREST)


def _between(stops: list[tuple[float, Colour]], t: float) -> Colour:
    for (p0, c0), (p1, c1) in zip(stops, stops[1:]):
        if t <= p1:
            return mix(c0, c1, (t - p0) / max(p1 - p0, 1e-6))
    return stops[-1][1]


class Canvas:
    """The poster being painted, with the art plan's palette and a seeded random source."""

    def __init__(self, art: ArtPlan, w: int, h: int):
        self.art, self.w, self.h = art, w, h
        self.u = w / 512  # one pixel of the 512-wide canvas the shapes were designed on
        self.rng = random.Random(art.seed)
        self.top, self.mid, self.sky, self.light, self.land, self.accent = map(_rgb, art.palette)
        self.shadow = mix(self.land, BLACK, 0.55)
        self.horizon = int(h * self.rng.uniform(0.58, 0.64))
        self.sun = (w * self.rng.uniform(0.35, 0.65), h * self.rng.uniform(0.22, 0.32))
        stops = [
            (0.0, self.top),
            (0.45 * self.horizon / h, self.mid),
            (self.horizon / h, self.sky),
            (1.0, mix(self.sky, self.land, 0.6)),
        ]
        self.image = vertical((w, h), stops).convert("RGBA")

    def layer(self, draw: Callable[[Draw], object], blur: float = 0) -> None:
        """Draw on a transparent sheet, soften it, and lay it over the poster."""
        sheet = Image.new("RGBA", self.image.size, (0, 0, 0, 0))
        draw(ImageDraw.Draw(sheet))
        box = sheet.getbbox()
        if box is None:
            return
        # Blurring only around what was drawn keeps many small glows cheap.
        pad = int(blur * 3) + 1
        box = (max(box[0] - pad, 0), max(box[1] - pad, 0), min(box[2] + pad, self.w), min(box[3] + pad, self.h))
        part = sheet.crop(box)
        self.image.alpha_composite(part.filter(ImageFilter.GaussianBlur(blur)) if blur else part, box[:2])

    def shape(self, points: list, top: Colour, bottom: Colour) -> None:
        """Fill a polygon with a vertical gradient, so hills catch light at their crests."""
        mask = Image.new("L", self.image.size, 0)
        ImageDraw.Draw(mask).polygon(points, fill=255)
        ys = [y for _, y in points]
        y0, y1 = max(min(ys), 0) / self.h, min(max(ys), self.h) / self.h
        stops = [(0.0, top), (y0, top), (max(y1, y0 + 0.01), bottom), (1.0, bottom)]
        self.image.paste(vertical(self.image.size, stops), mask=mask)

    def glow(self, x: float, y: float, r: float, colour: Colour, alpha: int) -> None:
        """A soft halo of light."""
        self.layer(lambda d: d.ellipse((x - r, y - r, x + r, y + r), fill=solid(colour, alpha)), r * 0.6)

    def ground(self, base: float, amp: float, rough: float = 0.55) -> list:
        """A jagged ridge line across the poster (midpoint displacement), closed along the bottom."""
        n, ys, step, scale = 65, [0.0] * 65, 64, 1.0
        ys[0], ys[-1] = self.rng.uniform(-1, 1), self.rng.uniform(-1, 1)
        while step > 1:
            half = step // 2
            for i in range(half, n, step):
                ys[i] = (ys[i - half] + ys[i + half]) / 2 + self.rng.uniform(-scale, scale)
            step, scale = half, scale * rough
        pts = [(i * self.w / (n - 1), base - y * amp) for i, y in enumerate(ys)]
        return pts + [(self.w, self.h), (0, self.h)]

    def swell(self, base: float, amp: float) -> list:
        """A smooth rolling line across the poster, closed along the bottom edge."""
        waves = [(self.rng.uniform(1, 3.5), self.rng.uniform(0, 6.3)) for _ in range(3)]
        pts = [
            (x, base - amp * sum(math.sin(f * x / self.w * math.pi + p) for f, p in waves) / 3)
            for x in range(0, self.w + 9, 8)
        ]
        return pts + [(self.w, self.h), (0, self.h)]


def finish(c: Canvas) -> Image.Image:
    """The finished poster: a dark vignette and a fine, reproducible film grain."""
    image = c.image.convert("RGB")
    edge = Image.radial_gradient("L").resize(image.size).point(lambda v: max(0, min(200, (v - 110) * 2)))
    image = Image.composite(Image.new("RGB", image.size, BLACK), image, edge)
    # Grain from the seeded rng: Pillow's own effect_noise is not reproducible between runs.
    grain = Image.frombytes("L", image.size, c.rng.randbytes(image.width * image.height))
    grain = grain.point(lambda v: 128 + (v - 128) // 10).convert("RGB")
    return ImageChops.add(image, grain, 1.0, -128)
