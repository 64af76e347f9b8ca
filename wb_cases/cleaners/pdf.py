"""PDF cleaned with pikepdf: document information, XMP everywhere, annotation authors and
dates, embedded files, scripts and opening actions; photos inside go through the JPEG
cleaner. Page content (text, drawings) is left as it is.
"""

from __future__ import annotations

import io

from .core import Findings, NotCleanedError
from .images import clean_jpeg

INFO_CODES = {
    "/Author": "author",
    "/Creator": "producer",
    "/Producer": "producer",
    "/Title": "title",
    "/Subject": "title",
    "/Keywords": "title",
    "/CreationDate": "dates",
    "/ModDate": "dates",
}
# Keys that may sit on any object and say who, when or with what.
ANY_OBJECT = {"/Metadata": "xmp", "/PieceInfo": "other", "/LastModified": "dates"}
ANNOT_KEYS = {"/T": "people", "/M": "dates", "/CreationDate": "dates"}
CATALOG_ACTIONS = ("/OpenAction", "/AA")
CATALOG_FILES = ("/AF", "/Collection")


def clean_pdf(data: bytes) -> tuple[memoryview, Findings]:
    import pikepdf

    found = Findings()
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise NotCleanedError("encrypted") from None
    except pikepdf.PdfError:
        raise NotCleanedError("unreadable") from None
    with pdf:
        if pdf.get_warnings():
            # qpdf rebuilt a damaged file: what it recovered may not be all there was, and a
            # reporter's evidence must not shrink; keep it as sent and say so.
            raise NotCleanedError("unreadable")
        _clean_trailer_and_catalog(pdf, found)
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                _clean_object(pdf, obj, found)
        for page in pdf.pages:
            _clean_page(page, found)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, encryption=False)
    _reopen(out)  # read in place: a copy would cost as much memory as the file again
    return out.getbuffer(), found


def _clean_trailer_and_catalog(pdf: object, found: Findings) -> None:
    import pikepdf

    assert isinstance(pdf, pikepdf.Pdf)
    if "/Info" in pdf.trailer:
        for key in pdf.trailer.Info.keys():
            found.removed.add(INFO_CODES.get(str(key), "docinfo"))
        del pdf.trailer["/Info"]
    root = pdf.Root
    for key in CATALOG_ACTIONS:
        if key in root:
            found.removed.add("scripts")
            del root[key]
    for key in CATALOG_FILES:
        if key in root:
            found.removed.add("embedded_files")
            del root[key]
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        if "/EmbeddedFiles" in names:
            found.removed.add("embedded_files")
            del names["/EmbeddedFiles"]
        if "/JavaScript" in names:
            found.removed.add("scripts")
            del names["/JavaScript"]


def _clean_object(pdf: object, obj: object, found: Findings) -> None:
    import pikepdf

    assert isinstance(obj, pikepdf.Dictionary | pikepdf.Stream)
    for key, code in ANY_OBJECT.items():
        if key in obj:
            found.removed.add(code)
            del obj[key]
    if obj.get("/Type") == "/Annot" or "/Subtype" in obj and "/Rect" in obj:
        is_field = "/FT" in obj or obj.get("/Subtype") == "/Widget"  # /T is a field's name
        for key, code in ANNOT_KEYS.items():
            if key in obj and not (key == "/T" and is_field):
                found.removed.add(code)
                del obj[key]
        if "/Contents" in obj and obj.get("/Subtype") in ("/Text", "/FreeText", "/Popup"):
            found.remains.add("comments")
        action = obj.get("/A")
        if isinstance(action, pikepdf.Dictionary) and action.get("/S") == "/JavaScript":
            found.removed.add("scripts")
            del obj["/A"]
        if "/AA" in obj:
            found.removed.add("scripts")
            del obj["/AA"]
    if obj.get("/Type") == "/Filespec" and "/EF" in obj:
        found.removed.add("embedded_files")
        del obj["/EF"]
    if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image":
        _clean_image(obj, found)


def _clean_image(stream: object, found: Findings) -> None:
    import pikepdf

    assert isinstance(stream, pikepdf.Stream)
    if stream.get("/Filter") not in (
        pikepdf.Name.DCTDecode,
        pikepdf.Array([pikepdf.Name.DCTDecode]),
    ):
        return
    raw = stream.read_raw_bytes()
    try:
        cleaned, image_found = clean_jpeg(raw, keep_orientation=False)
    except NotCleanedError:
        found.remains.add("uncleaned_parts")
        return
    if image_found.removed:
        found.removed |= image_found.removed
        stream.write(cleaned, filter=pikepdf.Name.DCTDecode, decode_parms=None)


def _clean_page(page: object, found: Findings) -> None:
    import pikepdf

    assert isinstance(page, pikepdf.Page)
    if "/AA" in page.obj:
        found.removed.add("scripts")
        del page.obj["/AA"]
    annots = page.obj.get("/Annots")
    if isinstance(annots, pikepdf.Array):
        kept = [a for a in annots if a.get("/Subtype") != "/FileAttachment"]
        if len(kept) != len(annots):
            found.removed.add("embedded_files")
            page.obj["/Annots"] = pikepdf.Array(kept)


def _reopen(out: io.BytesIO) -> None:
    import pikepdf

    out.seek(0)
    try:
        with pikepdf.open(out) as again:
            len(again.pages)
    except pikepdf.PdfError:
        raise NotCleanedError("invalid_output") from None
