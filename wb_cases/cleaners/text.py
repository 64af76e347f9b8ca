"""SVG drawings and plain text."""

from __future__ import annotations

import re
import unicodedata

from .core import Findings, NotCleanedError
from .detect import looks_like_text

EDITOR_NAMESPACES = (
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.inkscape.org/namespaces/inkscape",
    "http://www.bohemiancoding.com/sketch/ns",
    "http://ns.adobe.com/",
    "http://www.serif.com/",
    "http://creativecommons.org/ns#",
)
SVG = "{http://www.w3.org/2000/svg}"
LOCAL_PATH = re.compile(r"^(file:|/|[A-Za-z]:[\\/]|\\\\)")
INVISIBLE_ALLOWED = frozenset({"\ufeff"})  # a byte-order mark at the start says nothing


def _editor(name: str) -> bool:
    return any(name.startswith("{" + ns) for ns in EDITOR_NAMESPACES)


def clean_svg(data: bytes) -> tuple[bytes, Findings]:
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise NotCleanedError("unreadable") from None
    if root.tag != SVG + "svg":
        raise NotCleanedError("unsupported")
    found = Findings()
    if root.getprevious() is not None or root.getnext() is not None:
        found.removed.add("comment")  # comments around the drawing are not written back
    doomed = []
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments and processing instructions
            found.removed.add("comment")
            doomed.append(element)
            continue
        if element.tag == SVG + "metadata" or _editor(element.tag):
            found.removed.add("xmp" if element.tag == SVG + "metadata" else "editor")
            doomed.append(element)
            continue
        for key in list(element.attrib):
            if _editor(key):
                found.removed.add("editor")
                del element.attrib[key]
            elif key.endswith("}href") or key == "href":
                if LOCAL_PATH.match(element.attrib[key]):
                    found.removed.add("paths")
                    element.attrib[key] = ""
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    etree.cleanup_namespaces(root)
    cleaned = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    try:
        again = etree.fromstring(cleaned, parser)
    except etree.XMLSyntaxError:
        raise NotCleanedError("invalid_output") from None
    if again.tag != SVG + "svg":
        raise NotCleanedError("invalid_output")
    return bytes(cleaned), found


def check_text(data: bytes) -> tuple[bytes, Findings]:
    """Plain text hides nothing beyond what it shows, except invisible characters: say so."""
    if not looks_like_text(data):
        raise NotCleanedError("unsupported")
    found = Findings(notes={"plain_text"})
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data, found  # a one-byte code page has no invisible characters
    if any(unicodedata.category(c) == "Cf" and c not in INVISIBLE_ALLOWED for c in set(text)):
        found.remains.add("invisible_characters")
    return data, found
