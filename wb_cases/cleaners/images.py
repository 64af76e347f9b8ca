"""Pictures cleaned losslessly: metadata segments and chunks are dropped, pixels never decoded.

JPEG keeps its quantised data bit for bit; a portrait photo keeps one tag, its
orientation, read from the EXIF bytes (turning the pixels would mean re-encoding).
PNG, WebP and GIF keep every chunk or block that draws the picture and drop the
ones that describe it.
"""

from __future__ import annotations

import io
import struct

from .core import Findings, NotCleanedError, guard_pixels

JPEG_NO_LENGTH = frozenset({0x01, *range(0xD0, 0xD8)})
JPEG_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
JPEG_KEEP_APP = frozenset({0xE0, 0xEE})  # JFIF and Adobe (colour transform): needed to draw
ORIENTATION = 0x0112
GPS_IFD = 0x8825


def _exif(body: bytes) -> tuple[set[str], int]:
    """What an APP1 Exif block holds, and the orientation it asks for (1 when unreadable)."""
    from PIL import Image

    found, orientation = {"exif"}, 1
    try:
        exif = Image.Exif()
        exif.load(body)
        if exif.get_ifd(GPS_IFD):
            found.add("gps")
        orientation = int(exif.get(ORIENTATION, 1) or 1)
    except Exception:  # noqa: BLE001, S110 - a broken EXIF block is removed all the same
        pass
    return found, orientation if 1 <= orientation <= 8 else 1


def orientation_app1(orientation: int) -> bytes:
    """A minimal APP1 Exif segment holding only the orientation tag."""
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8)
    ifd = struct.pack(">H", 1) + struct.pack(">HHIHH", ORIENTATION, 3, 1, orientation, 0)
    body = b"Exif\x00\x00" + tiff + ifd + struct.pack(">I", 0)
    return b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body


def _app_findings(marker: int, body: bytes) -> set[str]:
    if marker == 0xED:
        return {"iptc"}
    if b"ns.adobe.com/xap" in body[:64] or b"ns.adobe.com/xmp" in body[:64]:
        return {"xmp"}
    return {"other"}  # MPF (extra images), FlashPix, maker data, JFXX thumbnails


def _scan_end(data: bytes, pos: int) -> int:
    """Where the entropy-coded data after a start-of-scan ends (the next real marker)."""
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= len(data):
            raise ValueError("JPEG without end marker")
        following = data[pos + 1]
        if following != 0 and not 0xD0 <= following <= 0xD7 and following != 0xFF:
            return pos
        pos += 1 if following == 0xFF else 2


def clean_jpeg(data: bytes, *, keep_orientation: bool = True) -> tuple[bytes, Findings]:
    """Copy a JPEG marker by marker, dropping metadata and anything after its end."""
    if data[:2] != b"\xff\xd8":
        raise NotCleanedError("unreadable")
    out = bytearray(b"\xff\xd8")
    found = Findings()
    orientation, pos, size = 1, 2, len(data)
    insert_at = 2
    while pos < size:
        if data[pos] != 0xFF:
            raise NotCleanedError("unreadable")
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker == 0xD9:
            out += b"\xff\xd9"
            if data[pos + 2 :].strip(b"\x00"):
                found.removed.add("trailer")  # phone trailers, extra images, appended files
            if keep_orientation and orientation != 1:
                out[insert_at:insert_at] = orientation_app1(orientation)
            return bytes(out), found
        if marker in JPEG_NO_LENGTH:
            out += data[pos : pos + 2]
            pos += 2
            continue
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        segment = data[pos : pos + 2 + length]
        body = segment[4:]
        pos += 2 + length
        if marker in JPEG_SOF and len(body) >= 5:
            height, width = struct.unpack(">HH", body[1:5])
            guard_pixels(width, height)
        if marker == 0xE0 and body.startswith(b"JFXX"):
            found.removed.add("thumbnail")
            continue
        if marker == 0xE1 and body.startswith(b"Exif\x00"):
            codes, orientation = _exif(body)
            found.removed |= codes
            continue
        if marker == 0xFE:
            found.removed.add("comment")
            continue
        if marker == 0xE2 and body.startswith(b"ICC_PROFILE\x00"):
            out += segment  # colour profile: needed to show the right colours
            continue
        if 0xE1 <= marker <= 0xEF and marker not in JPEG_KEEP_APP:
            found.removed |= _app_findings(marker, body)
            continue
        out += segment
        if marker == 0xE0:
            insert_at = len(out)
        if marker == 0xDA:
            end = _scan_end(data, pos)
            out += data[pos:end]
            pos = end
    raise NotCleanedError("unreadable")


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Chunks that draw the picture (critical ones, transparency, colour, animation).
PNG_KEEP = frozenset(
    b"IHDR PLTE IDAT IEND tRNS cHRM gAMA iCCP sBIT sRGB cICP mDCv cLLi bKGD pHYs "
    b"acTL fcTL fdAT".split()
)
PNG_FINDINGS = {b"tEXt": "text", b"zTXt": "text", b"iTXt": "text", b"tIME": "dates"}


def _png_finding(kind: bytes, body: bytes) -> set[str]:
    if kind == b"eXIf":
        return _exif(body)[0]
    if kind == b"iTXt" and body.startswith(b"XML:com.adobe.xmp"):
        return {"xmp"}
    return {PNG_FINDINGS.get(kind, "other")}


def clean_png(data: bytes) -> tuple[bytes, Findings]:
    if not data.startswith(PNG_SIGNATURE):
        raise NotCleanedError("unreadable")
    out = bytearray(PNG_SIGNATURE)
    found = Findings()
    pos = len(PNG_SIGNATURE)
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        end = pos + 12 + length
        if end > len(data):
            raise NotCleanedError("unreadable")
        if kind == b"IHDR":
            guard_pixels(*struct.unpack(">II", data[pos + 8 : pos + 16]))
        if kind in PNG_KEEP:
            out += data[pos:end]
        else:
            found.removed |= _png_finding(kind, data[pos + 8 : pos + 8 + length])
        pos = end
        if kind == b"IEND":
            if data[pos:]:
                found.removed.add("trailer")
            return bytes(out), found
    raise NotCleanedError("unreadable")


WEBP_KEEP = frozenset({b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"})
VP8X_EXIF, VP8X_XMP = 0x08, 0x04


def clean_webp(data: bytes) -> tuple[bytes, Findings]:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise NotCleanedError("unreadable")
    found = Findings()
    body = bytearray()
    end = min(len(data), 8 + int.from_bytes(data[4:8], "little"))
    pos = 12
    while pos + 8 <= end:
        kind = data[pos : pos + 4]
        length = int.from_bytes(data[pos + 4 : pos + 8], "little")
        chunk_end = pos + 8 + length + (length & 1)
        if pos + 8 + length > end:
            raise NotCleanedError("unreadable")
        chunk = bytearray(data[pos:chunk_end])
        if kind == b"VP8X":
            chunk[8] &= ~(VP8X_EXIF | VP8X_XMP) & 0xFF
            width = int.from_bytes(chunk[12:15], "little") + 1
            height = int.from_bytes(chunk[15:18], "little") + 1
            guard_pixels(width, height)
        if kind in WEBP_KEEP:
            body += chunk
        elif kind == b"EXIF":
            found.removed |= _exif(bytes(chunk[8 : 8 + length]))[0]
        else:
            found.removed.add("xmp" if kind == b"XMP " else "other")
        pos = chunk_end
    if data[end:]:
        found.removed.add("trailer")
    return b"RIFF" + struct.pack("<I", len(body) + 4) + b"WEBP" + bytes(body), found


GIF_KEEP_APPS = (b"NETSCAPE2.0", b"ANIMEXTS1.0")  # animation loop count


def _gif_sub_blocks(data: bytes, pos: int) -> int:
    """The position after a chain of data sub-blocks starting at `pos`."""
    while True:
        if pos >= len(data):
            raise NotCleanedError("unreadable")
        size = data[pos]
        pos += 1 + size
        if size == 0:
            return pos


def clean_gif(data: bytes) -> tuple[bytes, Findings]:
    if data[:6] not in (b"GIF87a", b"GIF89a") or len(data) < 13:
        raise NotCleanedError("unreadable")
    found = Findings()
    width, height, flags = struct.unpack("<HHB", data[6:11])
    guard_pixels(width, height)
    pos = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    out = bytearray(data[:pos])
    while pos < len(data):
        block = data[pos]
        if block == 0x3B:
            out += b"\x3b"
            if data[pos + 1 :].strip(b"\x00"):
                found.removed.add("trailer")
            return bytes(out), found
        if block == 0x2C:
            flags = data[pos + 9]
            start = pos
            pos += 10 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0) + 1
            pos = _gif_sub_blocks(data, pos)
            out += data[start:pos]
        elif block == 0x21:
            label, start = data[pos + 1], pos
            pos = _gif_sub_blocks(data, pos + 2)
            if label == 0xFE:
                found.removed.add("comment")
            elif label == 0xFF and data[start + 3 : start + 14] not in GIF_KEEP_APPS:
                found.removed.add("xmp" if data[start + 3 : start + 11] == b"XMP Data" else "other")
            else:
                out += data[start:pos]
        else:
            raise NotCleanedError("unreadable")
    raise NotCleanedError("unreadable")


def reopen_picture(data: bytes | memoryview, kind: str) -> tuple[int, int]:
    """Open a cleaned picture's header again (no pixel decode); its size, or an error."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = None  # our own guard above has already counted the pixels
    with Image.open(io.BytesIO(data)) as image:
        if image.format is None or image.format.lower() not in {kind, "mpo"}:
            raise NotCleanedError("invalid_output")
        return image.size
