"""The 1200×630 share card: the poster on the left, title and tagline on a dark backdrop."""

from __future__ import annotations

import io
import re
import unicodedata
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps, features

from . import posters

WIDTH, HEIGHT, POSTER_W, MARGIN = 1200, 630, 420, 64
TEXT_X0, TEXT_X1, TEXT_TOP, TEXT_BOTTOM = POSTER_W + MARGIN, WIDTH - MARGIN, 60, HEIGHT - 100
TITLE_SIZES, TAGLINE_SIZES, MAX_LINES = range(72, 39, -4), (29, 27, 25, 23), 3
WHITE, GREY, GOLD = (255, 255, 255), (196, 199, 211), (232, 176, 75)
# Noto Sans (Latin, Greek, Cyrillic), a Noto font per script, then Droid Sans Fallback,
# which covers Chinese, Japanese and Korean in 3.4 MB (Noto's CJK files are 19 MB each).
SCRIPTS = ("", "Arabic", "Hebrew", "Devanagari", "Bengali", "Tamil", "Telugu", "Thai", "Armenian", "Georgian")
TALL = {"Arabic", "Devanagari", "Bengali", "Tamil", "Telugu", "Thai"}  # marks stack high and low
CJK = "DroidSansFallback.ttf"
RAQM = features.check("raqm")  # shapes Arabic and Indic text; without it, text is drawn as-is
NOT_A_CHAR = "\U0010fffd"  # private use: no font maps it, so it draws the .notdef box
JOINERS, ELLIPSIS = "\u200c\u200d", "…"
HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")

Cluster = tuple[str, int]  # a character with its marks, and the index of its font in the chain


def chain(fonts_dir: Path, weight: str) -> tuple[str, ...]:
    """The font files to try, in order, for one weight ("Regular" or "Bold")."""
    return tuple(str(fonts_dir / f"NotoSans{s}-{weight}.ttf") for s in SCRIPTS) + (str(fonts_dir / CJK),)


@lru_cache(maxsize=512)
def _font(path: str, size: int, basic: bool = False) -> ImageFont.FreeTypeFont:
    """A loaded font; cached, since a card is drawn per request."""
    engine = ImageFont.Layout.RAQM if RAQM and not basic else ImageFont.Layout.BASIC
    return ImageFont.truetype(path, size, layout_engine=engine)


@lru_cache(maxsize=65536)
def has_glyph(path: str, ch: str) -> bool:
    """Whether the font maps the character, i.e. draws it as something other than .notdef."""
    # Basic layout maps code points straight to glyphs (no shaping, no dotted circles),
    # so a character the font lacks draws exactly what an unmapped code point draws.
    font = _font(path, 24, basic=True)

    def ink(c: str) -> tuple:
        canvas = Image.new("L", (72, 72))
        ImageDraw.Draw(canvas).text((12, 12), c, font=font, fill=255)
        return font.getbbox(c), font.getlength(c), canvas.tobytes()

    return ink(ch) != ink(NOT_A_CHAR)


def clusters(text: str, fonts: tuple[str, ...]) -> list[Cluster]:
    """Split text into clusters, each with the first font that has it; drop what none has."""
    out: list[list] = []
    dropped = False
    for ch in unicodedata.normalize("NFC", text):
        cat, code = unicodedata.category(ch), ord(ch)
        if ch.isspace() or cat == "Cc":
            if out and out[-1][0] != " ":
                out.append([" ", out[-1][1]])
        elif 0xFE00 <= code <= 0xFE0F or 0xE0000 <= code <= 0xE01EF:
            continue  # variation selectors and tags only choose emoji styles
        elif cat[0] == "M" or ch in JOINERS:
            # Marks and joiners shape with the character before them, so they share its font.
            if (
                out
                and out[-1][0] != " "
                and not dropped
                and (RAQM and ch in JOINERS or has_glyph(fonts[out[-1][1]], ch))
            ):
                out[-1][0] += ch
        elif cat != "Cf":
            index = next((i for i, path in enumerate(fonts) if has_glyph(path, ch)), None)
            dropped = index is None  # emoji and the like: no tofu, just nothing
            if not dropped:
                out.append([ch, index])
    while out and out[-1][0] == " ":
        out.pop()
    return [(c, i) for c, i in out]


def runs(line: list[Cluster]) -> list[Cluster]:
    """Merge neighbouring clusters that share a font into runs, without trailing spaces."""
    merged = [["".join(t for t, _ in group), i] for i, group in groupby(line, key=lambda c: c[1])]
    if merged:
        merged[-1][0] = merged[-1][0].rstrip(" ")
    return [(t, i) for t, i in merged if t]


def _width(line: list[Cluster], fonts: tuple[str, ...], size: int) -> float:
    """How wide a line draws at a size."""
    return sum(_font(fonts[i], size).getlength(t) for t, i in runs(line))


def _breakable(before: Cluster, after: Cluster) -> bool:
    """Whether a line may break between two clusters: after a space, or around Han and kana."""
    # Korean puts spaces between words, so Hangul wraps at spaces as Latin does.
    wide = lambda c: unicodedata.east_asian_width(c[0][0]) in "WF" and not HANGUL.match(c[0])  # noqa: E731
    closing = unicodedata.category(after[0][0]) in ("Pe", "Pf", "Po")
    return after[0] != " " and (before[0] == " " or ((wide(before) or wide(after)) and not closing))


def wrap(items: list[Cluster], fonts: tuple[str, ...], size: int, width: float, split: bool):
    """Fill lines greedily, up to one past MAX_LINES; None if a word must split and not `split`."""
    words: list[list[Cluster]] = []
    for c in items:
        if words and not _breakable(words[-1][-1], c):
            words[-1].append(c)
        else:
            words.append([c])
    lines: list[list[Cluster]] = []
    line: list[Cluster] = []
    for word in words:
        if _width(line + word, fonts, size) <= width:
            line = line + word
            continue
        lines, line = lines + [line] if line else lines, []
        for c in word:  # a word wider than the line breaks between its clusters
            if line and _width(line + [c], fonts, size) > width:
                if not split:
                    return None
                lines, line = lines + [line], []
            line.append(c)
        if len(lines) > MAX_LINES:
            break  # enough to know it does not fit
    return (lines + [line] if line else lines)[: MAX_LINES + 1]


def leading(lines: list[list[Cluster]], size: int, base: float) -> float:
    """Baseline-to-baseline distance: more room for scripts whose marks stack up and down."""
    tall = any(i < len(SCRIPTS) and SCRIPTS[i] in TALL for line in lines for _, i in line)
    return size * (base + 0.22 * tall)


def fit(text: str, fonts: tuple[str, ...], sizes, width: float, height: float, base: float):
    """The largest size whose wrapped lines fit the box, else the smallest, ellipsised."""
    items = clusters(text, fonts)
    for size in sizes:
        # Shrink rather than split a word, unless even the smallest size must split it.
        lines = wrap(items, fonts, size, width, split=size == sizes[-1])
        if lines is not None and len(lines) <= MAX_LINES and len(lines) * leading(lines, size, base) <= height:
            return size, lines
    full, lines = lines, lines[:MAX_LINES]
    while lines and len(lines) * leading(lines, size, base) > height:
        lines.pop()
    if lines and len(lines) < len(full):
        dots = (ELLIPSIS, next(i for i, p in enumerate(fonts) if has_glyph(p, ELLIPSIS)))
        last = whole = lines[-1]
        while last and (last[-1][0] == " " or _width(last + [dots], fonts, size) > width):
            last = last[:-1]
        spaces = [n for n, c in enumerate(last) if c[0] == " "]
        if (
            spaces
            and len(last) < len(whole)
            and whole[len(last)][0] != " "
            and not _breakable(last[-1], whole[len(last)])
        ):
            last = last[: spaces[-1]]  # end on a whole word where the script has words
        lines[-1] = last + [dots]
    return size, lines


def _draw_lines(draw, lines, fonts, size, top, pitch, fill, fake_bold=False) -> bool:
    """Draw lines from `top`; right-to-left text is right-aligned with its runs reversed."""
    kinds = (unicodedata.bidirectional(ch) for line in lines for t, _ in line for ch in t)
    rtl = RAQM and next((k for k in kinds if k in ("L", "R", "AL")), "L") != "L"  # first strong letter
    for n, line in enumerate(lines):
        baseline, parts = top + pitch * n + size * 0.96, runs(line)
        x = TEXT_X1 - _width(line, fonts, size) if rtl else TEXT_X0
        for t, i in reversed(parts) if rtl else parts:
            font, core = _font(fonts[i], size), t.rstrip(" ")
            # A run's trailing space goes after it in reading order, whichever way it reads.
            gap, width = font.getlength(t) - font.getlength(core), font.getlength(core)
            stroke = 1 if fake_bold and fonts[i].endswith(CJK) else 0  # Droid has no bold
            draw.text(
                (x + gap * rtl, baseline),
                core,
                font=font,
                fill=fill,
                anchor="ls",
                stroke_width=stroke,
                stroke_fill=fill,
            )
            x += width + gap
    return rtl


def _gradient(size: tuple[int, int], top: tuple, bottom: tuple) -> Image.Image:
    """A smooth two-colour gradient, top to bottom."""
    mask = Image.linear_gradient("L").resize(size, Image.Resampling.BICUBIC)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _background(data: bytes | None) -> Image.Image:
    """The card without text: poster and blurred backdrop, or dark gradients without one."""
    try:
        image = posters.open_checked(data).convert("RGB") if data else None
    except posters.PosterError:
        image = None  # an unreadable poster should not cost the pitch its card
    if image is not None:
        # A blurred, darkened blow-up of the poster ties the two halves together.
        small = ImageOps.fit(image, (WIDTH // 12, HEIGHT // 12), Image.Resampling.BOX)
        back = small.filter(ImageFilter.GaussianBlur(4)).resize((WIDTH, HEIGHT), Image.Resampling.BICUBIC)
        # Dim it so its brightest spot stays dark enough for white and grey text.
        dim = min(0.32, 60 / max(1, back.convert("L").getextrema()[1]))
        card = Image.blend(Image.new("RGB", (WIDTH, HEIGHT), (8, 8, 12)), back, dim)
        card.paste(ImageOps.fit(image, (POSTER_W, HEIGHT), Image.Resampling.LANCZOS), (0, 0))
    else:
        card = _gradient((WIDTH, HEIGHT), (22, 24, 38), (8, 9, 14))
        panel = _gradient((POSTER_W, HEIGHT), (34, 30, 58), (9, 9, 16))
        beam = Image.new("L", (POSTER_W, HEIGHT))  # a soft projector beam across the panel
        ImageDraw.Draw(beam).polygon([(60, -10), (150, -10), (POSTER_W + 40, HEIGHT), (-60, HEIGHT)], fill=70)
        beam = beam.filter(ImageFilter.GaussianBlur(36))
        card.paste(Image.composite(Image.new("RGB", panel.size, (250, 214, 150)), panel, beam), (0, 0))
    # A soft shadow off the left panel's edge gives the two halves depth.
    shade = Image.new("L", (WIDTH - POSTER_W, 1))
    shade.putdata([int(210 * max(0.0, 1 - x / 56) ** 2) for x in range(WIDTH - POSTER_W)])
    right = card.crop((POSTER_W, 0, WIDTH, HEIGHT))
    black = Image.new("RGB", right.size, (0, 0, 0))
    card.paste(Image.composite(black, right, shade.resize(right.size)), (POSTER_W, 0))
    return card


def make_card(title: str, tagline: str, poster: bytes | None, *, fonts_dir: Path) -> bytes:
    """The share card as PNG bytes, exactly 1200×630."""
    card = _background(poster)
    draw = ImageDraw.Draw(card)
    bold, regular = chain(fonts_dir, "Bold"), chain(fonts_dir, "Regular")
    width, room = TEXT_X1 - TEXT_X0, TEXT_BOTTOM - TEXT_TOP - 40  # 40: the accent bar and gaps
    # The tagline takes at most 45% of the height; the title, the biggest size that fits the rest.
    g_size, g_lines = fit(tagline, regular, TAGLINE_SIZES, width, room * 0.45, base=1.42)
    g_pitch = leading(g_lines, g_size, 1.42)
    t_size, t_lines = fit(title, bold, TITLE_SIZES, width, room - len(g_lines) * g_pitch, base=1.14)
    t_pitch = leading(t_lines, t_size, 1.14)
    top = TEXT_TOP + (room - len(t_lines) * t_pitch - len(g_lines) * g_pitch) / 2
    rtl = _draw_lines(draw, t_lines, bold, t_size, top + 20, t_pitch, WHITE, fake_bold=True)
    bar_x = TEXT_X1 - 56 if rtl else TEXT_X0
    draw.rectangle((bar_x, top, bar_x + 56, top + 4), fill=GOLD)
    _draw_lines(draw, g_lines, regular, g_size, top + 40 + len(t_lines) * t_pitch, g_pitch, GREY)
    draw.text((TEXT_X1, HEIGHT - 44), "MoviePitch", font=_font(bold[0], 24), fill=GOLD, anchor="rs")
    out = io.BytesIO()
    card.save(out, "PNG")
    return out.getvalue()
