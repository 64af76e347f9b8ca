"""Small files with hidden information, made on the fly (no fixtures on disk)."""

from __future__ import annotations

import io


def gps_jpeg(orientation: int = 1) -> bytes:
    """A JPEG whose EXIF says where and with what camera it was taken."""
    from PIL import Image

    image = Image.new("RGB", (64, 48), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "Spycam"  # Make
    exif[0x0110] = "Model X"  # Model
    exif[0x0132] = "2026:03:01 12:34:56"  # DateTime
    if orientation != 1:
        exif[0x0112] = orientation
    gps = {1: "N", 2: (55.0, 40.0, 36.0), 3: "E", 4: (12.0, 34.0, 5.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), quality=90)
    return out.getvalue()


def authored_pdf(author: str = "Jens Hansen") -> bytes:
    """A one-page PDF with an author, producer and XMP."""
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    pdf.docinfo["/Author"] = author
    pdf.docinfo["/Producer"] = "Kontorpakke 2026"
    pdf.docinfo["/Title"] = "Intern note"
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = [author]
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def has_gps(data: bytes) -> bool:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        return bool(exif.get_ifd(0x8825)) or bool(exif)


def pdf_metadata(data: bytes) -> str:
    """Everything a PDF says about itself, as text (empty when clean)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        info = {str(k): str(v) for k, v in pdf.trailer.get("/Info", {}).items()}
        xmp = bytes(pdf.Root.Metadata.read_bytes()).decode() if "/Metadata" in pdf.Root else ""
    return repr(info) + xmp
