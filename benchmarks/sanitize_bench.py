"""Cleaning throughput and the sandboxed cleaner's peak memory, per format.

Files are generated in the run (build/bench-tmp): a 20 MiB portrait JPEG with GPS, a
50 MiB PDF of photos with EXIF, a 20 MiB DOCX with pictures, a 100 MiB MP4 with tags.
Each is cleaned by a fresh interpreter that streams it from disk into the sandbox, so
the peak RSS (`SandboxResult.peak_rss_kib`, the sandbox's own high-water mark) is not
inflated by a large parent. Goals: PDF 50 MiB within 10 s, MP4 100 MiB within 5 s,
peak RSS at most twice the file plus 128 MiB (docs/security.md, "Files").
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TMP = ROOT / "build" / "bench-tmp"
MIB = 1024 * 1024

MEASURE = """
import json, sys
from wb_cases.services.sanitize import clean_chunks
path = sys.argv[1]
size = __import__("os").path.getsize(path)
def chunks():
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            yield block
with open(path, "rb") as handle:
    head = handle.read(65536)
result = clean_chunks(chunks(), head, size, name=path)
print(json.dumps({"codes": result.codes, "rss": result.peak_rss_kib, "s": result.seconds}))
"""


def _noise_jpeg(width: int, height: int, *, gps: bool) -> bytes:
    from PIL import Image

    image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    exif = Image.Exif()
    exif[0x0110] = "Bench phone"
    exif[0x0112] = 6
    if gps:
        exif[0x8825] = {1: "N", 2: (55.0, 40.0, 36.0), 3: "E", 4: (12.0, 34.0, 5.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95, exif=exif.tobytes())
    return out.getvalue()


def make_jpeg(target: int) -> bytes:
    data = _noise_jpeg(2000, 1000, gps=True)
    height = int(1000 * target / len(data))
    return _noise_jpeg(2000, height, gps=True)


def make_pdf(target: int) -> bytes:
    import pikepdf

    photo = _noise_jpeg(1024, 512, gps=True)
    pdf = pikepdf.new()
    pdf.docinfo["/Author"] = "Bench Author"
    for _ in range(target // len(photo) + 1):
        pdf.add_blank_page(page_size=(600, 300))
        page = pdf.pages[-1]
        image = pikepdf.Stream(pdf, photo)
        image.update(
            {
                "/Type": pikepdf.Name.XObject,
                "/Subtype": pikepdf.Name.Image,
                "/Width": 1024,
                "/Height": 512,
                "/ColorSpace": pikepdf.Name.DeviceRGB,
                "/BitsPerComponent": 8,
                "/Filter": pikepdf.Name.DCTDecode,
            }
        )
        page.obj["/Resources"] = pikepdf.Dictionary({"/XObject": {"/Im0": image}})
        page.obj["/Contents"] = pikepdf.Stream(pdf, b"q 600 0 0 300 0 0 cm /Im0 Do Q")
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def make_docx(target: int) -> bytes:
    photo = _noise_jpeg(1024, 512, gps=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        archive.writestr(
            "docProps/core.xml",
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            "<dc:creator>Bench Author</dc:creator></cp:coreProperties>",
        )
        body = "".join(
            f'<w:p w:rsidR="00A1B2C3"><w:r><w:t>Afsnit {i}</w:t></w:r></w:p>' for i in range(2000)
        )
        archive.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>",
        )
        for i in range(target // len(photo) + 1):
            archive.writestr(f"word/media/image{i}.jpeg", photo)
    return out.getvalue()


def make_mp4(target: int) -> bytes:
    path = TMP / "source.mp4"
    subprocess.run(  # noqa: S603 - Debian's ffmpeg, fixed arguments
        [
            "/usr/bin/ffmpeg",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=1280x720:rate=25,noise=alls=60:allf=t",
            "-t",
            "8",
            "-fs",
            str(target),
            "-c:v",
            "mpeg4",
            "-q:v",
            "1",
            "-metadata",
            "title=Bench title",
            "-metadata",
            "location=+55.6761+012.5683/",
            "-f",
            "mp4",
            str(path),
        ],
        check=True,
    )
    return path.read_bytes()


CASES = (
    ("jpeg_20mib", "photo.jpg", make_jpeg, 20 * MIB, "report"),
    ("pdf_50mib", "document.pdf", make_pdf, 50 * MIB, "<= 10000"),
    ("docx_20mib", "document.docx", make_docx, 20 * MIB, "report"),
    ("mp4_100mib", "video.mp4", make_mp4, 100 * MIB, "<= 5000"),
)


def _measure(path: Path) -> dict[str, object]:
    out = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", MEASURE, str(path)],
        capture_output=True,
        check=True,
        cwd=ROOT,
        text=True,
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def run() -> list[dict[str, object]]:
    TMP.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, object]] = []
    for label, filename, make, target, goal in CASES:
        path = TMP / filename
        path.write_bytes(make(target))
        size_mib = path.stat().st_size / MIB
        result = _measure(path)
        path.unlink()
        codes = list(result["codes"])  # type: ignore[call-overload]
        print(f"  {label}: {size_mib:.1f} MiB → {codes}", file=sys.stderr)
        cleaned = codes[0] in ("cleaned", "partly_cleaned", "none_found")
        seconds = float(result["s"]) if cleaned else float("inf")  # type: ignore[arg-type]
        rows.append(
            {"name": f"sanitize_{label}_ms", "value": seconds * 1000, "unit": "ms", "goal": goal}
        )
        rows.append(
            {
                "name": f"sanitize_{label}_peak_rss_mib",
                "value": int(result["rss"]) / 1024,  # type: ignore[call-overload]
                "unit": "MiB",
                "goal": f"<= {2 * size_mib + 128:.0f}",
            }
        )
    (TMP / "source.mp4").unlink(missing_ok=True)
    return rows
