"""The share card: size, layout inside its box, real glyphs in many scripts, determinism."""

import io
import unicodedata
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from moviepitch.media import cards

FONTS = Path(__file__).resolve().parents[1] / "static" / "fonts"
BOLD = cards.chain(FONTS, "Bold")
TAGLINE = "A retired safecracker takes one last job inside a bank that is sinking into the sea."
LONG = "The Extraordinarily Long and Winding Chronicle of Professor Bartholomew Quillfeather " * 4


@pytest.fixture(scope="module")
def poster() -> bytes:
    """A 1024×1536 poster in two colours, stored as WebP the way the app keeps it."""
    image = Image.new("RGB", (1024, 1536), (200, 40, 40))
    ImageDraw.Draw(image).rectangle((0, 900, 1024, 1536), fill=(30, 60, 160))
    out = io.BytesIO()
    image.save(out, "WEBP", quality=86)
    return out.getvalue()


def card(title: str, tagline: str = TAGLINE, poster: bytes | None = None) -> Image.Image:
    image = Image.open(io.BytesIO(cards.make_card(title, tagline, poster, fonts_dir=FONTS)))
    assert image.format == "PNG"
    return image.convert("RGB")


def tofu(path: str, ch: str) -> bool:
    """Whether the font draws the character as its .notdef glyph (checked without cards.py)."""
    font = ImageFont.truetype(path, 32, layout_engine=ImageFont.Layout.BASIC)

    def pixels(text):
        canvas = Image.new("L", (96, 96))
        ImageDraw.Draw(canvas).text((16, 16), text, font=font, fill=255)
        return canvas.tobytes()

    return pixels(ch) == pixels("\U0010fffd")


def test_every_font_in_the_chain_is_bundled_with_its_licenses():
    for weight in ("Regular", "Bold"):
        assert all(Path(path).is_file() for path in cards.chain(FONTS, weight))
    assert (FONTS / "OFL.txt").is_file() and (FONTS / "LICENSE-Apache-2.0.txt").is_file()


@pytest.mark.parametrize("with_poster", [True, False])
def test_the_card_is_a_1200_by_630_png(poster, with_poster):
    image = card("The Last Vault", poster=poster if with_poster else None)
    assert image.size == (1200, 630)
    left = image.getpixel((200, 200))
    if with_poster:  # the poster fills the left 420 pixels at full height
        assert left[0] > 150 and left[2] < 90
        assert image.getpixel((200, 600))[2] > 120
    else:  # a dark panel instead
        assert max(left) < 140


def test_an_unreadable_poster_gives_the_card_without_one():
    assert card("Broken", poster=b"RIFF\x00\x00\x00\x00WEBPjunk").tobytes() == card("Broken").tobytes()


def test_the_same_input_gives_the_same_bytes(poster):
    first = cards.make_card("Ünïcode Ñight", TAGLINE, poster, fonts_dir=FONTS)
    assert cards.make_card("Ünïcode Ñight", TAGLINE, poster, fonts_dir=FONTS) == first


@pytest.mark.parametrize("with_poster", [True, False])
def test_long_text_shrinks_wraps_and_stays_inside_the_text_box(poster, with_poster):
    data = poster if with_poster else None
    blank, full = card("", "", data), card(LONG, LONG, data)
    x0, y0, x1, y1 = ImageChops.difference(blank, full).getbbox()
    # Every pixel the text changed lies in the text column, clear of the card's edges.
    assert cards.TEXT_X0 - 2 <= x0 and x1 <= cards.TEXT_X1 + 2
    assert cards.TEXT_TOP - 10 <= y0 and y1 <= cards.TEXT_BOTTOM + 10


def test_a_long_title_gets_the_smallest_size_three_lines_and_an_ellipsis():
    width = cards.TEXT_X1 - cards.TEXT_X0
    size, lines = cards.fit(LONG, BOLD, cards.TITLE_SIZES, width, 400, base=1.14)
    assert size == cards.TITLE_SIZES[-1] and len(lines) == cards.MAX_LINES
    assert lines[-1][-1][0] == cards.ELLIPSIS and lines[-1][-2][0] != " "
    for line in lines:
        drawn = sum(ImageFont.truetype(BOLD[i], size).getlength(t) for t, i in cards.runs(line))
        assert drawn <= width


def test_a_short_title_keeps_the_biggest_size_and_words_are_not_split():
    assert cards.fit("Jaws", BOLD, cards.TITLE_SIZES, 652, 400, base=1.14)[0] == cards.TITLE_SIZES[0]
    size, lines = cards.fit("Supercalifragilistic Expialidocious", BOLD, cards.TITLE_SIZES, 652, 400, base=1.14)
    assert ["".join(c for c, _ in line).strip() for line in lines] == ["Supercalifragilistic", "Expialidocious"]


SCRIPTS = [
    ("latin", "Les Misérables à Île-d'Yeu: Ça ne finit jamais", "NotoSans-Bold.ttf"),
    ("greek", "Η Τελευταία Οδύσσεια", "NotoSans-Bold.ttf"),
    ("cyrillic", "Последний поезд на Владивосток", "NotoSans-Bold.ttf"),
    ("japanese", "東京の最後の夜", "DroidSansFallback.ttf"),
    ("chinese", "长城之后的秘密", "DroidSansFallback.ttf"),
    ("korean", "서울의 마지막 밤", "DroidSansFallback.ttf"),
    ("arabic", "المدينة الأخيرة", "NotoSansArabic-Bold.ttf"),
    ("hebrew", "הסוד של תל אביב", "NotoSansHebrew-Bold.ttf"),
    ("hindi", "अंतिम यात्रा", "NotoSansDevanagari-Bold.ttf"),
    ("thai", "ปริศนาเมืองที่หายไป", "NotoSansThai-Bold.ttf"),
]


@pytest.mark.parametrize("script, title, font", SCRIPTS, ids=[s[0] for s in SCRIPTS])
def test_titles_in_each_script_draw_real_glyphs(script, title, font):
    found = cards.clusters(title, BOLD)
    # Nothing dropped, and each letter comes from the script's font, which really has it.
    assert "".join(c for c, _ in found) == unicodedata.normalize("NFC", title)
    letters = [(c, i) for c, i in found if c != " "]
    assert {Path(BOLD[i]).name for _, i in letters} == {font}
    for cluster, index in letters:
        assert not any(tofu(BOLD[index], ch) for ch in cluster if unicodedata.category(ch)[0] != "M")


def test_the_tofu_check_does_see_tofu():
    assert tofu(BOLD[0], "東") and tofu(BOLD[0], "🎬") and not tofu(BOLD[0], "é")
    assert not cards.has_glyph(BOLD[0], "東") and cards.has_glyph(BOLD[-1], "東")


def test_emoji_are_left_out_instead_of_drawn_as_boxes():
    found = cards.clusters("🎬🍿 Popcorn 👨‍👩‍👧 Night ❤️ 1️⃣ 👍🏽", BOLD)
    assert "".join(c for c, _ in found) == "Popcorn Night 1"
    assert card("🎬🍿👨‍👩‍👧", "🚀 ✨").size == (1200, 630)


@pytest.mark.skipif(not cards.RAQM, reason="right-to-left layout needs Pillow built with raqm")
def test_right_to_left_titles_are_right_aligned(poster):
    right = card("המסע", "", poster).crop((cards.POSTER_W, 0, 1200, 630)).convert("L")
    x0, _, x1, _ = right.point(lambda v: 255 if v > 230 else 0).getbbox()  # the white title
    assert x1 + cards.POSTER_W >= cards.TEXT_X1 - 4 and x0 + cards.POSTER_W > cards.TEXT_X0 + 200
