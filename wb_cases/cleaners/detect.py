"""What a file is, by its signature at offset 0: never by its name or the browser's word.

A ZIP or TAR whose first member is a stored PDF carries `%PDF-` near the start; it
is still an archive, so only the first bytes count. ZIP-based formats (DOCX, ODT)
are told apart inside the sandbox, by their members (`office.zip_kind`).
"""

from __future__ import annotations

# Bytes plain text may hold: printable ASCII, any byte of UTF-8 or a one-byte code page,
# and layout controls. Anything else (NUL, escape, DEL) means a binary format.
TEXT_BYTES = bytes(range(0x20, 0x7F)) + bytes(range(0x80, 0x100)) + b"\t\n\r\f"
SVG_PROLOG = 4096  # an XML declaration and comments before <svg


def detect_kind(head: bytes) -> str | None:
    """The cleaner for a file starting with `head`, or None when we have none."""
    for signature, kind in SIGNATURES:
        if head.startswith(signature):
            return kind
    if head[4:8] == b"ftyp":
        return refine_iso(head)
    if head[4:8] in (b"moov", b"mdat", b"wide", b"free"):
        return "mp4"  # QuickTime files from before ftyp
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and head[1] != 0xFF:
        return "mp3"  # an MPEG audio frame without tags
    if _looks_like_svg(head):
        return "svg"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(MARKUP):
        return None  # RTF, HTML, XML: text whose hidden parts (authors, comments) we do not clean
    if looks_like_text(head):
        return "text"
    return None


SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"ID3", "mp3"),
)

MARKUP = (b"{\\rtf", b"<")

HEIC_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif")


def refine_iso(head: bytes) -> str:
    """HEIC/HEIF pictures and MP4/MOV/M4A share the ISO box layout: the brand decides."""
    if head[8:12] in HEIC_BRANDS:
        return "heic"
    return "mp4"


def _looks_like_svg(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf")
    if start.startswith(b"<svg"):
        return True
    return start.startswith(b"<?xml") and b"<svg" in start[:SVG_PROLOG]


def looks_like_text(data: bytes) -> bool:
    """Plain text: UTF-8 (or a one-byte code page) with no control characters but layout ones."""
    if not data:
        return False
    return not data.translate(None, TEXT_BYTES)
