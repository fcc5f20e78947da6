"""Landmarks the idea can call for, each drawn into a scene: towers, palms, lighthouses and more."""

from __future__ import annotations

import math

from .canvas import Canvas, Draw, mix, solid


def tower(c: Canvas, x: float) -> None:
    """A lattice tower with curving legs, standing on the horizon at x."""
    base, tall, half = c.horizon + c.h * 0.03, c.h * 0.45, c.w * 0.12
    steps = [i / 20 for i in range(21)]
    # Legs curve inward as they climb: wide at the base, a needle at the top.
    widths = [half * (1 - t) ** 2.6 + c.w * 0.006 for t in steps]
    left = [(x - wd, base - t * tall) for t, wd in zip(steps, widths)]
    right = [(x + wd, base - t * tall) for t, wd in zip(steps, widths)][::-1]
    colour = solid(c.land)

    def draw(d: Draw) -> None:
        d.polygon(left + right, fill=colour)
        for t in (0.2, 0.45):
            wd = (half * (1 - t) ** 2.6 + c.w * 0.012) * 1.15
            d.rectangle((x - wd, base - t * tall - 3 * c.u, x + wd, base - t * tall + c.u), fill=colour)
        # Drawing transparent pixels cuts the arch out of the tower's base.
        d.chord((x - half * 0.55, base - tall * 0.14, x + half * 0.55, base + tall * 0.14), 180, 360, fill=(0, 0, 0, 0))
        d.line((x, base - tall, x, base - tall * 1.08), fill=colour, width=max(1, round(2 * c.u)))

    c.layer(draw)


def palm(c: Canvas, x: float, y: float, tall: float) -> None:
    """A leaning palm tree rooted at (x, y)."""
    lean = c.rng.uniform(-0.25, 0.25) * tall
    top = (x + lean, y - tall)

    def draw(d: Draw) -> None:
        d.line([(x, y), (x + lean * 0.4, y - tall * 0.5), top], fill=solid(c.land), width=max(3, int(tall * 0.05)))
        for k in range(7):  # fronds drooping from the crown
            a = math.pi * (1.1 + k * 0.13)
            tip = (top[0] + math.cos(a) * tall * 0.45, top[1] + math.sin(a) * tall * 0.2 + tall * 0.18)
            mid = top[0] + (tip[0] - top[0]) * 0.5
            d.polygon([top, (mid, top[1] - tall * 0.07), tip, (mid, top[1] + tall * 0.02)], fill=solid(c.land))

    c.layer(draw)


def lighthouse(c: Canvas, x: float, y: float) -> None:
    """A lighthouse standing at (x, y), its lamp lit and its beam thrown out to sea."""
    tall, half = c.h * 0.24, c.w * 0.035
    lamp = (x, y - tall - half)
    away = 0.0 if x > c.w / 2 else float(c.w)  # the beam sweeps across the open sea
    c.layer(
        lambda d: d.polygon(
            [lamp, (away, lamp[1] - c.h * 0.12), (away, lamp[1] + c.h * 0.05)], fill=solid(c.light, 70)
        ),
        6 * c.u,
    )

    def draw(d: Draw) -> None:
        d.polygon(
            [(x - half, y), (x - half * 0.6, y - tall), (x + half * 0.6, y - tall), (x + half, y)], fill=solid(c.land)
        )
        d.rectangle((x - half * 0.9, y - tall - 2 * c.u, x + half * 0.9, y - tall + 2 * c.u), fill=solid(c.land))
        d.rectangle((x - half * 0.45, y - tall - half * 1.3, x + half * 0.45, y - tall), fill=solid(c.light))
        d.polygon(
            [
                (x - half * 0.7, y - tall - half * 1.3),
                (x, y - tall - half * 2.4),
                (x + half * 0.7, y - tall - half * 1.3),
            ],
            fill=solid(c.land),
        )

    c.layer(draw)
    c.glow(*lamp, half * 2.5, c.light, 160)


def dead_tree(c: Canvas, x: float, y: float, size: float) -> None:
    """A bare, branching tree rooted at (x, y)."""

    def branch(d: Draw, x: float, y: float, angle: float, length: float, width: float) -> None:
        x2, y2 = x + math.cos(angle) * length, y - math.sin(angle) * length
        d.line((x, y, x2, y2), fill=solid(c.shadow), width=max(1, int(width)))
        if length > 6 * c.u:
            for turn in (-0.45, 0.4):
                branch(d, x2, y2, angle + turn + c.rng.uniform(-0.2, 0.2), length * 0.7, width * 0.65)

    c.layer(lambda d: branch(d, x, y, math.pi / 2, size * 0.45, size * 0.07))


def dragon(c: Canvas, x: float, y: float, span: float) -> None:
    """A winged dragon in flight, centred on (x, y)."""
    colour = solid(mix(c.shadow, c.mid, 0.2))

    def draw(d: Draw) -> None:
        d.line(
            [
                (x - span * 0.45, y + span * 0.1),
                (x, y),
                (x + span * 0.35, y - span * 0.12),
                (x + span * 0.45, y - span * 0.08),
            ],
            fill=colour,
            width=max(3, int(span * 0.05)),
        )
        for s in (-1, 1):  # bat-like wings with a ragged trailing edge
            d.polygon(
                [
                    (x - span * 0.05, y),
                    (x + s * span, y - span * 0.45),
                    (x + s * span * 0.75, y - span * 0.1),
                    (x + s * span * 0.5, y - span * 0.02),
                    (x + s * span * 0.28, y + span * 0.06),
                ],
                fill=colour,
            )

    c.layer(draw)


def big_top(c: Canvas, x: float, base: float, half: float) -> None:
    """A striped circus tent standing on base, centred on x."""
    peak = base - half * 1.1

    def draw(d: Draw) -> None:
        for k in range(8):  # alternating stripes fanning out from the peak
            x0, x1 = x - half + k * half / 4, x - half + (k + 1) * half / 4
            colour = c.accent if k % 2 else mix(c.land, c.accent, 0.3)
            d.polygon(
                [(x, peak), (x0, base - half * 0.35), (x0, base), (x1, base), (x1, base - half * 0.35)],
                fill=solid(colour),
            )
        d.line((x, peak, x, peak - half * 0.25), fill=solid(c.land), width=max(1, round(3 * c.u)))

    c.layer(draw)


def saucer(c: Canvas, x: float, y: float) -> None:
    """A hovering saucer at (x, y) pouring a column of light to the ground."""
    u = c.u
    c.layer(
        lambda d: d.polygon(
            [(x - 18 * u, y), (x + 18 * u, y), (x + c.w * 0.2, c.h * 0.85), (x - c.w * 0.2, c.h * 0.85)],
            fill=solid(c.accent, 70),
        ),
        8 * u,
    )

    def hull(d: Draw) -> None:
        d.ellipse((x - 50 * u, y - 10 * u, x + 50 * u, y + 10 * u), fill=solid(c.shadow))
        d.ellipse((x - 20 * u, y - 24 * u, x + 20 * u, y + 4 * u), fill=solid(c.shadow))

    c.layer(hull)


def dome(c: Canvas, x: float, y: float, r: float) -> None:
    """A glowing habitat dome standing on the ground at (x, y)."""
    c.glow(x, y - r * 0.4, r * 1.2, c.accent, 60)

    def draw(d: Draw) -> None:
        d.pieslice((x - r, y - r, x + r, y + r), 180, 360, fill=solid(c.land))
        d.rectangle((x - 3 * c.u, y - r * 0.4, x + 3 * c.u, y - r * 0.3), fill=solid(c.accent))

    c.layer(draw)


# --- The field's landscapes (landscape.TERRAINS): one is painted on every field poster ----------------------


def lone_tree(c: Canvas) -> None:
    """A round-crowned tree on the horizon, off to one side."""
    tx, ty, size = c.w * c.rng.choice((0.2, 0.8)), c.horizon + c.h * 0.02, c.h * 0.1

    def draw(d: Draw) -> None:
        d.rectangle((tx - 3 * c.u, ty - size, tx + 3 * c.u, ty), fill=solid(c.land))
        crown = ((0, -size * 0.2, size * 0.45), (-size * 0.35, 0, size * 0.32), (size * 0.35, 0, size * 0.32))
        for ox, oy, r in crown:
            d.ellipse((tx + ox - r, ty - size + oy - r, tx + ox + r, ty - size + oy + r), fill=solid(c.land))

    c.layer(draw)


def _stalks(c: Canvas, colour: tuple, count: int, tall: float, ear: bool) -> None:
    """Stalks of grass or wheat, small near the horizon and tall in the foreground."""

    def draw(d: Draw) -> None:
        for _ in range(count):
            t = c.rng.random() ** 0.7  # more of them near the viewer
            y = c.horizon + c.h * 0.03 + t * (c.h - c.horizon)
            x, size = c.rng.uniform(0, c.w), tall * (0.15 + t)
            lean = c.rng.uniform(-0.25, 0.25) * size
            d.line((x, y, x + lean, y - size), fill=solid(colour, 200), width=max(1, round(c.u * (0.5 + t))))
            if ear:
                r = size * 0.08
                d.ellipse((x + lean - r * 0.5, y - size - r * 2, x + lean + r * 0.5, y - size + r), fill=solid(colour))

    c.layer(draw)


_GOLD = (214, 168, 74)  # ripe wheat, whatever the palette: the palette only tints it


def grass(c: Canvas) -> None:
    """Tall grass bending in the wind."""
    _stalks(c, mix(c.land, c.light, 0.3), 420, c.h * 0.05, False)


def wheat(c: Canvas) -> None:
    """A field of ripe wheat, its ears catching the light."""
    gold = mix(c.light, _GOLD, 0.6)
    c.shape(c.swell(c.horizon + c.h * 0.035, c.h * 0.01), mix(gold, c.land, 0.55), mix(gold, c.land, 0.9))
    _stalks(c, mix(gold, c.land, 0.4), 520, c.h * 0.045, True)


def fence_meadow(c: Canvas) -> None:
    """A wooden fence line running off to the hills, wild flowers in the grass."""
    side = c.rng.choice((-1, 1))
    near = (c.w * (0.5 - side * 0.45), c.h * 0.99)
    far = (c.w * (0.5 + side * 0.2), c.horizon + c.h * 0.02)

    def draw(d: Draw) -> None:
        posts = [
            (near[0] + (far[0] - near[0]) * t, near[1] + (far[1] - near[1]) * t)
            for t in (1 - (1 - k / 11) ** 0.45 for k in range(12))
        ]
        for k, (x, y) in enumerate(posts):
            tall = c.h * 0.12 * (1 - 0.9 * k / 11)
            d.rectangle((x - tall * 0.07, y - tall, x + tall * 0.07, y), fill=solid(c.shadow))
        for rail in (0.45, 0.8):
            tops = [(x, y - c.h * 0.12 * (1 - 0.9 * k / 11) * rail) for k, (x, y) in enumerate(posts)]
            d.line(tops, fill=solid(c.shadow), width=max(1, round(3 * c.u)))
        for _ in range(140):
            x, y = c.rng.uniform(0, c.w), c.rng.uniform(c.horizon + c.h * 0.05, c.h)
            r = c.u * (0.6 + 2 * (y - c.horizon) / (c.h - c.horizon))
            d.ellipse((x - r, y - r, x + r, y + r), fill=solid(c.rng.choice((c.accent, c.light)), 190))

    c.layer(draw)


def hedgerow_lane(c: Canvas) -> None:
    """A pale lane winding to the horizon between dark hedgerows."""
    bend = c.w * c.rng.uniform(-0.15, 0.15)
    top = (c.w * 0.5 + bend, c.horizon + c.h * 0.01)

    def draw(d: Draw) -> None:
        d.polygon(
            [(c.w * 0.3, c.h), (top[0] - 2 * c.u, top[1]), (top[0] + 2 * c.u, top[1]), (c.w * 0.7, c.h)],
            fill=solid(mix(c.light, c.land, 0.4)),
        )
        for side in (-1, 1):
            for k in range(16):
                t = k / 15
                r = c.h * (0.012 + 0.06 * t)
                x = top[0] + side * (c.w * 0.01 + t * c.w * 0.2 + r * 1.2) - t * bend
                y = top[1] + t * (c.h - top[1])
                d.ellipse((x - r * 1.3, y - r * 1.6, x + r * 1.3, y + r * 0.3), fill=solid(c.shadow))

    c.layer(draw)


def lake(c: Canvas) -> None:
    """A still lake in the middle distance that mirrors the sky."""
    y, half = c.horizon + c.h * 0.04, c.w * c.rng.uniform(0.45, 0.6)
    x = c.w * c.rng.uniform(0.4, 0.6)

    def draw(d: Draw) -> None:
        d.ellipse((x - half, y - c.h * 0.03, x + half, y + c.h * 0.04), fill=solid(mix(c.sky, c.light, 0.25)))
        for k in range(12):
            ly, lw = y - c.h * 0.02 + k * c.h * 0.005, half * c.rng.uniform(0.1, 0.4)
            lx = c.sun[0] + c.rng.uniform(-0.1, 0.1) * c.w
            d.line((lx - lw, ly, lx + lw, ly), fill=solid(c.light, 150), width=1)

    c.layer(draw, 0.5 * c.u)


def hilltop_town(c: Canvas) -> None:
    """A little town of roofs and a spire crowning a far hill."""
    x, base = c.w * c.rng.choice((0.25, 0.75)), c.horizon + c.h * 0.01
    half, rise = c.w * 0.3, c.h * 0.06
    colour = mix(c.land, c.sky, 0.3)

    def draw(d: Draw) -> None:
        d.chord((x - half, base - rise, x + half, base + rise), 180, 360, fill=solid(colour))
        for k in range(9):
            hx = x - half * 0.5 + k * half * 0.12
            hw, hh = c.w * 0.022, c.h * c.rng.uniform(0.012, 0.026)
            hy = base - rise * (1 - ((hx - x) / half) ** 2) + c.h * 0.004
            d.rectangle((hx - hw, hy - hh, hx + hw, hy), fill=solid(colour))
            d.polygon([(hx - hw * 1.2, hy - hh), (hx, hy - hh - hw), (hx + hw * 1.2, hy - hh)], fill=solid(colour))
            if c.rng.random() < 0.5:
                d.rectangle((hx - c.u, hy - hh * 0.6, hx + c.u, hy - hh * 0.3), fill=solid(c.accent, 220))
        d.rectangle((x - 2 * c.u, base - rise - c.h * 0.07, x + 2 * c.u, base - rise), fill=solid(colour))

    c.layer(draw)


TERRAIN_PAINTERS = {
    "tree": lone_tree,
    "grass": grass,
    "wheat": wheat,
    "meadow": fence_meadow,
    "hedgerows": hedgerow_lane,
    "lake": lake,
    "hilltown": hilltop_town,
}
