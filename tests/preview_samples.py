"""Files a reporter might send, friendly and hostile, built in memory for the preview tests."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pikepdf
from PIL import Image

_DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(
    pages: int = 1, words: str = "Indberetning om dobbeltfakturering", macro: bool = False
) -> bytes:
    """A Word document with `pages` pages, each starting "<words> side N"."""
    body = []
    for number in range(1, pages + 1):
        body.append(f"<w:p><w:r><w:t>{words} side {number}</w:t></w:r></w:p>")
        if number < pages:
            body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body>'
        + "".join(body)
        + "</w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _DOCX_TYPES)
        archive.writestr("_rels/.rels", _DOCX_RELS)
        archive.writestr("word/document.xml", document)
        if macro:
            archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0Attribute VB_Name AutoOpen")
    return out.getvalue()


def pdf(pages: int = 1, words: str = "Faktura", *, hostile: bool = False) -> bytes:
    """A PDF with `pages` pages of text; `hostile` adds a script, a file, a link and metadata."""
    document = pikepdf.Pdf.new()
    font = document.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
        )
    )
    for number in range(1, pages + 1):
        content = f"BT /F1 28 Tf 72 700 Td ({words} side {number}) Tj ET".encode()
        page = document.add_blank_page(page_size=(595, 842))
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        page.obj.Contents = document.make_stream(content)
    if hostile:
        _make_hostile(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _make_hostile(document: pikepdf.Pdf) -> None:
    script = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('x')"))
    document.Root.OpenAction = document.make_indirect(script)
    attached = pikepdf.AttachedFileSpec(document, b"MZ payload", filename="payload.exe")
    document.attachments["payload.exe"] = attached
    link = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.Link,
        Rect=[0, 0, 100, 100],
        A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("http://example.invalid/")),
    )
    document.pages[0].obj.Annots = pikepdf.Array([document.make_indirect(link)])
    with document.open_metadata() as meta:
        meta["dc:creator"] = ["Navn Navnesen"]
    document.docinfo["/Author"] = "Navn Navnesen"


def many_pages_pdf(pages: int = 10_000) -> bytes:
    """Ten thousand pages that share one content stream: small on disk, huge to render.
    The pages are small (2 × 2 inches) so that drawing the first ones stays quick."""
    document = pikepdf.Pdf.new()
    content = document.make_stream(b"0 0 m 144 144 l S")
    tree = document.Root.Pages
    kids = [
        document.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Page, Parent=tree, MediaBox=[0, 0, 144, 144], Contents=content
            )
        )
        for _ in range(pages)
    ]
    tree.Kids = pikepdf.Array(kids)
    tree.Count = pages
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    document = pikepdf.open(io.BytesIO(pdf(1)))
    out = io.BytesIO()
    document.save(out, encryption=pikepdf.Encryption(user="hemmelig", owner="hemmelig", R=6))
    return out.getvalue()


def photo(width: int = 640, height: int = 480) -> bytes:
    """A JPEG with a GPS position in its EXIF block, as a phone writes it."""
    image = Image.new("RGB", (width, height), (30, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825)[2] = (55.0, 40.0, 0.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def image_bomb(side: int = 60_000) -> bytes:
    """A PNG that claims 60,000 × 60,000 pixels (3.6 gigapixels) in a few hundred bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    row = zlib.compress(b"\x00" * (side + 1) * 16)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", row) + chunk(b"IEND", b"")


def zip_bomb(megabytes: int = 1024) -> bytes:
    """One entry of `megabytes` MiB of zeros, a megabyte or so compressed."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("nuller.txt", "w", force_zip64=True) as entry:
            block = b"\x00" * (1024 * 1024)
            for _ in range(megabytes):
                entry.write(block)
    return out.getvalue()


def eml() -> bytes:
    return (
        b"From: Anna <anna@example.invalid>\r\nTo: Leder <leder@example.invalid>\r\n"
        b"Subject: Fakturaer\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSe de vedlagte bilag.\r\n"
        b"--b\r\nContent-Type: application/pdf\r\n"
        b'Content-Disposition: attachment; filename="bilag.pdf"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n"
    )


def zip_of_documents() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bilag/faktura.pdf", pdf(1, "Bilag A"))
        archive.writestr("bilag/notat.txt", "Notat om bilag B\n")
        archive.writestr("bilag/laast.pdf", encrypted_pdf())
    return out.getvalue()


def zip_with_locked_entry() -> bytes:
    """A ZIP whose one entry claims to be password-protected (general-purpose flag bit 0)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("hemmelig.txt", b"x" * 64)
    data = bytearray(out.getvalue())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        data[at + offset] |= 1
    return bytes(data)


_LINK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/image" Target="{target}" TargetMode="External"/></Relationships>'
)
_LINK_BODY = (
    "<w:p><w:r><w:t>Linket billede</w:t></w:r></w:p><w:p><w:r><w:drawing><wp:inline>"
    '<wp:extent cx="3000000" cy="3000000"/><wp:docPr id="1" name="p"/><a:graphic>'
    '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
    '<pic:nvPicPr><pic:cNvPr id="1" name="p"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
    '<a:blip r:link="rId9"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr>'
    '<a:xfrm><a:off x="0" y="0"/><a:ext cx="3000000" cy="3000000"/></a:xfrm>'
    '<a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline>'
    "</w:drawing></w:r></w:p>"
)


def linked_image_docx(target: str) -> bytes:
    """A Word file whose picture is fetched from `target` when opened: a file:// path on the
    server or an http:// address. Unsandboxed, LibreOffice reads and fetches both."""
    namespaces = (
        f'xmlns:w="{_W}" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {namespaces}><w:body>'
        f"{_LINK_BODY}</w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", _DOCX_TYPES)
        archive.writestr("_rels/.rels", _DOCX_RELS)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/_rels/document.xml.rels", _LINK_RELS.format(target=target))
    return out.getvalue()


def video(seconds: int = 2) -> bytes:
    """A tiny test-pattern video made by ffmpeg."""
    import subprocess
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "v.mp4"
        subprocess.run(  # noqa: S603 - fixed argv
            [
                "/usr/bin/ffmpeg",
                "-v",
                "error",
                "-f",
                "lavfi",
                "-i",
                f"testsrc=size=160x120:rate=10:duration={seconds}",
            ]
            + ["-pix_fmt", "yuv420p", str(target)],
            check=True,
        )
        return target.read_bytes()


# Renderings are slow (LibreOffice starts in 2-4 s): every test process renders
# each sample once, whichever test asks first, and later tests reuse it.
_RENDERED: dict[tuple[bytes, str], object] = {}


def cached_render(real):  # type: ignore[no-untyped-def]
    import hashlib

    def render(data, extension, size, *, ocr=False):  # type: ignore[no-untyped-def]
        chunks = data if isinstance(data, bytes) else b"".join(data)
        key = (hashlib.sha256(chunks).digest() + bytes([ocr]), extension)
        if key not in _RENDERED:
            _RENDERED[key] = real(chunks, extension, size, ocr=ocr)
        return _RENDERED[key]

    return render
