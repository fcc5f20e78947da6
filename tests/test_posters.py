"""Checking poster bytes and making the WebP files."""

import base64
import io
import struct
import zlib

import pytest
from fakes import png_bytes
from PIL import Image

from moviepitch.media import posters


def _encoded(fmt: str, size=(400, 600)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 80, 160)).save(out, fmt)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "JPEG"])
def test_png_webp_and_jpeg_become_webp_with_a_thumbnail(fmt):
    files = posters.prepare(_encoded(fmt))
    assert (files.width, files.height) == (400, 600)
    poster, thumb = Image.open(io.BytesIO(files.webp)), Image.open(io.BytesIO(files.thumb))
    assert poster.format == thumb.format == "WEBP"
    assert thumb.width == posters.THUMB_WIDTH and thumb.height == 540


@pytest.mark.parametrize(
    "data, message",
    [
        (b"<html>hello</html>", "not a PNG, WebP or JPEG"),
        (b"", "not a PNG, WebP or JPEG"),
        (_encoded("GIF"), "not a PNG, WebP or JPEG"),
        (png_bytes()[:200], "damaged or truncated"),
        (_encoded("PNG", size=(20, 20)), "too small"),
    ],
)
def test_bad_bytes_are_refused_in_plain_words(data, message):
    with pytest.raises(posters.PosterError, match=message):
        posters.prepare(data)


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG header that claims a size, with no pixels behind it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def test_a_decompression_bomb_is_refused_before_decoding():
    with pytest.raises(posters.PosterError, match="too large|safely"):
        posters.prepare(_png_claiming(30000, 30000))


def test_base64_png_from_a_model_round_trips():
    data = base64.b64decode(base64.b64encode(png_bytes((1024, 1536))))
    assert posters.sniff(data) == "PNG"
    assert posters.prepare(data).height == 1536
