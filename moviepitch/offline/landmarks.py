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
