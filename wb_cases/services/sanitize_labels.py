"""Plain Danish and English words for every code the file cleaner can emit.

A cleaned file carries a tuple of codes (`StagedFile.sanitation`). Exactly one
of them is the outcome:

- `cleaned`: hidden information was found and all of it that we know of removed;
- `partly_cleaned`: some was removed, some is still in the file (`remains:*` says what);
- `none_found`: nothing hidden was found;
- `kept:<why>`: the file was kept exactly as sent, not cleaned, and why.

The others say what was found: `removed:<what>` (found and removed),
`remains:<what>` (found and still in the file), `unchecked:<what>` (could not
be checked) and `note:<what>` (a plain remark). The reporter sees the labels,
never the codes; staff see the same labels before a file leaves the unit.
This module is a pure mapping so any page can render it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Label:
    """One code in plain words: Danish first, then English."""

    da: str
    en: str

    def text(self, language: str) -> str:
        return self.da if language == "da" else self.en


OUTCOMES: dict[str, Label] = {
    "cleaned": Label(
        "Renset: vi har fjernet de skjulte oplysninger, vi fandt.",
        "Cleaned: we removed the hidden information we found.",
    ),
    "partly_cleaned": Label(
        "Delvist renset: noget er fjernet, men filen indeholder stadig noget af det, "
        "der står nedenfor.",
        "Partly cleaned: some was removed, but the file still holds some of what is listed below.",
    ),
    "none_found": Label(
        "Ingen skjulte oplysninger fundet.",
        "No hidden information found.",
    ),
    "kept:choice": Label(
        "Gemt præcis som sendt, som du valgte. Den kan indeholde skjulte oplysninger.",
        "Kept exactly as sent, as you chose. It may contain hidden information.",
    ),
    "kept:unsupported": Label(
        "Gemt som sendt: vi kan ikke rense denne filtype. Den kan indeholde skjulte oplysninger. "
        "Gem den eventuelt som PDF, eller tag et skærmbillede.",
        "Kept as sent: we cannot clean this type of file. It may contain hidden information. "
        "You could save it as PDF or take a screenshot instead.",
    ),
    # Only on files stored before every size the upload limit allows was cleaned.
    "kept:too_large": Label(
        "Gemt som sendt: filen er for stor til at blive renset. Den kan indeholde skjulte "
        "oplysninger.",
        "Kept as sent: the file is too large to clean. It may contain hidden information.",
    ),
    "kept:unreadable": Label(
        "Gemt som sendt: vi kunne ikke læse filen. Den kan indeholde skjulte oplysninger. "
        "Gem den eventuelt igen eller som PDF.",
        "Kept as sent: we could not read the file. It may contain hidden information. "
        "You could save it again, or as PDF.",
    ),
    "kept:encrypted": Label(
        "Gemt som sendt: filen er beskyttet med en adgangskode, så vi kan ikke se ind i den. "
        "Fjern adgangskoden, eller gem den som PDF uden adgangskode.",
        "Kept as sent: the file is protected by a password, so we cannot look inside it. "
        "Remove the password, or save it as a PDF without one.",
    ),
    "kept:bomb": Label(
        "Gemt som sendt: filen pakker sig ud til langt mere, end den fylder, eller er et billede "
        "med urimeligt mange punkter. Vi har ikke åbnet den.",
        "Kept as sent: the file unpacks to far more than its size, or is a picture with an "
        "unreasonable number of pixels. We did not open it.",
    ),
    "kept:limit": Label(
        "Gemt som sendt: det tog for lang tid eller for meget hukommelse at rense filen. "
        "Den kan indeholde skjulte oplysninger.",
        "Kept as sent: cleaning the file took too long or too much memory. "
        "It may contain hidden information.",
    ),
    "kept:budget": Label(
        "Gemt som sendt: der var ikke tid nok til at rense alle filer på én gang. "
        "Send denne fil for sig.",
        "Kept as sent: there was not enough time to clean every file at once. "
        "Send this file on its own.",
    ),
    "kept:invalid_output": Label(
        "Gemt som sendt: den rensede fil kunne ikke åbnes igen, så vi har beholdt den, som den "
        "var. Den kan indeholde skjulte oplysninger.",
        "Kept as sent: the cleaned file could not be opened again, so we kept it as it was. "
        "It may contain hidden information.",
    ),
    "kept:no_sandbox": Label(
        "Gemt som sendt: rensningen er ikke tilgængelig lige nu. Den kan indeholde skjulte "
        "oplysninger.",
        "Kept as sent: cleaning is not available right now. It may contain hidden information.",
    ),
}

REMOVED: dict[str, Label] = {
    "removed:gps": Label(
        "Fjernet: hvor billedet er taget (GPS-position).",
        "Removed: where the picture was taken (GPS position).",
    ),
    "removed:exif": Label(
        "Fjernet: kameradata som mærke, model, serienummer og tidspunkt.",
        "Removed: camera data such as make, model, serial number and time.",
    ),
    "removed:xmp": Label(
        "Fjernet: indlejrede XMP-oplysninger (kan nævne forfatter eller program).",
        "Removed: embedded XMP metadata (may name the author or the program).",
    ),
    "removed:iptc": Label(
        "Fjernet: IPTC-oplysninger (billedtekster, navne, ophavsret).",
        "Removed: IPTC data (captions, names, copyright).",
    ),
    "removed:comment": Label("Fjernet: skjulte kommentarer.", "Removed: hidden comments."),
    "removed:text": Label("Fjernet: skjulte tekstfelter.", "Removed: hidden text fields."),
    "removed:trailer": Label(
        "Fjernet: ekstra data efter billedets slutning.",
        "Removed: extra data after the end of the picture.",
    ),
    "removed:author": Label(
        "Fjernet: forfatterens navn.",
        "Removed: the author's name.",
    ),
    "removed:people": Label(
        "Fjernet: navne og brugernavne på personer, der har arbejdet i filen "
        "(for eksempel ved kommentarer).",
        "Removed: names and user names of people who worked on the file (for example on comments).",
    ),
    "removed:revisions": Label(
        "Fjernet: hvem der ændrede hvad og hvornår (ændringsmarkeringer og revisionsnumre).",
        "Removed: who changed what and when (tracked-change authors and revision ids).",
    ),
    "removed:producer": Label(
        "Fjernet: programmet, der lavede filen.",
        "Removed: the program that made the file.",
    ),
    "removed:title": Label(
        "Fjernet: titel, emne og nøgleord.",
        "Removed: title, subject and keywords.",
    ),
    "removed:dates": Label(
        "Fjernet: hvornår filen blev lavet og ændret.",
        "Removed: when the file was created and changed.",
    ),
    "removed:docinfo": Label(
        "Fjernet: andre dokumentoplysninger (firma, skabelon, redigeringstid).",
        "Removed: other document information (company, template, editing time).",
    ),
    "removed:custom": Label(
        "Fjernet: egne dokumentegenskaber.",
        "Removed: custom document properties.",
    ),
    "removed:paths": Label(
        "Fjernet: filstier og mappenavne (kan indeholde dit brugernavn).",
        "Removed: file paths and folder names (may contain your user name).",
    ),
    "removed:thumbnail": Label(
        "Fjernet: et lille forhåndsbillede.",
        "Removed: a small preview picture.",
    ),
    "removed:printer": Label(
        "Fjernet: printeroplysninger.",
        "Removed: printer settings.",
    ),
    "removed:embedded_files": Label(
        "Fjernet: filer, der lå gemt inde i filen.",
        "Removed: files hidden inside the file.",
    ),
    "removed:scripts": Label(
        "Fjernet: programkode og handlinger, der kører, når filen åbnes.",
        "Removed: scripts and actions that run when the file is opened.",
    ),
    "removed:archive_info": Label(
        "Fjernet: arkivets kommentar, tidspunkter og ekstra felter.",
        "Removed: the archive's comment, times and extra fields.",
    ),
    "removed:tags": Label(
        "Fjernet: lydfilens mærker (kunstner, titel, album, kommentarer).",
        "Removed: the recording's tags (artist, title, album, comments).",
    ),
    "removed:cover": Label("Fjernet: omslagsbillede.", "Removed: a cover picture."),
    "removed:chapters": Label("Fjernet: kapitelmærker.", "Removed: chapter marks."),
    "removed:editor": Label(
        "Fjernet: tegneprogrammets oplysninger (filnavne, eksportstier).",
        "Removed: the drawing program's data (file names, export paths).",
    ),
    "removed:other": Label(
        "Fjernet: andre skjulte oplysninger.",
        "Removed: other hidden information.",
    ),
}

REMAINS: dict[str, Label] = {
    "remains:comments": Label(
        "Stadig i filen: kommentarernes tekst (navne og tidspunkter er fjernet).",
        "Still in the file: the text of comments (names and times removed).",
    ),
    "remains:tracked_changes": Label(
        "Stadig i filen: ændringsmarkeringer, også slettet tekst (navne og tidspunkter er "
        "fjernet).",
        "Still in the file: tracked changes, including deleted text (names and times removed).",
    ),
    "remains:uncleaned_parts": Label(
        "Stadig i filen: dele, vi ikke kunne rense (for eksempel en indlejret fil af en type, "
        "vi ikke kender). De kan indeholde skjulte oplysninger.",
        "Still in the file: parts we could not clean (for example an embedded file of a type "
        "we do not know). They may contain hidden information.",
    ),
    "remains:invisible_characters": Label(
        "Stadig i filen: usynlige tegn i teksten, som kan bruges til at kende en bestemt kopi "
        "igen.",
        "Still in the file: invisible characters in the text, which can mark a particular copy.",
    ),
    "remains:metadata": Label(
        "Stadig i filen: nogle oplysninger, vi ikke kunne fjerne uden at ødelægge filen.",
        "Still in the file: some information we could not remove without damaging the file.",
    ),
}

UNCHECKED: dict[str, Label] = {
    "unchecked:content": Label(
        "Ikke kontrolleret: det, filen viser (tekst, billeder, lyd), kan stadig pege på dig.",
        "Not checked: what the file shows (text, pictures, sound) can still point to you.",
    ),
    "unchecked:embedded": Label(
        "Ikke kontrolleret: indlejrede objekter, vi ikke kan åbne.",
        "Not checked: embedded objects we cannot open.",
    ),
}

NOTES: dict[str, Label] = {
    "note:plain_text": Label(
        "Almindelig tekst: den kan ikke gemme andet end det, du kan læse.",
        "Plain text: it cannot hide anything beyond what you can read.",
    ),
    "note:renamed_type": Label(
        "Filens navn passer ikke til dens indhold; vi har renset den efter indholdet.",
        "The file's name does not match its content; we cleaned it by its content.",
    ),
}

LABELS: dict[str, Label] = {**OUTCOMES, **REMOVED, **REMAINS, **UNCHECKED, **NOTES}

FORMATS: dict[str, Label] = {
    "jpeg": Label("JPEG-billede", "JPEG picture"),
    "png": Label("PNG-billede", "PNG picture"),
    "webp": Label("WebP-billede", "WebP picture"),
    "gif": Label("GIF-billede", "GIF picture"),
    "tiff": Label("TIFF-billede", "TIFF picture"),
    "heic": Label("HEIC-billede", "HEIC picture"),
    "pdf": Label("PDF-dokument", "PDF document"),
    "docx": Label("Word-dokument", "Word document"),
    "xlsx": Label("Excel-regneark", "Excel spreadsheet"),
    "pptx": Label("PowerPoint-præsentation", "PowerPoint presentation"),
    "odt": Label("OpenDocument-tekst", "OpenDocument text"),
    "ods": Label("OpenDocument-regneark", "OpenDocument spreadsheet"),
    "odp": Label("OpenDocument-præsentation", "OpenDocument presentation"),
    "zip": Label("ZIP-arkiv", "ZIP archive"),
    "mp3": Label("MP3-lyd", "MP3 audio"),
    "m4a": Label("M4A-lyd", "M4A audio"),
    "mp4": Label("MP4-video", "MP4 video"),
    "mov": Label("MOV-video", "MOV video"),
    "svg": Label("SVG-tegning", "SVG drawing"),
    "text": Label("Tekstfil", "Text file"),
}


def is_outcome(code: str) -> bool:
    return code in OUTCOMES


def label_texts(codes: tuple[str, ...] | list[str], language: str) -> list[str]:
    """The labels of `codes` in a fixed order (outcome first), unknown codes left out."""
    order = list(LABELS)
    known = sorted(set(codes) & set(order), key=order.index)
    return [LABELS[code].text(language) for code in known]
