"""Look into a file the way a curious recipient would: every archive member, every PDF
stream uncompressed, every photo's EXIF."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from collections.abc import Iterator

PLANTED = re.compile(rb"PLANT[\w@.:/-]*")


def layers(data: bytes, depth: int = 0) -> Iterator[bytes]:
    """The file and everything inside it, uncompressed."""
    yield data
    if depth > 4:
        return
    if data.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                yield from layers(archive.read(name), depth + 1)
    elif data.startswith(b"%PDF-"):
        qdf = subprocess.run(
            ["qpdf", "--qdf", "--object-streams=disable", "-", "-"],
            input=data,
            capture_output=True,
            check=False,
        )
        yield qdf.stdout
        yield from _pdf_images(data)


def _pdf_images(data: bytes) -> Iterator[bytes]:
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image":
                yield obj.read_raw_bytes()


def planted(data: bytes) -> set[bytes]:
    """Every planted value still anywhere in the file."""
    return {m for layer in layers(data) for m in PLANTED.findall(layer)}


def photos_with_gps(data: bytes) -> int:
    """How many JPEG photos anywhere in the file still say where they were taken."""
    from PIL import Image

    count, limit = 0, Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None  # headers only: a 200-megapixel photo is read, not decoded
    try:
        for layer in layers(data):
            if layer.startswith(b"\xff\xd8\xff"):
                with Image.open(io.BytesIO(layer)) as image:
                    count += bool(image.getexif().get_ifd(0x8825))
    finally:
        Image.MAX_IMAGE_PIXELS = limit
    return count
