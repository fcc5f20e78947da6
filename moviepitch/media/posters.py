"""Checking poster bytes from a model, and turning them into WebP and a thumbnail."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

FORMATS = {"PNG", "WEBP", "JPEG"}
# A 1024x1536 poster is 1.6 Mpx; 3840x2160 is the largest an image model makes.
MAX_PIXELS = 16_000_000
MIN_SIDE = 64
THUMB_WIDTH = 360


class PosterError(ValueError):
    """The bytes are not a poster we will keep; the message says why, in plain words."""


@dataclass(frozen=True)
class PosterFiles:
    webp: bytes
    thumb: bytes
    width: int
    height: int


def sniff(data: bytes) -> str | None:
    """The image format named by the magic bytes: PNG, WEBP, JPEG or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    return None


def open_checked(data: bytes) -> Image.Image:
    """Decode image bytes, refusing anything that is not a sane PNG, WebP or JPEG."""
    if sniff(data) is None:
        raise PosterError("The image service sent data that is not a PNG, WebP or JPEG image.")
    try:
        with warnings.catch_warnings():
            # Pillow warns, then raises, on decompression bombs; make both an error.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=sorted(FORMATS))
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise PosterError(f"The image is too large ({width}×{height} pixels).")
            if min(width, height) < MIN_SIDE:
                raise PosterError(f"The image is too small ({width}×{height} pixels).")
            image.load()
    except PosterError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PosterError("The image service sent an image that could not be read safely.") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise PosterError("The image service sent a damaged or truncated image.") from exc
    return image


def prepare(data: bytes) -> PosterFiles:
    """Check the bytes and make the WebP poster and its thumbnail."""
    image = open_checked(data)
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    width, height = image.size
    thumb = image.copy()
    thumb.thumbnail((THUMB_WIDTH, THUMB_WIDTH * 3), Image.Resampling.LANCZOS)
    return PosterFiles(webp=_webp(image, quality=86), thumb=_webp(thumb, quality=80), width=width, height=height)


def preview(data: bytes) -> bytes:
    """A small WebP of a partial poster, for the page to show while the rest is painted."""
    image = open_checked(data).convert("RGB")
    image.thumbnail((THUMB_WIDTH, THUMB_WIDTH * 3), Image.Resampling.BILINEAR)
    return _webp(image, quality=70)


def _webp(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    # method=4 is Pillow's default speed/size balance; higher costs seconds per poster.
    image.save(out, "WEBP", quality=quality, method=4)
    return out.getvalue()


def to_png(webp: bytes) -> bytes:
    """Re-encode a stored WebP poster as PNG, for downloads."""
    out = io.BytesIO()
    Image.open(io.BytesIO(webp)).save(out, "PNG")
    return out.getvalue()
