"""Render one hostile file to page images and text; run only inside the sandbox.

    python -m wb_cases.preview_worker EXTENSION MAX_INPUT MAX_PAGES OCR

Reads the decrypted file from stdin (at most MAX_INPUT bytes) and writes a framed
stream to stdout: each frame is one tag byte, a 4-byte big-endian length and the
payload. Tags:

- ``T`` a page: JSON ``{"source", "label", "text", "problem"}``; the ``I`` frame
  after it, if any, is that page's image (PNG, re-encoded by Pillow); a document
  inside a ZIP that cannot be shown is a page with only its name and a problem;
- ``S`` the safe copy: a PDF rebuilt from the page images only;
- ``M`` at the end: JSON ``{"kind", "total", "notices", "duration", "peak_rss_kib"}``;
- ``E`` a failure code the back office turns into a plain message.

The chain (LibreOffice → PDF → poppler → Pillow; ffmpeg for audio and video)
runs as children of this process, so they share the sandbox: no network, no
data directory, a cleared environment and an empty RAM tmpfs that vanishes
with it (docs/security.md, "Files"). Nothing here ever runs a macro: LibreOffice
is started headless with macro security at its highest and converts only.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import struct
import subprocess
import sys
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser
from pathlib import Path

WORK = Path("/tmp/preview")  # noqa: S108 - the sandbox's private RAM tmpfs
PAGE_WIDTH = 1100  # pixels: readable on screen, a few hundred KiB a page
DPI = 100
MAX_PIXELS = 40_000_000  # an image larger than this is refused as a possible bomb
ZIP_MAX_ENTRIES = 200
ZIP_MAX_TOTAL = 200 * 1024 * 1024
ZIP_MAX_RATIO = 200  # a real document rarely compresses better than this
ZIP_MAX_DOCUMENTS = 10
VIDEO_FRAMES = 3
CHILD_SECONDS = 60

OFFICE_EXTENSIONS = {
    "doc",
    "docx",
    "docm",
    "dot",
    "dotx",
    "xls",
    "xlsx",
    "xlsm",
    "ppt",
    "pptx",
    "pptm",
    "odt",
    "ods",
    "odp",
    "odg",
    "rtf",
}
TEXT_EXTENSIONS = {"txt", "text", "md", "log", "csv", "tsv"}


class PreviewFailed(Exception):
    """The file cannot be shown; the code says why (the back office words it)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass
class Rendered:
    """What one file gave: pages as (source, label, text, png) and notices."""

    kind: str
    pages: list[tuple[str, str, str, bytes | None]] = field(default_factory=list)
    problems: dict[int, str] = field(default_factory=dict)  # page index → why it is empty
    total: int = 0
    notices: list[str] = field(default_factory=list)
    duration: float | None = None


def frame(tag: bytes, payload: bytes) -> bytes:
    return tag + struct.pack(">I", len(payload)) + payload


def _child(
    argv: list[str], *, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # noqa: S603 - fixed tools, inside the sandbox
        argv, capture_output=True, timeout=CHILD_SECONDS, check=False, env=env
    )


# --- what is it ---------------------------------------------------------------------------

MEDIA_MAGIC = (b"ID3", b"\xff\xfb", b"\xff\xf3", b"OggS", b"fLaC", b"\x1aE\xdf\xa3")
IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*")


def detect(data: bytes, extension: str) -> str:
    """The kind by content first; the name's extension only tells text from CSV and mail."""
    head = data[:64]
    if head.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(IMAGE_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    if head.startswith(MEDIA_MAGIC) or head[4:8] == b"ftyp":
        return "media"
    if head[:4] == b"RIFF" and head[8:12] in (b"WAVE", b"AVI "):
        return "media"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if head.startswith(b"\xd0\xcf\x11\xe0") or head.startswith(b"{\\rtf"):
        return "office"
    if extension == "eml" or (extension not in TEXT_EXTENSIONS and _looks_like_mail(data)):
        return "email"
    if b"\x00" not in data[:8192]:
        return "csv" if extension in ("csv", "tsv") else "text"
    raise PreviewFailed("unsupported")


def _looks_like_mail(data: bytes) -> bool:
    head = data[:2048].lower()
    return head.startswith((b"from:", b"received:", b"return-path:", b"mime-version:")) and (
        b"\nsubject:" in head or b"\nfrom:" in head
    )


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist()[:ZIP_MAX_ENTRIES])
    except (zipfile.BadZipFile, ValueError):
        raise PreviewFailed("unreadable") from None
    if "[Content_Types].xml" in names or "mimetype" in names and "content.xml" in names:
        return "office"
    return "zip"


def has_macros(data: bytes) -> bool:
    """OOXML keeps VBA in vbaProject.bin, ODF in Basic/; old binary files in a "Macros" stream."""
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = archive.namelist()[:ZIP_MAX_ENTRIES]
        except (zipfile.BadZipFile, ValueError):
            return False
        return any(n.lower().endswith("vbaproject.bin") or n.startswith("Basic/") for n in names)
    return data.startswith(b"\xd0\xcf\x11\xe0") and (
        b"V\x00B\x00A" in data or b"_\x00V\x00B\x00A" in data
    )


# --- page images ---------------------------------------------------------------------------


def _pillow() -> object:
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    warnings.simplefilter("error", Image.DecompressionBombWarning)
    return Image


def reencode(data: bytes) -> bytes:
    """Decode and write the pixels afresh: only pixels leave, at most PAGE_WIDTH wide."""
    from PIL import Image, ImageOps

    _pillow()
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            picture = ImageOps.exif_transpose(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PreviewFailed("image_too_large") from None
    except (OSError, ValueError, SyntaxError):
        raise PreviewFailed("unreadable") from None
    picture = picture.convert("RGBA" if "A" in picture.getbands() else "RGB")
    if picture.mode == "RGBA":  # flatten on white: a page is printed on paper
        flat = Image.new("RGB", picture.size, "white")
        flat.paste(picture, mask=picture.getchannel("A"))
        picture = flat
    if picture.mode == "RGB" and _is_grey(picture):
        picture = picture.convert("L")  # most pages: a third of the work and the bytes
    if picture.width > PAGE_WIDTH:
        height = max(1, round(picture.height * PAGE_WIDTH / picture.width))
        picture = picture.resize((PAGE_WIDTH, height))
    out = io.BytesIO()
    picture.save(out, "PNG", compress_level=1)
    return out.getvalue()


def _is_grey(picture: object) -> bool:
    from PIL import Image, ImageChops

    assert isinstance(picture, Image.Image)
    red, green, blue = picture.split()
    same = ImageChops.difference(red, green).getbbox() is None
    return same and ImageChops.difference(green, blue).getbbox() is None


def render_image(data: bytes, source: str) -> Rendered:
    return Rendered("image", [(source, "1", "", reencode(data))], total=1)


def render_pdf(path: Path, source: str, max_pages: int, kind: str = "pdf") -> Rendered:
    """poppler: count the pages, draw the first `max_pages`, extract their text."""
    info = _child(["pdfinfo", str(path)])
    if info.returncode != 0:
        stderr = info.stderr.decode("utf-8", "replace").lower()
        raise PreviewFailed("encrypted" if "password" in stderr else "unreadable")
    match = re.search(rb"^Pages:\s+(\d+)", info.stdout, re.M)
    total = int(match.group(1)) if match else 0
    if total == 0:
        raise PreviewFailed("unreadable")
    shown = min(total, max_pages)
    out_dir = path.parent / f"{path.stem}-pages"
    out_dir.mkdir()
    # Raw PPM: poppler's own PNG encoding is several times slower, and Pillow
    # re-encodes every page anyway.
    drawn = _child(
        ["pdftoppm", "-r", str(DPI), "-f", "1", "-l", str(shown), str(path), f"{out_dir}/p"]
    )
    images = sorted(out_dir.glob("p*.ppm"), key=lambda p: int(p.stem.rsplit("-", 1)[-1]))
    if drawn.returncode != 0 and not images:
        raise PreviewFailed("unreadable")
    text = _child(["pdftotext", "-layout", "-f", "1", "-l", str(shown), str(path), "-"])
    texts = text.stdout.decode("utf-8", "replace").split("\f") if text.returncode == 0 else []
    pages: list[tuple[str, str, str, bytes | None]] = []
    for number, image_path in enumerate(images, start=1):
        page_text = texts[number - 1].strip("\n") if number <= len(texts) else ""
        pages.append((source, str(number), page_text, reencode(image_path.read_bytes())))
        image_path.unlink()
    return Rendered(kind, pages, total=total)


def to_pdf(path: Path, infilter: str | None = None) -> Path:
    """LibreOffice headless converts a document to PDF in the tmpfs; no macro is ever run."""
    profile = WORK / "lo-profile"
    argv = [
        "soffice",
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        "--nologo",
        "--convert-to",
        "pdf",
        "--outdir",
        str(path.parent / "pdf"),
    ]
    if infilter:
        argv.append(f"--infilter={infilter}")
    _child([*argv, str(path)])
    result = path.parent / "pdf" / f"{path.stem}.pdf"
    if not result.exists():
        raise PreviewFailed("unreadable")
    return result


def render_office(data: bytes, extension: str, source: str, max_pages: int) -> Rendered:
    suffix = extension if extension in OFFICE_EXTENSIONS else "bin"
    path = _scratch(f"doc.{suffix}", data)
    rendered = render_pdf(to_pdf(path), source, max_pages, kind="office")
    if has_macros(data):
        rendered.notices.append("macros")
    return rendered


def render_text(text: str, source: str, max_pages: int, kind: str = "text") -> Rendered:
    path = _scratch("text.txt", text.encode("utf-8"))
    rendered = render_pdf(to_pdf(path, "Text (encoded):UTF8,LF,,,"), source, max_pages, kind)
    return rendered


def render_csv(data: bytes, source: str, max_pages: int) -> Rendered:
    path = _scratch("table.csv", decode_text(data).encode("utf-8"))
    # 44 = comma, 34 = double quote, 76 = UTF-8 (LibreOffice's CSV filter options).
    rendered = render_pdf(to_pdf(path, "CSV:44,34,76,1"), source, max_pages, kind="csv")
    return rendered


def decode_text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


_FOLDERS = itertools.count()


def _scratch(name: str, data: bytes) -> Path:
    """A fresh folder in the tmpfs per document (a ZIP holds several)."""
    folder = WORK / f"f{next(_FOLDERS)}"
    folder.mkdir()
    path = folder / name
    path.write_bytes(data)
    return path


# --- e-mail, archives, audio and video ----------------------------------------------------


def mail_text(data: bytes) -> str:
    """The headers a reader needs, the text body, and the attachments listed (not opened)."""
    message = BytesParser(policy=policy.default).parsebytes(data)
    lines = [f"{h}: {message.get(h, '')}" for h in ("From", "To", "Cc", "Date", "Subject")]
    lines = [line for line in lines if not line.endswith(": ")]
    body = message.get_body(preferencelist=("plain", "html"))
    content = ""
    if body is not None:
        try:
            content = body.get_content()
        except (LookupError, ValueError):
            content = ""
        if body.get_content_type() == "text/html":
            content = re.sub(r"<[^>]+>", " ", content)  # read as text, never rendered as HTML
    attached = []
    for part in message.iter_attachments():
        payload = part.get_payload(decode=True) or b""
        name = part.get_filename() or "(uden navn)"
        attached.append(f"  - {name} ({part.get_content_type()}, {len(payload)} B)")
    text = "\n".join(lines) + "\n\n" + content.strip()
    if attached:
        text += "\n\nVedhæftede filer / Attachments:\n" + "\n".join(attached)
    return text


def render_zip(data: bytes, max_pages: int, ocr: bool) -> Rendered:
    """Open the documents inside one level deep, after checking the archive is no bomb."""
    rendered = Rendered("zip")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise PreviewFailed("unreadable") from None
    entries = [e for e in archive.infolist() if not e.is_dir()]
    declared = sum(e.file_size for e in entries)
    if len(entries) > ZIP_MAX_ENTRIES or declared > ZIP_MAX_TOTAL:
        raise PreviewFailed("archive_too_large")
    if any(e.file_size > ZIP_MAX_RATIO * max(e.compress_size, 1) for e in entries):
        raise PreviewFailed("archive_too_large")
    listing = "\n".join(f"{e.filename} ({e.file_size} B)" for e in entries)
    rendered.pages.append(("", "", "Indhold / Contents:\n" + listing, None))
    opened = 0
    for entry in entries:
        if opened >= ZIP_MAX_DOCUMENTS or len(rendered.pages) >= max_pages:
            rendered.notices.append("archive_partly_shown")
            break
        try:
            with archive.open(entry) as member:
                inner = member.read(entry.file_size + 1)
        except RuntimeError:  # zipfile's word for an entry locked with a password
            rendered.problems[len(rendered.pages)] = "encrypted"
            rendered.pages.append((entry.filename, "", "", None))
            continue
        except (zipfile.BadZipFile, NotImplementedError, EOFError, zlib.error):
            rendered.problems[len(rendered.pages)] = "unreadable"
            rendered.pages.append((entry.filename, "", "", None))
            continue
        if len(inner) > entry.file_size:  # the header lied about the size
            raise PreviewFailed("archive_too_large")
        extension = entry.filename.rsplit(".", 1)[-1].lower() if "." in entry.filename else ""
        try:
            if detect(inner, extension) in ("zip", "media"):
                continue
            part = render(inner, extension, entry.filename, max_pages - len(rendered.pages), ocr)
        except PreviewFailed as failed:
            rendered.problems[len(rendered.pages)] = failed.code
            rendered.pages.append((entry.filename, "", "", None))
            continue
        opened += 1
        rendered.pages.extend(part.pages)
        rendered.notices.extend(n for n in part.notices if n not in rendered.notices)
    rendered.total = len(rendered.pages)
    return rendered


def render_media(data: bytes, source: str) -> Rendered:
    """ffprobe for the duration; for video a few frames, spread over its length."""
    path = _scratch("media.bin", data)
    probe = _child(
        ["ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "json", str(path)]
    )
    try:
        info = json.loads(probe.stdout or b"{}")
        duration = float(info.get("format", {}).get("duration", "nan"))
    except (ValueError, TypeError):
        raise PreviewFailed("unreadable") from None
    if probe.returncode != 0 or duration != duration:  # NaN: no duration found
        raise PreviewFailed("unreadable")
    rendered = Rendered("media", duration=duration)
    video = any(s.get("codec_type") == "video" for s in info.get("streams", []))
    if video:
        for index in range(VIDEO_FRAMES):
            at = duration * (index + 0.5) / VIDEO_FRAMES
            out = path.parent / f"frame{index}.png"
            _child(
                ["ffmpeg", "-v", "error", "-ss", f"{at:.2f}", "-i", str(path)]
                + ["-frames:v", "1", "-an", "-y", str(out)]
            )
            if out.exists():
                minutes, seconds = divmod(int(at), 60)
                label = f"{minutes}:{seconds:02d}"
                rendered.pages.append((source, label, "", reencode(out.read_bytes())))
    rendered.total = len(rendered.pages)
    return rendered


def render(data: bytes, extension: str, source: str, max_pages: int, ocr: bool) -> Rendered:
    kind = detect(data, extension)
    if kind == "pdf":
        return render_pdf(_scratch("doc.pdf", data), source, max_pages)
    if kind == "image":
        return render_image(data, source)
    if kind == "office":
        return render_office(data, extension, source, max_pages)
    if kind == "email":
        return render_text(mail_text(data), source, max_pages, kind="email")
    if kind == "csv":
        return render_csv(data, source, max_pages)
    if kind == "text":
        return render_text(decode_text(data), source, max_pages)
    if kind == "zip":
        return render_zip(data, max_pages, ocr)
    return render_media(data, source)


# --- the safe copy ---------------------------------------------------------------------------


def safe_copy(images: list[bytes], ocr: bool) -> bytes:
    """A PDF of the page images only, with no metadata; with OCR, a Danish text layer."""
    import pikepdf
    from PIL import Image

    pdf = pikepdf.Pdf.new()
    for number, png in enumerate(images):
        if ocr:
            page_pdf = _ocr_page(png, number)
        else:
            with Image.open(io.BytesIO(png)) as image:
                buffer = io.BytesIO()
                image.convert("RGB").save(buffer, "PDF", resolution=DPI)
            page_pdf = buffer.getvalue()
        with pikepdf.open(io.BytesIO(page_pdf)) as single:
            pdf.pages.extend(single.pages)
    return _strip(pdf)


def _ocr_page(png: bytes, number: int) -> bytes:
    """tesseract -l dan draws the page image with an invisible text layer over it."""
    image = WORK / f"ocr{number}.png"
    image.write_bytes(png)
    result = _child(["tesseract", str(image), "stdout", "-l", "dan", "--dpi", str(DPI), "pdf"])
    image.unlink()
    if result.returncode != 0 or not result.stdout.startswith(b"%PDF"):
        raise PreviewFailed("ocr_failed")
    return result.stdout


def _strip(pdf: object) -> bytes:
    """Nothing but pages, images and (with OCR) text: no info, XMP, scripts, links, files."""
    import pikepdf

    assert isinstance(pdf, pikepdf.Pdf)
    if "/Info" in pdf.trailer:
        del pdf.trailer["/Info"]
    for key in ("/Metadata", "/Names", "/OpenAction", "/AA", "/AcroForm", "/Outlines"):
        if key in pdf.Root:
            del pdf.Root[key]
    for page in pdf.pages:
        for key in ("/Annots", "/AA", "/Metadata", "/PieceInfo"):
            if key in page.obj:
                del page.obj[key]
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, fix_metadata_version=False)
    return out.getvalue()


def peak_rss_kib() -> int:
    """The largest resident size of this worker or any converter it ran (LibreOffice is the
    big one), as the worker itself sees it; the service keeps the larger of this and the
    sandbox's own figure."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


# --- main ------------------------------------------------------------------------------------


def frames(rendered: Rendered, ocr: bool) -> Iterator[bytes]:
    images = []
    for index, (source, label, text, png) in enumerate(rendered.pages):
        info = {"source": source, "label": label, "text": text}
        if index in rendered.problems:
            info["problem"] = rendered.problems[index]
        yield frame(b"T", json.dumps(info).encode())
        if png is not None:
            images.append(png)
            yield frame(b"I", png)
    if images and rendered.kind != "media":
        yield frame(b"S", safe_copy(images, ocr))
    meta = {
        "kind": rendered.kind,
        "total": rendered.total,
        "notices": rendered.notices,
        "duration": rendered.duration,
        "peak_rss_kib": peak_rss_kib(),
    }
    yield frame(b"M", json.dumps(meta).encode())


def main(argv: list[str]) -> int:
    extension, max_input, max_pages, ocr = argv[0], int(argv[1]), int(argv[2]), argv[3] == "1"
    data = sys.stdin.buffer.read(max_input + 1)
    out = sys.stdout.buffer
    if len(data) > max_input:
        out.write(frame(b"E", b"too_large"))
        return 0
    WORK.mkdir(parents=True, exist_ok=True)
    os.chdir(WORK)
    try:
        rendered = render(data, extension, "", max_pages, ocr)
        del data
        for chunk in frames(rendered, ocr):
            out.write(chunk)
    except PreviewFailed as failed:
        out.write(frame(b"E", failed.code.encode()))
    except subprocess.TimeoutExpired:
        out.write(frame(b"E", b"too_slow"))
    except MemoryError:
        out.write(frame(b"E", b"too_large"))
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
