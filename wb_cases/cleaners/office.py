"""Office files (OOXML: DOCX, XLSX, PPTX; ODF: ODT, ODS, ODP) cleaned part by part.

Document properties are emptied; parts that only describe people, printers or
previews are dropped (with their references, so the file still opens); every
author, initials, user id and date on comments and tracked changes is blanked
and revision ids removed; pictures go through the picture cleaners. The text of
comments and tracked changes stays, and the reporter is told so.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable

from .archive import Inflation, ZipOut, archive_findings, members, open_zip
from .core import Findings

OOXML_KINDS = {
    "word/document.xml": "docx",
    "xl/workbook.xml": "xlsx",
    "ppt/presentation.xml": "pptx",
}
ODF_KINDS = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
EPOCH = "2000-01-01T00:00:00Z"

# Parts dropped whole, and what they held.
OMIT = (
    (re.compile(r"^docProps/custom\.xml$"), "custom"),
    (re.compile(r"^docProps/thumbnail\.[a-z]+$"), "thumbnail"),
    (re.compile(r"^Thumbnails/"), "thumbnail"),
    (re.compile(r"^(word|xl|ppt)/printerSettings/"), "printer"),
    (re.compile(r"^word/people\.xml$"), "people"),
    (re.compile(r"^xl/usernames\.xml$"), "people"),
    (re.compile(r"^xl/revisions/"), "revisions"),
    (re.compile(r"^ppt/revisionInfo\.xml$"), "revisions"),  # the editing programs' client ids
    (re.compile(r"^customXml/"), "custom"),
    (re.compile(r"^_xmlsignatures/"), "other"),
    (re.compile(r"^META-INF/documentsignatures\.xml$"), "other"),
)
MEDIA = re.compile(r"^((word|xl|ppt)/media/|Pictures/)")
EMBEDDED = re.compile(r"^((word|xl|ppt)/embeddings/|Object \d+/)")

TRACKED = frozenset(
    "ins del moveFrom moveTo rPrChange pPrChange sectPrChange tblPrChange trPrChange tcPrChange "
    "numberingChange cellIns cellDel cellMerge tblGridChange change-info".split()
)
COMMENT = frozenset("comment cm threadedComment annotation commentEx commentExtensible".split())
PEOPLE_ELEMENTS = frozenset("cmAuthor author person".split())
NAME_ATTRS = frozenset({"author", "initials", "userId", "providerId"})
PERSON_NAME_ATTRS = frozenset({"name", "displayName"})
DATE_ATTRS = frozenset({"date", "dateUtc", "dT", "dt"})
DROP_ELEMENTS = {
    "rsids": "revisions",
    "docId": "revisions",  # one id for every copy and version of a document: links them
    "attachedTemplate": "paths",
    "absPath": "paths",
}
ODF_PERSON = {"creator": "people", "creator-initials": "people", "date": "dates"}
ODF_PRINTER = frozenset({"PrinterName", "PrinterSetup", "PrinterPaperFromSetup"})

CORE_CODES = {
    "creator": "author",
    "lastModifiedBy": "author",
    "initial-creator": "author",
    "created": "dates",
    "modified": "dates",
    "lastPrinted": "dates",
    "creation-date": "dates",
    "print-date": "dates",
    "title": "title",
    "subject": "title",
    "keywords": "title",
    "keyword": "title",
    "description": "title",
    "revision": "revisions",
    "editing-cycles": "revisions",
    "generator": "producer",
    "Application": "producer",
    "AppVersion": "producer",
    "user-defined": "custom",
    "template": "paths",
    "HyperlinkBase": "paths",
}
NEUTRAL_APP = frozenset(
    "DocSecurity ScaleCrop LinksUpToDate SharedDoc HyperlinksChanged Pages Words Characters "
    "Lines Paragraphs CharactersWithSpaces Slides Notes HiddenSlides MMClips PresentationFormat "
    "HeadingPairs TitlesOfParts document-statistic".split()
)


def office_kind(archive: zipfile.ZipFile) -> str | None:
    """DOCX, XLSX, PPTX, ODT, ODS or ODP, by the parts inside; None for a plain archive."""
    names = set(archive.namelist())
    if "[Content_Types].xml" in names:
        for part, kind in OOXML_KINDS.items():
            if part in names:
                return kind
    if "mimetype" in names:
        try:
            return ODF_KINDS.get(archive.read("mimetype").strip())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
    return None


def _parser() -> object:
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _local(name: object) -> str:
    text = str(name)
    return text.rsplit("}", 1)[-1] if "}" in text else text


def _empty_properties(content: bytes, found: Findings) -> bytes:
    """docProps/core.xml, docProps/app.xml or meta.xml with every property taken out."""
    from lxml import etree

    root = etree.fromstring(content, _parser())
    holder = root
    meta = [child for child in root if _local(child.tag) == "meta"]
    if meta:  # ODF: <office:document-meta><office:meta>…
        holder = meta[0]
    for child in list(holder):
        name = _local(child.tag)
        if name in NEUTRAL_APP:
            holder.remove(child)
            continue
        if (child.text or "").strip() or len(child) or child.attrib:
            found.removed.add(CORE_CODES.get(name, "docinfo"))
        holder.remove(child)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _scrub_element(element: object, found: Findings) -> bool:
    """Blank who and when on one element; True when the element itself must go."""
    name = _local(element.tag)  # type: ignore[attr-defined]
    attrib = element.attrib  # type: ignore[attr-defined]
    if name in DROP_ELEMENTS:
        found.removed.add(DROP_ELEMENTS[name])
        return True
    for key in list(attrib):
        local = _local(key)
        if local.startswith("rsid") or local in {"paragraph-rsid"}:
            del attrib[key]
            found.removed.add("revisions")
        elif local in NAME_ATTRS or (name in PEOPLE_ELEMENTS and local in PERSON_NAME_ATTRS):
            if attrib[key]:
                attrib[key] = ""
                found.removed.add("revisions" if name in TRACKED else "people")
        elif local in DATE_ATTRS and (name in TRACKED or name in COMMENT):
            attrib[key] = EPOCH
            found.removed.add("dates")
    if name in TRACKED:
        found.remains.add("tracked_changes")
    if name in COMMENT:
        found.remains.add("comments")
    return False


def _scrub_xml(content: bytes, found: Findings, *, odf: bool) -> bytes:
    from lxml import etree

    root = etree.fromstring(content, _parser())
    doomed = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if _scrub_element(element, found):
            doomed.append(element)
            continue
        name = _local(element.tag)
        if name == "author" and element.text and not len(element):  # xl/comments: <author>
            element.text = ""
            found.removed.add("people")
        if odf and name in ODF_PERSON and element.text:
            element.text = "" if name != "date" else EPOCH
            found.removed.add(ODF_PERSON[name])
        if odf and name == "config-item" and element.get(_config_name(element)) in ODF_PRINTER:
            doomed.append(element)
            found.removed.add("printer")
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _config_name(element: object) -> str:
    for key in element.attrib:  # type: ignore[attr-defined]
        if _local(key) == "name":
            return str(key)
    return "name"


def _omitted(name: str) -> str | None:
    for pattern, code in OMIT:
        if pattern.search(name):
            return code
    return None


def _fix_references(content: bytes, name: str, omitted: set[str]) -> bytes:
    """Drop relationships, content types and manifest entries of parts that were dropped."""
    from lxml import etree

    root = etree.fromstring(content, _parser())
    base = posixpath.dirname(posixpath.dirname(name))  # word/_rels/x.rels → word
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        local = _local(element.tag)
        target = None
        if local == "Relationship" and element.get("TargetMode") != "External":
            raw = element.get("Target", "")
            target = (
                raw.lstrip("/")
                if raw.startswith("/")
                else posixpath.normpath(posixpath.join(base, raw))
            )
        elif local == "Override":
            target = element.get("PartName", "").lstrip("/")
        elif local == "file-entry":
            target = next((v for k, v in element.attrib.items() if _local(k) == "full-path"), None)
        if target is not None and any(
            target == o or target.startswith(o.rstrip("/") + "/") for o in omitted
        ):
            element.getparent().remove(element)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def clean_office(
    data: bytes | memoryview,
    kind: str,
    *,
    depth: int,
    inflation: Inflation,
    clean_member: Callable[[bytes, int, Inflation], tuple[bytes | memoryview, Findings]],
) -> tuple[memoryview, Findings]:
    from lxml import etree

    archive = open_zip(data)
    found = archive_findings(archive)
    odf = kind.startswith("od")
    omitted = {n for n in archive.namelist() if _omitted(n)}
    for name in omitted:
        found.removed.add(str(_omitted(name)))
    out = ZipOut()
    for info, content in members(archive, inflation):
        name = info.filename
        if name in omitted:
            continue
        try:
            content = _clean_part(
                name,
                content,
                found,
                omitted,
                odf=odf,
                depth=depth,
                inflation=inflation,
                clean_member=clean_member,
            )
        except etree.XMLSyntaxError:
            found.remains.add("uncleaned_parts")
        out.add(info, content)
    return out.finish(), found


def _clean_part(
    name: str,
    content: bytes,
    found: Findings,
    omitted: set[str],
    *,
    odf: bool,
    depth: int,
    inflation: Inflation,
    clean_member: Callable[[bytes, int, Inflation], tuple[bytes | memoryview, Findings]],
) -> bytes | memoryview:
    base = posixpath.basename(name)
    if name in ("docProps/core.xml", "docProps/app.xml") or base == "meta.xml":
        return _empty_properties(content, found)
    if name.endswith(".rels") or name in ("[Content_Types].xml", "META-INF/manifest.xml"):
        return _fix_references(content, name, omitted) if omitted else content
    if name.endswith(".xml") and content:
        return _scrub_xml(content, found, odf=odf)
    if (MEDIA.search(name) or EMBEDDED.search(name)) and content:
        cleaned, part_found = clean_member(content, depth + 1, inflation)
        found.merge(part_found)
        return cleaned
    return content
