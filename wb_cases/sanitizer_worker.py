"""Strip hidden information from one file; run only as a short-lived, limited subprocess.

    python -m wb_cases.sanitizer_worker KIND MAX_INPUT MEMORY_BYTES CPU_SECONDS

Reads the plaintext from stdin (at most MAX_INPUT bytes), writes one JSON line
(`{"removed": [...]}`) and then the cleaned file to stdout. Hostile files are
parsed here, never in a web worker (docs/architecture.md § 2): the limits are set before
anything is read, the process may create no file, and any failure is a
non-zero exit that the caller reports as "could not be cleaned".
"""

from __future__ import annotations

import io
import json
import resource
import sys

JPEG_DROP_APP = {0xE1, *range(0xE3, 0xED), 0xED, 0xEF}  # APP1 (Exif, XMP), APP3-13 (IPTC), APP15
JPEG_NO_LENGTH = {0x01, *range(0xD0, 0xD8)}


def _limit(memory_bytes: int, cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # may write no file, only the pipe
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _exif_findings(app1: bytes) -> set[str]:
    from PIL import Image

    found = {"exif"}
    try:
        exif = Image.Exif()
        exif.load(app1[6:])
        if 0x8825 in exif and exif.get_ifd(0x8825):
            found.add("gps")
    except Exception:  # noqa: BLE001, S110 - a broken EXIF block is still removed
        pass
    return found


def _jpeg_orientation(data: bytes) -> int:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return int(image.getexif().get(0x0112, 1) or 1)


def _jpeg_segments(data: bytes) -> tuple[bytes, set[str]]:
    """Copy a JPEG marker by marker, dropping metadata segments and trailing data, losslessly."""
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG")
    out = bytearray(b"\xff\xd8")
    found: set[str] = set()
    pos, size = 2, len(data)
    while pos < size:
        if data[pos] != 0xFF:
            raise ValueError("bad marker")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xD9:  # EOI: anything after it (phone trailers, extra images) is dropped
            out += b"\xff\xd9"
            if pos + 2 < size:
                found.add("trailer")
            return bytes(out), found
        if marker in JPEG_NO_LENGTH:
            out += data[pos : pos + 2]
            pos += 2
            continue
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        segment = data[pos : pos + 2 + length]
        body = segment[4:]
        pos += 2 + length
        if marker == 0xE1:
            if body.startswith(b"Exif\x00"):
                found |= _exif_findings(segment[4:])
            elif b"ns.adobe.com/xap" in body[:64] or b"ns.adobe.com/xmp" in body[:64]:
                found.add("xmp")
            else:
                found.add("other")
            continue
        if marker == 0xED:
            found.add("iptc")
            continue
        if marker == 0xFE:
            found.add("comment")
            continue
        if marker == 0xE2 and not body.startswith(b"ICC_PROFILE\x00"):
            found.add("other")  # MPF, FlashPix: extra images and camera data
            continue
        if marker in JPEG_DROP_APP:
            found.add("other")
            continue
        out += segment
        if marker == 0xDA:  # start of scan: copy entropy-coded data up to the next real marker
            start = pos
            while pos < size - 1:
                if data[pos] == 0xFF and data[pos + 1] != 0 and not 0xD0 <= data[pos + 1] <= 0xD7:
                    break
                pos += 1
            out += data[start:pos]
    raise ValueError("JPEG without end marker")


def clean_jpeg(data: bytes) -> tuple[bytes, set[str]]:
    cleaned, found = _jpeg_segments(data)
    orientation = _jpeg_orientation(data) if "exif" in found else 1
    if orientation != 1:  # dropping EXIF would turn the picture; turn the pixels instead
        from PIL import Image, ImageOps

        with Image.open(io.BytesIO(data)) as image:
            icc = image.info.get("icc_profile")
            turned = ImageOps.exif_transpose(image)
            out = io.BytesIO()
            turned.save(out, "JPEG", quality=95, **({"icc_profile": icc} if icc else {}))
        cleaned = out.getvalue()
    return cleaned, found


def clean_png(data: bytes) -> tuple[bytes, set[str]]:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        if getattr(image, "is_animated", False):
            raise ValueError("animated PNG")
        image.load()
        found: set[str] = set()
        if image.getexif():
            found.add("exif")
            if image.getexif().get_ifd(0x8825):
                found.add("gps")
        text_keys = set(image.info) - {
            "icc_profile",
            "transparency",
            "gamma",
            "dpi",
            "srgb",
            "exif",
        }
        if text_keys:
            found.add("text")
        if "XML:com.adobe.xmp" in image.info:
            found.add("xmp")
        keep = {k: image.info[k] for k in ("transparency",) if k in image.info}
        clean = image.copy()
        clean.info.clear()
        clean.info.update(keep)
        out = io.BytesIO()
        save_args: dict[str, object] = {}
        if "icc_profile" in image.info:
            save_args["icc_profile"] = image.info["icc_profile"]
        if "transparency" in keep:
            save_args["transparency"] = keep["transparency"]
        clean.save(out, "PNG", **save_args)
    return out.getvalue(), found


PDF_INFO_CODES = {
    "/Author": "author",
    "/Creator": "producer",
    "/Producer": "producer",
    "/Title": "title",
    "/Subject": "title",
    "/Keywords": "title",
    "/CreationDate": "dates",
    "/ModDate": "dates",
}


def clean_pdf(data: bytes) -> tuple[bytes, set[str]]:
    import pikepdf

    found: set[str] = set()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/Info" in pdf.trailer:
            for key in pdf.trailer.Info.keys():
                found.add(PDF_INFO_CODES.get(str(key), "docinfo"))
            del pdf.trailer["/Info"]
        if "/Metadata" in pdf.Root:
            found.add("xmp")
            del pdf.Root["/Metadata"]
        if "/PieceInfo" in pdf.Root:
            found.add("other")
            del pdf.Root["/PieceInfo"]
        for page in pdf.pages:
            for key in ("/Metadata", "/PieceInfo"):
                if key in page.obj:
                    found.add("xmp" if key == "/Metadata" else "other")
                    del page.obj[key]
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue(), found


CLEANERS = {"jpeg": clean_jpeg, "png": clean_png, "pdf": clean_pdf}


def main(argv: list[str]) -> int:
    kind, max_input, memory_bytes, cpu_seconds = argv[0], int(argv[1]), int(argv[2]), int(argv[3])
    _limit(memory_bytes, cpu_seconds)
    cleaner = CLEANERS[kind]
    data = sys.stdin.buffer.read(max_input + 1)
    if len(data) > max_input:
        return 3
    cleaned, found = cleaner(data)
    del data
    sys.stdout.buffer.write(json.dumps({"removed": sorted(found)}).encode() + b"\n")
    sys.stdout.buffer.write(cleaned)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Exception:  # noqa: BLE001 - the caller only needs "could not clean"
        sys.exit(2)
