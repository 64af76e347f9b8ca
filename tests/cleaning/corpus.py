"""A corpus of small files, one per format the cleaner knows, each carrying planted
identifying data: author, last-saved-by, a directory user id, GPS, a camera serial, a
comment, a tracked change, XMP, and a GPS photo inside a PDF and a DOCX.

Every planted value contains `PLANT`, so "nothing survives" is a search for that word in
every layer of the cleaned file (archive members, PDF streams), plus a GPS check on every
photo found inside.
"""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

MARK = b"PLANT"
GPS = {1: "N", 2: (55.0, 40.0, 36.0), 3: "E", 4: (12.0, 34.0, 5.0)}
XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'dc:creator="PLANT-XMP-creator"/></rdf:RDF></x:xmpmeta>'
)


def _exif(orientation: int = 1) -> bytes:
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "PLANT-make"
    exif[0x0110] = "PLANT-model"
    exif[0x013B] = "PLANT-artist"
    if orientation != 1:
        exif[0x0112] = orientation
    exif.get_ifd(0x8769)[0xA431] = "PLANT-camera-serial"  # BodySerialNumber
    exif[0x8825] = GPS
    return exif.tobytes()


def picture(size: tuple[int, int] = (48, 32)) -> object:
    from PIL import Image

    image = Image.new("RGB", size, (200, 120, 40))
    for x in range(size[0]):
        image.putpixel((x, x % size[1]), (x * 5 % 256, 30, 90))
    return image


def jpeg(orientation: int = 6) -> bytes:
    """A portrait phone photo: GPS, camera serial, artist, a comment and XMP."""
    out = io.BytesIO()
    picture().save(  # type: ignore[attr-defined]
        out, "JPEG", exif=_exif(orientation), comment=b"PLANT-comment", xmp=XMP.encode()
    )
    return out.getvalue()


def png() -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "PLANT-png-author")
    info.add_itxt("XML:com.adobe.xmp", XMP)
    out = io.BytesIO()
    picture().save(out, "PNG", pnginfo=info, exif=_exif())  # type: ignore[attr-defined]
    return out.getvalue()


def webp() -> bytes:
    out = io.BytesIO()
    picture().save(out, "WEBP", lossless=True, exif=_exif(), xmp=XMP.encode())  # type: ignore[attr-defined]
    return out.getvalue()


def gif() -> bytes:
    out = io.BytesIO()
    picture().convert("P").save(out, "GIF", comment=b"PLANT-gif-comment")  # type: ignore[attr-defined]
    return out.getvalue()


def _exiftool_plant(path: Path) -> bytes:
    subprocess.run(
        [
            "exiftool",
            "-q",
            "-overwrite_original",
            "-Artist=PLANT-artist",
            "-Make=PLANT-make",
            "-Model=PLANT-model",
            "-SerialNumber=PLANT-camera-serial",
            "-GPSLatitude=55.676",
            "-GPSLatitudeRef=N",
            "-GPSLongitude=12.568",
            "-GPSLongitudeRef=E",
            "-XMP-dc:Creator=PLANT-XMP-creator",
            str(path),
        ],
        check=True,
    )
    return path.read_bytes()


def tiff(tmp: Path) -> bytes:
    path = tmp / "photo.tif"
    picture().save(path, "TIFF")  # type: ignore[attr-defined]
    return _exiftool_plant(path)


def heic(tmp: Path) -> bytes:
    import pillow_heif

    pillow_heif.register_heif_opener()
    path = tmp / "photo.heic"
    picture((64, 64)).save(path, "HEIF", exif=_exif(), xmp=XMP.encode())  # type: ignore[attr-defined]
    return path.read_bytes()


def pdf() -> bytes:
    """Info, XMP, a commented annotation, an embedded file, an opening script, a GPS photo."""
    import pikepdf

    doc = pikepdf.new()
    doc.add_blank_page(page_size=(200, 200))
    doc.docinfo["/Author"] = "PLANT-pdf-author"
    doc.docinfo["/Creator"] = "PLANT-pdf-creator"
    with doc.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = ["PLANT-XMP-creator"]
    page = doc.pages[0]
    photo = jpeg(1)
    image = pikepdf.Stream(doc, photo)
    image.update(
        {
            "/Type": pikepdf.Name.XObject,
            "/Subtype": pikepdf.Name.Image,
            "/Width": 48,
            "/Height": 32,
            "/ColorSpace": pikepdf.Name.DeviceRGB,
            "/BitsPerComponent": 8,
            "/Filter": pikepdf.Name.DCTDecode,
        }
    )
    page.obj["/Resources"] = pikepdf.Dictionary({"/XObject": {"/Im0": image}})
    page.obj["/Contents"] = pikepdf.Stream(doc, b"q 48 0 0 32 10 10 cm /Im0 Do Q")
    page.obj["/PieceInfo"] = pikepdf.Dictionary({"/Editor": pikepdf.String("PLANT-piece")})
    note = pikepdf.Dictionary(
        {
            "/Type": pikepdf.Name.Annot,
            "/Subtype": pikepdf.Name.Text,
            "/Rect": [0, 0, 20, 20],
            "/T": pikepdf.String("PLANT-annotation-author"),
            "/M": pikepdf.String("D:20260301120000"),
            "/Contents": pikepdf.String("se her"),
        }
    )
    page.obj["/Annots"] = doc.make_indirect(pikepdf.Array([doc.make_indirect(note)]))
    doc.attachments["secret.txt"] = pikepdf.AttachedFileSpec(doc, b"PLANT-embedded-file")
    doc.Root["/OpenAction"] = pikepdf.Dictionary(
        {"/S": pikepdf.Name.JavaScript, "/JS": pikepdf.String("app.alert('PLANT-js')")}
    )
    out = io.BytesIO()
    doc.save(out, compress_streams=False)
    return out.getvalue()


ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" '
    'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
    'office:version="1.3"'
)
ANNOTATION = (
    "<office:annotation><dc:creator>PLANT-comment-author</dc:creator>"
    "<dc:date>2026-03-01T12:00:00</dc:date><meta:creator-initials>PL</meta:creator-initials>"
    "<text:p>tjek beløbet</text:p></office:annotation>"
)
TRACKED = (
    '<text:tracked-changes><text:changed-region text:id="ct1"><text:insertion>'
    "<office:change-info><dc:creator>PLANT-tracked-change</dc:creator>"
    "<dc:date>2026-03-01T12:00:00</dc:date></office:change-info>"
    "</text:insertion></text:changed-region></text:tracked-changes>"
)
FRAME = (
    '<draw:frame draw:name="foto" svg:width="2cm" svg:height="1.3cm" text:anchor-type="paragraph">'
    '<draw:image xlink:href="Pictures/photo.jpg" xlink:type="simple"/></draw:frame>'
)
FRAME_ON_SLIDE = FRAME.replace('text:anchor-type="paragraph"', 'svg:x="1cm" svg:y="5cm"')
ODF_BODIES = {
    "text": (
        f"<office:text>{TRACKED}<text:p>Faktura {ANNOTATION}betalt "
        '<text:change-start text:change-id="ct1"/>to gange<text:change-end text:change-id="ct1"/>'
        f"</text:p><text:p>{FRAME}</text:p></office:text>"
    ),
    "spreadsheet": (
        '<office:spreadsheet><table:table table:name="Ark1"><table:table-row>'
        f"<table:table-cell><text:p>Beløb</text:p>{ANNOTATION}</table:table-cell>"
        "</table:table-row></table:table></office:spreadsheet>"
    ),
    "presentation": (
        '<office:presentation><draw:page draw:name="s1">'
        '<draw:frame svg:width="10cm" svg:height="3cm" svg:x="1cm" svg:y="1cm">'
        "<draw:text-box><text:p>Faktura</text:p></draw:text-box></draw:frame>"
        f"{FRAME_ON_SLIDE}"
        f"{ANNOTATION}</draw:page></office:presentation>"
    ),
}
ODF_META = (
    f"<office:document-meta {ODF_NS}><office:meta>"
    "<meta:initial-creator>PLANT-author</meta:initial-creator>"
    "<dc:creator>PLANT-last-saved-by</dc:creator>"
    "<meta:generator>PLANT-generator</meta:generator>"
    '<meta:user-defined meta:name="Ansat">PLANT-custom</meta:user-defined>'
    "</office:meta></office:document-meta>"
)
ODF_SETTINGS = (
    f"<office:document-settings {ODF_NS}><office:settings>"
    '<config:config-item-set config:name="ooo:configuration-settings">'
    '<config:config-item config:name="PrinterName" config:type="string">PLANT-printer'
    "</config:config-item></config:config-item-set></office:settings></office:document-settings>"
)


def odf(kind: str) -> bytes:
    """ODT, ODS or ODP with a comment, (ODT) a tracked change and a GPS photo."""
    body = ODF_BODIES[kind]
    mimetype = f"application/vnd.oasis.opendocument.{kind}"
    manifest = (
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.3">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="Pictures/photo.jpg" manifest:media-type="image/jpeg"/>'
        '<manifest:file-entry manifest:full-path="Thumbnails/thumbnail.png" manifest:media-type="image/png"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr(
            "content.xml",
            f"<office:document-content {ODF_NS}><office:body>{body}</office:body>"
            "</office:document-content>",
            zipfile.ZIP_DEFLATED,
        )
        archive.writestr("meta.xml", ODF_META, zipfile.ZIP_DEFLATED)
        archive.writestr("settings.xml", ODF_SETTINGS, zipfile.ZIP_DEFLATED)
        archive.writestr("Pictures/photo.jpg", jpeg(1))
        archive.writestr("Thumbnails/thumbnail.png", png())
    return out.getvalue()


OOXML_FILTERS = {"odt": "docx", "ods": "xlsx", "odp": "pptx"}
PEOPLE = (
    '<w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
    '<w15:person w15:author="PLANT-people-author"><w15:presenceInfo '
    'w15:providerId="AD" w15:userId="S::PLANT-ad-user@kommune.dk::1234"/></w15:person>'
    "</w15:people>"
)
CORE = (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
    "<dc:creator>PLANT-author</dc:creator><cp:lastModifiedBy>PLANT-last-saved-by</cp:lastModifiedBy>"
    "</cp:coreProperties>"
)


def ooxml(odf_files: dict[str, bytes], tmp: Path) -> dict[str, bytes]:
    """DOCX, XLSX and PPTX made by LibreOffice from the ODF files (comments, tracked changes
    and photos carry over), then given core properties and a people part as Word writes them."""
    made = {}
    for source_kind, target in OOXML_FILTERS.items():
        source = tmp / f"doc.{source_kind}"
        source.write_bytes(odf_files[source_kind])
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{tmp}/lo",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(tmp),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        made[target] = _plant_ooxml((tmp / f"doc.{target}").read_bytes(), target)
    return made


def _plant_ooxml(data: bytes, kind: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = CORE.encode()
            if info.filename == "[Content_Types].xml" and kind == "docx":
                content = content.replace(
                    b"</Types>",
                    b'<Override PartName="/word/people.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.wordprocessingml.people+xml"/></Types>',
                )
            if info.filename == "word/_rels/document.xml.rels":
                content = content.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdPeople" Type="http://schemas.microsoft.com/office/'
                    b'2011/relationships/people" Target="people.xml"/></Relationships>',
                )
            archive.writestr(info.filename, content)
        if kind == "docx":
            archive.writestr("word/people.xml", PEOPLE)
    return out.getvalue()


def zip_archive(extra: dict[str, bytes]) -> bytes:
    """An archive with a comment, member times and extra fields; a photo, a PDF inside a
    ZIP inside it."""
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("notat.pdf", pdf())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.comment = b"PLANT-zip-comment"
        info = zipfile.ZipInfo("foto.jpg", date_time=(2026, 3, 1, 12, 0, 0))
        info.extra = b"\x55\x54\x05\x00\x01\x00\x00\x00\x00"
        archive.writestr(info, jpeg(1))
        archive.writestr("indre.zip", inner.getvalue())
        archive.writestr("noter.txt", "intet skjult her\n")
        for name, content in extra.items():
            archive.writestr(name, content)
    return out.getvalue()


def _ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", *args], check=True, timeout=60)


def mp3(tmp: Path) -> bytes:
    from mutagen.id3 import APIC, COMM, ID3, TPE1

    path = tmp / "lyd.mp3"
    _ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:a", "libmp3lame", str(path))
    tags = ID3()
    tags.add(TPE1(encoding=3, text="PLANT-artist"))
    tags.add(COMM(encoding=3, lang="dan", desc="", text="PLANT-comment"))
    tags.add(APIC(encoding=3, mime="image/jpeg", type=3, desc="", data=jpeg(1)))
    tags.save(path)
    return path.read_bytes()


CHAPTERS = ";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=500\ntitle=PLANT-chapter\n"


def iso_media(tmp: Path, kind: str) -> bytes:
    """MP4, MOV or M4A with title, artist, comment, a location and a chapter."""
    chapters = tmp / "chapters.txt"
    chapters.write_text(CHAPTERS)
    path = tmp / f"film.{kind}"
    inputs = ["-f", "lavfi", "-i", "sine=frequency=440:duration=1"]
    codecs = ["-c:a", "aac"]
    if kind != "m4a":
        inputs = ["-f", "lavfi", "-i", "testsrc=size=64x48:rate=5:duration=1", *inputs]
        codecs = ["-c:v", "mpeg4", *codecs]
    _ffmpeg(
        *inputs,
        "-i",
        str(chapters),
        "-map_metadata",
        str(len(inputs) // 4),
        "-map",
        "0",
        *(["-map", "1"] if kind != "m4a" else []),
        *codecs,
        "-metadata",
        "title=PLANT-title",
        "-metadata",
        "artist=PLANT-artist",
        "-metadata",
        "comment=PLANT-comment",
        "-metadata",
        "location=+55.6761+012.5683/",
        "-movflags",
        "use_metadata_tags",
        str(path),
    )
    return path.read_bytes()


def svg() -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!-- PLANT-svg-comment -->\n'
        '<svg xmlns="http://www.w3.org/2000/svg" '
        'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" '
        'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10" '
        'sodipodi:docname="PLANT-docname.svg" '
        'inkscape:export-filename="/home/PLANT-user/Skrivebord/kort.png">'
        f"<metadata>{XMP}</metadata>"
        '<sodipodi:namedview id="nv" inkscape:current-layer="PLANT-layer"/>'
        '<rect width="5" height="5" fill="red"/>'
        '<image xlink:href="file:///home/PLANT-user/foto.jpg" width="1" height="1"/></svg>'
    ).encode()


def build(tmp: Path) -> dict[str, bytes]:
    """Every format, by the name a reporter's file would have."""
    odfs = {kind[:3]: odf(kind) for kind in ("text", "spreadsheet", "presentation")}
    odfs = {"odt": odfs["tex"], "ods": odfs["spr"], "odp": odfs["pre"]}
    files = {
        "foto.jpg": jpeg(6),
        "skaermbillede.png": png(),
        "billede.webp": webp(),
        "animation.gif": gif(),
        "scan.tif": tiff(tmp),
        "iphone.heic": heic(tmp),
        "notat.pdf": pdf(),
        **{f"dokument.{k}": v for k, v in odfs.items()},
        **{f"dokument.{k}": v for k, v in ooxml(odfs, tmp).items()},
        "bilag.zip": zip_archive({"iphone.heic": heic(tmp)}),
        "optagelse.mp3": mp3(tmp),
        "video.mp4": iso_media(tmp, "mp4"),
        "video.mov": iso_media(tmp, "mov"),
        "lyd.m4a": iso_media(tmp, "m4a"),
        "kort.svg": svg(),
        "noter.txt": "Mødet 3. marts: beløbet er betalt to gange.\n".encode(),
        "tal.csv": b"dato;belob\n2026-03-01;1200\n",
    }
    return files
