"""Reading the cast out of model text."""

import pytest

from moviepitch.chain import cast
from moviepitch.chain.prompts import TOP_GUN_SYNOPSIS


def test_the_course_example_gives_its_three_stars():
    assert cast.from_brackets(TOP_GUN_SYNOPSIS) == [
        {"character": "Maverick", "actor": "Tom Cruise"},
        {"character": "Iceman", "actor": "Val Kilmer"},
        {"character": "Charlotte Blackwood", "actor": "Kelly McGillis"},
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("When Dr. Ada Stone (Viola Davis) wakes", [("Ada Stone", "Viola Davis")]),
        ("But Milo (Dev Patel) refuses.", [("Milo", "Dev Patel")]),
        ("Set in Paris (1968), a spy", []),
        ("Milo (Dev Patel) and later Milo (Dev Patel) again", [("Milo", "Dev Patel")]),
        ("the robot (voiced by someone)", []),
        ("No brackets here at all.", []),
    ],
)
def test_brackets(text, expected):
    assert [(c["character"], c["actor"]) for c in cast.from_brackets(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Maverick: Tom Cruise\nIceman: Val Kilmer", [("Maverick", "Tom Cruise"), ("Iceman", "Val Kilmer")]),
        ("1. **Vera Lund** – Cate Blanchett", [("Vera Lund", "Cate Blanchett")]),
        ("- Milo - Dev Patel", [("Milo", "Dev Patel")]),
        ("Here is the cast you asked for:", []),
    ],
)
def test_lines(text, expected):
    assert [(c["character"], c["actor"]) for c in cast.from_lines(text)] == expected
