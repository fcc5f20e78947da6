"""The poster's sky and weather: stars, the light source (a moon, a sun, a ringed planet or floodlights), and
the weather an idea is about (a comet, a storm, fog, snow, a blackout, a tide gone out)."""

from __future__ import annotations

import math
from collections.abc import Callable

from PIL import Image, ImageDraw

from .canvas import BLACK, Canvas, Draw, mix, solid, vertical


def paint_sky(c: Canvas) -> None:
    """Stars on a dark sky, then the plan's light source."""
    if sum(c.top) < 200:
        _stars(c)
    _LIGHTS[c.art.light](c)
    if c.art.weather in WEATHER_SKY:
        WEATHER_SKY[c.art.weather](c)


def _stars(c: Canvas) -> None:
    def draw(d: Draw) -> None:
        for _ in range(c.w * c.horizon // 900):
            x, y = c.rng.uniform(0, c.w), c.rng.uniform(0, c.horizon)
            r = c.rng.choice((0.5, 0.8, 1.2)) * c.u
            d.ellipse((x - r, y - r, x + r, y + r), fill=solid(c.light, c.rng.randint(70, 230)))

    c.layer(draw)


def _moon(c: Canvas) -> None:
    x, y = c.sun
    r = c.w * c.rng.uniform(0.16, 0.22)
    c.glow(x, y, r * 2.4, c.light, 70)
    c.glow(x, y, r * 1.3, c.light, 120)

    def draw(d: Draw) -> None:
        d.ellipse((x - r, y - r, x + r, y + r), fill=solid(c.light))
        for _ in range(7):  # craters
            cx, cy = x + c.rng.uniform(-0.6, 0.6) * r, y + c.rng.uniform(-0.6, 0.6) * r
            cr = r * c.rng.uniform(0.06, 0.18)
            d.ellipse((cx - cr, cy - cr, cx + cr, cy + cr), fill=solid(mix(c.light, c.mid, 0.25)))

    c.layer(draw, c.u)


def _sun(c: Canvas) -> None:
    x, y = c.sun
    sunny = c.art.genre == "comedy"
    if not sunny:  # a low, setting sun for everything but sunny comedy
        y = c.horizon - c.h * 0.06
        c.sun = (x, y)
    r = c.w * c.rng.uniform(0.1, 0.14)
    c.glow(x, y, r * 4, c.light, 90)
    c.glow(x, y, r * 1.8, c.light, 150)

    def rays(d: Draw) -> None:
        for a in (i * math.pi / 6 for i in range(12)):
            d.polygon(
                [
                    (x, y),
                    (x + 3 * r * math.cos(a - 0.09), y + 3 * r * math.sin(a - 0.09)),
                    (x + 3 * r * math.cos(a + 0.09), y + 3 * r * math.sin(a + 0.09)),
                ],
                fill=solid(c.light, 70),
            )

    if sunny:
        c.layer(rays, 6 * c.u)
    c.layer(lambda d: d.ellipse((x - r, y - r, x + r, y + r), fill=solid(c.light)), 1.5 * c.u)


def _planet(c: Canvas) -> None:
    x, y = c.sun[0] + c.w * c.rng.choice((-0.25, 0.25)), c.h * c.rng.uniform(0.2, 0.28)
    r = c.w * c.rng.uniform(0.32, 0.42)
    c.glow(x, y, r * 1.35, c.accent, 110)
    # Shade within the planet's own square: turning a square never uncovers its inscribed disc.
    side = int(2 * r) + 1
    mask = Image.new("L", (side, side), 0)
    ImageDraw.Draw(mask).ellipse((0, 0, side - 1, side - 1), fill=255)
    shade = vertical((side, side), [(0, c.light), (1, mix(c.mid, BLACK, 0.4))])
    tilt = c.rng.uniform(-35, 35)  # the lit side faces a sun somewhere off the poster
    c.image.paste(shade.rotate(tilt, resample=Image.Resampling.BILINEAR), (int(x - r), int(y - r)), mask)

    def rings(d: Draw) -> None:
        for k, alpha in ((1.7, 150), (1.55, 90)):
            d.ellipse(
                (x - r * k, y - r * 0.22, x + r * k, y + r * 0.22),
                outline=solid(c.light, alpha),
                width=max(2, int(r * 0.04)),
            )

    c.layer(rings, c.u)


def _floodlights(c: Canvas) -> None:
    u, target = c.u, c.w * 0.5
    for side in (0.12, 0.88):
        x, y = c.w * side, c.h * 0.12
        c.layer(
            lambda d: d.polygon(
                [(x - 14 * u, y), (x + 14 * u, y), (target + 60 * u, c.h * 0.95), (target - 60 * u, c.h * 0.95)],
                fill=solid(c.light, 45),
            ),
            12 * u,
        )
        c.glow(x, y, c.w * 0.2, c.light, 170)

        def tower(d: Draw) -> None:
            d.line((x, y, x, c.horizon), fill=solid(c.land), width=max(1, round(4 * u)))
            for dx in (-1.5, -0.5, 0.5, 1.5):
                for dy in (-1, 0, 1):
                    lx, ly = x + dx * 11 * u, y + dy * 11 * u
                    d.ellipse((lx - 4 * u, ly - 4 * u, lx + 4 * u, ly + 4 * u), fill=(255, 255, 255, 255))

        c.layer(tower)
    c.sun = (c.w * 0.5, c.h * 0.12)


def rain(c: Canvas) -> None:
    """Slanting streaks of rain over everything."""

    def draw(d: Draw) -> None:
        for _ in range(260):
            x, y = c.rng.uniform(0, c.w + 40 * c.u), c.rng.uniform(0, c.h)
            d.line((x, y, x - 6 * c.u, y + 18 * c.u), fill=solid(c.light, 50), width=1)

    c.layer(draw)


def _comet(c: Canvas) -> None:
    x, y = c.w * c.rng.uniform(0.6, 0.8), c.h * c.rng.uniform(0.12, 0.2)
    tail = (x - c.w * 0.5, y - c.h * 0.12)
    c.layer(lambda d: d.polygon([(x, y - 4 * c.u), tail, (x, y + 4 * c.u)], fill=solid(c.light, 120)), 3 * c.u)
    c.glow(x, y, 14 * c.u, c.light, 200)


def _lightning(c: Canvas) -> None:
    x, y, points = c.w * c.rng.uniform(0.2, 0.8), 0.0, []
    while y < c.horizon * 0.8:
        points.append((x, y))
        x, y = x + c.rng.uniform(-18, 18) * c.u, y + c.rng.uniform(12, 28) * c.u
    c.layer(lambda d: d.line(points, fill=solid(c.light, 160), width=max(2, round(5 * c.u))), 4 * c.u)
    c.layer(lambda d: d.line(points, fill=solid(c.light), width=max(1, round(1.5 * c.u))))


def _fog(c: Canvas) -> None:
    def draw(d: Draw) -> None:
        for k in range(4):
            y = c.horizon - c.h * 0.04 + k * c.h * 0.06
            d.ellipse((-c.w * 0.3, y - c.h * 0.025, c.w * 1.3, y + c.h * 0.025), fill=solid(c.light, 70))

    c.layer(draw, 10 * c.u)


def _snow(c: Canvas) -> None:
    def draw(d: Draw) -> None:
        for _ in range(320):
            x, y, r = c.rng.uniform(0, c.w), c.rng.uniform(0, c.h), c.rng.choice((0.8, 1.2, 2.0)) * c.u
            d.ellipse((x - r, y - r, x + r, y + r), fill=solid((255, 255, 255), c.rng.randint(120, 230)))

    c.layer(draw)


def _wet_sand(c: Canvas) -> None:
    top = c.horizon + c.h * 0.12
    c.layer(lambda d: d.rectangle((0, top, c.w, c.h), fill=solid(mix(c.land, c.light, 0.25))), 2 * c.u)
    c.layer(lambda d: d.rectangle((0, top + c.h * 0.03, c.w, top + c.h * 0.05), fill=solid(c.light, 90)), 3 * c.u)


# What each weather paints over the sky (before the landscape) and over the land (before the figures).
WEATHER_SKY = {"comet": _comet, "storm": _lightning}
WEATHER_LAND = {"storm": rain, "fog": _fog, "snow": _snow, "blizzard": _snow, "tide": _wet_sand}

_LIGHTS: dict[str, Callable[[Canvas], None]] = {
    "moon": _moon,
    "sun": _sun,
    "planet": _planet,
    "floodlights": _floodlights,
}
