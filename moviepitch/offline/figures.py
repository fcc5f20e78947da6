"""Figures for the poster: outlines of people, animals, robots and ghosts, drawn into a mask."""

from __future__ import annotations

from .canvas import Draw

# Outlines of a standing figure seen from behind: (x, y) in figure heights, y from the top.
COAT = [
    (-0.03, 0.125),
    (-0.1, 0.155),
    (-0.13, 0.2),
    (-0.14, 0.33),
    (-0.15, 0.52),
    (-0.16, 0.72),
    (-0.075, 0.74),
    (-0.07, 0.99),
    (-0.03, 1.0),
    (-0.018, 0.77),
    (0.018, 0.77),
    (0.03, 1.0),
    (0.07, 0.99),
    (0.075, 0.74),
    (0.16, 0.72),
    (0.15, 0.52),
    (0.14, 0.33),
    (0.13, 0.2),
    (0.1, 0.155),
    (0.03, 0.125),
]
DRESS = [
    (-0.025, 0.125),
    (-0.085, 0.155),
    (-0.11, 0.2),
    (-0.115, 0.3),
    (-0.085, 0.42),
    (-0.1, 0.5),
    (-0.19, 0.8),
    (-0.05, 0.82),
    (-0.05, 0.99),
    (-0.02, 1.0),
    (-0.012, 0.83),
    (0.012, 0.83),
    (0.02, 1.0),
    (0.05, 0.99),
    (0.05, 0.82),
    (0.19, 0.8),
    (0.1, 0.5),
    (0.085, 0.42),
    (0.115, 0.3),
    (0.11, 0.2),
    (0.085, 0.155),
    (0.025, 0.125),
]
COATED = ("thriller", "scifi", "adventure", "sports")


def person(d: Draw, x: float, base: float, tall: float, outline: list, hat: bool) -> None:
    top = base - tall
    d.polygon([(x + px * tall, top + py * tall) for px, py in outline], fill=255)
    d.ellipse((x - tall * 0.05, top, x + tall * 0.05, top + tall * 0.135), fill=255)
    for side in (-1, 1):  # arms hang a little away from the body
        d.polygon(
            [
                (x + side * tall * 0.11, top + tall * 0.18),
                (x + side * tall * 0.17, top + tall * 0.48),
                (x + side * tall * 0.145, top + tall * 0.53),
                (x + side * tall * 0.11, top + tall * 0.35),
            ],
            fill=255,
        )
    if hat:
        d.ellipse((x - tall * 0.1, top + tall * 0.03, x + tall * 0.1, top + tall * 0.06), fill=255)
        d.rectangle((x - tall * 0.055, top - tall * 0.03, x + tall * 0.055, top + tall * 0.05), fill=255)


def _astronaut(d: Draw, x: float, base: float, tall: float) -> None:
    top = base - tall
    d.ellipse((x - tall * 0.085, top, x + tall * 0.085, top + tall * 0.17), fill=255)
    d.rounded_rectangle(
        (x - tall * 0.16, top + tall * 0.16, x + tall * 0.16, top + tall * 0.5), radius=tall * 0.05, fill=255
    )
    d.polygon(
        [
            (x - tall * 0.14, top + tall * 0.48),
            (x + tall * 0.14, top + tall * 0.48),
            (x + tall * 0.11, base),
            (x + tall * 0.02, base),
            (x, top + tall * 0.66),
            (x - tall * 0.02, base),
            (x - tall * 0.11, base),
        ],
        fill=255,
    )
    for side in (-1, 1):
        d.polygon(
            [
                (x + side * tall * 0.15, top + tall * 0.2),
                (x + side * tall * 0.22, top + tall * 0.5),
                (x + side * tall * 0.17, top + tall * 0.53),
                (x + side * tall * 0.12, top + tall * 0.35),
            ],
            fill=255,
        )


def _dog(d: Draw, x: float, base: float, tall: float) -> None:
    u = tall / 10
    d.ellipse((x - u * 5, base - u * 7, x + u * 3, base - u * 3), fill=255)
    d.ellipse((x + u * 1.5, base - u * 10, x + u * 5.5, base - u * 6), fill=255)
    d.polygon([(x + u * 4.8, base - u * 8.5), (x + u * 7.5, base - u * 7.2), (x + u * 4.8, base - u * 6.4)], fill=255)
    d.polygon([(x + u * 2, base - u * 9.2), (x + u * 1.2, base - u * 5.6), (x + u * 2.8, base - u * 8.2)], fill=255)
    for lx in (-4.2, -2.6, 0.6, 2.0):
        d.rectangle((x + u * lx, base - u * 4, x + u * (lx + 0.9), base), fill=255)
    d.line([(x - u * 4.6, base - u * 6), (x - u * 6.5, base - u * 9)], fill=255, width=max(2, int(u)))


def _bird(d: Draw, x: float, base: float, tall: float) -> None:
    u = tall / 10
    d.ellipse((x - u * 2.2, base - u * 7.5, x + u * 2.2, base - u * 1.5), fill=255)
    d.ellipse((x - u * 1.6, base - u * 10, x + u * 1.8, base - u * 6.6), fill=255)
    d.polygon([(x + u * 1.5, base - u * 9), (x + u * 3.2, base - u * 8), (x + u * 1.6, base - u * 7.2)], fill=255)
    d.polygon([(x - u * 1.2, base - u * 2.5), (x + u * 0.4, base - u * 2.5), (x - u * 1.6, base + u * 0.2)], fill=255)
    d.rectangle((x - u * 0.8, base - u * 1.6, x + u * 0.8, base), fill=255)


def _robot(d: Draw, x: float, base: float, tall: float) -> None:
    u, top = tall / 10, base - tall
    d.rectangle((x - u * 1.1, top + u * 0.6, x + u * 1.1, top + u * 2.3), fill=255)
    d.line([(x, top + u * 0.6), (x, top)], fill=255, width=max(2, int(u * 0.3)))
    d.rectangle((x - u * 1.8, top + u * 2.6, x + u * 1.8, base - u * 4.2), fill=255)
    for s in (-1, 1):
        arm = x + s * u * 2.0
        d.rectangle((arm - u * 0.4, top + u * 2.8, arm + u * 0.4, base - u * 4.6), fill=255)
        d.rectangle((x + s * u * 0.9 - u * 0.45, base - u * 4.2, x + s * u * 0.9 + u * 0.45, base), fill=255)


def _ghost(d: Draw, x: float, base: float, tall: float) -> None:
    u = tall / 10
    d.ellipse((x - u * 2.4, base - tall, x + u * 2.4, base - tall + u * 4.8), fill=255)
    hem = [(x + u * (2.8 - k * 0.8), base - u * (1.4 if k % 2 else 0.2)) for k in range(8)]
    d.polygon([(x - u * 2.4, base - tall + u * 2.4), (x + u * 2.4, base - tall + u * 2.4)] + hem, fill=255)


FIGURE_SHAPES = {"dog": _dog, "bird": _bird, "robot": _robot, "ghost": _ghost, "astronaut": _astronaut}
