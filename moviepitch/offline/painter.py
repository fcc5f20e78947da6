"""The offline poster painter: a text-free cinematic poster drawn with Pillow, scene by scene."""

from __future__ import annotations

import io
from collections.abc import Callable

from PIL import Image

from .art import art_for
from .canvas import BLACK, Canvas, Draw, finish, mix, solid
from .compose import paint_composition
from .landmarks import TERRAIN_PAINTERS, big_top, dead_tree, dome, dragon, lighthouse, lone_tree, palm, saucer, tower
from .plan import StoryPlan
from .sky import WEATHER_LAND, paint_sky, rain


def paint_poster(plan: StoryPlan, *, width: int = 1024, height: int = 1536, variant: int = 1) -> bytes:
    """PNG bytes of a portrait poster whose palette, scene and composition follow the plan."""
    art = art_for(plan, variant)
    # Painting at half size and upscaling keeps a poster well under a second on slow machines.
    c = Canvas(art, max(width // 2, 64), max(height // 2, 96))
    paint_sky(c)
    _SCENES[art.scenery](c)
    _foreground(c)
    if art.weather in WEATHER_LAND:
        WEATHER_LAND[art.weather](c)
    paint_composition(c)
    image = finish(c).resize((width, height), Image.Resampling.BICUBIC)
    out = io.BytesIO()
    # Grain barely compresses, and the app re-encodes posters as WebP: favour speed over size.
    image.save(out, format="PNG", compress_level=1)
    return out.getvalue()


# --- Scenes -------------------------------------------------------------------------------------


def _city(c: Canvas) -> None:
    u = c.u
    for far in (True, False):
        top = c.horizon - c.h * (0.22 if far else 0.3)
        colour = mix(c.land, c.sky, 0.4) if far else c.land

        def skyline(d: Draw) -> None:
            x = -5.0
            while x < c.w:
                # Near towers rise towards the edges and frame the light source in the middle.
                edge = abs(x / c.w - 0.5) * 2
                bw = c.w * c.rng.uniform(0.05, 0.12)
                rise = 1 if far else 0.5 + 0.7 * edge
                bh = c.rng.uniform(0.35, 0.6 + 0.4 * edge) * (c.horizon - top) * rise
                d.rectangle((x, c.horizon - bh, x + bw, c.h), fill=solid(colour))
                if c.rng.random() < 0.25:  # a spire
                    d.rectangle(
                        (x + bw / 2 - u, c.horizon - bh - c.h * 0.05, x + bw / 2 + u, c.horizon - bh),
                        fill=solid(colour),
                    )
                _windows(c, d, x, c.horizon - bh, bw, 0.05 if far else 0.1, 90 if far else 190)
                x += bw + c.rng.uniform(0, 4) * u

        c.layer(skyline)
        if far:
            c.glow(c.w / 2, c.horizon, c.w * 0.6, c.accent, 50)  # the city's glow on its own haze
    if "tower" in c.art.landmarks:
        tower(c, c.w * c.rng.choice((0.25, 0.75)))
    if c.art.genre == "thriller":
        rain(c)


def _windows(c: Canvas, d: Draw, x: float, top: float, width: float, chance: float, alpha: int) -> None:
    u, step_x, step_y = c.u, 6 * c.u, 7 * c.u
    wx = x + 3 * u
    while wx < x + width - 3 * u:
        wy = top + 4 * u
        while wy < c.h:
            if c.rng.random() < chance and c.art.weather != "blackout":
                lit = c.accent if c.rng.random() < 0.25 else c.light
                d.rectangle((wx, wy, wx + u, wy + 2 * u), fill=solid(lit, alpha))
            wy += step_y
        wx += step_x


def _mountains(c: Canvas) -> None:
    for i in range(4):
        t = i / 3
        pts = c.ground(c.horizon - c.h * (0.1 - 0.07 * i), c.h * (0.14 - 0.03 * i), 0.58 - 0.05 * i)
        c.shape(pts, mix(c.light, c.land, 0.45 + 0.5 * t), mix(c.sky, c.land, 0.5 + 0.5 * t))
        if i < 2:  # mist between the ranges
            c.glow(c.w / 2, c.horizon + c.h * 0.03 * i, c.w * 0.9, c.sky, 60)
    if "wreck" in c.art.landmarks:
        x, y, u = c.w * c.rng.choice((0.2, 0.78)), c.horizon + c.h * 0.15, c.u
        c.layer(
            lambda d: d.polygon(
                [(x, y), (x + 26 * u, y - 70 * u), (x + 46 * u, y - 66 * u), (x + 52 * u, y)], fill=solid(c.shadow)
            )
        )


def _ocean(c: Canvas) -> None:
    sea = [(0, c.horizon), (c.w, c.horizon), (c.w, c.h), (0, c.h)]
    c.shape(sea, mix(c.sky, c.mid, 0.5), mix(c.land, c.mid, 0.3))
    x = c.sun[0]

    def shimmer(d: Draw) -> None:
        y = c.horizon + 1.0
        while y < c.h:
            spread = (y - c.horizon) * 0.3 + 8 * c.u
            for _ in range(3):
                cx = x + c.rng.gauss(0, spread * 0.45)
                half = spread * c.rng.uniform(0.1, 0.35)
                d.line((cx - half, y, cx + half, y), fill=solid(c.light, c.rng.randint(70, 200)), width=1)
            y += 2 * c.u

    c.layer(shimmer, 0.6 * c.u)
    side = c.rng.choice((-1, 1))
    isle = c.w / 2 + side * c.w * 0.33
    c.layer(
        lambda d: d.chord(
            (isle - c.w * 0.3, c.horizon - c.h * 0.035, isle + c.w * 0.3, c.horizon + c.h * 0.035),
            180,
            360,
            fill=solid(c.land),
        )
    )
    if "palms" in c.art.landmarks:
        for k in range(3):
            palm(c, isle - side * c.w * 0.05 * k, c.horizon - c.h * 0.02, c.h * (0.16 - 0.03 * k))
    if "lighthouse" in c.art.landmarks:
        lighthouse(c, isle, c.horizon - c.h * 0.02)


def _house(c: Canvas) -> None:
    hx = c.w * c.rng.uniform(0.35, 0.65)
    c.shape(c.swell(c.horizon + c.h * 0.02, c.h * 0.04), mix(c.land, c.sky, 0.3), c.land)
    top, hw = c.horizon - c.h * 0.01, c.w * 0.13
    c.glow(hx + hw * 0.3, top - hw * 0.5, hw * 0.7, c.accent, 120)

    def draw(d: Draw) -> None:
        d.rectangle((hx - hw, top - hw * 1.1, hx + hw, top + 8 * c.u), fill=solid(c.land))
        d.polygon(
            [(hx - hw * 1.15, top - hw * 1.1), (hx - hw * 0.2, top - hw * 2.1), (hx + hw * 0.6, top - hw * 1.1)],
            fill=solid(c.land),
        )
        d.rectangle((hx + hw * 0.35, top - hw * 2.3, hx + hw * 0.7, top - hw), fill=solid(c.land))
        d.rectangle((hx + hw * 0.15, top - hw * 0.75, hx + hw * 0.45, top - hw * 0.3), fill=solid(c.accent))

    c.layer(draw)
    for x in (c.w * 0.12, c.w * 0.86):
        dead_tree(c, x, c.horizon + c.h * 0.06, c.h * 0.13)


def _castle(c: Canvas) -> None:
    hills = c.ground(c.horizon - c.h * 0.06, c.h * 0.1)
    c.shape(hills, mix(c.sky, c.land, 0.4), mix(c.sky, c.land, 0.7))
    cx, base = c.w * c.rng.choice((0.3, 0.7)), c.horizon - c.h * 0.02
    cliff = [
        (cx - c.w * 0.4, c.h),
        (cx - c.w * 0.2, base),
        (cx + c.w * 0.22, c.horizon - c.h * 0.03),
        (cx + c.w * 0.42, c.h),
    ]
    c.shape(cliff, mix(c.land, c.sky, 0.25), c.land)

    def draw(d: Draw) -> None:
        for dx, tall in ((-0.14, 0.16), (-0.06, 0.26), (0.03, 0.2), (0.12, 0.14)):
            x, top, half = cx + c.w * dx, base - c.h * tall, c.w * 0.03
            d.rectangle((x - half, top, x + half, base), fill=solid(c.land))
            d.polygon([(x - half * 1.3, top), (x, top - c.h * 0.06), (x + half * 1.3, top)], fill=solid(c.land))
            d.rectangle((x - 2 * c.u, top + 12 * c.u, x + 2 * c.u, top + 20 * c.u), fill=solid(c.accent))
        d.rectangle((cx - c.w * 0.15, base - c.h * 0.09, cx + c.w * 0.13, base), fill=solid(c.land))

    c.layer(draw)
    if (c.art.genre == "fantasy" or "dragon" in c.art.landmarks) and c.art.figure != "dragon":
        dragon(c, c.w * c.rng.uniform(0.3, 0.7), c.h * c.rng.uniform(0.14, 0.2), c.w * 0.22)


def _arena(c: Canvas) -> None:
    rim, floor = c.horizon - c.h * 0.14, c.horizon + c.h * 0.06
    bowl = [(0, rim + c.h * 0.06), (c.w * 0.5, rim), (c.w, rim + c.h * 0.06), (c.w, floor), (0, floor)]
    c.shape(bowl, mix(c.land, c.sky, 0.2), c.land)
    c.shape([(0, floor), (c.w, floor), (c.w, c.h), (0, c.h)], mix(c.land, c.mid, 0.3), c.shadow)

    def crowd(d: Draw) -> None:
        for _ in range(700):
            x, y = c.rng.uniform(0, c.w), c.rng.uniform(rim + c.h * 0.05, floor)
            r, colour = c.rng.uniform(0.6, 1.8) * c.u, c.rng.choice((c.light, c.accent, c.sky))
            d.ellipse((x - r, y - r, x + r, y + r), fill=solid(colour, c.rng.randint(60, 190)))
        for k in range(1, 5):  # the tiers of the stands
            dy = c.h * k * 0.035
            d.line(
                [(0, rim + c.h * 0.06 + dy), (c.w / 2, rim + dy), (c.w, rim + c.h * 0.06 + dy)],
                fill=solid(c.light, 35),
                width=1,
            )

    c.layer(crowd, 0.7 * c.u)
    if "tent" in c.art.landmarks:
        big_top(c, c.w * 0.5, rim + c.h * 0.1, c.w * 0.36)
    c.layer(
        lambda d: d.polygon(
            [(c.w * 0.46, 0), (c.w * 0.54, 0), (c.w * 0.8, c.h * 0.95), (c.w * 0.2, c.h * 0.95)],
            fill=solid(c.light, 40),
        ),
        14 * c.u,
    )
    c.layer(lambda d: d.ellipse((c.w * 0.18, c.h * 0.88, c.w * 0.82, c.h * 0.97), fill=solid(c.light, 110)), 10 * c.u)


def _field(c: Canvas) -> None:
    for i in range(3):
        t = i / 2
        c.shape(
            c.swell(c.horizon + c.h * 0.05 * i, c.h * (0.04 - 0.01 * i)),
            mix(c.sky, c.land, 0.35 + 0.4 * t),
            mix(c.sky, c.land, 0.65 + 0.35 * t),
        )
    TERRAIN_PAINTERS.get(c.art.terrain, lone_tree)(c)
    if "saucer" in c.art.landmarks:
        saucer(c, c.w * 0.5, c.h * 0.17)


def _space(c: Canvas) -> None:
    c.shape(c.ground(c.horizon, c.h * 0.07, 0.7), mix(c.land, c.sky, 0.5), c.land)
    c.shape(c.ground(c.horizon + c.h * 0.12, c.h * 0.1, 0.75), mix(c.land, c.accent, 0.15), c.shadow)
    if "saucer" in c.art.landmarks:
        saucer(c, c.w * c.rng.uniform(0.3, 0.7), c.h * 0.4)


def _desert(c: Canvas) -> None:
    def mesas(d: Draw) -> None:
        for _ in range(3):
            x, bw, bh = c.rng.uniform(0, c.w), c.w * c.rng.uniform(0.12, 0.25), c.h * c.rng.uniform(0.04, 0.1)
            d.polygon(
                [
                    (x - bw, c.horizon + 4 * c.u),
                    (x - bw * 0.6, c.horizon - bh),
                    (x + bw * 0.6, c.horizon - bh),
                    (x + bw, c.horizon + 4 * c.u),
                ],
                fill=solid(mix(c.land, c.sky, 0.45)),
            )

    c.layer(mesas)
    for i in range(3):
        c.shape(
            c.swell(c.horizon + c.h * 0.05 * (i + 0.3), c.h * 0.03),
            mix(c.sky, c.land, 0.3 + 0.3 * i),
            mix(c.sky, c.land, 0.6 + 0.2 * i),
        )
    if "domes" in c.art.landmarks:
        for dx, r in ((-0.15, 0.07), (0.05, 0.1), (0.22, 0.06)):
            dome(c, c.w * (0.5 + dx), c.horizon + c.h * 0.08, c.w * r)


def _forest(c: Canvas) -> None:
    """Rows of pines, hazy and small far off, dark and tall at the edges, with mist between the rows."""
    for row in range(3):
        colour = mix(c.land, c.sky, 0.55 - 0.25 * row)
        base, tall, count = c.horizon + c.h * 0.04 * row, c.h * (0.08 + 0.06 * row), 14 - 4 * row

        def pines(d: Draw, base: float = base, tall: float = tall, count: int = count, row: int = row) -> None:
            for k in range(count):
                x = c.w * (k + c.rng.uniform(0, 0.8)) / count
                if row == 2 and 0.3 < x / c.w < 0.7:
                    continue  # the nearest trees frame the middle rather than hide it
                t, half = tall * c.rng.uniform(0.8, 1.25), tall * 0.22
                d.polygon([(x - half, base), (x, base - t), (x + half, base)], fill=solid(colour))
            d.rectangle((0, base, c.w, c.h), fill=solid(colour))

        c.layer(pines)
        c.glow(c.w / 2, base + c.h * 0.02, c.w * 0.8, c.sky, 50)


def _foreground(c: Canvas) -> None:
    c.shape(c.swell(c.h * 0.9, c.h * 0.015), mix(c.land, c.shadow, 0.5), BLACK)


_SCENES: dict[str, Callable[[Canvas], None]] = {
    "city": _city,
    "mountains": _mountains,
    "ocean": _ocean,
    "house": _house,
    "castle": _castle,
    "arena": _arena,
    "field": _field,
    "space": _space,
    "desert": _desert,
    "forest": _forest,
}
